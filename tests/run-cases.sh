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
# stdout is also checked against schemas/records.md.  Prints "ok CASE" or
# "FAIL CASE" with the diffs, and ends with finish.  UPDATE=1 rewrites the
# expected files (review the diff); VALGRIND=1 runs the tool under valgrind.
suite=run-cases prefix=
here=$(pwd)
. "$(dirname "$0")/lib.sh"
bindir=$bin
shift
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
	if [ -n "$UPDATE" ]; then
		cp "$tmp/out" "$c/expected.out"
		cp "$tmp/err" "$c/expected.err"
		cp "$tmp/status" "$c/expected.status"
	fi
	fail=
	for s in out err status; do
		if ! diff -u --label "$name/expected.$s" --label "actual.$s" \
		    "$c/expected.$s" "$tmp/$s" > "$tmp/diff"; then
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
