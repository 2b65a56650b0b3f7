#!/bin/sh
# tests/scale/run.sh: what `make test-scale` runs after installing its
# packages (not part of `make test`): poreview installed (make install) in
# a temporary prefix the test workers can read, then the suites
# tests/scale/parallel.sh (GNU parallel over ssh to two users of this
# machine) and tests/scale/slurm.sh (a one-node Slurm), each judged as
# tests/run-all.sh judges a suite; the last line "N passed, N failed,
# N skipped".  Needs root: it adds users and starts sshd and Slurm's
# daemons, and removes and stops them at the end.
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
if [ "$(id -u)" != 0 ]; then
	echo "tests/scale/run.sh: needs root (make test-scale says why)" >&2
	exit 2
fi
run_tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$run_tmp"' EXIT
chmod 755 "$run_tmp"
. tests/run-lib.sh
log=$run_tmp/log
make -s --no-print-directory install PREFIX="$run_tmp/prefix" \
    > "$run_tmp/install" 2>&1 ||
    { cat "$run_tmp/install"; echo "FAIL make install"; exit 1; }
for s in parallel slurm; do
	run_suite "" scale-$s tests/scale/$s.sh "$run_tmp/prefix/bin"
done | tee "$log"
passed=$(grep -c '^ok ' "$log")
failed=$(grep -c '^FAIL ' "$log")
skipped=$(grep -c '^SKIP ' "$log")
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
