#!/bin/sh
# per.sh BINDIR: po-sheet --per department|customer -o DIR [-j N]: one
# workbook per department (the orders it reviews, only its own findings,
# numbered as in the whole review) or per customer, read back by openpyxl
# against the stream; the same bytes with -j 1 and -j 2 and from standard
# input; a department's workbook signed and read back by po-signoff; what
# is refused, with the workbooks there left as they were.
suite=per
. "$(dirname "$0")/lib.sh"
py=/usr/bin/python3
C="--catalog samples/catalog.xml --rules samples/rules.xml --today 2026-11-27"
export SOURCE_DATE_EPOCH=1795737600
"$bin/po-parse" samples/orders/* | "$bin/po-check" $C > "$tmp/reviewed.tsv"
"$bin/po-sheet" --lang en -o "$tmp/all.xlsx" "$tmp/reviewed.tsv"

mkdir "$tmp/d1" "$tmp/d2" "$tmp/d3" "$tmp/c"
"$bin/po-sheet" --per department --lang en -o "$tmp/d1" "$tmp/reviewed.tsv" 2> "$tmp/err"
[ $? -eq 0 ] && [ ! -s "$tmp/err" ] &&
    [ "$(ls "$tmp/d1" | tr '\n' ' ')" = "review-gm.xlsx review-production.xlsx review-purchasing.xlsx review-quality.xlsx review-rd.xlsx review-sales.xlsx " ]
check "--per department: a workbook for each of the six departments, exit 0" $? \
    "$(cat "$tmp/err"; ls -A "$tmp/d1")"

# each holds the orders its department reviews or has a finding of, and
# its own findings only;
# together they hold every finding of the whole workbook once
$py - "$tmp/reviewed.tsv" "$tmp/all.xlsx" "$tmp/d1" > "$tmp/out" 2>&1 <<'PY'
import os, sys, openpyxl
tsv, whole, d = sys.argv[1:]
want, key, bad = {}, None, []
for l in open(tsv, encoding='utf-8'):
    f = l.rstrip('\n').split('\t')
    if f[0] == 'order':
        key, depts = f[7], set()
    elif f[0] == 'finding':
        depts.add(f[6])
    elif f[0] == 'verdict':
        depts |= set(x for x in f[4].split(',') if x)
        for x in depts:
            want.setdefault(x, set()).add(key)
def ids(path):
    ws = [w for w in openpyxl.load_workbook(path).worksheets if w.title.startswith('Findings')]
    return [tuple(c.value for c in r[11:17]) for w in ws for r in w.iter_rows(min_row=2)]
every = []
for dept in ('sales', 'purchasing', 'production', 'rd', 'quality', 'gm'):
    path = os.path.join(d, 'review-%s.xlsx' % dept)
    wb = openpyxl.load_workbook(path)
    orders = {r[2].value for r in wb['Summary'].iter_rows(min_row=2)}
    if orders != want.get(dept, set()):
        bad.append((dept, 'orders', sorted(orders ^ want.get(dept, set()))))
    mine = ids(path)
    if any(i[3] != dept for i in mine):
        bad.append((dept, 'a finding of another department'))
    every += mine
    # Lines: the lines its findings are about, each once, and no other
    lines = [tuple(c.value for c in r[0:3]) for r in wb['Lines'].iter_rows(min_row=2)]
    about = {tuple(c.value for c in r[0:3]) for r in wb['Findings'].iter_rows(min_row=2) if r[2].value}
    if len(lines) != len(set(lines)) or set(lines) != about:
        bad.append((dept, 'Lines', len(lines), len(about), sorted(set(lines) ^ about)[:5]))
    print(dept, len(orders), 'orders', len(mine), 'findings', len(lines), 'lines')
if sorted(every) != sorted(ids(whole)):
    bad.append(('the findings together are not the whole workbook\'s', len(every)))
for b in bad: print(b)
sys.exit(1 if bad else 0)
PY
check "each department: the orders it reviews, its own findings and the lines they are about; together every finding once, as numbered in the whole" $? \
    "$(cat "$tmp/out")"

# the same bytes however many jobs, and from standard input
"$bin/po-sheet" --per department --lang en -j 2 -o "$tmp/d2" "$tmp/reviewed.tsv" &&
    "$bin/po-sheet" --per department --lang en -j 3 -o "$tmp/d3" < "$tmp/reviewed.tsv"
ok=$?
for f in "$tmp"/d1/*.xlsx; do
	cmp -s "$f" "$tmp/d2/${f##*/}" && cmp -s "$f" "$tmp/d3/${f##*/}" || ok=1
done
[ "$(ls -A "$tmp/d3" | grep -c '^\.')" -eq 0 ]
check "-j 2, -j 3 and standard input: the same bytes, no temporary file left" \
    $(( ok || $? )) "$(ls -A "$tmp/d3")"

# per customer: a workbook for each buyer, of its orders alone
"$bin/po-sheet" --per customer --lang en -j 2 -o "$tmp/c" "$tmp/reviewed.tsv" 2> "$tmp/err"
$py - "$tmp/reviewed.tsv" "$tmp/c" > "$tmp/out" 2>&1 <<'PY'
import os, sys, openpyxl
tsv, d = sys.argv[1:]
orders = [l.split('\t')[7] for l in open(tsv, encoding='utf-8') if l.startswith('order\t')]
seen, bad = [], []
for name in sorted(os.listdir(d)):
    wb = openpyxl.load_workbook(os.path.join(d, name))
    keys = [r[0].value for r in wb['Summary'].iter_rows(min_row=2)]
    buyers = {k.rsplit('/', 1)[0] if k.count('/') == 1 else k.split('/')[0] for k in keys}
    if len(buyers) != 1:
        bad.append((name, buyers))
    seen += [r[2].value for r in wb['Summary'].iter_rows(min_row=2)]
print(len(os.listdir(d)), 'workbooks,', len(seen), 'orders')
if sorted(seen) != sorted(orders):
    bad.append(('orders', sorted(set(seen) ^ set(orders))))
for b in bad: print(b)
sys.exit(1 if bad else 0)
PY
check "--per customer: a workbook per buyer, of its orders; every order in one" $? \
    "$(cat "$tmp/err" "$tmp/out")"

# a department's workbook signed and read back: its own decisions
sign_all() {	# IN OUT: every Findings row accepted
	$py - "$1" "$2" <<'PY'
import sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['Findings']
for r in range(2, ws.max_row + 1):
    ws.cell(r, 8).value = 'Li Na'
    ws.cell(r, 9).value = 'accept'
    ws.cell(r, 10).value = datetime.date(2026, 12, 1)
wb.save(sys.argv[2])
PY
}
sign_all "$tmp/d1/review-production.xlsx" "$tmp/signed.xlsx"
"$bin/po-signoff" --today 2026-12-02 "$tmp/signed.xlsx" > "$tmp/signed.tsv" 2> "$tmp/err"
n=$($py -c "import openpyxl,sys; print(openpyxl.load_workbook(sys.argv[1])['Findings'].max_row - 1)" "$tmp/d1/review-production.xlsx")
[ "$(grep -c '^signoff' "$tmp/signed.tsv")" -eq "$n" ] && [ "$n" -gt 0 ] &&
    ! awk -F '\t' '$1 == "signoff" && $5 != "production"' "$tmp/signed.tsv" | grep -q .
check "Production's workbook signed: po-signoff reads its $n findings back, all Production's" $? \
    "$(cat "$tmp/err"; head -3 "$tmp/signed.tsv")"

# each department signs its own workbook, one after the other: the ledger
# decides an order from all its sign-offs, so it waits while one of its
# departments has not signed, and is accepted once every one has
states() { "$bin/po-ledger" list "$tmp/l.db" | awk -F '\t' '!/^#/ { print $10 }' | sort | uniq -c | awk '{ printf "%s %s ", $1, $2 }'; }
"$bin/po-ledger" init "$tmp/l.db" > /dev/null &&
    "$bin/po-ledger" commit --today 2026-11-27 "$tmp/l.db" "$tmp/reviewed.tsv" > /dev/null
ok=0
for dept in production sales purchasing rd quality gm; do
	sign_all "$tmp/d1/review-$dept.xlsx" "$tmp/s-$dept.xlsx" &&
	    "$bin/po-signoff" --today 2026-12-02 "$tmp/s-$dept.xlsx" |
	    "$bin/po-ledger" commit --today 2026-12-02 "$tmp/l.db" > /dev/null || ok=1
	[ $dept = production ] && states > "$tmp/first"
done
states > "$tmp/last"
total=$(grep -c '^order' "$tmp/reviewed.tsv")
# an order with no finding at all has nothing to sign: it stays reviewed
none=$(awk -F '\t' '$1 == "order" { if (d && !f) n++; d = 1; f = 0 } $1 == "finding" { f = 1 }
    END { if (d && !f) n++; print n + 0 }' "$tmp/reviewed.tsv")
# after Production alone: accepted only the orders of its workbook that
# no other department reviews (po-signoff's decision from that workbook
# alone would accept every order in it)
alone=$(awk -F '\t' 'function done() { if (key != "" && (mine || inv) && !other) n++ }
    $1 == "order" { done(); key = $2; mine = 0; other = 0; inv = 0 }
    $1 == "finding" { if ($7 == "production") mine = 1; else if ($6 != "info") other = 1 }
    $1 == "verdict" && ("," $5 ",") ~ /,production,/ { inv = 1 }
    END { done(); print n + 0 }' "$tmp/reviewed.tsv")
grep -q "pending" "$tmp/first" &&
    [ "$(grep -o '[0-9]* accepted ' "$tmp/first" | cut -d' ' -f1)" = "$([ "$alone" -gt 0 ] && echo "$alone")" ] &&
    ! grep -q "pending\|declined" "$tmp/last" &&
    [ "$(grep -o '[0-9]* accepted ' "$tmp/last" | cut -d' ' -f1)" -eq $((total - none)) ]
check "each department's own workbook signed in turn: pending until all signed, then every order accepted" $((ok || $?)) \
    "after production: $(cat "$tmp/first") ($alone to accept); after all: $(cat "$tmp/last"); $total orders, $none without a finding"

# what is refused: the folder left as it was
cp -p "$tmp"/d1/*.xlsx "$tmp/d2/" && ls -l --time-style=+%s "$tmp/d2" > "$tmp/before"
"$bin/po-sheet" --per department -o "$tmp/d2" "$tmp/reviewed.tsv" "$tmp/missing.tsv" 2> "$tmp/err"
[ $? -eq 3 ] && grep -q "cannot read '$tmp/missing.tsv'" "$tmp/err" &&
    ls -l --time-style=+%s "$tmp/d2" | cmp -s - "$tmp/before"
check "a missing input: exit 3, said, no workbook touched" $? "$(cat "$tmp/err")"
printf '#poreview-records 1\n' | "$bin/po-sheet" --per department -o "$tmp/d2" 2> "$tmp/err"
[ $? -ne 0 ] && grep -q "no reviewed records (po-check's output): no workbook written in '$tmp/d2'" "$tmp/err" &&
    ls -l --time-style=+%s "$tmp/d2" | cmp -s - "$tmp/before" &&
    [ "$(ls -A "$tmp/d2" | grep -c '^\.')" -eq 0 ]
check "a stream po-check did not review: said, no workbook touched, nothing left" $? "$(cat "$tmp/err")"
"$bin/po-sheet" --per department -o "$tmp/all.xlsx" "$tmp/reviewed.tsv" 2> "$tmp/err"
[ $? -eq 3 ] && grep -q "not a folder (--per writes a workbook for each department in it)" "$tmp/err"
check "-o that is not a folder: said, exit 3" $? "$(cat "$tmp/err")"
"$bin/po-sheet" --per department -o "$tmp/none" "$tmp/reviewed.tsv" 2> "$tmp/err"
[ $? -eq 3 ] && grep -q "'$tmp/none': no such folder: make it first (--per writes a workbook for each department in it)" "$tmp/err" &&
    [ ! -e "$tmp/none" ]
check "-o a folder that is not there: said, exit 3, none made" $? "$(cat "$tmp/err")"
"$bin/po-sheet" --per team -o "$tmp/d2" "$tmp/reviewed.tsv" 2> "$tmp/err"
[ $? -eq 2 ] && grep -q "\-\-per 'team': department or customer" "$tmp/err"
check "--per of something else: usage, exit 2" $? "$(cat "$tmp/err")"
finish
