#!/bin/sh
# property.sh BINDIR: customer property.  po-parse --attachments stores
# embedded attachments once under safe names; po-check and po-ledger turn
# an order's drawing and customer-supplied material into expected
# property; po-property records its life, refuses what makes no sense and
# writes the register workbook; po-sheet's "Customer property" sheet.
# Quantities through several deliveries and units, the production start,
# the argument order, and a random life of 50 items checked against a
# model (tests/property-life.py).  "property.sh BINDIR asan" (or
# POREVIEW_BUILD=asan, as run-all.sh sets it) lives the random life of 15
# items in 300 events, as many events an item: one command each, it was
# 30 s of the sanitizer build's start-ups; the checks are the same.
suite=property
life_items=50 life_events=1000
[ "${2:-${POREVIEW_BUILD:-}}" = asan ] && life_items=15 life_events=300
. "$(dirname "$0")/lib.sh"
cat="--catalog samples/catalog.xml --rules samples/rules.xml"
py=/usr/bin/python3
order=tests/property/order-drawing.xml
att=$tmp/att
mkdir -p "$att/inner"

# --- attachments ---------------------------------------------------------
"$bin/po-parse" --attachments "$att/inner" "$order" "$order" > "$tmp/parsed" 2> "$tmp/err"
check "po-parse --attachments reads the order" $? "$(cat "$tmp/err")"
tests/check-records.sh "$tmp/parsed"
check "its stream matches records.md" $?
# the drawing as decoded independently of poreview
sed -n '/filename="LJ-BR-2207_revC.txt">/,/<\/cbc:Embedded/p' "$order" |
    sed -e 's/.*filename="LJ-BR-2207_revC.txt">//' -e 's/<.*//' |
    base64 -d > "$tmp/drawing" 2> "$tmp/err"
check "the test decodes the drawing with base64 -d" $? "$(cat "$tmp/err")"
sha=$(sha256sum < "$tmp/drawing" | cut -c1-64)
size=$(wc -c < "$tmp/drawing")
crc=$($py -c 'import sys, zlib; print("%08x" % zlib.crc32(open(sys.argv[1], "rb").read()))' "$tmp/drawing")
awk -F '\t' -v sha="$sha" -v size="$size" -v crc="$crc" '
    $1 == "doc" && $5 == "LJ-BR-2207" && $7 == "LJ-BR-2207_revC.txt" &&
    $8 == "text/plain" && $9 == size && $10 == crc && $12 == sha &&
    $13 == sha ".txt" { n++ } END { exit n != 2 }' "$tmp/parsed"
check "the doc record: size, CRC-32, SHA-256 and stored name agree with base64 -d" $? \
    "$(grep '^doc' "$tmp/parsed")"
cmp -s "$att/inner/$sha.txt" "$tmp/drawing"
check "the drawing is stored as SHA256.txt with the decoded bytes" $? "$(ls -la "$att/inner")"
[ "$(ls -A "$att/inner" | grep -c '\.txt$')" -eq 1 ]
check "the same drawing read twice is stored once" $? "$(ls -A "$att/inner")"
# the copy names "../../../../tmp/escaped-drawing.txt" and a MIME type "../../x/evil"
awk -F '\t' -v sha="$sha" '$1 == "doc" && $5 == "LJ-BR-2207-copy" &&
    $7 == "../../../../tmp/escaped-drawing.txt" && $13 == sha ".bin" { n++ }
    END { exit n != 2 }' "$tmp/parsed"
check "a hostile file name and MIME type choose no path: stored as SHA256.bin" $? \
    "$(grep LJ-BR-2207-copy "$tmp/parsed")"
[ "$(ls -A "$att/inner" | wc -l)" -eq 2 ] && [ -z "$(ls -A "$att" | grep -v '^inner$')" ] &&
    [ ! -e /tmp/escaped-drawing.txt ] && [ ! -e "$att/x" ]
check "nothing is written outside the attachments folder, no temporary file left" $? \
    "$(find "$att")"
"$bin/po-parse" --attachments "$att/inner" tests/property/bad-base64.xml "$order" \
    > "$tmp/bad" 2> "$tmp/err"
st=$?
[ $st -eq 1 ] && grep -q "^po-parse: tests/property/bad-base64.xml:[0-9][0-9]*: attachment 'LJ-BR-2207_revC.txt': malformed base64 at character 31$" "$tmp/err"
check "malformed base64: the document is rejected naming file and line, exit 1" $? \
    "status $st: $(cat "$tmp/err")"
[ "$(grep -c '^order' "$tmp/bad")" -eq 1 ] && ! grep -q LJ-PO-2611-08 "$tmp/bad"
check "the other order is still read, the rejected one gives no records" $?
[ "$(ls -A "$att/inner" | wc -l)" -eq 2 ]
check "the rejected document stores nothing" $? "$(ls -A "$att/inner")"
"$bin/po-parse" --attachments "$tmp/none" "$order" > /dev/null 2> "$tmp/err"
[ $? -eq 3 ] && grep -q "attachments folder '.*none': No such file" "$tmp/err"
check "a missing attachments folder: exit 3" $? "$(cat "$tmp/err")"
if [ "$(id -u)" != 0 ]; then
	mkdir "$tmp/ro" && chmod 555 "$tmp/ro"
	"$bin/po-parse" --attachments "$tmp/ro" "$order" > "$tmp/out" 2> "$tmp/err"
	[ $? -eq 3 ] && ! grep -q '^order' "$tmp/out"
	check "a folder it cannot write: exit 3, no records for that order" $? "$(cat "$tmp/err")"
fi

# --- expected property, through po-check and po-ledger ------------------
db=$tmp/ledger.db
"$bin/po-ledger" init "$db" > /dev/null &&
"$bin/po-check" $cat --today 2026-11-10 "$tmp/parsed" > "$tmp/checked" 2> "$tmp/err"
check "po-check reviews the order" $? "$(cat "$tmp/err")"
awk -F '\t' '$1 == "custprop" { print $4 "|" $5 "|" $6 "|" $9 }' "$tmp/checked" | sort -u > "$tmp/cp"
grep -qx '|drawing|Drawing LJ-BR-2207_revC.txt|drawing-doc' "$tmp/cp" &&
    grep -qx '|material|客供料：支架所用S235钢板2mm由我司免费提供（来料加工），共500张，到货请书面确认。|customer-material' "$tmp/cp"
check "custprop records: the attached drawing and the customer-supplied material note" $? "$(cat "$tmp/cp")"
"$bin/po-ledger" commit --today 2026-11-10 "$db" "$tmp/checked" > /dev/null 2> "$tmp/err"
check "po-ledger commits them" $? "$(cat "$tmp/err")"
item=$(sqlite3 "$db" "SELECT item FROM property_event WHERE event = 'expect' AND type = 'material'" | head -1)
[ -n "$item" ] && [ "$(sqlite3 "$db" "SELECT count(*) FROM property_event WHERE event = 'expect'")" -ge 2 ]
check "the ledger expects the drawing and the material" $? "$(sqlite3 "$db" 'SELECT item, type FROM property_event')"

# --- the life of an item ------------------------------------------------
rows() { sqlite3 "$db" 'SELECT count(*) FROM property_event'; }
status_of() { "$bin/po-property" list --today 2026-11-30 "$db" | awk -F '\t' -v i="$1" '$1 == i { print $10 }'; }
ev() { "$bin/po-property" --today 2026-11-30 "$db" "$@" > "$tmp/out" 2> "$tmp/err"; }
[ "$(status_of "$item")" = expected ]
check "a new item is expected" $? "$(status_of "$item")"
n=$(rows)
ev issue "$item" --who li
st=$?
[ $st -eq 1 ] && grep -q "item '$item' has not been received yet" "$tmp/err" && [ "$(rows)" = "$n" ]
check "issue before receive: refused, exit 1, nothing written" $? "status $st: $(cat "$tmp/err")"
ev receive NO/SUCH/ITEM --who li --location A1
st=$?
[ $st -eq 1 ] && grep -q "unknown item 'NO/SUCH/ITEM'" "$tmp/err" && [ "$(rows)" = "$n" ]
check "an unknown item: refused, exit 1, nothing written" $? "status $st: $(cat "$tmp/err")"
ev receive "$item" --location A1
[ $? -eq 1 ] && grep -q "who recorded it is missing" "$tmp/err" && [ "$(rows)" = "$n" ]
check "an event without --who is refused" $? "$(cat "$tmp/err")"
ev receive "$item" --who li --location "Store B-3" --qty 500 --unit C62 --condition "2 sheets bent" --when 2026-11-18 &&
    [ "$(status_of "$item")" = received ]
check "receive: received" $? "$(cat "$tmp/err") $(status_of "$item")"
ev issue "$item" --who li
[ $? -eq 1 ] && grep -q "has not been inspected" "$tmp/err"
check "issue before inspection is refused" $? "$(cat "$tmp/err")"
ev inspect "$item" ok --who wang --when 2026-11-19 && [ "$(status_of "$item")" = "inspected ok" ]
check "inspect ok: inspected ok" $? "$(cat "$tmp/err")"
ev issue "$item" --who li --qty 200 --when 2026-11-20 && [ "$(status_of "$item")" = issued ]
check "issue: issued" $? "$(cat "$tmp/err")"
ev return "$item" --who li --when 2026-11-28 --note "300 sheets unused" && [ "$(status_of "$item")" = returned ]
check "return: returned" $? "$(cat "$tmp/err")"
n=$(rows)
ev damage "$item" --who li
[ $? -eq 1 ] && [ "$(rows)" = "$n" ]
check "after the return nothing more can happen to it" $? "$(cat "$tmp/err")"
"$bin/po-property" list --today 2026-11-30 "$db" | awk -F '\t' -v i="$item" '$1 == i' > "$tmp/row"
awk -F '\t' '$8 == 500 && $11 == "return" && $12 == "2026-11-28" && $14 == "Store B-3"' "$tmp/row" | grep -q .
check "list: received quantity, last event, location" $? "$(cat "$tmp/row")"
sqlite3 "$db" "DELETE FROM property_event" 2> "$tmp/err"
[ $? -ne 0 ] && grep -q "append-only" "$tmp/err" && [ "$(rows)" = "$n" ]
check "the log is append-only, even for sqlite3" $? "$(cat "$tmp/err")"

# --- import: CSV and XML, all or nothing ----------------------------------
draw=$(sqlite3 "$db" "SELECT item FROM property_event WHERE event = 'expect' AND description = 'Drawing LJ-BR-2207_revC.txt'" | head -1)
printf '\357\273\277item,event,who,when,condition,location,note\r\n%s,receive,zhao,2026-11-12,,"Drawing cabinet 2",\r\n%s,issue,zhao,2026-11-13,,,"before its inspection"\r\n' \
    "$draw" "$draw" > "$tmp/bad.csv"
n=$(rows)
"$bin/po-property" import --today 2026-11-30 "$db" "$tmp/bad.csv" > /dev/null 2> "$tmp/err"
st=$?
[ $st -eq 1 ] && grep -q "bad.csv:3: item '$draw' has not been inspected" "$tmp/err" && [ "$(rows)" = "$n" ]
check "a CSV import with one senseless event: file:line, exit 1, nothing written" $? "status $st: $(cat "$tmp/err")"
printf 'item,event,who,when,condition,location,note\n%s,receive,zhao,2026-11-12,,"Drawing cabinet 2",\n%s,inspect,zhao,2026-11-13,ok,,"rev C, complete"\n%s,damage,zhao,2026-11-20,,,"coffee spilt on sheet 2, unreadable"\n' \
    "$draw" "$draw" "$draw" > "$tmp/good.csv"
"$bin/po-property" import --today 2026-11-30 "$db" "$tmp/good.csv" > "$tmp/out" 2> "$tmp/err" &&
    grep -q "recorded 3 events" "$tmp/out" && [ "$(rows)" = $((n + 3)) ] && [ "$(status_of "$draw")" = damaged ]
check "a CSV import (BOM, quotes) records every event: damaged" $? "$(cat "$tmp/err" "$tmp/out")"
# hostile CSV: memory stays bounded, line numbers hold past the 64 KiB
# reading buffer, nothing is written
n=$(rows)
{ printf 'item,event,who,when,note\n'; head -c 40000000 /dev/zero | tr '\0' 'x'; } > "$tmp/long.csv"
{ printf 'item,event,who,when,note\n%s,receive,zhao,2026-11-12,"never closed\n' "$draw"
  for i in $(seq 1 40000); do echo "line $i of a quoted field"; done; } > "$tmp/quote.csv"
printf 'item,event,who,when,note\n%s,receive,zh\000ao,2026-11-12,\n' "$draw" > "$tmp/nul.csv"
{ printf 'item,event,who,when,note\n'; head -c 70000 /dev/zero | tr '\0' '\n'
  printf 'no-such-item,receive,zhao,2026-11-12,\n'; } > "$tmp/far.csv"
# the memory of a tiny refused import, to compare with (ASan's is large)
printf 'bogus\n' > "$tmp/tiny.csv"
/usr/bin/time -f %M -o "$tmp/rss" "$bin/po-property" import --today 2026-11-30 "$db" \
    "$tmp/tiny.csv" > /dev/null 2>&1
base=$(tail -n 1 "$tmp/rss")
for f in long:2:"a record larger than 1048576 bytes" quote:[0-9]*:"a record larger than 1048576 bytes" \
    nul:2:"a NUL byte" far:70002:"no-such-item"; do
	name=${f%%:*} rest=${f#*:} line=${rest%%:*} msg=${rest#*:}
	/usr/bin/time -f %M -o "$tmp/rss" "$bin/po-property" import --today 2026-11-30 "$db" \
	    "$tmp/$name.csv" > /dev/null 2> "$tmp/err"
	st=$?
	[ $st -eq 1 ] && grep -q "$name.csv:$line: .*$msg" "$tmp/err" && [ "$(rows)" = "$n" ] &&
	    [ "$(tail -n 1 "$tmp/rss")" -lt $((base + 16384)) ]
	check "a hostile CSV ($name): refused at its line, exit 1, nothing written, memory bounded" $? \
	    "status $st, $(tail -n 1 "$tmp/rss") KB (base $base KB): $(head -c 300 "$tmp/err")"
done
cat > "$tmp/events.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<property-events xmlns="urn:poreview:property-events:1">
  <event item="$draw" type="return" who="zhao" when="2026-11-21"/>
  <event item="$draw" type="issue" who="zhao" when="2026-11-22"/>
</property-events>
XML
n=$(rows)
"$bin/po-property" import --today 2026-11-30 "$db" "$tmp/events.xml" > /dev/null 2> "$tmp/err"
[ $? -eq 1 ] && grep -q "events.xml:4: item '$draw' cannot be issued" "$tmp/err" && [ "$(rows)" = "$n" ]
check "an XML import is all or nothing too" $? "$(cat "$tmp/err")"
sed 's/type="issue"/type="burn"/' "$tmp/events.xml" > "$tmp/invalid.xml"
"$bin/po-property" import --today 2026-11-30 "$db" "$tmp/invalid.xml" > /dev/null 2> "$tmp/err"
[ $? -eq 1 ] && grep -q "invalid.xml:4:" "$tmp/err" && [ "$(rows)" = "$n" ]
check "an XML import not valid against property-events.xsd is refused" $? "$(cat "$tmp/err")"

# --- the register workbook -------------------------------------------------
SOURCE_DATE_EPOCH=1795737600 "$bin/po-property" sheet --today 2027-02-01 -o "$tmp/register.xlsx" "$db" 2> "$tmp/err"
check "po-property sheet writes the register" $? "$(cat "$tmp/err")"
$py tests/xlsx-cells.py "$tmp/register.xlsx" > "$tmp/cells" 2>&1
check "openpyxl reads it" $? "$(head -3 "$tmp/cells")"
row=$(awk -F '\t' -v i="$draw" '$1 == "Register" && $4 == i { sub(/^A/, "", $2); print $2 }' "$tmp/cells")
cell() { awk -F '\t' -v c="$1$row" '$1 == "Register" && $2 == c { print $4 }' "$tmp/cells"; }
[ -n "$row" ] && [ "$(cell C)" = LJ-PO-2611-07 ] && [ "$(cell S)" = "damaged / 损坏" ] &&
    [ "$(cell W)" = "yes / 是" ] && [ "$(cell R)" = "Drawing cabinet 2" ]
check "the damaged drawing: order, status, location, flagged" $? "row $row: $(grep "	[A-Z]$row	" "$tmp/cells")"
cell AA | grep -q "order LJ-PO-2611-07.*was damaged on 2026-11-20.*coffee spilt on sheet 2, unreadable" &&
    cell AB | grep -q "订单LJ-PO-2611-07.*于2026-11-20损坏.*coffee spilt"
check "the notice to the customer in English and Chinese: what, when, which order, what happened" $? \
    "$(cell AA) | $(cell AB)"
awk -F '\t' '$1 == "Overdue" && $4 ~ /Drawing \.\.\/\.\.\// { f = 1 } END { exit !f }' "$tmp/cells" &&
    awk -F '\t' '$1 == "Overdue" && $2 ~ /^I/ && $4 == "2027-01-25" { f = 1 } END { exit !f }' "$tmp/cells"
check "the drawing never received is overdue from its production start (2027-W04)" $? \
    "$(grep '^Overdue' "$tmp/cells")"
! grep -q "	f	" "$tmp/cells"
check "no cell is a formula" $?
SOURCE_DATE_EPOCH=1795737600 "$bin/po-property" sheet --lang zh --today 2027-02-01 -o "$tmp/register2.xlsx" "$db" &&
    SOURCE_DATE_EPOCH=1795737600 "$bin/po-property" sheet --lang zh --today 2027-02-01 -o "$tmp/register3.xlsx" "$db" &&
    cmp -s "$tmp/register2.xlsx" "$tmp/register3.xlsx" &&
    $py tests/xlsx-cells.py "$tmp/register2.xlsx" | grep -q "^#sheet	顾客财产登记"
check "--lang zh: Chinese sheets; the same ledger gives the same bytes" $?
"$bin/po-property" sheet -o /dev/null "$db" 2> "$tmp/err"
[ $? -eq 3 ] && grep -q "not a regular file" "$tmp/err"
check "a workbook target that is not a regular file is refused" $? "$(cat "$tmp/err")"
cp "$tmp/register.xlsx" "$tmp/keep.xlsx"
"$bin/po-property" sheet -o "$tmp/keep.xlsx" "$tmp/missing.db" 2> "$tmp/err"
[ $? -eq 3 ] && cmp -s "$tmp/register.xlsx" "$tmp/keep.xlsx" && [ -z "$(ls -A "$tmp" | grep '^\.po-property')" ]
check "a failed sheet (missing ledger) leaves the register there byte-identical, no temporary file" $? "$(cat "$tmp/err")"
n=$(rows)
ev receive "$(printf 'X\377')" --who li
[ $? -eq 1 ] && grep -q "the item is not UTF-8 text" "$tmp/err" && [ "$(rows)" = "$n" ]
check "a command line that is not UTF-8 is refused, nothing written" $? "$(cat "$tmp/err")"
printf 'item,event,who,location,note\n%s,damage,li,A1,caf\351\n' "$item" > "$tmp/latin1.csv"
"$bin/po-property" import --today 2026-11-30 "$db" "$tmp/latin1.csv" > /dev/null 2> "$tmp/err"
[ $? -eq 1 ] && grep -q "latin1.csv:2: the note is not UTF-8 text" "$tmp/err" && [ "$(rows)" = "$n" ]
check "a CSV import with a note that is not UTF-8 is refused at its line, nothing written" $? "$(cat "$tmp/err")"

# --- telling the customer: the flag clears once told, and comes back ------
field() { "$bin/po-property" list --today 2026-11-30 "$db" | awk -F '\t' -v i="$1" -v c="$2" '$1 == i { print $c }'; }
told() { "$bin/po-property" list --today 2026-11-30 "$db" | awk -F '\t' -v i="$1" '$1 == i { print $10 "|" $15 "|" $17 "|" $18 "|" $19 }'; }
[ "$("$bin/po-property" list "$db" | head -n 1 | cut -f 1,10,15-19)" = \
    "$(printf '#item\tstatus\ttell_customer\tdays_overdue\ttold_date\ttold_by\ttold_how')" ]
check "list: told_date, told_by and told_how come after the columns scripts already read" $? \
    "$("$bin/po-property" list "$db" | head -n 1)"
[ "$(told "$draw")" = "damaged|yes|||" ]
check "the damaged drawing, not told: flagged yes, no told date" $? "$(told "$draw")"
n=$(rows)
ev tell "$draw" --who zhao --when 2026-11-21 --note "mailed J. Hoffmann" &&
    [ "$(rows)" = $((n + 1)) ] && [ "$(told "$draw")" = "damaged|no|2026-11-21|zhao|mailed J. Hoffmann" ]
check "tell: still damaged, flag no, list shows when, by whom and how" $? "$(cat "$tmp/err") $(told "$draw")"
n=$(rows)
ev tell "$draw" --who li --note "phoned again"
st=$?
[ $st -eq 1 ] && grep -q "item '$draw': the customer was already told .*nothing new to tell" "$tmp/err" &&
    grep -q "nothing recorded" "$tmp/err" && [ "$(rows)" = "$n" ] &&
    [ "$(told "$draw")" = "damaged|no|2026-11-21|zhao|mailed J. Hoffmann" ]
check "a second tell for the same damage: refused, exit 1, nothing written" $? "status $st: $(cat "$tmp/err")"
ev tell "$item" --who li
st=$?
[ $st -eq 1 ] && grep -q "item '$item' was never damaged, lost, unsuitable or nonconforming: there is nothing to tell" "$tmp/err" &&
    [ "$(rows)" = "$n" ]
check "tell on a returned item: refused, nothing written" $? "status $st: $(cat "$tmp/err")"
SOURCE_DATE_EPOCH=1795737600 "$bin/po-property" sheet --today 2026-11-30 -o "$tmp/told.xlsx" "$db" 2> "$tmp/err" &&
    $py tests/xlsx-cells.py "$tmp/told.xlsx" > "$tmp/cells" 2>&1
check "the register after the tell is written and read back" $? "$(cat "$tmp/err"; head -3 "$tmp/cells")"
row=$(awk -F '\t' -v i="$draw" '$1 == "Register" && $4 == i { sub(/^A/, "", $2); print $2 }' "$tmp/cells")
[ -n "$row" ] && [ "$(cell S)" = "damaged / 损坏" ] && [ "$(cell W)" = "no / 否" ] &&
    [ "$(cell X)" = 2026-11-21 ] && [ "$(cell Y)" = zhao ] && [ "$(cell Z)" = "mailed J. Hoffmann" ] &&
    [ -z "$(cell AA)$(cell AB)" ] &&
    [ "$(grep -c "^Register	[XYZ]1	s	\(Customer told on / 通知客户日期\|Told by / 通知人\|How and whom told / 通知方式及对象\)$" "$tmp/cells")" = 3 ]
check "the sheet: told on, by and how beside the flag, now no; no notice left to send" $? \
    "row $row: $(grep "	[A-Z]*$row	\|	[W-Z]1	" "$tmp/cells")"
esc=$(sqlite3 "$db" "SELECT item FROM property_event WHERE event = 'expect' AND description LIKE 'Drawing ../%'" | head -1)
n=$(rows)
ev tell "$esc" --who li
[ $? -eq 1 ] && grep -q "nothing to tell" "$tmp/err" && [ "$(rows)" = "$n" ]
check "tell on an item still expected: refused" $? "$(cat "$tmp/err")"
ev receive "$esc" --who li --location "Drawing cabinet 1" --when 2026-11-22 &&
    ev inspect "$esc" ok --who wang --when 2026-11-22 && n=$(rows) &&
    ! ev tell "$esc" --who li && grep -q "nothing to tell" "$tmp/err" && [ "$(rows)" = "$n" ] &&
    [ "$(told "$esc")" = "inspected ok|no|||" ]
check "tell on an item in good order (inspected ok): refused, nothing written" $? "$(cat "$tmp/err") $(told "$esc")"
ev tell "$draw" --who li --qty 2
[ $? -eq 1 ] && grep -q "tell: no quantity, unit, condition, location or delivery" "$tmp/err" && [ "$(rows)" = "$n" ]
check "tell with a quantity: refused" $? "$(cat "$tmp/err")"
ev inspect "$esc" nonconforming --who wang --when 2026-11-23 --note "revision B, not C" &&
    [ "$(told "$esc")" = "nonconforming|yes|||" ]
check "found nonconforming on re-inspection: flagged yes" $? "$(cat "$tmp/err") $(told "$esc")"
printf 'item,event,who,when,note\n%s,tell,wang,2026-11-24,"faxed the buyer, Ms. Chen"\n' "$esc" > "$tmp/tell.csv"
n=$(rows)
"$bin/po-property" import --today 2026-11-30 "$db" "$tmp/tell.csv" > "$tmp/out" 2> "$tmp/err" &&
    grep -q "recorded 1 event" "$tmp/out" && [ "$(rows)" = $((n + 1)) ] &&
    [ "$(told "$esc")" = "nonconforming|no|2026-11-24|wang|faxed the buyer, Ms. Chen" ]
check "a CSV import with a tell row: told, flag no" $? "$(cat "$tmp/err") $(told "$esc")"
ev damage "$esc" --who li --when 2026-11-25 --note "torn in the scanner" &&
    [ "$(told "$esc")" = "damaged|yes|||" ] && "$bin/po-property" sheet --today 2026-11-30 -o "$tmp/again.xlsx" "$db" &&
    $py tests/xlsx-cells.py "$tmp/again.xlsx" > "$tmp/cells" &&
    row=$(awk -F '\t' -v i="$esc" '$1 == "Register" && $4 == i { sub(/^A/, "", $2); print $2 }' "$tmp/cells") &&
    [ "$(cell W)" = "yes / 是" ] && [ -z "$(cell X)$(cell Y)$(cell Z)" ] &&
    cell AA | grep -q "was damaged on 2026-11-25. torn in the scanner"
check "damage after the tell: flagged yes again, a new notice, the old tell no longer shown" $? \
    "$(cat "$tmp/err") $(told "$esc") $(cell AA)"
cat > "$tmp/tell.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<property-events xmlns="urn:poreview:property-events:1">
  <event item="$esc" type="tell" who="wang" when="2026-11-26"><note>mailed J. Hoffmann, photos attached</note></event>
</property-events>
XML
n=$(rows)
"$bin/po-property" import --today 2026-11-30 "$db" "$tmp/tell.xml" > "$tmp/out" 2> "$tmp/err" &&
    [ "$(rows)" = $((n + 1)) ] && [ "$(told "$esc")" = "damaged|no|2026-11-26|wang|mailed J. Hoffmann, photos attached" ]
check "an XML import with a tell event: told, flag no" $? "$(cat "$tmp/err") $(told "$esc")"
"$bin/po-property" import --today 2026-11-30 "$db" "$tmp/tell.xml" > /dev/null 2> "$tmp/err"
[ $? -eq 1 ] && grep -q "tell.xml:3: item '$esc': the customer was already told" "$tmp/err" && [ "$(rows)" = $((n + 1)) ]
check "the same XML tell imported again: refused at its line, nothing written" $? "$(cat "$tmp/err")"
# a happening is owed its report whatever comes after: a second copy
# received, found unsuitable, then both sent back untold, the item stays
# flagged until the tell is made
ev receive "$esc" --who li --location "Drawing cabinet 1" --when 2026-11-27 &&
    ev unsuitable "$esc" --who wang --when 2026-11-27 --delivery 2 --note "wrong revision" &&
    ev return "$esc" --who li --when 2026-11-28 &&
    [ "$(told "$esc")" = "returned|yes|||" ]
check "a second copy received, found unsuitable, both returned without telling: still flagged yes" $? "$(cat "$tmp/err") $(told "$esc")"
ev tell "$esc" --who zhao --when 2026-11-29 --note "mailed with the return" &&
    [ "$(told "$esc")" = "returned|no|2026-11-29|zhao|mailed with the return" ]
check "the tell after the return is taken: flag no" $? "$(cat "$tmp/err") $(told "$esc")"

# --- po-sheet's Customer property sheet --------------------------------------
"$bin/po-sheet" -o "$tmp/review.xlsx" "$tmp/checked" 2> "$tmp/err" &&
    $py tests/xlsx-cells.py "$tmp/review.xlsx" > "$tmp/rcells" &&
    grep -q "^Customer property	E[0-9]*	s	客供料：支架所用S235钢板2mm" "$tmp/rcells" &&
    grep -q "^Customer property	H[0-9]*	s	documents.n附件文件" "$tmp/rcells" &&
    grep -q "^Customer property	D[0-9]*	s	material / 客供料" "$tmp/rcells" &&
    ! grep -q "^Customer property	[DH][0-9]*	s	.*\(-doc\|-prop\|customer-material\)" "$tmp/rcells"
check "po-sheet's review workbook lists the customer property, its kind and where it was announced in words" $? \
    "$(cat "$tmp/err"; grep '^Customer' "$tmp/rcells" | head)"

# --- a version 1 ledger is migrated ----------------------------------------
v1=$tmp/v1.db
sqlite3 "$v1" < schemas/ledger.sql && sqlite3 "$v1" "PRAGMA user_version = 1;
    INSERT INTO property_event (item, event, type, description, who, at)
    VALUES ('D/1/1', 'expect', 'tooling', 'mould M-7', 'po-ledger', '2026-01-05')"
"$bin/po-property" --today 2026-02-01 "$v1" receive D/1/1 --who li --location "Rack 4" --condition good > /dev/null 2> "$tmp/err" &&
    [ "$(sqlite3 "$v1" 'PRAGMA user_version')" = 6 ] &&
    [ "$(sqlite3 "$v1" "SELECT location FROM property_event WHERE event = 'receive'")" = "Rack 4" ]
check "a version 1 ledger is migrated to 6 and takes the event" $? "$(cat "$tmp/err")"
"$bin/po-property" list "$tmp/missing.db" > /dev/null 2> "$tmp/err"
[ $? -eq 3 ] && [ ! -e "$tmp/missing.db" ]
check "a missing ledger: exit 3, none made" $? "$(cat "$tmp/err")"
n=$(rows)
"$bin/po-property" "$db" frobnicate "$item" --who li > /dev/null 2> "$tmp/err"
[ $? -eq 2 ] && grep -q "^po-property: unknown event 'frobnicate' (receive, inspect, issue, return, damage, lose, unsuitable, tell; or import, list, sheet)$" "$tmp/err" && [ "$(rows)" = "$n" ]
check "an unknown event is refused as a usage error, naming the events" $? "$(cat "$tmp/err")"
"$bin/po-property" --bogus > /dev/null 2>&1
[ $? -eq 2 ]
check "an unknown option: exit 2" $?
"$bin/po-property" --help | grep -q "^usage: po-property"
check "--help prints the usage" $?


# --- quantities, deliveries, units -----------------------------------------
q=$tmp/qty.db
"$bin/po-ledger" init "$q" > /dev/null
sqlite3 "$q" "INSERT INTO customer VALUES ('0088:Q', 'Q Ltd', 'DE', '0088:Q/PO-1', '2026-11-18');
    INSERT INTO document (docid, order_key, buyer, number, doctype, seq, checksum, length, issue_date, committed)
    VALUES ('Q1', '0088:Q/PO-1', '0088:Q', 'PO-1', 'order', 0, 'c1', 1, '2026-11-18', '2026-11-18'),
           ('Q2', '0088:Q/PO-2', '0088:Q', 'PO-2', 'order', 0, 'c2', 1, '2026-11-18', '2026-11-18'),
           ('Q3', '0088:Q/PO-3', '0088:Q', 'PO-3', 'order', 0, 'c3', 1, '2026-11-18', '2026-11-18');
    INSERT INTO load VALUES ('Q1', 1, 'W-1', '2026-W44', 10), ('Q1', 2, 'W-1', '2027-W02', 10),
                            ('Q2', 1, 'W-1', '2026-W51', 10);
    INSERT INTO property_event (item, event, order_key, docid, pos, type, description, quantity, unit, who, at) VALUES
    ('Q1/1/1', 'expect', '0088:Q/PO-1', 'Q1', 1, 'material', 'copper', NULL, 'KGM', 'po-ledger', '2026-11-18'),
    ('Q1/2/2', 'expect', '0088:Q/PO-1', 'Q1', 2, 'material', 'cartons', NULL, NULL, 'po-ledger', '2026-11-18'),
    ('Q2//1', 'expect', '0088:Q/PO-2', 'Q2', NULL, 'tooling', 'mould', NULL, NULL, 'po-ledger', '2026-11-18'),
    ('Q3//1', 'expect', '0088:Q/PO-3', 'Q3', NULL, 'sample', 'sample', NULL, NULL, 'po-ledger', '2026-11-18')"
p() { "$bin/po-property" --today 2026-12-04 "$@" > "$tmp/out" 2> "$tmp/err"; }
col() { "$bin/po-property" list --today 2026-12-04 "$q" > "$tmp/list"
    /usr/bin/python3 -c '
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
h = [c.lstrip("#") for c in rows[0]]
for r in rows[1:]:
    if r[0] == sys.argv[2]:
        print("|".join(r[h.index(c)] for c in sys.argv[3].split(",")))' "$tmp/list" "$1" "$2"; }
p receive "$q" Q1/2/2 --who li --qty 5000 --unit C62 --location A1 &&
    p receive "$q" Q1/2/2 --who li --qty 3000 --location A2 &&
    p inspect "$q" Q1/2/2 ok --who wang &&
    p issue "$q" Q1/2/2 --who li --qty 1500 &&
    p inspect "$q" Q1/2/2 ok --who wang &&
    p receive "$q" Q1/2/2 --who li --qty 2000 --location A3 &&
    p issue "$q" Q1/2/2 --who li --qty 4000 &&
    [ "$(col Q1/2/2 received,in_stock,issued,unit,deliveries,status)" = "10000|4500|5500|C62|3|issued" ]
check "three receipts and two issues add up; a receipt after an inspection and an issue is taken" $? \
    "$(cat "$tmp/err") $(col Q1/2/2 received,in_stock,issued,unit,deliveries,status)"
p inspect "$q" Q1/2/2 nonconforming --who wang --delivery 3 --note "wet cartons" &&
    p issue "$q" Q1/2/2 --who li --qty 2000 &&
    [ "$(col Q1/2/2 in_stock,issued,tell_customer,tell_what)" = "2500|7500|yes|2,000 C62 nonconforming" ]
check "a nonconforming delivery does not block a conforming one; the flag names its quantity" $? \
    "$(cat "$tmp/err") $(col Q1/2/2 in_stock,issued,tell_customer,tell_what)"
sqlite3 "$q" .dump > "$tmp/dump1"
p issue "$q" Q1/2/2 --who li --qty 99999
st=$?
sqlite3 "$q" .dump > "$tmp/dump2"
[ $st -eq 1 ] && grep -q "^po-property: item 'Q1/2/2': issue of 99,999 C62 refused: 500 C62 in stock inspected ok$" "$tmp/err" &&
    cmp -s "$tmp/dump1" "$tmp/dump2"
check "an issue of more than is in stock: refused, naming what is there; the ledger's dump byte-identical" $? \
    "status $st: $(cat "$tmp/err")"
p return "$q" Q1/2/2 --who li --delivery 3 && p issue "$q" Q1/2/2 --who li --qty 1 --unit KGM
st=$?
sqlite3 "$q" .dump > "$tmp/dump3"
[ $st -eq 1 ] && grep -q "unit 'KGM' does not convert to the item's unit 'C62'" "$tmp/err" &&
    [ "$(col Q1/2/2 in_stock,returned)" = "500|2000" ]
check "a nonconforming delivery returned; an issue in KGM of stock in C62 is refused" $? \
    "status $st: $(cat "$tmp/err") $(col Q1/2/2 in_stock,returned)"
p receive "$q" Q1/1/1 --who li --qty 24 --unit TNE --location Yard &&
    p inspect "$q" Q1/1/1 ok --who wang &&
    p damage "$q" Q1/1/1 --who li --qty 200 --note "forklift" &&
    [ "$(col Q1/1/1 received,in_stock,damaged,unit,tell_what)" = "24000|23800|200|KGM|200 KGM damaged" ] &&
    p issue "$q" Q1/1/1 --who li --qty 0.8 --unit TNE &&
    p issue "$q" Q1/1/1 --who li &&
    [ "$(col Q1/1/1 received,in_stock,issued,damaged,status)" = "24000|0|23800|200|issued" ]
check "24 TNE received into an item in KGM; 200 KGM damaged, then 0.8 TNE and the rest issued" $? \
    "$(cat "$tmp/err") $(col Q1/1/1 received,in_stock,issued,damaged,status)"
sqlite3 "$q" .dump > "$tmp/dump1"
p damage "$q" Q1/1/1 --who li --qty 1 && st=0 || st=$?
sqlite3 "$q" .dump > "$tmp/dump2"
[ $st -eq 1 ] && grep -q "cannot be damaged: none of it is in stock" "$tmp/err" && cmp -s "$tmp/dump1" "$tmp/dump2"
check "a damage of what is no longer in stock: refused, dump byte-identical" $? "$(cat "$tmp/err")"
p return "$q" Q1/1/1 --who li --qty 201 && st=0 || st=$?
[ $st -eq 1 ] && grep -q "return of 201 KGM refused: 200 KGM in our hands" "$tmp/err"
check "a return of more than is held: refused, naming what is there" $? "$(cat "$tmp/err")"
"$bin/po-property" sheet --today 2026-12-04 -o "$tmp/qty.xlsx" "$q" 2> "$tmp/err" &&
    $py tests/xlsx-cells.py "$tmp/qty.xlsx" > "$tmp/cells"
row=$(awk -F '\t' '$1 == "Register" && $4 == "Q1/1/1" { sub(/^A/, "", $2); print $2 }' "$tmp/cells")
[ -n "$row" ] && [ "$(cell H)|$(cell I)|$(cell J)|$(cell L)|$(cell O)|$(cell P)" = "24000|0|23800|200|1|KGM" ] &&
    cell W | grep -q "^yes: 200 KGM damaged / 是：损坏200 KGM$" &&
    cell AA | grep -q "(our register item Q1/1/1), 200 KGM of it was damaged on 2026-12-04" &&
    cell AB | grep -q "中200 KGM于2026-12-04损坏"
check "the register (openpyxl): received, in stock, issued, damaged, deliveries, unit KGM, the flag and notice with 200 KGM" $? \
    "$(cat "$tmp/err") row $row: $(grep "	[A-Z]*$row	" "$tmp/cells" | tr '\n' ' ')"
# overdue: the first week of the committed load, never before the order
# date; without load the order date plus 14 days
[ "$(col Q2//1 needed,needed_from,days_overdue)" = "2026-12-14|load|" ] &&
    [ "$(col Q3//1 needed,needed_from,days_overdue)" = "2026-12-02|order date + 14 days|2" ] &&
    "$bin/po-property" receive --today 2026-12-04 "$q" Q1/1/1 --who li --qty 1 --location X > /dev/null &&
    [ "$(col Q1/1/1 needed,needed_from)" = "2026-11-18|order date" ]
check "production start: the committed load's first week (not due yet), an order without load + 14 days, a rush order's date" $? \
    "$(col Q2//1 needed,needed_from,days_overdue) / $(col Q3//1 needed,needed_from,days_overdue) / $(col Q1/1/1 needed,needed_from)"
grep -q "^Overdue	J[0-9]*	s	order date + 14 days (no load) / " "$tmp/cells"
check "the Overdue sheet says where the date came from" $? "$(grep '^Overdue' "$tmp/cells")"
p receive "$q" Q2//1 --who li --qty 1 --unit KGM --location X &&
    p receive "$q" Q2//1 --who li --qty 2 --unit C62 --location X && st=0 || st=$?
[ $st -eq 1 ] && grep -q "unit 'C62' does not convert to the item's unit 'KGM'" "$tmp/err" &&
    [ "$(col Q2//1 received,unit)" = "1|KGM" ]
check "a second receipt in C62 of an item received in KGM: refused" $? "$(cat "$tmp/err") $(col Q2//1 received,unit)"
# the argument order: one for all, the old one still taken
n=$(sqlite3 "$q" 'SELECT count(*) FROM property_event')
p recieve "$q" Q3//1 --who li --location X && st=0 || st=$?
[ $st -eq 2 ] && grep -q "^po-property: unknown event 'recieve' (receive, inspect, " "$tmp/err" &&
    ! grep -q "has not been received" "$tmp/err" && [ "$(sqlite3 "$q" 'SELECT count(*) FROM property_event')" = "$n" ]
check "a mistyped event on the command line: unknown event 'recieve', exit 2, nothing written" $? "status $st: $(cat "$tmp/err")"
p "$q" recieve Q3//1 --who li --location X && st=0 || st=$?
[ $st -eq 2 ] && grep -q "unknown event 'recieve'" "$tmp/err"
check "the same in the old order" $? "$(cat "$tmp/err")"
printf 'item,event,who,quantity,location\nQ3//1,receive,li,1,X\nQ3//1,recieve,li,1,X\n' > "$tmp/typo.csv"
p import "$q" "$tmp/typo.csv" && st=0 || st=$?
[ $st -eq 1 ] && grep -q "typo.csv:3: unknown event 'recieve' (receive, inspect, issue, return, damage, lose, unsuitable, tell)$" "$tmp/err" &&
    [ "$(sqlite3 "$q" 'SELECT count(*) FROM property_event')" = "$n" ]
check "a mistyped event in a CSV import: unknown event at its line, nothing written" $? "status $st: $(cat "$tmp/err")"
printf '<property-events xmlns="urn:poreview:property-events:1">\n<event item="Q3//1" type="recieve" who="li"/>\n</property-events>\n' > "$tmp/typo.xml"
p import "$q" "$tmp/typo.xml" && st=0 || st=$?
[ $st -eq 1 ] && grep -q "typo.xml:2: unknown event 'recieve'" "$tmp/err"
check "a mistyped event in an XML import: unknown event at its line" $? "status $st: $(cat "$tmp/err")"
p receive "$q" Q3//1 --who li --location X && p "$q" inspect Q3//1 ok --who li &&
    p list "$q" && p -o "$tmp/s.xlsx" sheet "$q" && p import "$q" /dev/null
check "every subcommand takes SUBCOMMAND LEDGER; the old LEDGER EVENT order still works" $? "$(cat "$tmp/err")"

# --- a random life: 1,000 events of 50 items (under ASan 300 of 15) -------
life=$tmp/life.db
"$bin/po-ledger" init "$life" > /dev/null &&
    $py tests/property-life.py "$bin" "$life" 20261201 $life_items \
    $life_events > "$tmp/life" 2>&1
check "the random life runs" $? "$(tail -3 "$tmp/life")"
results < "$tmp/life"

finish
