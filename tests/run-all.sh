#!/bin/sh
# run-all.sh: everything `make test` runs, under the release build and
# again under AddressSanitizer + UndefinedBehaviorSanitizer (build/asan).
# Every test prints "ok NAME" or "FAIL NAME"; the last line is the one
# summary CI reads: "N passed, N failed".  Exits 1 if anything failed.
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
log=$(mktemp) || exit 2
trap 'rm -f "$log"' EXIT
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=86
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

for build in release asan; do
	echo "## $build build"
	for t in build/$build/unit/test_*; do
		"$t" schemas/records.md 2>&1 || [ $? -ne 86 ] ||
		    echo "FAIL $t: sanitizer report"
	done
	tests/run-cases.sh build/$build/bin 2>&1 | sed "s/^\(ok\|FAIL\) /\1 $build /"
	tests/corpus.sh build/$build/bin 2>&1 | sed "s/^\(ok\|FAIL\) /\1 $build /"
	tests/formats.sh build/$build/bin 2>&1 | sed "s/^\(ok\|FAIL\) /\1 $build /"
	tests/samples.sh build/$build/bin 2>&1 | sed "s/^\(ok\|FAIL\) /\1 $build /"
	tests/ledger.sh build/$build/bin 2>&1 | sed "s/^\(ok\|FAIL\) /\1 $build /"
	tests/stream.sh build/$build/bin 2>&1 | sed "s/^\(ok\|FAIL\) /\1 $build /"
	tests/keep.sh build/$build/bin 2>&1 | sed "s/^\(ok\|FAIL\) /\1 $build /"
	tests/change.sh build/$build/bin 2>&1 | sed "s/^\(ok\|FAIL\) /\1 $build /"
	tests/catalog.sh build/$build/bin 2>&1 | sed "s/^\(ok\|FAIL\) /\1 $build /"
	tests/weeks.sh build/$build/bin 2>&1 | sed "s/^\(ok\|FAIL\) /\1 $build /"
	tests/property.sh build/$build/bin 2>&1 | sed "s/^\(ok\|FAIL\) /\1 $build /"
	tests/csat.sh build/$build/bin 2>&1 | sed "s/^\(ok\|FAIL\) /\1 $build /"
	tests/csat-partial.sh build/$build/bin 2>&1 | sed "s/^\(ok\|FAIL\) /\1 $build /"
	tests/csat-hand.sh build/$build/bin 2>&1 | sed "s/^\(ok\|FAIL\) /\1 $build /"
	tests/csat-csv.sh build/$build/bin 2>&1 | sed "s/^\(ok\|FAIL\) /\1 $build /"
	tests/inbox.sh build/$build/bin $build 2>&1 | sed "s/^\(ok\|FAIL\) /\1 $build /"
done | tee "$log"
tests/hostile.sh build/release/bin 2>&1 | tee -a "$log"
tests/sheet.sh build/release/bin 2>&1 | tee -a "$log"
tests/install.sh 2>&1 | tee -a "$log"

passed=$(grep -c '^ok ' "$log")
failed=$(grep -c '^FAIL' "$log")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
