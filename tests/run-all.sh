#!/bin/sh
# run-all.sh [NAME ...]: everything `make test` runs, under the release
# build and again under AddressSanitizer + UndefinedBehaviorSanitizer
# (build/asan), the two side by side (POREVIEW_TEST_SERIAL=1: one after
# the other); with NAMEs, only those suites and unit tests (test_rec).
# Every check prints "ok …", "FAIL …" or "SKIP …: reason"; a suite or unit
# test that exits before its closing line, dies by a signal or prints
# another number of checks than it counted is one more FAIL naming it
# (tests/run-lib.sh).  The last line is the one summary CI reads:
# "N passed, N failed, N skipped".  Exits 1 if anything failed.
#
# A new suite, tests/NAME.sh BINDIR ending with finish (tests/lib.sh), is
# one line in one of the lists below.  It runs with POREVIEW_BUILD set
# to release or asan, the build whose commands BINDIR holds.
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
# The suites' temporary folders go on a tmpfs when TMPDIR names none and
# /dev/shm has 4 GiB free: the suites commit SQLite ledgers thousands of
# times, and each commit waited for the disk (3 ms an fsync here), and
# weeks.sh writes a gigabyte of reviews.
run_shm=
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ] &&
    [ "$(df -Pk /dev/shm | awk 'NR == 2 { print $4 }')" -gt 4194304 ] &&
    run_shm=$(mktemp -d /dev/shm/poreview-test.XXXXXX); then
	# others may pass through, as through /tmp (inbox.sh runs a check
	# as nobody); each suite's own folder in it is private
	chmod 755 "$run_shm"
	export TMPDIR=$run_shm
fi
run_tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$run_tmp" $run_shm' EXIT
. tests/run-lib.sh
log=$run_tmp/log
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=86
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# run under each build
each_build='
run-cases
corpus
formats
samples
ledger
stream
keep
change
mapreduce
catalog
weeks
property
csat
csat-partial
csat-hand
csat-csv
inbox
inbox-signed
signoff
decide
respond
per
'
# run once, under the release build: after the release build's suites,
# or after the sanitizer build's (to even the two lanes out)
once='
hostile
sheet
install
runner
'
once_beside_asan='
print
'

wanted() {
	[ -z "$only" ] || case " $only " in *" $1 "*) ;; *) return 1 ;; esac
}
# lane BUILD: the unit tests and the suites of each build, under BUILD
lane() {
	echo "## $1 build"
	export POREVIEW_BUILD=$1
	run_tmp=$run_top/$1
	mkdir "$run_tmp" || exit 2
	for t in build/$1/unit/test_*; do
		wanted "${t##*/}" && run_suite $1 "${t##*/}" "$t" schemas/records.md
	done
	for s in $each_build; do
		wanted $s && run_suite $1 $s tests/$s.sh build/$1/bin
	done
}
# once NAME SUITES: suites run once, under the release build
once() {
	echo "## once"
	export POREVIEW_BUILD=release
	run_tmp=$run_top/$1
	mkdir "$run_tmp" || exit 2
	for s in $2; do
		wanted $s && run_suite "" $s tests/$s.sh build/release/bin
	done
}
# sanitizers: the ASan build's suites, then the fuzz harnesses' corpora
# and saved crash inputs (make fuzz-replay), then the rest of the once
# suites
sanitizers() {
	lane asan
	run_tmp=$run_top/fuzz
	mkdir "$run_tmp" || exit 2
	wanted fuzz && run_suite "" fuzz tests/fuzz.sh build/fuzzers
	once once2 "$once_beside_asan"
	echo "## sanitizers done"
}
only=$*
run_top=$run_tmp
# The sanitizer build's suites run beside the release build's, one on
# each core (POREVIEW_TEST_SERIAL=1: one after the other); their lines
# wait in a file and come after the release build's and the once suites'.
# The lanes took 120 s and 75 s with print.sh in the first; it is the
# last of the second now.
if [ "${POREVIEW_TEST_SERIAL:-}" = 1 ]; then
	{ lane release; once once "$once"; sanitizers; } | tee "$log"
else
	sanitizers > "$run_top/sanitizers" 2>&1 &
	san=$!
	{ lane release; once once "$once"; } | tee "$log"
	wait $san
	tee -a "$log" < "$run_top/sanitizers"
	# a lane that died in the middle is a failure, not fewer checks
	grep -q '^## sanitizers done$' "$run_top/sanitizers" ||
	    echo "FAIL sanitizers: the asan build's lane stopped before its end" |
	    tee -a "$log"
fi

passed=$(grep -c '^ok ' "$log")
failed=$(grep -c '^FAIL ' "$log")
skipped=$(grep -c '^SKIP ' "$log")
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
