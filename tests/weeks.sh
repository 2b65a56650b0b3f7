#!/bin/sh
# weeks.sh BINDIR: po-check's demand per product and week past its memory
# budget (pipeline/review/weeks.h: 4 MiB of blocks, 12 bytes a week and room to
# grow, then a temporary file).  A batch of 500 orders of 1,000 lines
# books the sample catalog's 39 products over 300 years of weeks: more
# (product, week) pairs than the budget holds, so blocks go out to the
# file and come back.  What a planner would check: each capacity record
# is the sum of the batch's load records for its product and week, the
# capacity records come sorted by SKU and week, and the capacity findings
# fall on exactly the lines that, first come first served, book a week
# over the product's capacity.  Then the same batch with TMPDIR a folder
# that does not exist, and with a temporary folder that fills up: the
# same review, and one clear error with exit 3.
# "weeks.sh BINDIR asan" (or POREVIEW_BUILD=asan, as run-all.sh sets it)
# makes every check at a fifteenth of the size, which the sanitizer build
# gets through in seconds where it took 40: 30 orders against a budget of
# 256 KiB (POREVIEW_TEST_WEEKS_BUDGET, which only a -DTESTING build
# reads) and a temporary folder full at 128 KB.  The blocks go out to the
# file and come back through the same code as in the full run.
suite=weeks
full=1
[ "${2:-${POREVIEW_BUILD:-}}" = asan ] && full=
. "$(dirname "$0")/lib.sh"
cat="--catalog samples/catalog.xml --rules samples/rules.xml"
if [ -n "$full" ]; then
	orders=450 budget=$((4 * 1024 * 1024)) said="4 MiB" fsize=2048
else
	orders=30 budget=$((256 * 1024)) said="256 KiB" fsize=128
	export POREVIEW_TEST_WEEKS_BUDGET=$budget
fi

python3 - samples/catalog.xml $orders > "$tmp/batch.tsv" <<'EOF'
import random, sys, datetime
import xml.etree.ElementTree as ET
ns = {"c": ET.parse(sys.argv[1]).getroot().tag.split("}")[0].strip("{")}
products = []
for p in ET.parse(sys.argv[1]).getroot().iter("{%s}product" % ns["c"]):
    units = p.find("c:units", ns)
    products.append((p.get("sku"), units.get("base", "C62")))
rnd = random.Random(7)
first = datetime.date(1990, 1, 1).toordinal()
last = datetime.date(3990, 12, 31).toordinal()
soon = datetime.date(2027, 1, 1).toordinal()
out = sys.stdout
out.write("#poreview-records 1\n")
for o in range(int(sys.argv[2])):
    key = "0088:4012345000009/W-%d" % o
    doc = "%016x" % (o + 1)
    out.write("order\t%s\t%s\tweeks.xml\tubl\torder\t0\tW-%d\t2026-11-20"
              "\t\t\t\t\t4012345000009\t0088\tKessler Hausgeräte GmbH\tDE"
              "\t\t\t\t\tEUR\t\t\t\tBremen, DE\tDE\tFOB\tNingbo"
              "\t30 days net\t\t\t\t\t1000\t%08x\t%d\n" % (key, doc, o, o, o))
    for n in range(1, 1001):
        sku, unit = products[rnd.randrange(len(products))]
        if rnd.randrange(10):
            day = datetime.date.fromordinal(rnd.randrange(first, last))
        else:
            day = datetime.date.fromordinal(rnd.randrange(soon, soon + 365))
        qty = rnd.choice((100, 500, 2000, 9000, 25000))
        out.write("line\t%s\t%s\t%d\t%d\t%d\t%s\t1.00\t\t%d.00\tEUR"
                  "\tItem %s\t\t%s\t\t\t\t\t%s\t\t\n"
                  % (key, doc, n, n, qty, unit, qty, sku, sku, day))
EOF
check "the batch is made" $?

"$bin/po-check" $cat --today 2026-11-27 "$tmp/batch.tsv" > "$tmp/out" \
    2> "$tmp/err"
rc=$?
[ $rc -eq 0 ] || [ $rc -eq 1 ]
check "po-check reviews the batch" $? "exit $rc: $(head -3 "$tmp/err")"

# One pass over the review (a 357 MB stream: it was read five times)
# takes what the checks below compare: the load records' (product, week)
# pairs and the sum of each, the capacity records in the order they came,
# the lines that, first come first served, take a week over its
# product's capacity, and the lines the capacity findings are on.
awk -F '\t' -v d="$tmp" '
    $1 == "load" { n++; sku[n] = $5; week[n] = $6; q[n] = $7
	key[n] = $2 "\t" $4; k = $5 "\t" $6
	if (!(k in sum)) pairs++
	sum[k] += $7 }
    $1 == "capacity" { cap[$3] = $7
	print $3 "\t" $4 "\t" $5 > (d "/capacity.got") }
    $1 == "finding" && $5 == "capacity" { print $2 "\t" $4 > (d "/over.got") }
    END {
	print pairs + 0 > (d "/pairs")
	for (k in sum) printf "%s\t%.12g\n", k, sum[k] > (d "/loads")
	for (i = 1; i <= n; i++) {
		k = sku[i] "\t" week[i]
		run[k] += q[i]
		if (cap[sku[i]] > 0 && run[k] > cap[sku[i]])
			print key[i] > (d "/over.want")
	}
    }' "$tmp/out"
touch "$tmp/capacity.got" "$tmp/over.got" "$tmp/over.want" "$tmp/loads"

# the pairs the batch books: past the budget at 12 bytes each
pairs=$(cat "$tmp/pairs")
[ "$pairs" -gt $((budget / 12)) ]
check "the batch books more weeks than $said holds ($pairs pairs)" $?

# each capacity record is the sum of its load records
LC_ALL=C sort -o "$tmp/loads" "$tmp/loads"
LC_ALL=C sort "$tmp/capacity.got" > "$tmp/capacity"
[ "$(wc -l < "$tmp/capacity")" -eq "$pairs" ] &&
    cmp -s "$tmp/loads" "$tmp/capacity"
check "each capacity record sums its load records" $? \
    "$(diff "$tmp/loads" "$tmp/capacity" | head -5)"

cut -f 1,2 "$tmp/capacity.got" > "$tmp/order"
LC_ALL=C sort -c "$tmp/order" 2> "$tmp/err" && [ -s "$tmp/order" ] &&
    [ "$(LC_ALL=C sort -u "$tmp/order" | wc -l)" -eq "$pairs" ]
check "capacity records come sorted by SKU and week, each once" $? \
    "$(cat "$tmp/err")"

# first come, first served: the lines that take a week over capacity
LC_ALL=C sort -o "$tmp/over.want" "$tmp/over.want"
LC_ALL=C sort -o "$tmp/over.got" "$tmp/over.got"
[ -s "$tmp/over.want" ] && cmp -s "$tmp/over.want" "$tmp/over.got"
check "capacity findings on the lines that book a week over capacity" $? \
    "$(wc -l < "$tmp/over.want") wanted, $(wc -l < "$tmp/over.got") found"

# no temporary folder: the review is whole all the same (the weeks stay
# in memory), and why is said once, with exit 3
TMPDIR=/nonexistent/poreview "$bin/po-check" $cat --today 2026-11-27 \
    "$tmp/batch.tsv" > "$tmp/out.nofile" 2> "$tmp/err"
rc=$?
[ $rc -eq 3 ] && [ "$(wc -l < "$tmp/err")" -eq 1 ] &&
    grep -q "^po-check: cannot keep the demand per week in a temporary \
file in /nonexistent/poreview: No such file or directory (it was kept in \
memory instead)\$" "$tmp/err"
check "without a temporary folder: exit 3 and why, once" $? \
    "exit $rc: $(head -2 "$tmp/err")"
cmp -s "$tmp/out" "$tmp/out.nofile"
check "without a temporary folder: the same review" $?

# a full temporary folder (files over 2 MB refused, as a full disk would;
# 128 KB under ASan):
# the same, with the reason the write failed
( ulimit -f $fsize; trap '' XFSZ
  "$bin/po-check" $cat --today 2026-11-27 "$tmp/batch.tsv" 2> "$tmp/err"
  echo $? > "$tmp/rc" ) | cat > "$tmp/out.full"
rc=$(cat "$tmp/rc")
[ "$rc" -eq 3 ] && [ "$(wc -l < "$tmp/err")" -eq 1 ] &&
    grep -q "^po-check: cannot keep the demand per week in a temporary \
file: File too large (it was kept in memory instead)\$" "$tmp/err"
check "a full temporary folder: exit 3 and why, once" $? \
    "exit $rc: $(head -2 "$tmp/err")"
cmp -s "$tmp/out" "$tmp/out.full"
check "a full temporary folder: the same review" $?
# The order keys of the batch live in a temporary SQLite database.  When
# its folder fills up (files over 256 KiB refused), the review goes on
# whole but for duplicates from then on, and says so once, exit 3.  An
# order sent twice early in the batch is still found.
python3 - > "$tmp/keys.tsv" <<'EOF2'
import sys
out = sys.stdout
out.write("#poreview-records 1\n")
def order(o, doc):
    key = "0088:4012345000009/K-%d" % o
    out.write("order\t%s\t%s\tkeys.xml\tubl\torder\t0\tK-%d\t2026-11-20"
              "\t\t\t\t\t4012345000009\t0088\tKessler Hausgeräte GmbH\tDE"
              "\t\t\t\t\tEUR\t\t\t\tBremen, DE\tDE\tFOB\tNingbo"
              "\t30 days net\t\t\t\t\t1\t%08x\t100\n" % (key, doc, o, o))
    out.write("line\t%s\t%s\t1\t1\t100\tC62\t1.25\t\t125.00\tEUR"
              "\tItem\t\tHX-PC-E1810\t\t\t\t\t2027-03-12\t\t\n" % (key, doc))
order(0, "%016x" % 1)
order(0, "%016x" % 1)
for o in range(1, 30000):
    order(o, "%016x" % (o + 1))
EOF2
( ulimit -f 256; trap '' XFSZ
  "$bin/po-check" $cat --today 2026-11-27 "$tmp/keys.tsv" 2> "$tmp/err"
  echo $? > "$tmp/rc" ) | cat > "$tmp/out.keys"
rc=$(cat "$tmp/rc")
[ "$rc" -eq 3 ] && [ "$(wc -l < "$tmp/err")" -eq 1 ] &&
    grep -q "^po-check: cannot keep the run's order keys in a temporary \
database: .* (from then on an order sent twice in the batch was not \
found)\$" "$tmp/err"
check "order keys' folder full: exit 3 and why, once" $? \
    "exit $rc: $(head -2 "$tmp/err")"
[ "$(grep -c '^verdict' "$tmp/out.keys")" -eq 30001 ] &&
    [ "$(awk -F '\t' '$1 == "finding" && $5 == "duplicate"' "$tmp/out.keys" |
    wc -l)" -eq 1 ]
check "order keys' folder full: every order reviewed, the early duplicate found" $? \
    "$(grep -c '^verdict' "$tmp/out.keys") verdicts"
finish
