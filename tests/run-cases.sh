#!/bin/sh
# run-cases.sh BINDIR [CASE ...]: run golden cases (tests/cases/TOOL/NNN-name/).
#
# A case folder holds `args` (one line: the arguments, shell words, may
# redirect), optional `stdin`, and `expected.out`, `expected.err`,
# `expected.status`.  The tool is the name of the folder above the case.
# Each case runs from its own folder with LC_ALL=C; $CORPUS and $SAMPLES
# name ../shared/corpus and samples/ by paths relative to it, so the
# expected output is the same on every machine; a case whose args name
# $CORPUS is skipped when the corpus is absent (tests/lib.sh).  A stream on
# stdout is also checked against schemas/records.md.  In po-check's run
# record, a reference file's CRC-32 and length that are right for the file
# it names read {crc} and {length} (norm_run), so that editing the sample
# catalog or rules changes no expected file; a wrong one shows as it is.
# Prints "ok CASE" or "FAIL CASE" with the diffs, and ends with finish.
# UPDATE=1 rewrites the expected files (review the diff); VALGRIND=1 runs
# the tool under valgrind.
suite=run-cases prefix=
here=$(pwd)
. "$(dirname "$0")/lib.sh"
bindir=$bin
shift

# refsum FILE: "CRC-32 length" of FILE, the CRC from the trailer gzip
# writes (little-endian), computed apart from po-check's zlib; cached
refsum() {
	rs_sum=$(awk -v f="$1" '$1 == f { print $2, $3; exit }' \
	    "$tmp/.sums" 2> /dev/null)
	if [ -z "$rs_sum" ]; then
		rs_sum="$(gzip -c < "$1" | tail -c 8 | od -An -tx1 -N4 |
		    awk '{ print $4 $3 $2 $1 }') $(wc -c < "$1")"
		echo "$1 $rs_sum" >> "$tmp/.sums"
	fi
	echo "$rs_sum"
}
# norm_run DIR FILE: FILE's run record with each reference file's
# checksum and length as {crc} and {length} where they are right for the
# file it names (relative to DIR)
norm_run() {
	grep -q '^run	' "$2" || return 0
	set -- "$1" "$2" $(awk -F '\t' '$1 == "run" { print $5, $8; exit }' "$2")
	[ $# -eq 4 ] || return 0
	nr_a=-; nr_b=-
	case $3 in /*) ;; *) set -- "$1" "$2" "$1/$3" "$4" ;; esac
	case $4 in /*) ;; *) set -- "$1" "$2" "$3" "$1/$4" ;; esac
	[ -f "$3" ] && nr_a=$(refsum "$(readlink -f "$3")")
	[ -f "$4" ] && nr_b=$(refsum "$(readlink -f "$4")")
	awk -F '\t' -v OFS='\t' -v a="$nr_a" -v b="$nr_b" '
	$1 == "run" && !done {
		done = 1
		if ($6 " " $7 == a) { $6 = "{crc}"; $7 = "{length}" }
		if ($9 " " $10 == b) { $9 = "{crc}"; $10 = "{length}" }
	}
	{ print }' "$2" > "$2.norm" && mv "$2.norm" "$2"
}
[ $# -gt 0 ] || set -- "$top"/tests/cases/*/*/
for c in "$@"; do
	c=${c%/}
	case $c in /*) ;; *) c=$here/$c ;; esac
	name=${c#"$top"/tests/cases/}
	tool=$(basename "$(dirname "$c")")
	[ -f "$c/args" ] || { check "$name: no args file" 1; continue; }
	if grep -q '\$CORPUS\|\${CORPUS' "$c/args" && ! have_corpus "$name"; then
		continue
	fi
	(
		cd "$c" || exit 2
		export LC_ALL=C CORPUS=../../../../../shared/corpus
		export SAMPLES=../../../../samples TZ=UTC
		TOOL="$bindir/$tool"
		[ -n "$VALGRIND" ] && TOOL="valgrind -q --error-exitcode=99 $TOOL"
		in=/dev/null
		[ -f stdin ] && in=stdin
		eval "$TOOL $(cat args)" < "$in" > "$tmp/out" 2> "$tmp/err.raw"
		echo $? > "$tmp/status"
		# the binary's folder differs between builds: show it as bin/
		sed "s|$bindir/|bin/|g" "$tmp/err.raw" > "$tmp/err"
	)
	cp "$tmp/out" "$tmp/out.norm"
	norm_run "$c" "$tmp/out.norm"
	if [ -n "$UPDATE" ]; then
		cp "$tmp/out.norm" "$c/expected.out"
		cp "$tmp/err" "$c/expected.err"
		cp "$tmp/status" "$c/expected.status"
	fi
	fail=
	for s in out.norm err status; do
		if ! diff -u --label "$name/expected.${s%.norm}" \
		    --label "actual.${s%.norm}" "$c/expected.${s%.norm}" \
		    "$tmp/$s" > "$tmp/diff"; then
			fail=1
			sed 's/^/# /' "$tmp/diff"
		fi
	done
	if head -n 1 "$tmp/out" | grep -q '^#poreview-records' &&
	    ! "$top/tests/check-records.sh" "$tmp/out" > "$tmp/diff"; then
		fail=1
		sed 's/^/# /' "$tmp/diff"
	fi
	check "$name" "${fail:-0}"
done
finish
