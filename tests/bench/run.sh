#!/usr/bin/env bash
# tests/bench/run.sh: time po-parse against the xmllint floor, po-check on
# po-parse's output, po-sheet on po-check's against a bare libxlsxwriter
# floor, and the whole chain po-parse | po-check | po-sheet (make bench).
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
# largest.
#
# Then it writes po-check's output once to BENCH_DIR/SIZE/reviewed.tsv and
# runs, BENCH_RUNS times each: `po-sheet --lang en --tmpdir BENCH_DIR/SIZE`
# on that file (exit 0 and a whole zip: unzip -tq); the floor,
# tests/bench/xlsx-floor.c, a bare libxlsxwriter constant-memory program
# writing the same sheets, rows and columns with cells of the same types,
# average lengths and repetition (measured from reviewed.tsv by
# tests/bench/sheet-profile.awk); and the chain po-parse | po-check |
# po-sheet under pipefail, each stage under GNU time. It reports lines per
# second and peak RSS of each stage and of the chain, and whether the goals
# hold: po-sheet within 2x of the floor; the chain's wall time within 1.5x
# of its slowest stage alone; the peak RSS of po-parse, po-check and
# po-sheet (alone and in the chain) under 32 MiB at every size, and flat
# (largest size / smallest <= 1.25). The workbooks (a few hundred MB at
# 100,000 orders) and libxlsxwriter's temporary files (about 0.7 GB per
# million rows while a workbook is written) go in BENCH_DIR/SIZE; the
# workbooks are deleted at exit.
#
# Then it signs every Findings row of the workbook po-sheet wrote
# (tests/bench/sign-book.py: a reviewer, a decision and a date typed in
# each row, as the departments would) and runs po-signoff on it
# BENCH_RUNS times (--today 2026-12-10, its records to /dev/null, after
# an untimed run that must exit 0 with one signoff record per row
# signed). It reports the rows per second and peak RSS, and whether the
# goals hold: po-signoff reads the signed workbook at least as fast as
# po-sheet wrote it (po-signoff / po-sheet <= 1), and its peak RSS flat
# from the smallest size to the largest (<= 1.25). About 6.5 findings
# come with each generated order: BENCH_SIZES="1500 15000" reads about
# 10,000 and 100,000 findings.
#
# Then, over the same records, `po-check --map -o PART` and `po-check
# --reduce PART` BENCH_RUNS times each (issue 18: the review split over
# machines); the reduce writes to /dev/null, as the plain runs do, after
# one untimed `--reduce -o OUT PART` whose output must be po-check's,
# byte for byte.
# It reports the map's orders per second, and the reduce's time as a
# share of one plain po-check run's (what stays on one machine when the
# maps run elsewhere), and whether the goal holds: the reduce under 0.10 of
# a plain run at every size; for scale, also its share of the whole review
# (po-parse's and po-check's time), which each map task's po-parse |
# po-check --map takes the place of. BENCH_ONLY=mapreduce runs only this
# part, each po-parse and plain po-check run beside a map and a reduce.
#
# Then, BENCH_RUNS times each in turn, tests/bench/reference.py (the
# Python script a user would write instead: lxml, the same kinds of checks
# on the same catalog and rules, XlsxWriter in constant_memory mode, a
# Summary, Lines and Findings workbook), the chain po-parse | po-check |
# po-sheet -o BOOK, and the chain with `po-sheet --per department -j 2 -o
# DIR` (six workbooks). It reports their medians, the ratios reference /
# chain, and whether the goal holds: the chain with --per department -j 2
# at least 4 times faster than the reference (issue 18). With them, the
# sheet XML bytes per reviewed line: the uncompressed xl/worksheets/*.xml
# (and xl/sharedStrings.xml, if any) of each one's workbooks over the line
# records, in all and for Summary, Lines, Findings and Capacity
# (tests/bench/sheet-bytes.py). BENCH_ONLY=python runs only this part.
#
# It exits 0 whether the goals hold or not, and non-zero when something
# fails to run, po-parse, po-check, po-sheet, po-signoff or the floor
# included.
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
#   BENCH_KEEP      1: keep BENCH_DIR/SIZE/records.tsv and reviewed.tsv
#                   (several hundred MB each at 100,000 orders); by default
#                   they are deleted at the end (the workbooks always are)
#   PO_PARSE        the parser to time, default bin/po-parse
#   PO_CHECK        the checker to time, default bin/po-check
#   PO_SHEET        the workbook writer to time, default bin/po-sheet
#   PO_SIGNOFF      the signed-workbook reader to time, default bin/po-signoff
#   CC              compiler for the generator and the floor, default cc
#   BENCH_ONLY      python: run only the chain against tests/bench/reference.py;
#                   mapreduce: run only po-check, --map and --reduce;
#                   csat: run only csat-sum's benchmark (tests/bench/csat.sh,
#                   which also runs after the order benchmarks)
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
root=$(cd "$here/../.." && pwd -P)
# BENCH_ONLY=csat: csat-sum's benchmark alone (tests/bench/csat.sh)
if [[ ${BENCH_ONLY:-} == csat ]]; then
	exec "$here/csat.sh"
fi

BENCH_SIZES=${BENCH_SIZES:-10000 100000}
BENCH_RUNS=${BENCH_RUNS:-3}
BENCH_DIR=${BENCH_DIR:-/tmp/poreview-bench}
BENCH_SEED=${BENCH_SEED:-1}
BENCH_VERIFY=${BENCH_VERIFY:-1}
BENCH_PRODUCTS=${BENCH_PRODUCTS:-10000}
BENCH_KEEP=${BENCH_KEEP:-0}
PO_PARSE=${PO_PARSE:-$root/bin/po-parse}
PO_CHECK=${PO_CHECK:-$root/bin/po-check}
PO_SHEET=${PO_SHEET:-$root/bin/po-sheet}
PO_SIGNOFF=${PO_SIGNOFF:-$root/bin/po-signoff}
SIGN_TODAY=2026-12-10	# after every date sign-book.py types
SIGNOFF_RATIO=1.0	# po-signoff / po-sheet
CC=${CC:-cc}
TIME=/usr/bin/time
XARGS_N=5000            # files per xmllint process
RSS_GOAL_MIB=24
RULES=$root/samples/rules.xml
TODAY=${BENCH_TODAY:-2024-01-01}	# the generated orders are dated 2024-2025
FLAT_RATIO=1.25         # peak RSS, largest size / smallest: "flat"
STAGE_RSS_GOAL_MIB=32   # po-parse, po-check, po-sheet, alone and in the chain
FLOOR_RATIO=2.0         # po-sheet / xlsx floor
CHAIN_RATIO=1.5         # the chain / its slowest stage alone
SPLIT_SHARE=0.10        # po-check --reduce / plain po-check, at every size
PYREF_RATIO=4.0         # reference.py / the chain with po-sheet --per department -j 2
SHEET_LANG=en

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
po_sheet=$(command -v "$PO_SHEET") ||
	die "no po-sheet at '$PO_SHEET': run make first, or set PO_SHEET"
po_signoff=$(command -v "$PO_SIGNOFF") ||
	die "no po-signoff at '$PO_SIGNOFF': run make first, or set PO_SIGNOFF"
[[ -x /usr/bin/python3 ]] || die "/usr/bin/python3 is needed to sign the workbooks"
/usr/bin/python3 -c 'import lxml.etree, xlsxwriter' 2> /dev/null ||
	die "reference.py needs lxml and XlsxWriter (apt-get install python3-lxml python3-xlsxwriter)"
command -v unzip > /dev/null || die "unzip is needed to check the workbooks (apt-get install unzip)"
xlsx_flags=$(pkg-config --cflags --libs xlsxwriter 2> /dev/null) ||
	die "pkg-config finds no xlsxwriter (apt-get install libxlsxwriter-dev pkg-config)"
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
# the floor: a bare libxlsxwriter program
floor=$root/build/bench/xlsx-floor
read -r -a xlsx_flag_list <<< "$xlsx_flags"
floor_cmd=("$CC" -std=c11 -D_DEFAULT_SOURCE -O2 -Wall -Wextra -Werror
	-o "$floor" "$here/xlsx-floor.c" "${xlsx_flag_list[@]}")
if [[ ! -x $floor || $here/xlsx-floor.c -nt $floor ]]; then
	printf 'bench: building %s\n' "${floor#"$root"/}"
	"${floor_cmd[@]}"
fi
# The orders' fingerprint leaves out the catalog code (CATALOG-BEGIN to
# CATALOG-END), which does not change the orders; the catalog's takes all.
gen_sum=$(sed '/CATALOG-BEGIN/,/CATALOG-END/d' "$here/gen-orders.c" | cksum | cut -d' ' -f1)
cat_sum=$(cksum < "$here/gen-orders.c" | cut -d' ' -f1)

work=$(mktemp -d "$bench_dir/run.XXXXXX")
records_made=()         # the records.tsv and reviewed.tsv files this run wrote
books_made=()           # the workbooks it wrote: always deleted
book_dirs=()            # the folders they went in
cleanup() {
	local f
	rm -rf "$work"
	for f in "${books_made[@]}"; do
		rm -f -- "$f"
	done
	# what an interrupted po-sheet leaves beside its target
	for f in "${book_dirs[@]}"; do
		rm -f -- "$f"/.po-sheet.??????
	done
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

# ---- po-sheet, the floor, the chain ----

# po-check's output, once per size, untimed: sets $reviewed, $rev_bytes,
# and $sheet_spec (xlsx-floor's sheet arguments) and $sheet_rows (the data
# rows of Summary, Lines, Findings and Capacity)
make_reviewed() {
	local st=0 cmd
	reviewed=$d/reviewed.tsv
	records_made+=("$reviewed")
	mapfile -t cmd < <(check_cmd)
	"${cmd[@]}" "$records" > "$reviewed" 2> "$work/ck.err" || st=$?
	(( st == 0 )) ||
		die "FAILED: po-check exited with status $st on $records: $(head -n 3 "$work/ck.err")"
	rev_bytes=$(wc -c < "$reviewed")
	mapfile -t sheet_spec < <(awk -F '\t' -f "$here/sheet-profile.awk" "$reviewed")
	(( ${#sheet_spec[@]} == 4 )) || die "FAILED: sheet-profile.awk on $reviewed"
	sheet_rows=$(printf '%s\n' "${sheet_spec[@]}" | cut -d: -f2 | paste -sd/ -)
	floor_args[$n]=$(printf "'%s' " "${sheet_spec[@]}" | sed 's/ $//')
	printf 'bench: wrote %s (%.1f MiB); rows Summary/Lines/Findings/Capacity %s\n' \
		"$reviewed" "$(awk -v b="$rev_bytes" 'BEGIN { print b / 1048576 }')" "$sheet_rows"
	if [[ ${sheet_spec[1]} != Lines:"$lines":* || ${sheet_spec[0]} != Summary:"$orders":* ]]; then
		die "FAILED: reviewed.tsv holds $sheet_rows rows, not $orders orders and $lines lines"
	fi
}

# one timed po-check --map of the records into $d/part, then one timed
# --reduce of it to /dev/null, as the plain runs write: "map_s map_kib
# reduce_s reduce_kib"; with verify, an untimed --reduce -o
# $d/reduced.tsv first, which must be po-check's output, byte for byte
run_split() {
	local st=0 cmd a verify=${1:-0}
	mapfile -t cmd < <(check_cmd)
	"$TIME" -o "$work/time" -f '%e %M' "${cmd[@]}" --map -o "$d/part" \
		"$records" 2> "$work/mp.err" || st=$?
	(( st == 0 )) ||
		die "FAILED: po-check --map exited with status $st: $(head -n 3 "$work/mp.err")"
	a=$(tail -n 1 "$work/time")
	# the part on disk before the reduce is timed: writing back the
	# map's 1.5 GB is the map's work, and it ran on into the reduce's
	sync -- "$d/part"
	if (( verify )); then
		"${cmd[@]}" --reduce -o "$d/reduced.tsv" "$d/part" 2> "$work/rd.err" || st=$?
		(( st == 0 )) ||
			die "FAILED: po-check --reduce exited with status $st: $(head -n 3 "$work/rd.err")"
		cmp -s "$d/reduced.tsv" "$reviewed" ||
			die "FAILED: po-check --map | --reduce is not po-check's output ($d/reduced.tsv, $reviewed)"
		rm -f -- "$d/reduced.tsv"
	fi
	"$TIME" -o "$work/time" -f '%e %M' "${cmd[@]}" --reduce "$d/part" \
		> /dev/null 2> "$work/rd.err" || st=$?
	(( st == 0 )) ||
		die "FAILED: po-check --reduce exited with status $st: $(head -n 3 "$work/rd.err")"
	printf '%s %s\n' "$a" "$(tail -n 1 "$work/time")"
}

# is FILE a whole zip? (the workbook and the floor's)
check_zip() {
	local what=$1 f=$2
	[[ -f $f ]] || die "FAILED: $what wrote no $f"
	unzip -tq "$f" > "$work/unzip.out" 2>&1 ||
		die "FAILED: $what wrote $f, which is not a valid zip: $(head -n 3 "$work/unzip.out")"
}

sheet_cmd() {	# OUT: the po-sheet command line, reading stdin
	printf '%s\n' "$po_sheet" -o "$1" --lang "$SHEET_LANG" --tmpdir "$d"
}

# one timed po-sheet run over reviewed.tsv: "seconds peak_kib"
run_sheet() {
	local st=0 out=$d/review.xlsx cmd
	mapfile -t cmd < <(sheet_cmd "$out")
	rm -f -- "$out"
	"$TIME" -o "$work/time" -f '%e %M' "${cmd[@]}" "$reviewed" > /dev/null \
		2> "$work/sh.err" || st=$?
	if (( st != 0 )); then
		{
			printf 'bench: FAILED: po-sheet exited with status %d on %s\n' "$st" "$reviewed"
			printf 'bench: its stderr (first 20 lines):\n'
			sed -n 1,20p "$work/sh.err"
		} >&2
		exit 1
	fi
	if [[ -s $work/sh.err ]]; then
		printf 'bench: warning: po-sheet wrote %d lines to stderr, first: %s\n' \
			"$(wc -l < "$work/sh.err")" "$(head -n 1 "$work/sh.err")" >&2
	fi
	tail -n 1 "$work/time" > "$work/time.last"
	check_zip po-sheet "$out"
	sheet_bytes=$(wc -c < "$out")
	cat "$work/time.last"
}

# one timed floor run with the same sheets: "seconds peak_kib"
run_floor() {
	local st=0 out=$d/floor.xlsx
	rm -f -- "$out"
	"$TIME" -o "$work/time" -f '%e %M' "$floor" -o "$out" -t "$d" "${sheet_spec[@]}" \
		> /dev/null 2> "$work/fl.err" || st=$?
	if (( st != 0 )); then
		{
			printf 'bench: FAILED: xlsx-floor exited with status %d\n' "$st"
			sed -n 1,20p "$work/fl.err"
		} >&2
		exit 1
	fi
	tail -n 1 "$work/time" > "$work/time.last"
	check_zip xlsx-floor "$out"
	floor_bytes=$(wc -c < "$out")
	cat "$work/time.last"
}

# every Findings row of the workbook po-sheet wrote signed, untimed, and
# read back once: sets $signed, $signed_rows, $signed_bytes
sign_book() {
	local st counts s dd
	signed=$d/signed.xlsx
	signed_rows=$(/usr/bin/python3 "$here/sign-book.py" "$d/review.xlsx" "$signed" \
		2> "$work/sign.err") ||
		die "FAILED: sign-book.py on $d/review.xlsx: $(head -n 3 "$work/sign.err")"
	signed_bytes=$(wc -c < "$signed")
	set +e
	"$po_signoff" --today "$SIGN_TODAY" "$signed" 2> "$work/so.err" |
		awk -F '\t' '$1 == "signoff" { s++ } $1 == "decision" { d++ }
		    END { print s + 0, d + 0 }' > "$work/so.counts"
	st=("${PIPESTATUS[@]}")
	set -e
	(( st[0] == 0 )) ||
		die "FAILED: po-signoff exited with status ${st[0]} on $signed: $(head -n 3 "$work/so.err")"
	read -r s dd < "$work/so.counts"
	[[ $s == "$signed_rows" ]] ||
		die "FAILED: po-signoff read $s sign-offs from $signed, where $signed_rows rows were signed"
	printf 'bench: signed %d Findings rows of %s (%.1f MiB): po-signoff read %d sign-offs and %d decisions\n' \
		"$signed_rows" "$signed" "$(awk -v b="$signed_bytes" 'BEGIN { print b / 1048576 }')" \
		"$s" "$dd"
}

# one timed po-signoff run over the signed workbook: "seconds peak_kib"
run_signoff() {
	local st=0
	"$TIME" -o "$work/time" -f '%e %M' "$po_signoff" --today "$SIGN_TODAY" "$signed" \
		> /dev/null 2> "$work/so.err" || st=$?
	if (( st != 0 )); then
		{
			printf 'bench: FAILED: po-signoff exited with status %d on %s\n' "$st" "$signed"
			sed -n 1,20p "$work/so.err"
		} >&2
		exit 1
	fi
	tail -n 1 "$work/time"
}

# one run of the chain under pipefail, each stage under GNU time:
# "wall_seconds parse_kib check_kib sheet_kib parse_s check_s sheet_s"
run_chain() {
	local out=$d/chain.xlsx cmd scmd t0 t1 st i a b c ta tb tc
	local -a names=(po-parse po-check po-sheet)
	mapfile -t cmd < <(check_cmd)
	mapfile -t scmd < <(sheet_cmd "$out")
	rm -f -- "$out"
	set +e
	t0=$EPOCHREALTIME
	"$TIME" -o "$work/c0" -f '%e %M' "$po_parse" --files-from "$list" -0 2> "$work/c0.err" |
		"$TIME" -o "$work/c1" -f '%e %M' "${cmd[@]}" 2> "$work/c1.err" |
		"$TIME" -o "$work/c2" -f '%e %M' "${scmd[@]}" > /dev/null 2> "$work/c2.err"
	st=("${PIPESTATUS[@]}")
	t1=$EPOCHREALTIME
	set -e
	for i in 0 1 2; do
		if (( st[i] != 0 )); then
			{
				printf 'bench: FAILED: in the chain, %s exited with status %d\n' \
					"${names[i]}" "${st[i]}"
				printf 'bench: its stderr (first 20 lines):\n'
				sed -n 1,20p "$work/c$i.err"
			} >&2
			exit 1
		fi
		if [[ -s $work/c$i.err ]]; then
			printf 'bench: warning: in the chain, %s wrote %d lines to stderr, first: %s\n' \
				"${names[i]}" "$(wc -l < "$work/c$i.err")" "$(head -n 1 "$work/c$i.err")" >&2
		fi
	done
	check_zip "the chain" "$out"
	read -r ta a < <(tail -n 1 "$work/c0")
	read -r tb b < <(tail -n 1 "$work/c1")
	read -r tc c < <(tail -n 1 "$work/c2")
	awk -v t0="$t0" -v t1="$t1" -v a="$a" -v b="$b" -v c="$c" -v ta="$ta" -v tb="$tb" \
		-v tc="$tc" 'BEGIN { printf "%.2f %d %d %d %s %s %s\n", t1 - t0, a, b, c, ta, tb, tc }'
}

# ---- the Python reference (issue 18: speed on one machine) ----

# one timed run of tests/bench/reference.py (lxml, the same kinds of
# checks, XlsxWriter constant_memory) over the orders: "seconds peak_kib"
run_reference() {
	local st=0 out=$d/reference.xlsx
	rm -f -- "$out"
	"$TIME" -o "$work/time" -f '%e %M' /usr/bin/python3 "$here/reference.py" \
		--catalog "$catalog" --rules "$RULES" --today "$TODAY" --files-from "$list" -0 \
		-o "$out" > "$work/ref.out" 2> "$work/ref.err" || st=$?
	(( st == 0 )) ||
		die "FAILED: reference.py exited with status $st: $(tail -n 3 "$work/ref.err")"
	check_zip reference.py "$out"
	tail -n 1 "$work/time"
}

# one run of the chain with po-sheet --per department -j 2 -o DIR under
# pipefail: "wall_seconds"
run_chain_per() {
	local out=$d/per cmd t0 t1 st i
	local -a names=(po-parse po-check po-sheet)
	mapfile -t cmd < <(check_cmd)
	rm -rf -- "$out"
	mkdir -p "$out"
	set +e
	t0=$EPOCHREALTIME
	"$po_parse" --files-from "$list" -0 2> "$work/p0.err" |
		"${cmd[@]}" 2> "$work/p1.err" |
		"$po_sheet" --per department -j 2 -o "$out" --lang "$SHEET_LANG" \
		> /dev/null 2> "$work/p2.err"
	st=("${PIPESTATUS[@]}")
	t1=$EPOCHREALTIME
	set -e
	for i in 0 1 2; do
		(( st[i] == 0 )) || die "FAILED: in the chain with --per department, ${names[i]}" \
			"exited with status ${st[i]}: $(head -n 3 "$work/p$i.err")"
	done
	for i in sales purchasing production rd quality gm; do
		check_zip "po-sheet --per department" "$out/review-$i.xlsx"
	done
	awk -v t0="$t0" -v t1="$t1" 'BEGIN { printf "%.2f\n", t1 - t0 }'
}

# the sheet XML bytes (tests/bench/sheet-bytes.py) of BOOK...: "total=.. Summary=.. ..."
sheet_xml() {
	/usr/bin/python3 "$here/sheet-bytes.py" "$@" ||
		die "FAILED: sheet-bytes.py $*"
}

# the reference, the chain and the chain with --per department, BENCH_RUNS
# times each in turn; appends a line to ${pyrefs[@]}
pyref_size() {
	local r a b c ref_t ref_m one per books
	: > "$work/rf.times"
	: > "$work/c1.times"
	: > "$work/cp.times"
	for ((r = 1; r <= BENCH_RUNS; r++)); do
		run_reference >> "$work/rf.times"
		run_chain | cut -d' ' -f1 >> "$work/c1.times"
		run_chain_per >> "$work/cp.times"
		printf 'bench: %d orders, run %d/%d: reference.py %s (s KiB); chain %s s;' \
			"$n" "$r" "$BENCH_RUNS" "$(tail -n 1 "$work/rf.times")" \
			"$(tail -n 1 "$work/c1.times")"
		printf ' chain --per department -j 2 %s s\n' "$(tail -n 1 "$work/cp.times")"
	done
	ref_t=$(cut -d' ' -f1 "$work/rf.times" | median)
	ref_m=$(cut -d' ' -f2 "$work/rf.times" | maxof)
	a=$(median < "$work/c1.times")
	b=$(median < "$work/cp.times")
	one=$(sheet_xml "$d/chain.xlsx")
	per=$(sheet_xml "$d"/per/review-*.xlsx)
	c=$(sheet_xml "$d/reference.xlsx")
	books="$(wc -c < "$d/reference.xlsx") $(wc -c < "$d/chain.xlsx")"
	books+=" $(cat "$d"/per/review-*.xlsx | wc -c)"
	pyrefs+=("$n $orders $lines $ref_t $ref_m $a $b $books | $c | $one | $per")
	rm -rf -- "$d/reference.xlsx" "$d/chain.xlsx" "$d/per"
}

pyref_report() {
	echo
	echo "the chain against the Python reference (tests/bench/reference.py: lxml, the same" \
		"kinds of checks, XlsxWriter constant_memory; issue 18)"
	echo "(median of $BENCH_RUNS runs, each runs the three in turn; per dept: the chain with" \
		"po-sheet --per department -j 2 -o DIR, six workbooks; xml B/line: the uncompressed" \
		"sheet XML of the workbook(s) over the line records)"
	printf '%s\n' "${pyrefs[@]}" | awk -v goal="$PYREF_RATIO" '
	function kv(s, k,   n, i, a, p) {
		n = split(s, a, " ")
		for (i = 1; i <= n; i++) { split(a[i], p, "="); if (p[1] == k) return p[2] }
		return 0
	}
	function row(what, t, ratio, book, xml) {
		printf "%-8s %-8s %-9s %-22s %-9.2f %-10s %-9.1f %-10.0f %.0f/%.0f/%.0f/%.0f\n",
		    n, o, l, what, t, ratio, book / 1048576, kv(xml, "total") / l,
		    kv(xml, "Summary") / l, kv(xml, "Lines") / l, kv(xml, "Findings") / l,
		    kv(xml, "Capacity") / l
	}
	BEGIN {
		FS = " [|] "
		printf "%-8s %-8s %-9s %-22s %-9s %-10s %-9s %-10s %s\n", "size", "orders", "lines",
		    "what", "median", "ref/this", "workbook", "xml", "of which"
		printf "%-8s %-8s %-9s %-22s %-9s %-10s %-9s %-10s %s\n", "", "", "", "", "s", "",
		    "MiB", "B/line", "Summary/Lines/Findings/Capacity B/line"
	}
	{
		split($1, f, " ")
		n = f[1]; o = f[2]; l = f[3]; rt = f[4]; ct = f[6]; pt = f[7]
		r1 = ct > 0 ? rt / ct : 0
		r2 = pt > 0 ? rt / pt : 0
		row("reference.py", rt, "-", f[8], $2)
		printf "%-8s %-8s %-9s %-22s peak RSS %.1f MiB\n", "", "", "", "", f[5] / 1024
		row("chain, one workbook", ct, sprintf("%.2f", r1), f[9], $3)
		row("chain, per dept -j 2", pt, sprintf("%.2f", r2), f[10], $4)
		s[NR] = sprintf("at %d orders: reference.py %.2f s, chain per department -j 2 %.2f s," \
		    " ratio %.2f (one workbook: %.2f s, ratio %.2f)", n, rt, pt, r2, ct, r1)
		ok[NR] = r2 >= goal
	}
	END {
		print ""
		for (i = 1; i <= NR; i++)
			printf "%-12s the chain with --per department -j 2 at least %.1fx faster than" \
			    " reference.py %s\n", ok[i] ? "goal met:" : "goal missed:", goal, s[i]
	}'
}

host=$(uname -srm)
cpu=$(awk -F ': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2> /dev/null || true)
printf 'bench: %s, %s, %s CPUs; %s\n' "$host" "${cpu:-unknown CPU}" "$(nproc)" \
	"$(xmllint --version 2>&1 | head -n 1)"
printf 'bench: po-parse is %s; %d runs per tool and size\n' "$po_parse" "$BENCH_RUNS"

printf 'bench: po-check is %s; catalog of %d products, %s, --today %s\n' "$po_check" \
	"$BENCH_PRODUCTS" "${RULES#"$root"/}" "$TODAY"
printf 'bench: load average at the start: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg 2> /dev/null || echo '?')"
printf 'bench: po-signoff is %s (--today %s)\n' "$po_signoff" "$SIGN_TODAY"
printf 'bench: po-sheet is %s (--lang %s); the floor is %s (%s)\n' \
	"$po_sheet" "$SHEET_LANG" "${floor#"$root"/}" \
	"$("$floor" -V 2> /dev/null || echo '?')"

# the table of po-check --map and --reduce against plain po-check, and
# whether the reduce stays under SPLIT_SHARE of a plain run at each size
split_report() {
	echo
	echo "po-check split in two (issue 18): --map of the records to a part, --reduce of the part"
	echo "(median of $BENCH_RUNS runs; the reduce's output is po-check's, byte for byte; share:" \
		"the reduce's time over one plain po-check's, what stays on one machine; of review:" \
		"over po-parse's and po-check's together, the whole review a map task's" \
		"po-parse | po-check --map takes the place of)"
	printf '%s\n' "${splits[@]}" | awk -v goal="$SPLIT_SHARE" '
	BEGIN {
		printf "%-8s %-8s %-8s %-8s %-10s %-8s %-8s %-8s %-8s %-10s %s\n", "size", "orders",
		    "plain", "map", "map", "map RSS", "reduce", "reduce", "share", "map+reduce",
		    "of review"
		printf "%-8s %-8s %-8s %-8s %-10s %-8s %-8s %-8s %-8s %-10s %s\n", "", "", "s", "s",
		    "orders/s", "MiB", "s", "RSS MiB", "", "/ plain", ""
	}
	{
		rate = $4 > 0 ? sprintf("%.0f", $2 / $4) : "-"
		share = $3 > 0 ? sprintf("%.3f", $6 / $3) : "-"
		both = $3 > 0 ? sprintf("%.2f", ($4 + $6) / $3) : "-"
		review = $3 + $8 > 0 ? sprintf("%.3f", $6 / ($3 + $8)) : "-"
		printf "%-8s %-8s %-8.2f %-8.2f %-10s %-8.1f %-8.2f %-8.1f %-8s %-10s %s\n", $1, $2,
		    $3, $4, rate, $5 / 1024, $6, $7 / 1024, share, both, review
		ok[NR] = $3 > 0 && $6 / $3 < goal
		s[NR] = sprintf("at %d orders: reduce %.2f s, plain po-check %.2f s, share %s",
		    $1, $6, $3, share)
		w[NR] = sprintf("at %d orders: reduce %.2f s, po-parse %.2f s + po-check %.2f s, %s",
		    $1, $6, $8, $3, review)
	}
	END {
		print ""
		for (i = 1; i <= NR; i++)
			printf "%-12s the reduce under %.2f of a plain po-check run %s\n",
			    ok[i] ? "goal met:" : "goal missed:", goal, s[i]
		for (i = 1; i <= NR; i++)
			printf "%-12s the reduce as a share of the whole review %s\n",
			    "(for scale)", w[i]
	}'
}

splits=()
if [[ ${BENCH_ONLY:-} == mapreduce ]]; then
	declare -A floor_args	# make_reviewed sets it
	# plain po-check and the split in turn, BENCH_RUNS times each
	for n in "${sizes[@]}"; do
		prepare "$n"
		prepare_catalog
		make_records
		make_reviewed
		records_made+=("$d/part" "$d/reduced.tsv")
		: > "$work/ck.times"
		: > "$work/sp.times"
		: > "$work/po.times"
		for ((r = 1; r <= BENCH_RUNS; r++)); do
			run_po >> "$work/po.times"
			run_check >> "$work/ck.times"
			run_split $((r == 1 ? 1 : 0)) >> "$work/sp.times"
			printf 'bench: %d orders, run %d/%d: po-parse %s, po-check %s, --map %s, --reduce %s (s KiB)\n' \
				"$n" "$r" "$BENCH_RUNS" "$(tail -n 1 "$work/po.times")" \
				"$(tail -n 1 "$work/ck.times")" \
				"$(cut -d' ' -f1,2 < <(tail -n 1 "$work/sp.times"))" \
				"$(cut -d' ' -f3,4 < <(tail -n 1 "$work/sp.times"))"
		done
		ck_t=$(cut -d' ' -f1 "$work/ck.times" | median)
		po_t=$(cut -d' ' -f1 "$work/po.times" | median)
		splits+=("$n $orders $ck_t $(cut -d' ' -f1 "$work/sp.times" | median) \
$(cut -d' ' -f2 "$work/sp.times" | maxof) $(cut -d' ' -f3 "$work/sp.times" | median) \
$(cut -d' ' -f4 "$work/sp.times" | maxof) $po_t")
	done
	split_report
	exit 0
fi
pyrefs=()
if [[ ${BENCH_ONLY:-} == python ]]; then
	for n in "${sizes[@]}"; do
		prepare "$n"
		prepare_catalog
		xargs -0 cat < "$list" > /dev/null
		book_dirs+=("$d")
		books_made+=("$d/reference.xlsx" "$d/chain.xlsx")
		pyref_size
	done
	pyref_report
	exit 0
fi
results=()
checks=()
sheets=()
signoffs=()
declare -A floor_args	# size: the floor's sheet arguments, for the commands
for n in "${sizes[@]}"; do
	prepare "$n"
	prepare_catalog
	# read every file once so both tools start from a warm page cache
	xargs -0 cat < "$list" > /dev/null
	make_records
	[[ $BENCH_VERIFY == 0 ]] || verify_check
	# po-check's fixed cost: loading the catalog and the rules, no orders
	# (a stream of its header alone: an empty input is refused)
	printf '#poreview-records 1\n' > "$work/empty.tsv"
	load=$(run_check "$work/empty.tsv")
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

	# po-sheet on po-check's output, the floor, and the whole chain
	printf 'bench: load average now: %s (the chain wants 2 idle cores)\n' \
		"$(cut -d' ' -f1-3 /proc/loadavg 2> /dev/null || echo '?')"
	make_reviewed
	records_made+=("$d/part" "$d/reduced.tsv")
	: > "$work/sp.times"
	for ((r = 1; r <= BENCH_RUNS; r++)); do
		run_split $((r == 1 ? 1 : 0)) >> "$work/sp.times"
		printf 'bench: %d orders, run %d/%d: po-check --map %s, --reduce %s (s KiB)\n' \
			"$n" "$r" "$BENCH_RUNS" "$(cut -d' ' -f1,2 < <(tail -n 1 "$work/sp.times"))" \
			"$(cut -d' ' -f3,4 < <(tail -n 1 "$work/sp.times"))"
	done
	splits+=("$n $orders $ck_t $(cut -d' ' -f1 "$work/sp.times" | median) \
$(cut -d' ' -f2 "$work/sp.times" | maxof) $(cut -d' ' -f3 "$work/sp.times" | median) \
$(cut -d' ' -f4 "$work/sp.times" | maxof) $po_t")
	books_made+=("$d/review.xlsx" "$d/floor.xlsx" "$d/chain.xlsx" "$d/signed.xlsx")
	book_dirs+=("$d")
	: > "$work/sh.times"
	: > "$work/fl.times"
	: > "$work/ch.times"
	for ((r = 1; r <= BENCH_RUNS; r++)); do
		run_sheet >> "$work/sh.times"
		run_floor >> "$work/fl.times"
		run_chain >> "$work/ch.times"
		printf 'bench: %d orders, run %d/%d: po-sheet %s, xlsx-floor %s (s KiB);' \
			"$n" "$r" "$BENCH_RUNS" "$(tail -n 1 "$work/sh.times")" \
			"$(tail -n 1 "$work/fl.times")"
		read -r ct a b c ta tb tc < <(tail -n 1 "$work/ch.times")
		printf ' chain %s s: po-parse %s s %s KiB, po-check %s s %s KiB, po-sheet %s s %s KiB\n' \
			"$ct" "$ta" "$a" "$tb" "$b" "$tc" "$c"
	done
	sh_t=$(cut -d' ' -f1 "$work/sh.times" | median)
	sh_m=$(cut -d' ' -f2 "$work/sh.times" | maxof)
	fl_t=$(cut -d' ' -f1 "$work/fl.times" | median)
	fl_m=$(cut -d' ' -f2 "$work/fl.times" | maxof)
	ch_t=$(cut -d' ' -f1 "$work/ch.times" | median)
	cp_m=$(cut -d' ' -f2 "$work/ch.times" | maxof)
	cc_m=$(cut -d' ' -f3 "$work/ch.times" | maxof)
	cs_m=$(cut -d' ' -f4 "$work/ch.times" | maxof)
	sheets+=("$n $orders $lines $po_t $po_m $ck_t $ck_m $sh_t $sh_m $fl_t $fl_m $ch_t $cp_m $cc_m $cs_m $sheet_bytes $floor_bytes $rev_bytes $sheet_rows")
	printf 'bench: %d orders: workbook %.1f MiB, floor %.1f MiB\n' "$n" \
		"$(awk -v b="$sheet_bytes" 'BEGIN { print b / 1048576 }')" \
		"$(awk -v b="$floor_bytes" 'BEGIN { print b / 1048576 }')"
	# po-signoff on the workbook po-sheet wrote, every Findings row signed
	sign_book
	: > "$work/so.times"
	for ((r = 1; r <= BENCH_RUNS; r++)); do
		run_signoff >> "$work/so.times"
		printf 'bench: %d orders, run %d/%d: po-signoff %s (s KiB) over %d signed rows\n' \
			"$n" "$r" "$BENCH_RUNS" "$(tail -n 1 "$work/so.times")" "$signed_rows"
	done
	so_t=$(cut -d' ' -f1 "$work/so.times" | median)
	so_m=$(cut -d' ' -f2 "$work/so.times" | maxof)
	signoffs+=("$n $orders $signed_rows $sh_t $sh_m $so_t $so_m $sheet_bytes $signed_bytes")
	# the chain, and with --per department -j 2, against the Python reference
	books_made+=("$d/reference.xlsx")
	pyref_size
	# the workbooks are large: keep none past its size
	rm -f -- "$d/review.xlsx" "$d/floor.xlsx" "$d/chain.xlsx" "$d/signed.xlsx"
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

split_report

echo
echo "po-sheet --lang $SHEET_LANG on po-check's output, the xlsx floor (libxlsxwriter alone," \
	"the same sheets, rows and columns), and the chain po-parse | po-check | po-sheet"
echo "(median of $BENCH_RUNS runs; lines/s: order lines per second; po-parse and po-check" \
	"alone are the runs above; chain RSS: po-parse + po-check + po-sheet, side by side)"
printf '%s\n' "${sheets[@]}" | awk -v flat="$FLAT_RATIO" -v goal="$STAGE_RSS_GOAL_MIB" \
    -v fr="$FLOOR_RATIO" -v cr="$CHAIN_RATIO" '
function rate(x, t) { return t > 0 ? sprintf("%.0f", x / t) : "-" }
function row(n, o, l, what, t, m, cm, ratio) {
	printf "%-8s %-8s %-9s %-11s %-9.2f %-10s %-9s %-10s %s\n", n, o, l, what, t,
	    rate(l, t), m, cm, ratio
}
function mib(k) { return sprintf("%.1f", k / 1024) }
BEGIN {
	printf "%-8s %-8s %-9s %-11s %-9s %-10s %-9s %-10s %s\n", "size", "orders", "lines",
	    "stage", "median", "lines/s", "peakRSS", "in chain", "time ratio"
	printf "%-8s %-8s %-9s %-11s %-9s %-10s %-9s %-10s %s\n", "", "", "", "", "s", "",
	    "MiB", "MiB", ""
	split("po-parse po-check po-sheet", stage, " ")
}
{
	n = $1; o = $2; l = $3
	t[1] = $4; m[1] = $5; t[2] = $6; m[2] = $7; t[3] = $8; m[3] = $9
	ft = $10; fm = $11; ct = $12; c[1] = $13; c[2] = $14; c[3] = $15
	slow = 1
	for (i = 2; i <= 3; i++)
		if (t[i] > t[slow])
			slow = i
	sr = ft > 0 ? t[3] / ft : 0
	chr = t[slow] > 0 ? ct / t[slow] : 0
	row(n, o, l, "po-parse", t[1], mib(m[1]), mib(c[1]), "")
	row(n, o, l, "po-check", t[2], mib(m[2]), mib(c[2]), "")
	row(n, o, l, "po-sheet", t[3], mib(m[3]), mib(c[3]), sprintf("%.2f po-sheet/floor", sr))
	row(n, o, l, "xlsx-floor", ft, mib(fm), "-", "")
	row(n, o, l, "chain", ct, mib(c[1] + c[2] + c[3]), "-",
	    sprintf("%.2f chain/%s", chr, stage[slow]))
	printf "%-8s rows Summary/Lines/Findings/Capacity %s; reviewed.tsv %.1f MiB; " \
	    "workbook %.1f MiB, floor %.1f MiB\n", "", $19, $18 / 1048576, $16 / 1048576,
	    $17 / 1048576
	sp[NR] = sprintf("at %d orders: po-sheet %.2f s, floor %.2f s, ratio %.2f", n, t[3], ft, sr)
	spok[NR] = sr > 0 && sr <= fr
	ch[NR] = sprintf("at %d orders: chain %.2f s, slowest stage alone %s %.2f s, ratio %.2f",
	    n, ct, stage[slow], t[slow], chr)
	chok[NR] = chr > 0 && chr <= cr
	mm[NR] = sprintf("at %d orders:", n)
	memok[NR] = 1
	for (i = 1; i <= 3; i++) {
		k = m[i] > c[i] ? m[i] : c[i]	# alone or in the chain, the larger
		mm[NR] = mm[NR] sprintf(" %s %s/%s MiB%s", stage[i], mib(m[i]), mib(c[i]),
		    i < 3 ? "," : "")
		if (k / 1024 >= goal)
			memok[NR] = 0
		if (NR == 1 || o < lo) { lo_s[i] = k }
		if (NR == 1 || o > hi) { hi_s[i] = k }
	}
	if (NR == 1 || o < lo) lo = o
	if (NR == 1 || o > hi) hi = o
}
END {
	print ""
	for (i = 1; i <= NR; i++)
		printf "%-12s po-sheet within %.1fx of the floor %s\n",
		    spok[i] ? "goal met:" : "goal missed:", fr, sp[i]
	for (i = 1; i <= NR; i++)
		printf "%-12s the chain within %.1fx of its slowest stage alone %s\n",
		    chok[i] ? "goal met:" : "goal missed:", cr, ch[i]
	for (i = 1; i <= NR; i++)
		printf "%-12s every stage under %d MiB peak RSS (alone/in the chain) %s\n",
		    memok[i] ? "goal met:" : "goal missed:", goal, mm[i]
	if (NR < 2 || hi == lo) {
		printf "%-12s every stage flat in the number of orders: needs two sizes\n",
		    "not judged:"
		exit
	}
	ok = 1; s = ""
	for (i = 1; i <= 3; i++) {
		r = lo_s[i] > 0 ? hi_s[i] / lo_s[i] : 0
		if (!(r > 0 && r <= flat))
			ok = 0
		s = s sprintf("%s %s %s MiB, ratio %.2f%s", stage[i], mib(lo_s[i]),
		    mib(hi_s[i]), r, i < 3 ? "; " : "")
	}
	printf "%-12s every stage flat in the number of orders (peak RSS at %d orders / at %d" \
	    " <= %.2f): %s\n", ok ? "goal met:" : "goal missed:", hi, lo, flat, s
}'

echo
echo "po-signoff reading the workbook po-sheet wrote, every Findings row signed" \
	"(tests/bench/sign-book.py; --today $SIGN_TODAY, records to /dev/null)"
echo "(median of $BENCH_RUNS runs; rows/s: Findings rows read per second; po-sheet: its runs above)"
printf '%s\n' "${signoffs[@]}" | awk -v flat="$FLAT_RATIO" -v goal="$SIGNOFF_RATIO" '
function rate(x, t) { return t > 0 ? sprintf("%.0f", x / t) : "-" }
BEGIN {
	printf "%-8s %-8s %-9s %-11s %-9s %-10s %-9s %-9s %s\n", "size", "orders", "findings",
	    "tool", "median", "rows/s", "peakRSS", "workbook", "time ratio"
	printf "%-8s %-8s %-9s %-11s %-9s %-10s %-9s %-9s %s\n", "", "", "", "", "s", "",
	    "MiB", "MiB", "signoff/sheet"
}
{
	n = $1; o = $2; f = $3; st = $4; sm = $5; ot = $6; om = $7
	r = st > 0 ? ot / st : 0
	printf "%-8s %-8s %-9s %-11s %-9.2f %-10s %-9.1f %-9.1f %s\n", n, o, f, "po-sheet", st,
	    rate(f, st), sm / 1024, $8 / 1048576, ""
	printf "%-8s %-8s %-9s %-11s %-9.2f %-10s %-9.1f %-9.1f %.2f\n", n, o, f, "po-signoff", ot,
	    rate(f, ot), om / 1024, $9 / 1048576, r
	sp[NR] = sprintf("at %d orders, %d findings: po-signoff %.2f s, po-sheet %.2f s, ratio %.2f",
	    n, f, ot, st, r)
	ok[NR] = (st > 0 && r <= goal) || (st == 0 && ot == 0)
	if (NR == 1 || f < lo) { lo = f; lo_m = om }
	if (NR == 1 || f > hi) { hi = f; hi_m = om }
}
END {
	print ""
	for (i = 1; i <= NR; i++)
		printf "%-12s po-signoff reads the signed workbook at least as fast as po-sheet wrote it" \
		    " (ratio <= %.2f) %s\n", ok[i] ? "goal met:" : "goal missed:", goal, sp[i]
	if (NR < 2 || hi == lo) {
		printf "%-12s po-signoff memory flat in the number of findings: needs two sizes " \
		    "(peak RSS %.1f MiB at %d findings)\n", "not judged:", hi_m / 1024, hi
		exit
	}
	q = lo_m > 0 ? hi_m / lo_m : 0
	printf "%-12s po-signoff memory flat in the number of findings (ratio <= %.2f): " \
	    "peak RSS %.1f MiB at %d findings, %.1f MiB at %d findings, ratio %.2f\n",
	    (q > 0 && q <= flat) ? "goal met:" : "goal missed:", flat, lo_m / 1024, lo,
	    hi_m / 1024, hi, q
}'

pyref_report

echo
for res in "${checks[@]}"; do
	read -r n _ _ rb _ _ _ _ _ _ rec _ <<< "$res"
	for f in "$rec" "$bench_dir/$n/reviewed.tsv"; do
		[[ -f $f ]] || continue
		rb=$(wc -c < "$f")
		if [[ $BENCH_KEEP == 1 ]]; then
			printf 'bench: kept %s (%.1f MiB; BENCH_KEEP=1)\n' "$f" \
				"$(awk -v b="$rb" 'BEGIN { print b / 1048576 }')"
		else
			printf 'bench: deleting %s at exit (%.1f MiB; BENCH_KEEP=1 keeps it)\n' "$f" \
				"$(awk -v b="$rb" 'BEGIN { print b / 1048576 }')"
		fi
	done
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
	printf "  %s -o T -f '%%e %%M' %q --catalog %q --rules %q --today %s EMPTY.tsv > /dev/null  # EMPTY.tsv: the line #poreview-records 1\n" \
		"$TIME" "$po_check" "$cat" "$RULES" "$TODAY"
done
printf '  %s\n' "$(printf '%q ' "${floor_cmd[@]}" | sed 's/ $//')"
for res in "${checks[@]}"; do
	read -r n _ _ _ _ _ _ _ _ _ rec cat <<< "$res"
	dd=$bench_dir/$n
	rev=$dd/reviewed.tsv
	printf '  %q --catalog %q --rules %q --today %s %q > %q\n' \
		"$po_check" "$cat" "$RULES" "$TODAY" "$rec" "$rev"
	printf "  awk -F '\\\\t' -f %q %q   # the floor's sheet arguments\n" \
		"$here/sheet-profile.awk" "$rev"
	printf "  %s -o T -f '%%e %%M' %q -o %q --lang %s --tmpdir %q %q && unzip -tq %q\n" \
		"$TIME" "$po_sheet" "$dd/review.xlsx" "$SHEET_LANG" "$dd" "$rev" "$dd/review.xlsx"
	printf "  %s -o T -f '%%e %%M' %q -o %q -t %q %s && unzip -tq %q\n" \
		"$TIME" "$floor" "$dd/floor.xlsx" "$dd" "${floor_args[$n]}" "$dd/floor.xlsx"
	printf "  set -o pipefail; %s -o T0 -f '%%e %%M' %q --files-from %q -0 |\n" \
		"$TIME" "$po_parse" "$dd/files.list0"
	printf "    %s -o T1 -f '%%e %%M' %q --catalog %q --rules %q --today %s |\n" \
		"$TIME" "$po_check" "$cat" "$RULES" "$TODAY"
	printf "    %s -o T2 -f '%%e %%M' %q -o %q --lang %s --tmpdir %q\n" \
		"$TIME" "$po_sheet" "$dd/chain.xlsx" "$SHEET_LANG" "$dd"
	printf '  /usr/bin/python3 %q %q %q\n' "$here/sign-book.py" "$dd/review.xlsx" \
		"$dd/signed.xlsx"
	printf "  %s -o T -f '%%e %%M' %q --today %s %q > /dev/null\n" \
		"$TIME" "$po_signoff" "$SIGN_TODAY" "$dd/signed.xlsx"
done

# ---- csat-sum (tests/bench/csat.sh; BENCH_ONLY=csat runs it alone) ----
echo
"$here/csat.sh"
