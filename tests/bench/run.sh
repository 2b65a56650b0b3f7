#!/usr/bin/env bash
# tests/bench/run.sh: time po-parse against the xmllint floor, and po-check
# on po-parse's output (make bench).
#
# For each size in BENCH_SIZES it generates that many UBL orders with
# tests/bench/gen-orders.c into BENCH_DIR/SIZE (kept and reused while the
# size, seed and the order-writing part of the generator stay the same),
# and a capability catalog of BENCH_PRODUCTS products that covers every
# SKU the orders name (BENCH_DIR/SIZE/catalog.xml, kept while the count
# and the generator stay the same). It runs po-parse and
# `xmllint --stream --noout` over all the orders BENCH_RUNS times each,
# writes po-parse's record stream once to BENCH_DIR/SIZE/records.tsv, and
# runs po-check over that file BENCH_RUNS times (with samples/rules.xml and
# --today 2026-11-27). It reports the median wall time and the largest
# peak RSS (GNU time) of each tool, and whether the goals hold: po-parse no
# slower than xmllint and under 24 MiB; po-check no slower than po-parse
# on the same batch, and its peak RSS flat from the smallest size to the
# largest. It exits 0 whether the goals hold or not, and non-zero when
# something fails to run, po-parse or po-check included.
#
# Environment:
#   BENCH_SIZES     orders per data set, default "10000 100000"
#   BENCH_RUNS      timed runs per tool and size, default 3
#   BENCH_DIR       where data sets go, default /tmp/poreview-bench;
#                   must lie outside the project tree
#   BENCH_SEED      generator seed, default 1
#   BENCH_PRODUCTS  products in the catalog, default 10000
#   BENCH_VERIFY    1 (default): po-parse's `order` and `line` records must
#                   match the generated counts, and an untimed po-check run
#                   must write one verdict per order
#   BENCH_KEEP      1: keep BENCH_DIR/SIZE/records.tsv (several hundred MB
#                   at 100,000 orders); by default it is deleted at the end
#   PO_PARSE        the parser to time, default bin/po-parse
#   PO_CHECK        the checker to time, default bin/po-check
#   CC              compiler for the generator, default cc
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
root=$(cd "$here/../.." && pwd -P)

BENCH_SIZES=${BENCH_SIZES:-10000 100000}
BENCH_RUNS=${BENCH_RUNS:-3}
BENCH_DIR=${BENCH_DIR:-/tmp/poreview-bench}
BENCH_SEED=${BENCH_SEED:-1}
BENCH_VERIFY=${BENCH_VERIFY:-1}
BENCH_PRODUCTS=${BENCH_PRODUCTS:-10000}
BENCH_KEEP=${BENCH_KEEP:-0}
PO_PARSE=${PO_PARSE:-$root/bin/po-parse}
PO_CHECK=${PO_CHECK:-$root/bin/po-check}
CC=${CC:-cc}
TIME=/usr/bin/time
XARGS_N=5000            # files per xmllint process
RSS_GOAL_MIB=24
RULES=$root/samples/rules.xml
TODAY=${BENCH_TODAY:-2024-01-01}	# the generated orders are dated 2024-2025
FLAT_RATIO=1.25         # po-check's peak RSS, largest size / smallest: "flat"

die() { printf 'bench: %s\n' "$*" >&2; exit 1; }
isnum() { [[ $1 =~ ^[1-9][0-9]*$ ]]; }

# ---- checks ----
isnum "$BENCH_RUNS" || die "BENCH_RUNS must be a positive integer, not '$BENCH_RUNS'"
isnum "$BENCH_SEED" || [[ $BENCH_SEED == 0 ]] || die "BENCH_SEED must be a number"
isnum "$BENCH_PRODUCTS" || die "BENCH_PRODUCTS must be a positive integer, not '$BENCH_PRODUCTS'"
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
po_check=$(command -v "$PO_CHECK") ||
	die "no po-check at '$PO_CHECK': run make first, or set PO_CHECK"
[[ -f $RULES ]] || die "no rules file $RULES"

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
# The orders' fingerprint leaves out the catalog code (CATALOG-BEGIN to
# CATALOG-END), which does not change the orders; the catalog's takes all.
gen_sum=$(sed '/CATALOG-BEGIN/,/CATALOG-END/d' "$here/gen-orders.c" | cksum | cut -d' ' -f1)
cat_sum=$(cksum < "$here/gen-orders.c" | cut -d' ' -f1)

work=$(mktemp -d "$bench_dir/run.XXXXXX")
records_made=()         # the records.tsv files this run wrote
cleanup() {
	local f
	rm -rf "$work"
	if [[ $BENCH_KEEP != 1 ]]; then
		for f in "${records_made[@]}"; do
			rm -f -- "$f"
		done
	fi
}
trap cleanup EXIT

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

# catalog N: sets $catalog, $cat_bytes ($d from prepare)
prepare_catalog() {
	local want out
	catalog=$d/catalog.xml
	want="products=$BENCH_PRODUCTS gen=$cat_sum"
	if [[ -f $catalog && -f $d/catalog.stamp ]] &&
		[[ $(head -n 1 "$d/catalog.stamp") == "$want" ]]; then
		printf 'bench: reusing %s\n' "$catalog"
	else
		rm -f -- "$d/catalog.stamp"
		out=$("$gen" -c "$catalog" -p "$BENCH_PRODUCTS") ||
			die "FAILED: gen-orders -c $catalog"
		xmllint --noout --schema "$root/schemas/catalog.xsd" "$catalog" 2> "$work/cat.err" ||
			die "FAILED: $catalog is not valid against schemas/catalog.xsd: $(head -n 3 "$work/cat.err")"
		printf '%s\n%s\n' "$want" "$out" > "$d/catalog.stamp"
		printf 'bench: wrote %s (%s)\n' "$catalog" "${out#catalog=* }"
	fi
	cat_bytes=$(wc -c < "$catalog")
}

# po-parse's record stream, once per size: sets $records, $rec_bytes, and
# with BENCH_VERIFY checks its order and line records against the counts
make_records() {
	local counts o l st=0
	records=$d/records.tsv
	records_made+=("$records")
	"$po_parse" --files-from "$list" -0 > "$records" 2> "$work/po.err" || st=$?
	(( st == 0 )) ||
		die "FAILED: po-parse exited with status $st on $list: $(head -n 3 "$work/po.err")"
	rec_bytes=$(wc -c < "$records")
	[[ $BENCH_VERIFY == 0 ]] && return
	counts=$(awk -F '\t' '$1 == "order" { o++ } $1 == "line" { l++ }
		END { print o + 0, l + 0 }' "$records")
	[[ $counts == "$orders $lines" ]] ||
		die "FAILED: po-parse wrote $counts order/line records for $orders orders with $lines lines ($list)"
	read -r o l <<< "$counts"
	printf 'bench: verified: po-parse wrote %s order and %s line records (%.1f MiB) to %s\n' \
		"$o" "$l" "$(awk -v b="$rec_bytes" 'BEGIN { print b / 1048576 }')" "$records"
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

check_cmd() {
	printf '%s\n' "$po_check" --catalog "$catalog" --rules "$RULES" --today "$TODAY"
}

# one timed po-check run over FILE (default the records): "seconds peak_kib"
run_check() {
	local st=0 in=${1:-$records} cmd
	mapfile -t cmd < <(check_cmd)
	"$TIME" -o "$work/time" -f '%e %M' "${cmd[@]}" "$in" > /dev/null 2> "$work/ck.err" || st=$?
	if (( st != 0 )); then
		{
			printf 'bench: FAILED: po-check exited with status %d on %s\n' "$st" "$in"
			printf 'bench: its stderr (first 20 lines):\n'
			sed -n 1,20p "$work/ck.err"
		} >&2
		exit 1
	fi
	if [[ -s $work/ck.err ]]; then
		printf 'bench: warning: po-check wrote %d lines to stderr, first: %s\n' \
			"$(wc -l < "$work/ck.err")" "$(head -n 1 "$work/ck.err")" >&2
	fi
	tail -n 1 "$work/time"
}

# the untimed po-check run: exit 0, one verdict per order, and what it found
verify_check() {
	local st cmd counts v
	mapfile -t cmd < <(check_cmd)
	set +e
	"${cmd[@]}" "$records" 2> "$work/ck.err" | awk -F '\t' -v out="$work/ck.sum" '
		$1 == "order" { o++ } $1 == "line" { l++ } $1 == "verdict" { v++; kind[$4]++ }
		$1 == "finding" { f[$5 "\t" $6]++; n++ }
		END {
			print o + 0, l + 0, v + 0
			for (k in kind) printf "verdict\t%s\t%d\n", k, kind[k] > out
			for (k in f) printf "finding\t%s\t%d\n", k, f[k] > out
			printf "total\tfindings\t%d\n", n > out
		}' > "$work/ck.counts"
	st=("${PIPESTATUS[@]}")
	set -e
	(( st[0] == 0 )) ||
		die "FAILED: po-check exited with status ${st[0]} on $records: $(head -n 3 "$work/ck.err")"
	(( st[1] == 0 )) || die "FAILED: counting po-check's output"
	read -r counts < "$work/ck.counts"
	[[ $counts == "$orders $lines $orders" ]] ||
		die "FAILED: po-check wrote order/line/verdict records $counts for $orders orders with $lines lines"
	v=$(awk -F '\t' '$1 == "verdict" { printf "%s%s %s", s, $3, $2; s = ", " }' "$work/ck.sum")
	printf 'bench: verified: po-check exited 0 and wrote %s verdicts (%s)\n' "$orders" "$v"
	# the findings that come most often, per order and per line
	sort -t "$(printf '\t')" -k4,4nr "$work/ck.sum" | awk -F '\t' -v o="$orders" -v l="$lines" '
		$1 == "finding" && k++ < 8 {
			printf "bench:   %-20s %-7s %9d  (%.2f per order, %.2f per line)\n", $2, $3, $4,
			    $4 / o, $4 / l }'
}

host=$(uname -srm)
cpu=$(awk -F ': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2> /dev/null || true)
printf 'bench: %s, %s, %s CPUs; %s\n' "$host" "${cpu:-unknown CPU}" "$(nproc)" \
	"$(xmllint --version 2>&1 | head -n 1)"
printf 'bench: po-parse is %s; %d runs per tool and size\n' "$po_parse" "$BENCH_RUNS"

printf 'bench: po-check is %s; catalog of %d products, %s, --today %s\n' "$po_check" \
	"$BENCH_PRODUCTS" "${RULES#"$root"/}" "$TODAY"

results=()
checks=()
for n in "${sizes[@]}"; do
	prepare "$n"
	prepare_catalog
	# read every file once so both tools start from a warm page cache
	xargs -0 cat < "$list" > /dev/null
	make_records
	[[ $BENCH_VERIFY == 0 ]] || verify_check
	# po-check's fixed cost: loading the catalog and the rules, no orders
	load=$(run_check /dev/null)
	read -r load_t load_m <<< "$load"
	printf 'bench: po-check with no orders (loading the catalog): %s s, %s KiB\n' \
		"$load_t" "$load_m"
	: > "$work/po.times"
	: > "$work/xl.times"
	: > "$work/ck.times"
	for ((r = 1; r <= BENCH_RUNS; r++)); do
		run_po >> "$work/po.times"
		run_xmllint >> "$work/xl.times"
		run_check >> "$work/ck.times"
		printf 'bench: %d orders, run %d/%d: po-parse %s, xmllint %s, po-check %s (s KiB)\n' \
			"$n" "$r" "$BENCH_RUNS" "$(tail -n 1 "$work/po.times")" \
			"$(tail -n 1 "$work/xl.times")" "$(tail -n 1 "$work/ck.times")"
	done
	po_t=$(cut -d' ' -f1 "$work/po.times" | median)
	po_m=$(cut -d' ' -f2 "$work/po.times" | maxof)
	xl_t=$(cut -d' ' -f1 "$work/xl.times" | median)
	xl_m=$(cut -d' ' -f2 "$work/xl.times" | maxof)
	ck_t=$(cut -d' ' -f1 "$work/ck.times" | median)
	ck_m=$(cut -d' ' -f2 "$work/ck.times" | maxof)
	results+=("$n $orders $lines $bytes $po_t $po_m $xl_t $xl_m $list")
	checks+=("$n $orders $lines $rec_bytes $cat_bytes $ck_t $ck_m $po_t $load_t $load_m $records $catalog")
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
echo "po-check on po-parse's record stream (catalog of $BENCH_PRODUCTS products," \
	"${RULES#"$root"/}, --today $TODAY)"
echo "(median of $BENCH_RUNS runs; load: one run with no orders, i.e. reading the catalog and the rules)"
printf '%s\n' "${checks[@]}" | awk -v flat="$FLAT_RATIO" '
function rate(x, t) { return t > 0 ? sprintf("%.0f", x / t) : "-" }
function mbs(b, t) { return t > 0 ? sprintf("%.1f", b / 1048576 / t) : "-" }
BEGIN {
	printf "%-8s %-8s %-9s %-9s %-8s %-9s %-10s %-8s %-8s %-11s %-6s %s\n", "size",
	    "orders", "lines", "records", "catalog", "median", "lines/s", "MiB/s", "peakRSS",
	    "time ratio", "load", "load RSS"
	printf "%-8s %-8s %-9s %-9s %-8s %-9s %-10s %-8s %-8s %-11s %-6s %s\n", "", "", "",
	    "MiB", "MiB", "s", "", "records", "MiB", "check/parse", "s", "MiB"
}
{
	n = $1; o = $2; l = $3; rb = $4; cb = $5; ct = $6; cm = $7; pt = $8; lt = $9; lm = $10
	ratio = pt > 0 ? sprintf("%.2f", ct / pt) : "-"
	printf "%-8s %-8s %-9s %-9.1f %-8.1f %-9.2f %-10s %-8s %-8.1f %-11s %-6.2f %.1f\n", n, o,
	    l, rb / 1048576, cb / 1048576, ct, rate(l, ct), mbs(rb, ct), cm / 1024, ratio, lt,
	    lm / 1024
	speed[NR] = (pt > 0 && ct / pt <= 1.0) || (ct == 0 && pt == 0)
	sp[NR] = sprintf("at %d orders: po-check %.2f s, po-parse %.2f s, ratio %s", n, ct, pt, ratio)
	if (NR == 1 || o < lo) { lo = o; lo_m = cm }
	if (NR == 1 || o > hi) { hi = o; hi_m = cm }
}
END {
	print ""
	for (i = 1; i <= NR; i++)
		printf "%-12s po-check no slower than po-parse on the same batch (ratio <= 1.00) %s\n",
		    speed[i] ? "goal met:" : "goal missed:", sp[i]
	if (NR < 2 || hi == lo) {
		printf "%-12s po-check memory flat in the number of orders: needs two sizes " \
		    "(peak RSS %.1f MiB at %d orders)\n", "not judged:", hi_m / 1024, hi
		exit
	}
	r = lo_m > 0 ? hi_m / lo_m : 0
	printf "%-12s po-check memory flat in the number of orders (ratio <= %.2f): " \
	    "peak RSS %.1f MiB at %d orders, %.1f MiB at %d orders, ratio %.2f\n",
	    (r > 0 && r <= flat) ? "goal met:" : "goal missed:", flat, lo_m / 1024, lo,
	    hi_m / 1024, hi, r
}'

echo
for res in "${checks[@]}"; do
	read -r n _ _ rb _ _ _ _ _ _ rec _ <<< "$res"
	if [[ $BENCH_KEEP == 1 ]]; then
		printf 'bench: kept %s (%.1f MiB; BENCH_KEEP=1)\n' "$rec" \
			"$(awk -v b="$rb" 'BEGIN { print b / 1048576 }')"
	else
		printf 'bench: deleting %s at exit (%.1f MiB; BENCH_KEEP=1 keeps it)\n' "$rec" \
			"$(awk -v b="$rb" 'BEGIN { print b / 1048576 }')"
	fi
done

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
for res in "${checks[@]}"; do
	read -r n _ _ _ _ _ _ _ _ _ rec cat <<< "$res"
	printf '  %s -c %q -p %d\n' "$gen" "$cat" "$BENCH_PRODUCTS"
	printf '  xmllint --noout --schema %q %q\n' "$root/schemas/catalog.xsd" "$cat"
	printf '  %q --files-from %q -0 > %q\n' "$po_parse" "$bench_dir/$n/files.list0" "$rec"
	printf "  %s -o T -f '%%e %%M' %q --catalog %q --rules %q --today %s %q > /dev/null\n" \
		"$TIME" "$po_check" "$cat" "$RULES" "$TODAY" "$rec"
	printf "  %s -o T -f '%%e %%M' %q --catalog %q --rules %q --today %s /dev/null > /dev/null\n" \
		"$TIME" "$po_check" "$cat" "$RULES" "$TODAY"
done
