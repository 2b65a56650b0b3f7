#!/bin/sh
# run.sh BINDIR SECONDS NAME...: make fuzz.  Runs each harness SECONDS on
# a scratch copy of its corpus (tests/fuzz/corpus.sh), so no new input
# lands in the project; a crash input is kept in build/fuzz/crashes/ (to
# be saved in tests/fuzz/regress/NAME once fixed).  One line a harness:
# executions, time, coverage, crashes; exits 1 if any crashed.
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=$(cd "$1" && pwd) || exit 2
secs=$2
shift 2
cd "$top" || exit 2
. tests/fuzz/corpus.sh
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
mkdir -p build/fuzz/crashes
status=0
for name; do
	mkdir "$tmp/$name" "$tmp/$name.seeds"
	fuzz_corpus "$name" "$tmp/$name.seeds"
	"$bin/$name" -max_total_time="$secs" -print_final_stats=1 \
	    -artifact_prefix="build/fuzz/crashes/$name-" \
	    "$tmp/$name" "$tmp/$name.seeds" > "$tmp/$name.log" 2>&1
	st=$?
	cp "$tmp/$name.log" "build/fuzz/crashes/$name.log"
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$tmp/$name.log")
	cov=$(grep -E '^#[0-9]+' "$tmp/$name.log" | tail -n 1 |
	    sed -n 's/.*\(cov: [0-9]*\) \(ft: [0-9]*\).*/\1 \2/p')
	crash=$(sed -n 's/.*Test unit written to //p' "$tmp/$name.log")
	echo "fuzz $name: ${runs:-?} runs in ${secs} s, ${cov:-no coverage}," \
	    "corpus $(ls "$tmp/$name" | wc -l) new inputs${crash:+, CRASH: $crash}"
	[ $st -eq 0 ] || { status=1; grep -m 3 -e ERROR: -e 'runtime error' \
	    -e 'check failed' "$tmp/$name.log"; }
done
exit $status
