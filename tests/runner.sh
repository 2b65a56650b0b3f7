#!/bin/sh
# runner.sh BINDIR: the test runner itself.  Small suites made here, in a
# copy of tests/lib.sh and tests/unit/test.h with no corpus beside it, go
# through run_suite (tests/run-lib.sh, what run-all.sh does for each suite):
# a suite that ends well adds no line; one that exits early, dies by a
# signal, cannot make its temporary folder, loses a check line, counts
# none, or exits non-zero without a failed check adds one FAIL naming it; a
# unit test that dies by a signal likewise.  The corpus is skipped when
# absent, a failure under POREVIEW_REQUIRE_CORPUS=1.
suite=runner
. "$(dirname "$0")/lib.sh"
. tests/run-lib.sh
run_tmp=$tmp/run
mkdir -p "$run_tmp" "$tmp/p/tests/unit"
cp tests/lib.sh "$tmp/p/tests/"
cp tests/unit/test.h "$tmp/p/tests/unit/"

# fake NAME: tests/NAME.sh of the fake project, from stdin after its head
fake() {
	{ printf 'suite=%s\n. "$(dirname "$0")/lib.sh"\n' "$1"; cat; } \
	    > "$tmp/p/tests/$1.sh"
	chmod +x "$tmp/p/tests/$1.sh"
}
# runs NAME [ENV...]: run_suite on the fake suite NAME into $tmp/NAME.out;
# its temporary folder in ours, so that one killed leaves nothing behind
runs() {
	r_name=$1
	shift
	# the fake suites see POREVIEW_REQUIRE_CORPUS only when a check sets
	# it: .ci/run exports it for the real ones
	run_suite fake "$r_name" env -u POREVIEW_REQUIRE_CORPUS TMPDIR="$tmp" \
	    "$@" "$tmp/p/tests/$r_name.sh" "$bin" > "$tmp/$r_name.out"
}
# verdict NAME: the line run_suite added to NAME's own, or nothing
verdict() {
	[ "$(wc -l < "$tmp/$1.out")" -gt "$(wc -l < "$run_tmp/out")" ] &&
	    tail -n 1 "$tmp/$1.out"
}
# judged NAME VERDICT TITLE [ENV...]: run the fake suite NAME; the line
# run_suite adds must be "FAIL fake NAME: VERDICT", or none if VERDICT is ""
judged() {
	j_name=$1 j_want=${2:+"FAIL fake $1: $2"} j_title=$3
	shift 3
	runs "$j_name" "$@"
	[ "$(verdict "$j_name")" = "$j_want" ]
	check "$j_title" $? "$(cat "$tmp/$j_name.out")"
}

fake good <<'EOF'
check "a holds" 0
skip "a skipped" "no reason to run it"
(check "a check in a subshell" 0)
finish
EOF
judged good "" "a suite that ends with finish: nothing added"
grep -q '^ok fake good: a holds$' "$tmp/good.out" &&
    grep -q '^SKIP fake good: a skipped: no reason to run it$' "$tmp/good.out" &&
    grep -q '^done good: 3 checks$' "$tmp/good.out"
check "its lines labelled, a check in a subshell counted" $? \
    "$(cat "$tmp/good.out")"

fake failing <<'EOF'
check "a holds" 0
check "a fails" 1 "as it should"
finish
EOF
judged failing "" "a failed check is its own FAIL line, nothing added"
grep -q '^FAIL fake failing: a fails: as it should$' "$tmp/failing.out"
check "the failed check's line" $? "$(cat "$tmp/failing.out")"

fake early <<'EOF'
check "a holds" 0
exit 2
check "never reached" 0
finish
EOF
judged early "stopped before its end (exit 2, no closing line)" \
    "a suite that exits early is a FAIL naming it"
grep -q '^# early: stopped before finish (exit 2)$' "$tmp/early.out"
check "and it says so on stderr" $? "$(cat "$tmp/early.out")"

printf 'check "a holds" 0\nexit 0\nfinish\n' | fake early0
judged early0 "stopped before its end (exit 0, no closing line)" \
    "a suite that exits 0 before finish is a FAIL"

printf 'check "a holds" 0\nkill -KILL $$\nfinish\n' | fake killed
judged killed "killed by signal KILL (exit 137)" \
    "a suite killed by a signal is a FAIL naming the signal"

judged good "stopped before its end (exit 2, no closing line)" \
    "TMPDIR=/nonexistent: the suite cannot start, a FAIL" TMPDIR=/nonexistent

fake swallowed <<'EOF'
check "a holds" 0
x=$(check "a check whose line is lost" 0)
finish
EOF
judged swallowed "declared 2 checks, printed 1" \
    "a check line lost on the way is a FAIL"

echo finish | fake empty
judged empty "ran no checks" "a suite with no checks is a FAIL"

printf 'check "a holds" 0\nstatus=3\nfinish\n' | fake quiet
judged quiet "exit 3 without a failed check" \
    "a non-zero exit without a FAIL line is a FAIL"

fake corpus <<'EOF'
have_corpus "the corpus documents" || finish
check "never reached without a corpus" 1
finish
EOF
judged corpus "" "no corpus beside the project: the suite ends well"
[ "$(grep -c '^ok \|^FAIL ' "$tmp/corpus.out")" -eq 0 ] &&
    grep -q '^SKIP fake corpus: the corpus documents: ../shared/corpus is absent$' \
    "$tmp/corpus.out"
check "and says SKIP with the reason" $? "$(cat "$tmp/corpus.out")"
runs corpus POREVIEW_REQUIRE_CORPUS=1
grep -q '^FAIL fake corpus: the corpus documents: ../shared/corpus is absent (POREVIEW_REQUIRE_CORPUS=1)$' \
    "$tmp/corpus.out"
check "no corpus under POREVIEW_REQUIRE_CORPUS=1: FAIL" $? "$(cat "$tmp/corpus.out")"
mkdir -p "$tmp/shared/corpus" && : > "$tmp/shared/corpus/MANIFEST.md"
runs corpus
grep -q '^FAIL fake corpus: never reached without a corpus$' "$tmp/corpus.out"
check "a corpus beside the project is used" $? "$(cat "$tmp/corpus.out")"

# a unit test of test.h: whole, then killed by SIGSEGV half way
cat > "$tmp/p/tests/unit/test_fake.c" <<'EOF'
#include <signal.h>
#include <stdlib.h>
#include "test.h"
static void test_holds(void) { CHECK(1 + 1 == 2); }
static void test_crash(void) { if (getenv("CRASH")) raise(SIGSEGV); }
int
main(void)
{
	test_name = "fake";
	RUN(test_holds);
	RUN(test_crash);
	return test_done();
}
EOF
if ${CC:-cc} -o "$tmp/p/tests/unit/test_fake" "$tmp/p/tests/unit/test_fake.c" \
    2> "$tmp/cc.err"; then
	run_suite fake test_fake "$tmp/p/tests/unit/test_fake" > "$tmp/u.out"
	[ -z "$(grep '^FAIL' "$tmp/u.out")" ] &&
	    grep -q '^done fake: 2 checks$' "$tmp/u.out"
	check "a unit test that ends with test_done: no FAIL" $? "$(cat "$tmp/u.out")"
	run_suite fake test_fake env CRASH=1 "$tmp/p/tests/unit/test_fake" \
	    > "$tmp/u.out"
	[ "$(grep '^FAIL' "$tmp/u.out")" = \
	    "FAIL fake test_fake: killed by signal SEGV (exit 139)" ] &&
	    grep -q '^ok fake fake: test_holds$' "$tmp/u.out"
	check "a unit test that segfaults is a FAIL naming it" $? "$(cat "$tmp/u.out")"
else
	check "cc compiles a unit test of test.h" 1 "$(cat "$tmp/cc.err")"
fi
finish
