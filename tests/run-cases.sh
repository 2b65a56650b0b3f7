#!/bin/sh
# run-cases.sh BINDIR [CASE ...]: run golden cases (tests/cases/TOOL/NNN-name/
# and the rows of the tables tests/cases/TOOL.test, tests/run-table.sh).
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
# run_one DIR TOOL STDIN: TOOL with DIR's args, from DIR, as a case runs:
# $tmp/out, $tmp/out.norm (norm_run), $tmp/err and $tmp/status
run_one() {
	(
		cd "$1" || exit 2
		export LC_ALL=C CORPUS=../../../../../shared/corpus
		export SAMPLES=../../../../samples TZ=UTC
		TOOL="$bindir/$2"
		[ -n "$VALGRIND" ] && TOOL="valgrind -q --error-exitcode=99 $TOOL"
		eval "$TOOL $(cat args)" < "$3" > "$tmp/out" 2> "$tmp/err.raw"
		echo $? > "$tmp/status"
		# the binary's folder differs between builds: show it as bin/
		sed "s|$bindir/|bin/|g" "$tmp/err.raw" > "$tmp/err"
	)
	cp "$tmp/out" "$tmp/out.norm"
	norm_run "$1" "$tmp/out.norm"
}
# compare NAME DIR: the last run against DIR/expected.*; "ok NAME" or
# "FAIL NAME" with the diffs
compare() {
	fail=
	for s in out.norm err status; do
		if ! diff -u --label "$1/expected.${s%.norm}" \
		    --label "actual.${s%.norm}" "$2/expected.${s%.norm}" \
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
	check "$1" "${fail:-0}"
}
. "$top/tests/run-table.sh"

[ $# -gt 0 ] || set -- "$top"/tests/cases/*/*/ "$top"/tests/cases/*.test
for c in "$@"; do
	c=${c%/}
	case $c in /*) ;; *) c=$here/$c ;; esac
	case $c in *.test) [ ! -f "$c" ] || run_table "$c"; continue ;; esac
	name=${c#"$top"/tests/cases/}
	tool=$(basename "$(dirname "$c")")
	[ -f "$c/args" ] || { check "$name: no args file" 1; continue; }
	if grep -q '\$CORPUS\|\${CORPUS' "$c/args" && ! have_corpus "$name"; then
		continue
	fi
	in=/dev/null
	[ -f "$c/stdin" ] && in=$c/stdin
	run_one "$c" "$tool" "$in"
	if [ -n "$UPDATE" ]; then
		cp "$tmp/out.norm" "$c/expected.out"
		cp "$tmp/err" "$c/expected.err"
		cp "$tmp/status" "$c/expected.status"
	fi
	compare "$name" "$c"
done
finish
