# lib.sh: what the check scripts share.  A suite is a script called as
# "tests/NAME.sh BINDIR" that sets suite=NAME, sources this file
# (". tests/lib.sh": dash's "." passes no arguments), runs its checks and
# ends with finish.  After sourcing, $top is the project (and the current
# folder), $bin the commands under test, $tmp a folder removed at exit, and
# $corpus the corpus beside the project (../shared/corpus) or "".
#
# check TITLE STATUS [DETAIL]  "ok NAME: TITLE" when STATUS is 0, else
#                              "FAIL NAME: TITLE: DETAIL"
# skip TITLE REASON            "SKIP NAME: TITLE: REASON"
# result LINE                  LINE as it is ("ok ...", "FAIL ...",
#                              "SKIP ..."), for drivers that name their
#                              own checks (run-cases.sh sets prefix= so
#                              that its lines carry no "NAME: ")
# results < FILE               each line of FILE, those that start with
#                              ok, FAIL or SKIP counted as by result (a
#                              helper's own check lines)
# have_corpus TITLE            returns 0 when the corpus is there; else
#                              skips TITLE (a FAIL when the environment
#                              sets POREVIEW_REQUIRE_CORPUS=1, as .ci/run
#                              does) and returns 1
# finish                       "done NAME: N checks" (N counts every ok,
#                              FAIL and SKIP line, subshells included);
#                              exits 1 if a check failed or the suite set
#                              status=1, else 0
#
# A suite must reach finish: tests/run-all.sh counts a suite that exits
# before it, dies by a signal or prints another number of check lines than
# finish counted as a failure (tests/run-lib.sh), and when a suite is run
# by hand, leaving early is said on stderr.
: "${prefix=$suite: }"
lib_done=
trap 'lib_rc=$?
[ -n "$lib_done" ] ||
    echo "# $suite: stopped before finish (exit $lib_rc)" >&2
[ -z "$tmp" ] || rm -rf "$tmp"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=
bin=$(cd "${1:?usage: $0 BINDIR}" && pwd) || exit 2
cd "$top" || exit 2
tmp=$(mktemp -d) ||
    { echo "# $suite: cannot make a temporary folder" >&2; exit 2; }
corpus=$(cd "$top/../shared/corpus" 2>/dev/null && pwd)
[ -n "$corpus" ] && [ -f "$corpus/MANIFEST.md" ] || corpus=
status=0
: > "$tmp/.checks"
result() {
	echo "$1"
	echo "${1%% *}" >> "$tmp/.checks"
}
results() {
	while IFS= read -r lib_line; do
		case $lib_line in
		"ok "*|"FAIL "*|"SKIP "*) result "$lib_line" ;;
		*) echo "$lib_line" ;;
		esac
	done
}
check() {
	if [ "$2" -eq 0 ]; then result "ok $prefix$1"
	else result "FAIL $prefix$1${3:+: $3}"; fi
}
skip() {
	result "SKIP $prefix$1: $2"
}
have_corpus() {
	[ -n "$corpus" ] && return 0
	if [ "${POREVIEW_REQUIRE_CORPUS:-}" = 1 ]; then
		check "$1" 1 "../shared/corpus is absent (POREVIEW_REQUIRE_CORPUS=1)"
	else
		skip "$1" "../shared/corpus is absent"
	fi
	return 1
}
finish() {
	echo "done $suite: $(wc -l < "$tmp/.checks") checks"
	lib_done=1
	! grep -q '^FAIL' "$tmp/.checks" || status=1
	exit $status
}
