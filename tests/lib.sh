# lib.sh: what the check scripts share, sourced by a script called with
# BINDIR as "suite=NAME; . tests/lib.sh" (dash's "." passes no arguments);
# after which $top is the project, $bin the commands under test, $tmp a
# folder removed at exit, and check TITLE STATUS [DETAIL] prints
# "ok NAME: TITLE" or "FAIL NAME: TITLE: DETAIL" and remembers a failure
# in $status.
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "$1" && pwd) || exit 2
cd "$top" || exit 2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
status=0
check() {
	if [ "$2" -eq 0 ]; then echo "ok $suite: $1"
	else echo "FAIL $suite: $1${3:+: $3}"; status=1; fi
}
