#!/bin/sh
# print.sh BINDIR: the workbooks printed as an office prints them, to PDF
# by LibreOffice (one soffice run for every file, it is slow to start):
# the sample batch reviewed against its history ledger, the 40-line order,
# the capacity chart of a loaded batch, the property register and the
# satisfaction summary, in en, zh and both.
# pdftotext -bbox-layout gives every word's box; tests/print-check.py
# finds words of different text lines that print over each other and
# counts each sheet's pages (the sheet's name is in its page header).
# Checks: no overprinted word on any page, each sheet within its bound.
suite=print; . tests/lib.sh
py=/usr/bin/python3
C="--catalog samples/catalog.xml --rules samples/rules.xml"
export SOURCE_DATE_EPOCH=1795737600
"$bin/po-ledger" init "$tmp/ledger.db" > /dev/null &&
    "$bin/po-parse" samples/history/* | "$bin/po-check" $C --today 2026-10-15 > "$tmp/history.tsv" &&
    "$bin/po-ledger" commit --today 2026-10-15 "$tmp/ledger.db" "$tmp/history.tsv" > /dev/null
"$bin/po-parse" samples/orders/* | "$bin/po-check" $C --ledger "$tmp/ledger.db" --today 2026-11-27 > "$tmp/reviewed.tsv"
"$bin/po-parse" samples/orders/ubl-009-iberia-distribution-40lines.xml |
    "$bin/po-check" $C --today 2026-11-27 > "$tmp/forty.tsv"
"$bin/po-ledger" commit --today 2026-11-27 "$tmp/ledger.db" "$tmp/reviewed.tsv" > /dev/null
item=$(sqlite3 "$tmp/ledger.db" "SELECT item FROM property_event WHERE event = 'expect' ORDER BY id LIMIT 1")
"$bin/po-property" --today 2026-11-30 "$tmp/ledger.db" receive "$item" --who li --location "Store B-3" > /dev/null &&
    "$bin/po-property" --today 2026-11-30 "$tmp/ledger.db" damage "$item" --who li --note "dropped & bent" > /dev/null
# the capacity chart as it prints when products are loaded: the batch's
# capacity records with six times the demand, 37 product-weeks over 80 %
awk -F '\t' -v OFS='\t' 'NR == 1 || $1 == "run" { print }
    $1 == "capacity" { $5 = $5 * 6; print }' "$tmp/reviewed.tsv" > "$tmp/loaded.tsv"
ok=0
for l in en zh both; do
	"$bin/po-sheet" --lang $l -o "$tmp/loaded-$l.xlsx" "$tmp/loaded.tsv" &&
	    "$bin/po-sheet" --lang $l -o "$tmp/review-$l.xlsx" "$tmp/reviewed.tsv" &&
	    "$bin/po-sheet" --lang $l -o "$tmp/forty-$l.xlsx" "$tmp/forty.tsv" &&
	    "$bin/po-property" sheet --lang $l --today 2027-02-01 -o "$tmp/register-$l.xlsx" "$tmp/ledger.db" &&
	    "$bin/csat-sum" --lang $l -d samples/survey.xml -o "$tmp/csat-$l.xlsx" samples/surveys/*.csv \
	        samples/surveys/responses.xml 2> /dev/null || ok=1
done
check "the workbooks to print are written" $ok
mkdir "$tmp/pdf"
soffice -env:UserInstallation=file://$tmp/profile --headless --convert-to pdf \
    --outdir "$tmp/pdf" "$tmp"/*.xlsx > "$tmp/soffice.log" 2>&1
ok=0
for f in "$tmp"/*.xlsx; do
	b=$(basename "$f" .xlsx)
	pdftotext -bbox-layout "$tmp/pdf/$b.pdf" "$tmp/pdf/$b.html" 2> /dev/null || ok=1
done
check "LibreOffice prints every workbook to PDF" $ok "$(tail -3 "$tmp/soffice.log")"

# the bounds: pages per sheet (a review record: "record"), per workbook.
# A typical review record should take one page (issue 13); 16 of the 19
# still take two in --lang both: the bound keeps that from growing
$py tests/print-check.py "$tmp/pdf" > "$tmp/report" 2>&1
check "every printed page is read" $? "$(tail -3 "$tmp/report")"
over=$(awk -F '\t' '$1 == "overlaps" && $3 > 0' "$tmp/report")
[ -z "$over" ]
check "no two words of different lines print over each other (en, zh, both)" $? "$over"
# a number wider than its column prints as ### (before, 15 amounts of
# the review in both: the currency's suffix and separators not counted)
hashes=$(grep -l '>##*</word>' "$tmp"/pdf/*.html)
[ -z "$hashes" ]
check "no number prints as ### (its column is wide enough)" $? "$hashes"
bounds() {	# workbook sheet bound
	awk -F '\t' -v w="$1" -v s="$2" -v n="$3" '$1 == "pages" && $2 == w && $3 == s {
	    f = 1; if ($4 > n) { print w ": " s ": " $4 " pages, over " n; bad = 1 } }
	    END { if (!f) print w ": " s ": not found"; exit bad || !f }' "$tmp/report"
}
# Findings: 14 pages in both (22 before the message took the room of the
# sign-off columns' neighbours: 100 characters in both, 90 in en or zh),
# since a finding quotes the whole sentence of the note it is about, not
# the few words a rule matched.  Review records over a page: 7 of the 19
# in both, 1 in en or zh, the 40-line order's (with the head in two
# halves, the sign-off a table of rows two lines tall, thin gaps between
# the parts, and a record a little over a page scaled to print on one:
# 19, 14 and 9 before), since each holds the customer's own notes (the
# goal is none: rows sized for Excel's line spacing print loose here)
ok=0
for l in en zh both; do
	bounds review-$l Summary 3 && bounds review-$l Lines 5 && bounds review-$l Findings 14 &&
	    bounds review-$l Capacity 2 && bounds review-$l "Capacity chart" 1 &&
	    bounds loaded-$l "Capacity chart" 1 && bounds review-$l "Customer property" 3 &&
	    bounds review-$l "records over a page" 7 && bounds forty-$l record 3 &&
	    bounds register-$l Register 2 && bounds register-$l Overdue 4 &&
	    bounds csat-$l Comments 6 || ok=1
done > "$tmp/over"
check "each sheet prints within its bound of pages" $ok "$(cat "$tmp/over")"
ok=0
for l in en zh both; do
	bounds review-$l total 57 && bounds csat-$l total 15 && bounds register-$l total 6 || ok=1
done > "$tmp/over"
check "each workbook prints within its bound (review 57, csat 15, register 6 pages)" $ok "$(cat "$tmp/over")"
finish
