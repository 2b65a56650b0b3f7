#!/bin/sh
# sheet.sh BINDIR: po-sheet's workbook read back by an independent reader
# (openpyxl: tests/xlsx-cells.py): sheets, headers, values and types for
# the samples in English, Chinese and both; hostile text stays text; sheet
# names; empty input; big orders; many special orders; a full disk; the
# target's safety; same input, same bytes.
suite=sheet
. "$(dirname "$0")/lib.sh"
cells() { /usr/bin/python3 tests/xlsx-cells.py "$1"; }
# has SHEET CELL TYPE VALUE: the cell holds that value with that type
has() {
	grep -qxF "$(printf '%s\t%s\t%s\t%s' "$2" "$3" "$4" "$5")" "$1"
}
cat="--catalog samples/catalog.xml --rules samples/rules.xml --today 2026-11-27"
"$bin/po-parse" samples/orders/* | "$bin/po-check" $cat > "$tmp/reviewed.tsv"
orders=$(grep -c '^order' "$tmp/reviewed.tsv")
lines=$(grep -c '^line' "$tmp/reviewed.tsv")
findings=$(grep -c '^finding' "$tmp/reviewed.tsv")
capacity=$(grep -c '^capacity' "$tmp/reviewed.tsv")
forms=$(awk -F '\t' '$1 == "verdict" && $4 != "regular"' "$tmp/reviewed.tsv" | wc -l)
# orders whose verdict asks the general manager's approval with no finding
# of his: po-sheet adds a Findings row for it to sign
gmrows=$(awk -F '\t' '$1 == "order" { gm = 0 } $1 == "finding" && $7 == "gm" && $6 != "info" { gm = 1 }
    $1 == "verdict" && $7 == "yes" && !gm { n++ } END { print n + 0 }' "$tmp/reviewed.tsv")

for lang in en zh both; do
	"$bin/po-sheet" -o "$tmp/$lang.xlsx" --lang $lang "$tmp/reviewed.tsv" \
	    2> "$tmp/err"
	check "$lang: po-sheet writes the workbook (exit 0)" $? "$(cat "$tmp/err")"
	cells "$tmp/$lang.xlsx" > "$tmp/$lang.cells" 2> "$tmp/err"
	check "$lang: openpyxl reads it" $? "$(cat "$tmp/err")"
done
c=$tmp/en.cells
# the customer's own words: every note of the stream is in each workbook
# as written (order and line notes on the review records, line notes in
# Lines too), and no review-record value repeats its row's label
for lang in en zh both; do
	/usr/bin/python3 - "$tmp/reviewed.tsv" "$tmp/$lang.xlsx" > "$tmp/notes" 2>&1 <<'PY'
import sys, openpyxl
esc = {'\\': '\\', 't': '\t', 'n': '\n', 'r': '\r'}
def unescape(f):
    out, i = [], 0
    while i < len(f):
        if f[i] == '\\':
            out.append(esc[f[i + 1]]); i += 2
        else:
            out.append(f[i]); i += 1
    return ''.join(out)
notes = [unescape(l.rstrip('\n').split('\t')[6]) for l in open(sys.argv[1], encoding='utf-8')
         if l.startswith('note\t')]
wb = openpyxl.load_workbook(sys.argv[2])
cells = [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
missing = [n for n in set(notes) if not any(n in v for v in cells)]
# a record's head holds two fields a row: label A, value B; label E, value H
labels = [(ws.title, r[a].value) for ws in wb.worksheets if ws.title.startswith(('RR ', '评审 '))
          for r in ws.iter_rows() for a, b in ((0, 1), (4, 7))
          if len(r) > b and r[a].value and r[a].value == r[b].value]
for n in missing: print('missing note:', n[:80])
for t, v in labels: print('label as value:', t, v)
print(len(set(notes)), 'notes')
sys.exit(1 if missing or labels or not notes else 0)
PY
	check "$lang: every note of the stream is in the workbook verbatim; no value is its label" $? \
	    "$(head -5 "$tmp/notes")"
done
grep -q "^Summary	O[0-9]*	s	line 1: seller's item no.$" "$c" &&
    ! grep -q "^Summary	[KO][0-9]*	s	.*\(seller_item\|written,\)" "$c" &&
    grep -q "^Summary	K[0-9]*	s	in writing; by sample$" "$c"
check "en: the customer is asked and confirms in words, not field codes" $? \
    "$(grep "^Summary	[KO][0-9]*	" "$c" | head -5)"
grep -q "^Summary	E[0-9]*	s	lines 20[0-9-]* … 20[0-9-]*$" "$c"
check "en: an order with dates only on its lines: their span as its requested delivery" $? \
    "$(grep "^Summary	E[0-9]*	" "$c" | head -5)"
# the record's delivery terms: the Incoterm and its named place, once
has "$c" "RR 4500311927" H6 s "CIF Hamburg" && has "$c" "RR 4500982211" H6 s "FOB Ningbo" &&
    has "$c" "RR JY-2026-1116-07" H6 s EXW
check "en: a review record's delivery terms name the Incoterm's place (CIF Hamburg; FOB Ningbo, once)" $? \
    "$(grep "^RR [^	]*	H6	" "$c" | head -5)"
grep '^#sheet' "$c" | cut -f2 | head -4 | tr '\n' ' ' > "$tmp/names"
[ "$(cat "$tmp/names")" = "Summary Lines Findings Capacity " ]
check "en: the first sheets" $? "$(cat "$tmp/names")"
[ "$(grep '^#sheet' "$c" | tail -n 1 | cut -f2)" = About ]
check "en: About comes last" $?
[ "$(grep -c '^#sheet	RR ' "$c")" -eq "$forms" ]
check "en: one review record per special, incomplete or rejected order ($forms)" $?
awk -F '\t' -v o=$((orders + 1)) -v l=$((lines + 1)) -v f=$((findings + gmrows + 1)) \
    -v k=$((capacity + 1)) '$1 == "#sheet" && (($2 == "Summary" && $3 != o) ||
    ($2 == "Lines" && $3 != l) || ($2 == "Findings" && $3 != f) ||
    ($2 == "Capacity" && $3 != k)) { bad = 1; print } END { exit bad }' "$c" > "$tmp/d"
check "en: a row per order, line, finding and capacity record" $? "$(cat "$tmp/d")"
[ "$gmrows" -gt 0 ] &&
    [ "$(grep -c "^Findings	F[0-9]*	s	gm-approval$" "$c")" -eq "$gmrows" ] &&
    [ "$(grep -c "^Findings	D[0-9]*	s	General manager$" "$c")" -ge "$gmrows" ] &&
    [ "$(grep -c "^Findings	G[0-9]*	s	A special order: the general manager approves it.$" "$c")" -eq "$gmrows" ]
check "en: a special order with no finding of the general manager's gets a row for his approval ($gmrows)" $?
has "$c" Summary A1 s "Order key" && has "$c" Summary H1 s Verdict &&
    has "$c" Lines D1 s SKU && has "$c" Findings I1 s Decision &&
    has "$c" Capacity D1 s Committed && has "$c" Capacity E1 s Tentative &&
    has "$c" Capacity F1 s "Capacity per week" && has "$c" Capacity G1 s Utilisation
check "en: headers" $?
row=$(awk -F '\t' '$1 == "Summary" && $2 ~ /^C/ && $4 == "PWT-88410" {
    sub(/^C/, "", $2); print $2 }' "$c")
[ -n "$row" ] && has "$c" Summary "D$row" d 2026-11-19 &&
    has "$c" Summary "F$row" n 1 && has "$c" Summary "G$row" n 4600 &&
    has "$c" Summary "H$row" s regular && has "$c" Summary "J$row" s no &&
    ! grep -q "^Summary	[A-Q]$row	s	USD$" "$c"
check "en: Summary of PWT-88410: date, lines, amount, verdict as typed cells" $? \
    "$(grep "	[A-Q]$row	" "$c" | head -20)"
# ANT-2611-093 delivers to an embargoed country: declined without review
for l in "en:Summary:RR:reject:declined without review" \
    "zh:汇总:评审:拒绝:不经评审予以拒绝"; do
	lang=${l%%:*}; l=${l#*:}; sum=${l%%:*}; l=${l#*:}; rr=${l%%:*}
	l=${l#*:}; label=${l%%:*}; why=${l#*:}
	row=$(awk -F '\t' -v s="$sum" '$1 == s && $2 ~ /^C/ &&
	    $4 == "ANT-2611-093" { sub(/^C/, "", $2); print $2 }' "$tmp/$lang.cells")
	[ -n "$row" ] && has "$tmp/$lang.cells" "$sum" "H$row" s "$label" &&
	    grep -q "^$rr ANT-2611-093	[A-Z]*[0-9]*	s	$label — $why" "$tmp/$lang.cells"
	check "$lang: a reject shows as such in the Summary and its review record" $? \
	    "$(grep "^$sum	[A-Q]$row	" "$tmp/$lang.cells" | head -20)"
done
grep -q "^Lines	G[0-9]*	n	400$" "$c" && grep -q "^Lines	I[0-9]*	n	11.5$" "$c"
check "en: quantities and prices are numbers" $?
# a line's findings: the departments that look at them, in words (the
# codes and messages are on Findings)
has "$c" Lines M1 s "Departments to review" &&
    grep -q "^Lines	M[0-9]*	s	Purchasing$" "$c" &&
    grep -q "^Lines	M[0-9]*	s	Production, R&D$" "$c" &&
    ! grep -q "^Lines	M[0-9]*	s	.*\(outsourced\|prop-\|lead-time\)" "$c"
check "en: Lines names the departments a line's findings go to, in words, not codes" $? \
    "$(grep "^Lines	M[0-9]*	" "$c" | sort -u -k4 | head -8)"
# a line whose order states no amount (cXML): quantity x price / price
# basis, in italics, and About says what italics mean; a stated one is
# as stated, upright
/usr/bin/python3 - "$tmp/reviewed.tsv" "$tmp/en.xlsx" > "$tmp/amounts" 2>&1 <<'PY'
import sys, openpyxl
lines = [l.rstrip('\n').split('\t') for l in open(sys.argv[1], encoding='utf-8') if l.startswith('line\t')]
ws = openpyxl.load_workbook(sys.argv[2])['Lines']
bad, calc, stated = [], 0, 0
for l, row in zip(lines, ws.iter_rows(min_row=2)):
    cell = row[9]
    if l[9]:
        stated += 1
        ok = cell.value == float(l[9]) and not cell.font.i
    elif l[5] and l[7]:
        calc += 1
        want = float(l[5]) * float(l[7]) / (float(l[8]) if l[8] else 1)
        ok = isinstance(cell.value, (int, float)) and abs(cell.value - want) < 1e-4 and cell.font.i
    else:
        ok = cell.value is None
    if not ok:
        bad.append('%s line %s: %r italic %s' % (l[2], l[3], cell.value, cell.font.i))
print(calc, 'computed', stated, 'stated')
for b in bad[:5]: print(b)
sys.exit(1 if bad or not calc or not stated else 0)
PY
check "Lines: a line amount the order does not state is computed, in italics" $? "$(cat "$tmp/amounts")"
grep -q "^About	B[0-9]*	s	computed: quantity × price ÷ price basis" "$c"
check "About: amounts in italics are computed" $?
grep -q "^Findings	G[0-9]*	s	Property \"Length: 12 m\" is outside" "$c"
check "en: finding messages in English" $?
grep -q "^评审事项	G[0-9]*	s	属性“Length：12 m”超出我司" "$tmp/zh.cells" &&
    ! grep -q "^评审事项	G[0-9]*	s	Property \"" "$tmp/zh.cells"
check "zh: finding messages in Chinese only" $?
has "$tmp/zh.cells" 汇总 A1 s 订单键 && grep -q "^#sheet	汇总	" "$tmp/zh.cells" &&
    grep -q "^#sheet	评审 " "$tmp/zh.cells"
check "zh: Chinese headers and sheet names" $?
has "$tmp/both.cells" Summary H1 s "Verdict /\\n评审结论" &&
    grep -q "^Findings	G[0-9]*	s	Property \"Length: 12 m\".*\\\\n属性" "$tmp/both.cells"
check "both: labels and messages in both languages" $?
# each review record's sign-off table: a row per department the verdict
# names (its label alone in A: before, the text written last was glued in
# front of it), the decision to tick, the general manager's row last
/usr/bin/python3 - "$tmp/reviewed.tsv" "$tmp/both.xlsx" > "$tmp/boxes" 2>&1 <<'PY'
import sys, openpyxl
words = {'sales': 'Sales / 销售部', 'purchasing': 'Purchasing / 采购部',
         'production': 'Production / 生产部', 'rd': 'R&D / 研发部',
         'quality': 'Quality / 质量部'}
want = {}
for l in open(sys.argv[1], encoding='utf-8'):
    f = l.rstrip('\n').split('\t')
    if f[0] == 'order':
        num = f[7]
    if f[0] == 'verdict' and f[3] != 'regular':
        want[num] = [words[d] for d in f[4].split(',') if d and d != 'gm']
wb = openpyxl.load_workbook(sys.argv[2])
bad, n, matched = [], 0, 0
for ws in wb.worksheets:
    if not ws.title.startswith('RR '):
        continue
    n += 1
    rows = [(r[0].value, r[1].value) for r in ws.iter_rows(max_col=2)]
    head = [i for i, (a, b) in enumerate(rows) if a == 'Department / 部门' and b == 'Opinion / 评审意见']
    num = ws.title[3:]
    if len(head) != 1:
        bad.append((num, 'no sign-off table')); continue
    got, i = [], head[0] + 1
    while i < len(rows) and rows[i][0] and not rows[i][0].startswith('Decision / 决定: ☐ accept'):
        got.append(rows[i][0]); i += 1
    gm = rows[i + 1][0] if i + 1 < len(rows) else None
    if num in want:
        matched += 1
        if got != want[num]:
            bad.append((num, got, want[num]))
    if gm != 'General manager approval / 总经理批准':
        bad.append((num, 'GM row', gm))
print(n, 'records,', matched, 'checked against their verdict')
for b in bad: print(b)
sys.exit(1 if bad or n == 0 or matched < n - 2 else 0)
PY
check "both: each record's sign-off table has a row per department to review, the decision, the GM's row" $? "$(head -5 "$tmp/boxes")"
grep -q "^About	B[0-9]*	s	2026-11-27$" "$c" &&
    grep -q "^About	B[0-9]*	s	$(awk -F '\t' '$1 == "run" { print $6 }' "$tmp/reviewed.tsv")$" "$c"
check "About: today and the catalog's checksum" $?
grep -q "^RR PWT\|^RR NPT-PO-261118-2	A1	s	Contract review record$" "$c" &&
    grep -q "^RR NPT-PO-261118-2	A[0-9]*	s	General manager approval$" "$c" &&
    grep -q "^RR NPT-PO-261118-2	A[0-9]*	s	Production$" "$c" &&
    grep -q "^RR NPT-PO-261118-2	B[0-9]*	s	Opinion$" "$c"
check "review record: title, a row per department to sign, the GM's approval" $?

# same input, same bytes
SOURCE_DATE_EPOCH=1795651200 "$bin/po-sheet" -o "$tmp/a.xlsx" "$tmp/reviewed.tsv"
SOURCE_DATE_EPOCH=1795651200 "$bin/po-sheet" -o "$tmp/b.xlsx" "$tmp/reviewed.tsv"
cmp -s "$tmp/a.xlsx" "$tmp/b.xlsx"
check "SOURCE_DATE_EPOCH: the same input gives the same bytes" $?

# hostile text stays text; sheet names from order numbers are made valid
h=tests/cases/po-check/101-regular-order/stdin
awk -F '\t' -v OFS='\t' '$1 == "order" {
	$8 = "=HYPERLINK(\"http://x.example\",\"click\")"; $16 = "+1+2"
	$30 = "@SUM(A1)"; $2 = "k/1"; $3 = "d1" }
	$1 == "line" { $12 = "-2+3"; $2 = "k/1"; $3 = "d1" }
	$1 == "prop" { $2 = "k/1"; $3 = "d1" } { print }' "$h" > "$tmp/evil.tsv"
printf 'note\tk/1\td1\t\torder\t\t\\tcmd|calc\n' >> "$tmp/evil.tsv"
"$bin/po-check" $cat "$tmp/evil.tsv" > "$tmp/evil2.tsv"
for n in 'A/B:C*D?[E]\F' "$(printf 'X%.0s' $(seq 1 60))" '订单２０２６/十一月/第一批次加急' History; do
	i=$((i + 1))
	e=$(printf '%s' "$n" | sed 's/\\/\\\\/g')	# the stream escapes \
	awk -F '\t' -v OFS='\t' -v i="$i" -v n="$(printf '%s' "$e" |
	    sed 's/\\/\\\\/g')" '$1 != "#poreview-records 1" {
	    $2 = "b/" i; $3 = "d" i
	    if ($1 == "order") { $8 = n; $28 = "Frei Haus" } } { print }' "$h" |
	    "$bin/po-check" $cat | sed '1,2d' >> "$tmp/evil2.tsv"
done
"$bin/po-sheet" -o "$tmp/evil.xlsx" --lang en "$tmp/evil2.tsv" 2> "$tmp/err"
check "hostile text: workbook written" $? "$(cat "$tmp/err")"
cells "$tmp/evil.xlsx" > "$tmp/evil.cells"
! grep -q "	f	" "$tmp/evil.cells" &&
    grep -qF "$(printf 'Summary\tC2\ts\t=HYPERLINK("http://x.example","click")')" "$tmp/evil.cells" &&
    grep -qF "$(printf 'Summary\tB2\ts\t+1+2')" "$tmp/evil.cells" &&
    grep -qF "$(printf 'Lines\tE2\ts\t-2+3')" "$tmp/evil.cells"
check "formula-looking text is a string, never a formula" $? \
    "$(grep '	f	' "$tmp/evil.cells")"
/usr/bin/python3 -c "
import openpyxl,sys
wb = openpyxl.load_workbook('$tmp/evil.xlsx')
names = wb.sheetnames
bad = [n for n in names if len(n) > 31 or any(c in n for c in '[]:*?/\\\\')]
dups = len(names) != len(set(n.lower() for n in names))
hist = any(n.lower() == 'history' for n in names)
links = sum(len(ws._hyperlinks) for ws in wb.worksheets)
sys.exit(1 if bad or dups or hist or links else 0)" 2> "$tmp/err"
check "sheet names valid, unique, not History; no hyperlinks" $? "$(cat "$tmp/err")"

# nothing to review
printf '#poreview-records 1\n' | "$bin/po-check" $cat |
    "$bin/po-sheet" -o "$tmp/empty.xlsx" 2> "$tmp/err"
check "an empty stream: exit 0" $? "$(cat "$tmp/err")"
cells "$tmp/empty.xlsx" > "$tmp/empty.cells"
grep -q "^About	A1	s	There was nothing to review" "$tmp/empty.cells"
check "an empty stream: the workbook says there was nothing to review" $?

# an order of 5,000 lines; 500 special orders, 100 review records at most
awk -F '\t' -v OFS='\t' '$1 == "line" { l = $0 } $1 == "prop" { next }
    $1 == "order" { $35 = 5000 } $1 != "line" { print } END { for (i = 1; i <= 5000; i++) {
    $0 = l; $4 = i; $5 = i; print } }' "$h" | sed 's/\t1\t2500.00\t/\t5000\t2500.00\t/' |
    "$bin/po-check" $cat > "$tmp/big.tsv"
"$bin/po-sheet" -o "$tmp/big.xlsx" "$tmp/big.tsv" 2> "$tmp/err"
check "an order of 5,000 lines" $? "$(cat "$tmp/err")"
cells "$tmp/big.xlsx" > "$tmp/big.cells"
grep -q '^#sheet	Lines	5001	' "$tmp/big.cells"
check "an order of 5,000 lines: 5,000 rows in Lines" $?
for i in $(seq 1 500); do
	sed "s/PO-1000/PO-S$i/g; s/c712c503881161d0/$(printf '%016x' $i)/g; s/\tFOB\t/\tFrei Haus\t/" "$h" | grep -v '^#'
done | sed '1i #poreview-records 1' | "$bin/po-check" $cat > "$tmp/many.tsv"
"$bin/po-sheet" -o "$tmp/many.xlsx" --lang en "$tmp/many.tsv" 2> "$tmp/err"
check "500 special orders" $? "$(cat "$tmp/err")"
cells "$tmp/many.xlsx" > "$tmp/many.cells"
[ "$(grep -c '^#sheet	RR ' "$tmp/many.cells")" -eq 100 ] &&
    [ "$(grep -c '^Summary	P[0-9]*	s	not in this workbook$' "$tmp/many.cells")" -eq 400 ] &&
    grep -q '^About	B[0-9]*	n	400$' "$tmp/many.cells"
check "500 special orders: 100 review records, the Summary and About say the rest" $?

# the target: never half a file, never a device
echo "old workbook" > "$tmp/keep.xlsx"
( ulimit -f 40; "$bin/po-sheet" -o "$tmp/keep.xlsx" "$tmp/big.tsv" ) 2> "$tmp/err"
rc=$?
[ $rc -eq 3 ] && [ "$(cat "$tmp/keep.xlsx")" = "old workbook" ] &&
    [ -z "$(ls -A "$tmp" | grep '^\.po-sheet')" ] && grep -q "po-sheet: " "$tmp/err"
check "a full disk: a clear error, exit 3, the old file untouched, no temporary left" $? \
    "exit $rc: $(cat "$tmp/err")"
"$bin/po-sheet" -o /dev/full "$tmp/reviewed.tsv" 2> "$tmp/err"
[ $? -eq 3 ] && grep -q "is not a regular file" "$tmp/err"
check "a target that is not a regular file is refused" $? "$(cat "$tmp/err")"

# a sheet that is full goes on in "NAME (2)" (the limit lowered to 50 rows
# so the test stays small; Excel's is 1,048,576), and About says so
POREVIEW_SHEET_ROWS=50 "$bin/po-sheet" -o "$tmp/parts.xlsx" --lang en \
    "$tmp/reviewed.tsv" 2> "$tmp/err"
cells "$tmp/parts.xlsx" > "$tmp/parts.cells"
grep '^#sheet' "$tmp/parts.cells" | awk -F '\t' '$2 ~ /^Lines/ { n += $3 - 1 }
    $2 ~ /^Findings/ { f += $3 - 1 } END { print n, f }' > "$tmp/n"
[ "$(cat "$tmp/n")" = "$lines $((findings + gmrows))" ] &&
    grep -q "^#sheet	Lines (3)	" "$tmp/parts.cells" &&
    grep -q "^About	B[0-9]*	s	Lines: 3; Findings: 5$" "$tmp/parts.cells"
check "full sheets go on in Lines (2), Findings (2), ...: no row lost" $? \
    "$(cat "$tmp/n") $(grep '^#sheet' "$tmp/parts.cells" | cut -f2 | tr '\n' ' ')"
# each part stands right after the one it continues (libxlsxwriter puts
# sheets in the order they are made: the parts were made after the
# review records), and its print titles and filter are its own
/usr/bin/python3 - "$tmp/parts.xlsx" > "$tmp/order" 2>&1 <<'PY'
import re, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
names = wb.sheetnames
bad = []
for i, n in enumerate(names):
    m = re.fullmatch(r'(.*) \((\d+)\)', n)
    if m:
        want = m.group(1) if m.group(2) == '2' else '%s (%d)' % (m.group(1), int(m.group(2)) - 1)
        if names[i - 1] != want:
            bad.append('%s after %s' % (n, names[i - 1]))
    ws = wb[n]
    if not n.startswith(('RR ', 'About')) and ws.max_row > 1 and (ws.print_title_rows != '$1:$1' or
            not (ws.auto_filter.ref or '').startswith('A1:')):
        bad.append('%s: titles %s, filter %s' % (n, ws.print_title_rows, ws.auto_filter.ref))
first = [n for n in names if n.startswith('RR ')][:1]
lists = [n for n in names if n.startswith(('Lines', 'Findings', 'Capacity'))]
if first and names.index(first[0]) < max(names.index(n) for n in lists):
    bad.append('a review record before a list part')
print(' '.join(names[:14]))
for b in bad: print(b)
sys.exit(1 if bad else 0)
PY
check "Lines (2) stands right after Lines, Findings (2) after Findings, all before the review records" $? \
    "$(cat "$tmp/order")"

# the capacity chart: on its own sheet right after Capacity, the
# product-weeks over 80 % (here, with eight times the demand, 30 of
# more), most loaded first, labelled "SKU week", in percent, with a
# line at 100 %; its data in cells of its sheet, as constant-memory
# mode needs; Capacity keeps every row
awk -F '\t' -v OFS='\t' '$1 == "capacity" { $5 = $5 * 8 } { print }' \
    "$tmp/reviewed.tsv" > "$tmp/loaded.tsv"
awk -F '\t' '$1 == "capacity" && $7 > 0 { u = ($5 + $6) / $7; if (u > 0.8)
    printf "%.10f\t%d\t%s %s\n", u, NR, $3, $4 }' "$tmp/loaded.tsv" |
    sort -t "$(printf '\t')" -k1,1gr -k2,2n > "$tmp/over"
over=$(wc -l < "$tmp/over")
"$bin/po-sheet" -o "$tmp/loaded.xlsx" --lang en "$tmp/loaded.tsv" 2> "$tmp/err"
check "a loaded batch: the workbook is written" $? "$(cat "$tmp/err")"
cells "$tmp/loaded.xlsx" > "$tmp/loaded.cells"
head -n 30 "$tmp/over" | cut -f3 > "$tmp/want"
grep '^Capacity chart	A[0-9]*	s	' "$tmp/loaded.cells" | sed 1d | cut -f4 > "$tmp/got"
[ "$over" -gt 30 ] && cmp -s "$tmp/want" "$tmp/got" &&
    grep -q "^Capacity chart	A1	s	Product and week$" "$tmp/loaded.cells" &&
    grep -q "^Capacity chart	B2	n	$(head -n 1 "$tmp/over" | cut -f1 | sed 's/0*$//')" "$tmp/loaded.cells" &&
    grep -q "^#sheet	Capacity	$((capacity + 1))	" "$tmp/loaded.cells" &&
    grep '^#sheet' "$tmp/loaded.cells" | cut -f2 | grep -A1 -x Capacity | tail -n 1 |
    grep -qx 'Capacity chart'
check "the chart's rows: the 30 most loaded of $over over 80 %, 'SKU week', after Capacity, which keeps all" $? \
    "$(diff "$tmp/want" "$tmp/got" | head -5; grep '^#sheet' "$tmp/loaded.cells" | cut -f2 | tr '\n' ' ')"
unzip -p "$tmp/loaded.xlsx" xl/charts/chart1.xml > "$tmp/chart.xml"
grep -o "<c:f>[^<]*</c:f>" "$tmp/chart.xml" | tr '\n' ' ' > "$tmp/ranges"
[ "$(cat "$tmp/ranges")" = "<c:f>'Capacity chart'!\$A\$2:\$A\$31</c:f> <c:f>'Capacity chart'!\$B\$2:\$B\$31</c:f> <c:f>'Capacity chart'!\$A\$2:\$A\$31</c:f> <c:f>'Capacity chart'!\$C\$2:\$C\$31</c:f> " ] &&
    grep -q '<c:valAx>.*<c:numFmt formatCode="0%"' "$tmp/chart.xml" &&
    grep -q '<c:trendline><c:name>100 % of capacity</c:name>.*<c:trendlineType val="linear"/><c:forward val="0.5"/><c:backward val="0.5"/>' "$tmp/chart.xml" &&
    ! grep -q '<c:plotVisOnly' "$tmp/chart.xml" &&
    [ "$(grep -c "^Capacity chart	C[0-9]*	n	1$" "$tmp/loaded.cells")" -eq 30 ] &&
    grep -q "^Capacity chart	C1	s	100 % of capacity$" "$tmp/loaded.cells"
check "the chart: categories and values from its rows, the value axis in percent, a 100 % line across" $? \
    "$(cat "$tmp/ranges")"
grep -q "^Capacity chart	A1	s	No product is loaded over 80 % of its capacity in any week; the most loaded: [^ ]* 20[0-9][0-9]-W[0-9][0-9], [0-9.]* %.$" "$c" &&
    ! unzip -l "$tmp/en.xlsx" | grep -q 'xl/charts/'
check "no product-week over 80 %: the chart's sheet says so and names the most loaded" $? \
    "$(grep '^Capacity chart' "$c")"

# --forms-dir: one workbook per review record, for any number of orders,
# named from the order number cut to safe characters
mkdir "$tmp/forms"
"$bin/po-sheet" -o "$tmp/f.xlsx" --max-forms 0 --forms-dir "$tmp/forms" \
    "$tmp/reviewed.tsv" 2> "$tmp/err"
check "--forms-dir: exit 0" $? "$(cat "$tmp/err")"
[ "$(ls "$tmp/forms" | wc -l)" -eq "$forms" ] &&
    [ -z "$(ls -A "$tmp/forms" | grep -v '^[0-9][0-9][0-9][0-9][0-9]-[A-Za-z0-9._-]*\.xlsx$')" ] &&
    [ -f "$tmp/forms/00018-IBC_PO_26_1207.xlsx" ]
check "--forms-dir: a workbook per special order, safe names" $? "$(ls -A "$tmp/forms")"
cells "$tmp/forms/00018-IBC_PO_26_1207.xlsx" > "$tmp/form.cells"
[ "$(grep -c '^#sheet' "$tmp/form.cells")" -eq 1 ] &&
    grep -q "	A1	s	Contract review record / 合同评审记录$" "$tmp/form.cells"
check "--forms-dir: each holds its review record" $?

# the standard command-line cases
"$bin/po-sheet" -o "$tmp/stdin.xlsx" < "$tmp/reviewed.tsv" &&
    cells "$tmp/stdin.xlsx" > "$tmp/stdin.cells" &&
    grep -q "^#sheet	Summary	$((orders + 1))	" "$tmp/stdin.cells"
check "stdin with no operands" $?
"$bin/po-sheet" -o "$tmp/dash.xlsx" - < "$tmp/reviewed.tsv" &&
    cmp -s "$tmp/dash.xlsx" "$tmp/stdin.xlsx"
check "- is stdin" $?
"$bin/po-sheet" -o "$tmp/some.xlsx" "$tmp/reviewed.tsv" "$tmp/missing.tsv" 2> "$tmp/err"
rc=$?
[ $rc -eq 3 ] && grep -q "cannot read '.*missing.tsv'" "$tmp/err" &&
    [ ! -e "$tmp/some.xlsx" ]
check "a missing file among good ones: exit 3, no workbook of part of the batch" $? \
    "exit $rc: $(cat "$tmp/err")"

# a real spreadsheet program opens them: LibreOffice, started once for all
mkdir -p "$tmp/lo"
for f in en zh both evil empty; do cp "$tmp/$f.xlsx" "$tmp/lo/"; done
soffice --headless "-env:UserInstallation=file://$tmp/lo-profile" \
    --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
    --outdir "$tmp/lo/csv" "$tmp"/lo/*.xlsx > "$tmp/lo.log" 2>&1
/usr/bin/python3 tests/libreoffice-compare.py "$tmp/lo/csv" "$tmp"/lo/*.xlsx \
    > "$tmp/lo.out" 2>&1
rc=$?
results < "$tmp/lo.out"
[ $rc -eq 0 ] && [ "$(grep -c '^ok ' "$tmp/lo.out")" -eq 5 ]
check "LibreOffice and openpyxl agree on the five workbooks" $? \
    "exit $rc, $(grep -c '^ok ' "$tmp/lo.out") agreed"
finish
