#!/usr/bin/env bash
# tests/bench/csat.sh: time csat-sum on synthetic survey exports (make
# bench runs it after the order benchmarks; BENCH_ONLY=csat make bench, or
# this script alone, runs only it).
#
# For each size in BENCH_CSAT_SIZES it writes that many responses of the
# sample survey (samples/survey.xml) as one Google Forms CSV with
# tests/bench/gen-csat.c into BENCH_DIR/csat-SIZE.csv, runs
# `csat-sum -d samples/survey.xml -o BENCH_DIR/csat-SIZE.xlsx` on it
# BENCH_RUNS times under GNU time (exit 0 and a whole zip: unzip -tq), and
# once `csat-sum --partial` (whose `responses` cells must add up to SIZE,
# with no bad row: the check that every response was read). It reports the
# median wall time, responses per second, and the largest peak RSS of the
# runs, and whether memory is flat: the peak RSS at the largest size over
# the smallest at most 1.25. The CSV files and workbooks are deleted at
# exit.
#
# It exits 0 whether the goal holds or not, non-zero when something fails
# to run.
#
# Environment:
#   BENCH_CSAT_SIZES  responses per data set, default "100000 1000000"
#   BENCH_RUNS        timed runs per size, default 3
#   BENCH_DIR         where data sets go, default /tmp/poreview-bench;
#                     must lie outside the project tree
#   BENCH_SEED        generator seed, default 1
#   CSAT_SUM          the command to time, default bin/csat-sum
#   CC                compiler for the generator, default cc
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
root=$(cd "$here/../.." && pwd -P)

BENCH_CSAT_SIZES=${BENCH_CSAT_SIZES:-100000 1000000}
BENCH_RUNS=${BENCH_RUNS:-3}
BENCH_DIR=${BENCH_DIR:-/tmp/poreview-bench}
BENCH_SEED=${BENCH_SEED:-1}
CSAT_SUM=${CSAT_SUM:-$root/bin/csat-sum}
CC=${CC:-cc}
TIME=/usr/bin/time
SURVEY=$root/samples/survey.xml
FLAT_RATIO=1.25

die() { printf 'bench csat: %s\n' "$*" >&2; exit 1; }
isnum() { [[ $1 =~ ^[1-9][0-9]*$ ]]; }
median() { sort -g | awk '{ a[NR] = $1 } END {
	if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

isnum "$BENCH_RUNS" || die "BENCH_RUNS must be a positive integer, not '$BENCH_RUNS'"
isnum "$BENCH_SEED" || [[ $BENCH_SEED == 0 ]] || die "BENCH_SEED must be a number"
read -r -a sizes <<< "$BENCH_CSAT_SIZES"
(( ${#sizes[@]} > 0 )) || die "BENCH_CSAT_SIZES is empty"
for n in "${sizes[@]}"; do
	isnum "$n" || die "BENCH_CSAT_SIZES: '$n' is not a positive integer"
done
if ! [[ -x $TIME ]] || ! "$TIME" -f '%e %M' -o /dev/null true 2> /dev/null; then
	die "GNU time is needed at $TIME (apt-get install time)"
fi
csat_sum=$(command -v "$CSAT_SUM") ||
	die "no csat-sum at '$CSAT_SUM': run make first, or set CSAT_SUM"
command -v unzip > /dev/null || die "unzip is needed to check the workbooks"
bench_dir=$(realpath -m -- "$BENCH_DIR")
case "$bench_dir/" in
"$root"/*) die "BENCH_DIR '$bench_dir' lies inside the project tree" ;;
/) die "BENCH_DIR may not be /" ;;
esac
mkdir -p "$bench_dir" "$root/build/bench"

gen=$root/build/bench/gen-csat
if [[ ! -x $gen || $here/gen-csat.c -nt $gen ]]; then
	printf 'bench csat: building %s\n' "${gen#"$root"/}"
	"$CC" -std=c11 -D_DEFAULT_SOURCE -O2 -Wall -Wextra -Werror -o "$gen" \
	    "$here/gen-csat.c"
fi

work=$(mktemp -d "$bench_dir/csat.XXXXXX")
trap 'rm -rf "$work"' EXIT

# one timed run: prints "seconds peak_kib"
run_csat() {	# OUT ARGS...
	local out=$1 st=0
	shift
	"$TIME" -o "$work/time" -f '%e %M' "$csat_sum" -d "$SURVEY" "$@" \
	    > "$out" 2> "$work/err" || st=$?
	(( st == 0 )) || die "csat-sum $* failed (status $st): $(head -3 "$work/err")"
	cat "$work/time"
}

results=()
for n in "${sizes[@]}"; do
	csv=$work/csat-$n.csv
	"$gen" -n "$n" -s "$BENCH_SEED" > "$csv" 2> "$work/gen" ||
		die "gen-csat failed: $(cat "$work/gen")"
	bytes=$(stat -c %s "$csv")
	printf 'bench csat: %s\n' "$(cat "$work/gen")"
	: > "$work/times"
	for (( r = 0; r < BENCH_RUNS; r++ )); do
		rm -f "$work/book.xlsx"
		run_csat /dev/null -o "$work/book.xlsx" "$csv" >> "$work/times"
		unzip -tq "$work/book.xlsx" > /dev/null ||
			die "csat-sum wrote a broken workbook at $n responses"
	done
	read -r pt prss < <(run_csat "$work/part.tsv" --partial "$csv")
	# the random respondents and times meet now and then: a repeat
	# (csatpart's repeats) is read too, and left out
	got=$(awk -F '\t' '$1 == "csatcell" && $4 == "responses" { s += $6 }
	    $1 == "csatpart" { b += $7; r += $9 } END { print s + r, b + 0 }' "$work/part.tsv")
	[[ $got == "$n 0" ]] ||
		die "--partial at $n responses: responses with repeats and bad rows are '$got'"
	t=$(cut -d' ' -f1 "$work/times" | median)
	rss=$(cut -d' ' -f2 "$work/times" | sort -n | tail -1)
	results+=("$n $bytes $t $rss $pt $prss")
	rm -f "$csv"
done

echo
echo "csat-sum: one Google Forms CSV, workbook (median of $BENCH_RUNS runs;" \
    "peak RSS the largest; MiB = 2^20 bytes); --partial timed once"
printf '%10s %9s %9s %12s %9s %10s %11s %12s\n' "responses" "CSV MiB" "median" \
    "responses/s" "MiB/s" "peakRSS" "--partial" "partial RSS"
for res in "${results[@]}"; do
	read -r n bytes t rss pt prss <<< "$res"
	awk -v n="$n" -v b="$bytes" -v t="$t" -v rss="$rss" -v pt="$pt" -v prss="$prss" \
	    'BEGIN { if (t <= 0) t = 0.01
		printf "%10d %9.1f %8.2fs %12.0f %9.1f %6.1f MiB %10.2fs %8.1f MiB\n",
		    n, b / 1048576, t, n / t, b / 1048576 / t, rss / 1024, pt, prss / 1024 }'
done
read -r _ _ _ first _ _ <<< "${results[0]}"
read -r _ _ _ last _ _ <<< "${results[${#results[@]} - 1]}"
awk -v a="$first" -v b="$last" -v goal="$FLAT_RATIO" 'BEGIN {
	r = b / a
	printf "memory flat (peak RSS largest / smallest size <= %.2f): %.2f %s\n",
	    goal, r, r <= goal ? "yes" : "NO" }'
echo
echo "commands:"
printf '  %q -n N -s %s > csat-N.csv\n' "$gen" "$BENCH_SEED"
printf "  %s -f '%%e %%M' %q -d %q -o csat-N.xlsx csat-N.csv\n" "$TIME" "$csat_sum" "$SURVEY"
printf "  %s -f '%%e %%M' %q -d %q --partial csat-N.csv > part.tsv\n" "$TIME" "$csat_sum" "$SURVEY"
