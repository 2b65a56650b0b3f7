# run-lib.sh: how tests/run-all.sh runs one suite and judges whether it ran
# whole; sourced, with $run_tmp a folder it may write in.  tests/runner.sh
# tries it on small suites made to fail in each way.
#
# run_suite LABEL NAME COMMAND [ARG...]
#	runs COMMAND (a suite of tests/lib.sh or a unit test of
#	tests/unit/test.h) with stdin from /dev/null and stderr into stdout,
#	and copies its output to stdout with LABEL put after a leading ok,
#	FAIL or SKIP ("ok release ledger: ...").  Then it prints one line
#	"FAIL LABEL NAME: WHY" if the suite did not run whole:
#	- it died by a signal (exit status over 128);
#	- its output lacks the closing line "done NAME: N checks" (it exited
#	  before finish or test_done, as a sanitizer's exit 86 does);
#	- it printed another number of ok, FAIL and SKIP lines than N;
#	- N is 0;
#	- it exited non-zero without a FAIL line.
#	Returns 0 whatever the suite did: its lines say it.
run_suite() {
	run_label=$1 run_name=$2
	shift 2
	run_sed='s/^\(ok\|FAIL\|SKIP\) /\1 '"$run_label"' /'
	[ -n "$run_label" ] || run_sed=
	{ "$@" < /dev/null 2>&1; echo $? > "$run_tmp/rc"; } |
	    tee "$run_tmp/out" | sed "$run_sed"
	run_rc=$(cat "$run_tmp/rc")
	run_seen=$(grep -c '^\(ok\|FAIL\|SKIP\) ' "$run_tmp/out")
	run_said=$(sed -n 's/^done [^ ]*: \([0-9][0-9]*\) checks$/\1/p' \
	    "$run_tmp/out" | tail -n 1)
	run_st="exit $run_rc"
	[ "$run_rc" -ne 86 ] || run_st="exit 86, a sanitizer report"
	run_why=
	if [ "$run_rc" -gt 128 ]; then
		run_why="killed by signal $(kill -l $((run_rc - 128)) 2>/dev/null ||
		    echo $((run_rc - 128))) ($run_st)"
	elif [ -z "$run_said" ]; then
		run_why="stopped before its end ($run_st, no closing line)"
	elif [ "$run_said" -ne "$run_seen" ]; then
		run_why="declared $run_said checks, printed $run_seen"
	elif [ "$run_said" -eq 0 ]; then
		run_why="ran no checks"
	elif [ "$run_rc" -ne 0 ] && ! grep -q '^FAIL ' "$run_tmp/out"; then
		run_why="$run_st without a failed check"
	fi
	[ -z "$run_why" ] ||
	    echo "FAIL ${run_label:+$run_label }$run_name: $run_why"
	return 0
}
