#!/usr/bin/env bash
# tests/bench/run.sh: time po-parse against the xmllint floor (make bench).
#
# For each size in BENCH_SIZES it generates that many UBL orders with
# tests/bench/gen-orders.c into BENCH_DIR/SIZE (kept and reused while the
# size, seed and generator source stay the same), then runs po-parse and
# `xmllint --stream --noout` over all of them BENCH_RUNS times each and
# reports the median wall time and the largest peak RSS (GNU time).
# It reports whether the goals hold (po-parse no slower than xmllint,
# peak RSS under 24 MiB) but exits 0 either way; it exits non-zero when
# something fails to run, po-parse included.
#
# Environment:
#   BENCH_SIZES   orders per data set, default "10000 100000"
#   BENCH_RUNS    timed runs per tool and size, default 3
#   BENCH_DIR     where data sets go, default /tmp/poreview-bench;
#                 must lie outside the project tree
#   BENCH_SEED    generator seed, default 1
#   BENCH_VERIFY  1 (default): one untimed po-parse run first, whose
#                 `order` and `line` records must match the generated counts
#   PO_PARSE      the parser to time, default bin/po-parse
#   CC            compiler for the generator, default cc
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
root=$(cd "$here/../.." && pwd -P)

BENCH_SIZES=${BENCH_SIZES:-10000 100000}
BENCH_RUNS=${BENCH_RUNS:-3}
BENCH_DIR=${BENCH_DIR:-/tmp/poreview-bench}
BENCH_SEED=${BENCH_SEED:-1}
BENCH_VERIFY=${BENCH_VERIFY:-1}
PO_PARSE=${PO_PARSE:-$root/bin/po-parse}
CC=${CC:-cc}
TIME=/usr/bin/time
XARGS_N=5000            # files per xmllint process
RSS_GOAL_MIB=24

die() { printf 'bench: %s\n' "$*" >&2; exit 1; }
isnum() { [[ $1 =~ ^[1-9][0-9]*$ ]]; }

# ---- checks ----
isnum "$BENCH_RUNS" || die "BENCH_RUNS must be a positive integer, not '$BENCH_RUNS'"
isnum "$BENCH_SEED" || [[ $BENCH_SEED == 0 ]] || die "BENCH_SEED must be a number"
read -r -a sizes <<< "$BENCH_SIZES"
(( ${#sizes[@]} > 0 )) || die "BENCH_SIZES is empty"
for n in "${sizes[@]}"; do
	isnum "$n" || die "BENCH_SIZES: '$n' is not a positive integer"
done
if ! [[ -x $TIME ]] || ! "$TIME" -f '%e %M' -o /dev/null true 2> /dev/null; then
	die "GNU time is needed at $TIME (apt-get install time)"
fi
command -v xmllint > /dev/null || die "xmllint is needed (apt-get install libxml2-utils)"
po_parse=$(command -v "$PO_PARSE") ||
	die "no po-parse at '$PO_PARSE': run make first, or set PO_PARSE"

bench_dir=$(realpath -m -- "$BENCH_DIR")
case "$bench_dir/" in
"$root"/*) die "BENCH_DIR '$bench_dir' lies inside the project tree" ;;
/) die "BENCH_DIR may not be /" ;;
esac
mkdir -p "$bench_dir"

# ---- the generator ----
gen=$root/build/bench/gen-orders
gen_cmd=("$CC" -std=c11 -D_DEFAULT_SOURCE -O2 -Wall -Wextra -Werror
	-o "$gen" "$here/gen-orders.c")
mkdir -p "$root/build/bench"
if [[ ! -x $gen || $here/gen-orders.c -nt $gen ]]; then
	printf 'bench: building %s\n' "${gen#"$root"/}"
	"${gen_cmd[@]}"
fi
gen_sum=$(cksum < "$here/gen-orders.c" | cut -d' ' -f1)

work=$(mktemp -d "$bench_dir/run.XXXXXX")
trap 'rm -rf "$work"' EXIT

# prepare N: sets $d, $list, $orders, $lines, $bytes
prepare() {
	local n=$1 want stamp out t0 t1 count
	d=$bench_dir/$n
	list=$d/files.list0
	stamp=$d/stamp
	want="n=$n seed=$BENCH_SEED gen=$gen_sum"
	if [[ -f $stamp && -f $list ]] && [[ $(head -n 1 "$stamp") == "$want" ]]; then
		printf 'bench: reusing %s\n' "$d"
	else
		if [[ -e $d ]]; then
			# only ever remove a folder this script made
			[[ -f $d/.poreview-bench ]] ||
				die "'$d' exists and was not made by this bench: remove it or set BENCH_DIR"
			rm -rf -- "$d"
		fi
		mkdir -p "$d"
		: > "$d/.poreview-bench"
		printf 'bench: generating %d orders into %s\n' "$n" "$d"
		t0=$(date +%s.%N)
		out=$("$gen" -n "$n" -o "$d/orders" -s "$BENCH_SEED")
		t1=$(date +%s.%N)
		find "$d/orders" -type f -name '*.xml' -print0 | sort -z > "$list"
		count=$(tr -cd '\0' < "$list" | wc -c)
		(( count == n )) || die "expected $n files in $d/orders, found $count"
		printf '%s\n%s\n' "$want" "$out" > "$stamp.tmp"
		mv "$stamp.tmp" "$stamp"
		awk -v t0="$t0" -v t1="$t1" -v out="$out" 'BEGIN {
			split(out, f, /[ =]/); s = t1 - t0; if (s <= 0) s = 0.001
			printf "bench: generated %d orders, %d lines, %.1f MiB in %.2f s (%.0f MiB/s)\n",
			    f[2], f[4], f[6] / 1048576, s, f[6] / 1048576 / s }'
	fi
	# second line of the stamp: orders=N lines=L bytes=B seed=S
	read -r orders lines bytes < <(sed -n 2p "$stamp" |
		awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
		       print v["orders"], v["lines"], v["bytes"] }')
	[[ $orders == "$n" && -n $lines && -n $bytes ]] || die "bad stamp file $stamp"
}

median() { sort -g | awk '{ a[NR] = $1 } END {
	if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
maxof() { awk '/^[0-9.]+$/ && $1 + 0 > m { m = $1 + 0 } END { print m + 0 }'; }

# one timed po-parse run: prints "seconds peak_kib"
run_po() {
	local st=0
	"$TIME" -o "$work/time" -f '%e %M' "$po_parse" --files-from "$list" -0 \
		> /dev/null 2> "$work/po.err" || st=$?
	if (( st != 0 )); then
		{
			printf 'bench: FAILED: po-parse exited with status %d on %s\n' "$st" "$list"
			printf 'bench: its stderr (first 20 lines):\n'
			sed -n 1,20p "$work/po.err"
			sed -n '/^Command/p' "$work/time"
		} >&2
		exit 1
	fi
	if [[ -s $work/po.err ]]; then
		printf 'bench: warning: po-parse wrote %d lines to stderr, first: %s\n' \
			"$(wc -l < "$work/po.err")" "$(head -n 1 "$work/po.err")" >&2
	fi
	tail -n 1 "$work/time"
}

# one timed xmllint run: prints "seconds peak_kib" (the largest xmllint)
run_xmllint() {
	local st=0 rss
	: > "$work/rss"
	"$TIME" -o "$work/time" -f '%e %M' xargs -0 -n "$XARGS_N" \
		"$TIME" -a -o "$work/rss" -f '%M' xmllint --stream --noout \
		< "$list" > /dev/null 2> "$work/xl.err" || st=$?
	if (( st != 0 )); then
		{
			printf 'bench: FAILED: xmllint floor exited with status %d on %s\n' "$st" "$list"
			sed -n 1,20p "$work/xl.err"
		} >&2
		exit 1
	fi
	rss=$(maxof < "$work/rss")
	printf '%s %s\n' "$(tail -n 1 "$work/time" | cut -d' ' -f1)" "$rss"
}

verify() {
	local counts o l
	counts=$("$po_parse" --files-from "$list" -0 2> "$work/po.err" |
		awk -F '\t' '$1 == "order" { o++ } $1 == "line" { l++ }
		             END { print o + 0, l + 0 }') ||
		die "FAILED: po-parse exited non-zero on $list: $(head -n 3 "$work/po.err")"
	[[ $counts == "$orders $lines" ]] ||
		die "FAILED: po-parse wrote $counts order/line records for $orders orders with $lines lines ($list)"
	read -r o l <<< "$counts"
	printf 'bench: verified: po-parse wrote %s order and %s line records\n' "$o" "$l"
}

host=$(uname -srm)
cpu=$(awk -F ': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2> /dev/null || true)
printf 'bench: %s, %s, %s CPUs; %s\n' "$host" "${cpu:-unknown CPU}" "$(nproc)" \
	"$(xmllint --version 2>&1 | head -n 1)"
printf 'bench: po-parse is %s; %d runs per tool and size\n' "$po_parse" "$BENCH_RUNS"

results=()
for n in "${sizes[@]}"; do
	prepare "$n"
	# read every file once so both tools start from a warm page cache
	xargs -0 cat < "$list" > /dev/null
	[[ $BENCH_VERIFY == 0 ]] || verify
	: > "$work/po.times"
	: > "$work/xl.times"
	for ((r = 1; r <= BENCH_RUNS; r++)); do
		run_po >> "$work/po.times"
		run_xmllint >> "$work/xl.times"
		printf 'bench: %d orders, run %d/%d: po-parse %s, xmllint %s (s KiB)\n' "$n" \
			"$r" "$BENCH_RUNS" "$(tail -n 1 "$work/po.times")" "$(tail -n 1 "$work/xl.times")"
	done
	po_t=$(cut -d' ' -f1 "$work/po.times" | median)
	po_m=$(cut -d' ' -f2 "$work/po.times" | maxof)
	xl_t=$(cut -d' ' -f1 "$work/xl.times" | median)
	xl_m=$(cut -d' ' -f2 "$work/xl.times" | maxof)
	results+=("$n $orders $lines $bytes $po_t $po_m $xl_t $xl_m $list")
done

# ---- report ----
echo
echo "poreview bench: po-parse against the xmllint --stream floor"
echo "(median of $BENCH_RUNS runs; peak RSS is the largest of the runs; MiB = 2^20 bytes)"
printf '%s\n' "${results[@]}" | awk -v goal="$RSS_GOAL_MIB" '
function rate(x, t) { return t > 0 ? sprintf("%.0f", x / t) : "-" }
function mbs(b, t) { return t > 0 ? sprintf("%.1f", b / 1048576 / t) : "-" }
BEGIN {
	printf "%-8s %-8s %-9s %-9s %-9s %-9s %-10s %-8s %-8s %s\n", "size", "orders",
	    "lines", "input", "tool", "median", "lines/s", "MiB/s", "peakRSS", "time ratio"
	printf "%-8s %-8s %-9s %-9s %-9s %-9s %-10s %-8s %-8s %s\n", "", "", "",
	    "MiB", "", "s", "", "", "MiB", "po/xmllint"
}
{
	n = $1; o = $2; l = $3; b = $4; pt = $5; pm = $6; xt = $7; xm = $8
	ratio = xt > 0 ? sprintf("%.2f", pt / xt) : "-"
	printf "%-8s %-8s %-9s %-9.1f %-9s %-9.2f %-10s %-8s %-8.1f %s\n", n, o, l,
	    b / 1048576, "po-parse", pt, rate(l, pt), mbs(b, pt), pm / 1024, ratio
	printf "%-8s %-8s %-9s %-9.1f %-9s %-9.2f %-10s %-8s %-8.1f %s\n", n, o, l,
	    b / 1048576, "xmllint", xt, rate(l, xt), mbs(b, xt), xm / 1024, "-"
	speed[NR] = (xt > 0 && pt / xt <= 1.0) || (pt == 0 && xt == 0)
	sp[NR] = sprintf("at %d orders: po-parse %.2f s, xmllint %.2f s, ratio %s", n, pt, xt, ratio)
	mem[NR] = pm / 1024 < goal
	mm[NR] = sprintf("at %d orders: po-parse peak RSS %.1f MiB", n, pm / 1024)
}
END {
	print ""
	for (i = 1; i <= NR; i++)
		printf "%-12s po-parse no slower than xmllint (ratio <= 1.00) %s\n",
		    speed[i] ? "goal met:" : "goal missed:", sp[i]
	for (i = 1; i <= NR; i++)
		printf "%-12s peak RSS under %d MiB %s\n", mem[i] ? "goal met:" : "goal missed:",
		    goal, mm[i]
}'

echo
echo "commands (LIST is the NUL-separated file list, made with find -print0 | sort -z):"
printf '  %s\n' "$(printf '%q ' "${gen_cmd[@]}" | sed 's/ $//')"
for res in "${results[@]}"; do
	read -r n _ _ _ _ _ _ _ lst <<< "$res"
	printf '  %s -n %d -o %q -s %d\n' "$gen" "$n" "$bench_dir/$n/orders" "$BENCH_SEED"
	printf "  %s -o T -f '%%e %%M' %q --files-from %q -0 > /dev/null\n" "$TIME" "$po_parse" "$lst"
	printf "  %s -o T -f '%%e %%M' xargs -0 -n %d %s -a -o RSS -f '%%M' xmllint --stream --noout < %q\n" \
		"$TIME" "$XARGS_N" "$TIME" "$lst"
done
