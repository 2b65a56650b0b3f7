#!/bin/sh
# signoff.sh BINDIR: po-signoff reads the signed review workbook back.
# The sample batch's workbook (en, zh, both) gets decisions typed with
# openpyxl (tests/signoff-sign.py, which also computes the records that
# must come back), then is re-saved by LibreOffice, sorted by another
# column, filtered, renamed and moved, a decision made of rich-text runs;
# every way reads back to the same signoff and decision records.  Each
# refusal with its cell and exit 1, the rest still read; files that are
# no workbook, and one that fails half-way, deciding nothing; the
# standard command-line cases.
suite=signoff
. "$(dirname "$0")/lib.sh"
py=/usr/bin/python3
sign() { $py tests/signoff-sign.py "$@"; }
C="--catalog samples/catalog.xml --rules samples/rules.xml --today 2026-11-27"
T="--today 2026-12-10"
"$bin/po-parse" samples/orders/* | "$bin/po-check" $C > "$tmp/reviewed.tsv"
for l in en zh both; do
	"$bin/po-sheet" --lang $l -o "$tmp/$l.xlsx" "$tmp/reviewed.tsv" || status=1
done
orders=$(grep -c '^order' "$tmp/reviewed.tsv")

# records SIGNED EXPECTED: po-signoff's records of SIGNED (columns 1-9 of
# signoff, whole decision) are those expected, sorted; its file and
# sha256 columns the workbook's
same() {
	"$bin/po-signoff" $T "$1" > "$tmp/got" 2> "$tmp/err" &&
	    [ ! -s "$tmp/err" ] &&
	    awk -F '\t' -v OFS='\t' '$1 == "signoff" { NF = 9 } !/^#/' "$tmp/got" |
	    LC_ALL=C sort > "$tmp/got.sorted" &&
	    LC_ALL=C sort "$2" | diff -u - "$tmp/got.sorted" > "$tmp/diff" &&
	    sha=$(sha256sum "$1" | cut -d' ' -f1) &&
	    awk -F '\t' -v f="$1" -v s="$sha" '$1 == "signoff" &&
	        ($10 != f || $11 != s) { bad = 1 } END { exit bad }' "$tmp/got" &&
	    tests/check-records.sh "$tmp/got"
}

# an unsigned workbook: every order pending, nothing signed
"$bin/po-signoff" $T "$tmp/en.xlsx" > "$tmp/none" 2> "$tmp/err"
rc=$?
[ $rc -eq 0 ] && [ "$(grep -c '^decision	[^	]*	[^	]*	pending	' "$tmp/none")" -eq "$orders" ] &&
    ! grep -q '^signoff' "$tmp/none" && head -n 1 "$tmp/none" | grep -qx '#poreview-records 1'
check "an unsigned workbook: every order of the batch pending ($orders), no signoff" $? \
    "exit $rc: $(cat "$tmp/err")"

# typed with openpyxl, in each language
for l in en zh both; do
	sign sign "$tmp/reviewed.tsv" "$tmp/$l.xlsx" "$tmp/$l-signed.xlsx" $l \
	    "$tmp/$l.expected" 2> "$tmp/err"
	check "$l: decisions typed with openpyxl" $? "$(tail -3 "$tmp/err")"
	same "$tmp/$l-signed.xlsx" "$tmp/$l.expected"
	check "$l: read back: the signoff and decision records expected" $? \
	    "$(cat "$tmp/err"; head -20 "$tmp/diff")"
done
awk -F '\t' '$1 == "decision" { n[$4]++ } END { for (v in n) print v }' "$tmp/en.expected" |
    sort | tr '\n' ' ' > "$tmp/kinds"
[ "$(cat "$tmp/kinds")" = "accepted accepted-conditions ask-customer declined pending " ]
check "the plan reaches every decision" $? "$(cat "$tmp/kinds")"
grep -q '	王芳	' "$tmp/zh.expected" && grep -q '	分两批交货\|两批' "$tmp/zh.expected"
check "zh: Chinese reviewers and comments" $?

# sorted by Message, info rows filtered out, renamed and moved last with a
# column hidden; dates as ISO date cells
sign sign "$tmp/reviewed.tsv" "$tmp/zh.xlsx" "$tmp/zh-sorted.xlsx" zh --sort --filter \
    --rename --iso-dates "$tmp/zh-sorted.expected" 2> "$tmp/err"
check "zh: signed, then sorted, filtered, renamed, moved" $? "$(tail -3 "$tmp/err")"
same "$tmp/zh-sorted.xlsx" "$tmp/zh-sorted.expected"
check "zh sorted and filtered: the same records" $? "$(cat "$tmp/err"; head -20 "$tmp/diff")"
sign sign "$tmp/reviewed.tsv" "$tmp/en.xlsx" "$tmp/en-sorted.xlsx" en --sort --filter \
    "$tmp/en-sorted.expected" 2> "$tmp/err" &&
    same "$tmp/en-sorted.xlsx" "$tmp/en-sorted.expected"
check "en sorted and filtered: the same records" $? "$(cat "$tmp/err"; head -20 "$tmp/diff")"

# re-saved by LibreOffice (shared strings, its own styles and dates)
mkdir "$tmp/lo"
soffice --headless "-env:UserInstallation=file://$tmp/lo-profile" --convert-to xlsx \
    --outdir "$tmp/lo" "$tmp/en-signed.xlsx" "$tmp/zh-sorted.xlsx" \
    "$tmp/both-signed.xlsx" > "$tmp/lo.log" 2>&1
for f in en-signed:en zh-sorted:zh-sorted both-signed:both; do
	w=${f%%:*}; e=${f#*:}
	[ -s "$tmp/lo/$w.xlsx" ] && ! cmp -s "$tmp/lo/$w.xlsx" "$tmp/$w.xlsx" &&
	    same "$tmp/lo/$w.xlsx" "$tmp/$e.expected"
	check "$w re-saved by LibreOffice: the same records" $? \
	    "$(tail -2 "$tmp/lo.log"; cat "$tmp/err"; head -20 "$tmp/diff")"
done

# decisions of rich-text runs with a phonetic run, inline (as openpyxl
# writes text) and shared (as LibreOffice does)
sign rich "$tmp/en-signed.xlsx" "$tmp/en-rich.xlsx" &&
    same "$tmp/en-rich.xlsx" "$tmp/en.expected"
check "an inline decision of rich-text runs (and a phonetic run) reads as typed" $? \
    "$(cat "$tmp/err"; head -20 "$tmp/diff")"
sign rich "$tmp/lo/en-signed.xlsx" "$tmp/lo-rich.xlsx" &&
    unzip -p "$tmp/lo-rich.xlsx" xl/sharedStrings.xml | grep -q '<rPh' &&
    same "$tmp/lo-rich.xlsx" "$tmp/en.expected"
check "a shared decision of rich-text runs (and a phonetic run) reads as typed" $? \
    "$(cat "$tmp/err"; head -20 "$tmp/diff")"

# shared strings past what is kept in memory (1 MiB), in a temporary
# database: 14,000 strings of padding after the workbook's own (spilled
# with the rest) or before them (each kept there as it is read)
for w in after before; do
	$py - "$tmp/lo-rich.xlsx" "$tmp/lo-$w.xlsx" $w <<'PY'
import re, sys, zipfile
src, dst, where = sys.argv[1:4]
pad = b"".join(b"<si><t>padding %05d %s</t></si>" % (i, b"x" * 80)
               for i in range(14000))
def shift(m):
    return m.group(1) + b"<v>%d</v>" % (int(m.group(2)) + 14000)
with zipfile.ZipFile(src) as zin, \
        zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
    for i in zin.infolist():
        data = zin.read(i)
        if i.filename == "xl/sharedStrings.xml" and where == "after":
            data = data.replace(b"</sst>", pad + b"</sst>")
        elif i.filename == "xl/sharedStrings.xml":
            at = data.index(b"<si>")
            data = data[:at] + pad + data[at:]
        elif i.filename.startswith("xl/worksheets/") and where == "before":
            data = re.sub(rb'(<c [^>]*t="s"[^>]*>)<v>(\d+)</v>', shift, data)
        zout.writestr(i, data)
PY
	[ "$(unzip -p "$tmp/lo-$w.xlsx" xl/sharedStrings.xml | wc -c)" -gt \
	    1300000 ] && same "$tmp/lo-$w.xlsx" "$tmp/en.expected"
	check "1.3 MB of shared strings, padding $w its own: the same records" $? \
	    "$(cat "$tmp/err"; head -20 "$tmp/diff")"
done

# several workbooks: each one's records, and the later decision on a
# finding counts: one accepted row declined in a later workbook
$py - "$tmp/en-signed.xlsx" "$tmp/later.xlsx" > "$tmp/later.key" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Findings"]
for r in range(2, ws.max_row + 1):
    if ws.cell(r, 9).value == "accept":
        ws.cell(r, 9).value = "decline"
        print("%s\t%s" % (ws.cell(r, 12).value, ws.cell(r, 13).value))
        break
wb.save(sys.argv[2])
PY
"$bin/po-signoff" $T "$tmp/en-signed.xlsx" "$tmp/later.xlsx" > "$tmp/two" 2> "$tmp/err"
rc=$?
k=$(cat "$tmp/later.key")
grep '^decision' "$tmp/en.expected" | awk -F '\t' -v OFS='\t' -v k="$k" \
    '$2 "\t" $3 == k { $4 = "declined" } { print }' | LC_ALL=C sort > "$tmp/two.expected"
[ $rc -eq 0 ] && [ -n "$k" ] &&
    [ "$(grep -c '^signoff' "$tmp/two")" -eq $((2 * $(grep -c '^signoff' "$tmp/en.expected"))) ] &&
    grep '^decision' "$tmp/two" | diff -u "$tmp/two.expected" - > "$tmp/diff"
check "two workbooks: the records of each; a later decline declines its order" $? \
    "exit $rc: $(cat "$tmp/err"; cat "$tmp/diff")"

# a workbook that fails half-way (a sheet after Findings not well-formed)
# decides nothing: the findings it met that the first one lacks are not
# counted, the orders are decided as by the first alone
$py - "$tmp/en-signed.xlsx" "$tmp/en.xlsx" "$tmp/part.xlsx" "$tmp/broken.xlsx" <<'PY'
import re, sys, zipfile, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
wb["Findings"].delete_rows(2, 3)
wb.save(sys.argv[3])
with zipfile.ZipFile(sys.argv[2]) as zin:
    book = zin.read("xl/workbook.xml").decode()
    rels = zin.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(r'<sheet name="Capacity"[^>]*r:id="([^"]+)"', book).group(1)
    part = "xl/" + re.search(r'Id="%s"[^>]*Target="([^"]+)"' % rid, rels).group(1)
    with zipfile.ZipFile(sys.argv[4], "w") as zout:
        for i in zin.infolist():
            data = zin.read(i)
            if i.filename == part:
                data = b'<worksheet><sheetData><row r="1"><c r="A1" <</row>'
            zout.writestr(i, data)
PY
"$bin/po-signoff" $T "$tmp/part.xlsx" > "$tmp/part.out" 2> "$tmp/err" &&
    "$bin/po-signoff" $T "$tmp/part.xlsx" "$tmp/broken.xlsx" > "$tmp/broken.out" 2> "$tmp/err"
rc=$?
[ $rc -eq 1 ] && [ "$(wc -l < "$tmp/err")" -eq 1 ] &&
    grep -q "^po-signoff: $tmp/broken.xlsx: xl/worksheets/sheet[0-9]*\.xml:1: " "$tmp/err" &&
    [ "$(grep -c '^decision' "$tmp/part.out")" -eq "$orders" ] &&
    cmp -s "$tmp/part.out" "$tmp/broken.out"
check "a workbook that fails half-way decides nothing: the orders as by the one before" $? \
    "exit $rc: $(cat "$tmp/err"; diff "$tmp/part.out" "$tmp/broken.out" | head -5)"

# a finding number typed far past the rows, its check made anew: refused,
# not a slot for each number up to it
$py - "$tmp/en-signed.xlsx" "$tmp/far.xlsx" <<'PY'
import sys, zlib, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Findings"]
for r in range(2, 5):
    f = [str(ws.cell(r, c).value or "") for c in (12, 13, 14, 15, 16, 1, 6)]
    f[2] = str(9000000 + r)
    ws.cell(r, 14).value = f[2]
    ws.cell(r, 17).value = "%08x" % (zlib.crc32("\t".join(f).encode()) & 0xffffffff)
wb.save(sys.argv[2])
PY
"$bin/po-signoff" $T "$tmp/far.xlsx" > "$tmp/far.out" 2> "$tmp/err"
rc=$?
[ $rc -eq 1 ] && [ "$(grep -c "finding number 900000[0-9] is past what the workbook's rows could number: not read" "$tmp/err")" -ge 2 ] &&
    [ "$(grep -c '^decision' "$tmp/far.out")" -eq "$orders" ]
check "a finding number far past the rows (its check made anew): refused, the rest read" $? \
    "exit $rc: $(cat "$tmp/err")"

# refusals: each with its cell, the rest of the workbook still read
sign bad "$tmp/en.xlsx" "$tmp/bad.xlsx" "$tmp/bad.expected" 2> "$tmp/err"
check "a workbook with wrong rows typed" $? "$(tail -3 "$tmp/err")"
"$bin/po-signoff" $T "$tmp/bad.xlsx" > "$tmp/bad.out" 2> "$tmp/bad.err"
rc=$?
[ $rc -eq 1 ]
check "wrong rows: exit 1" $? "exit $rc"
while IFS='	' read -r cell msg; do
	[ "$cell" = signoffs ] && continue
	grep -qF "po-signoff: $tmp/bad.xlsx: $cell: $msg" "$tmp/bad.err"
	check "refused: $cell: $msg" $? "$(cat "$tmp/bad.err")"
done < "$tmp/bad.expected"
[ "$(wc -l < "$tmp/bad.err")" -eq "$(grep -vc '^signoffs' "$tmp/bad.expected")" ] &&
    [ "$(grep -c '^signoff' "$tmp/bad.out")" -eq "$(awk -F '\t' '$1 == "signoffs" { print $2 }' "$tmp/bad.expected")" ] &&
    [ "$(grep -c '^decision' "$tmp/bad.out")" -eq "$orders" ]
check "wrong rows: one message each; the good rows still read, every order decided" $? \
    "$(wc -l < "$tmp/bad.err") messages, $(grep -c '^signoff' "$tmp/bad.out") signoffs"

# files that are no review workbook
printf 'order\tx\n' > "$tmp/text.xlsx"
$py -c "import zipfile; z = zipfile.ZipFile('$tmp/parts.xlsx', 'w'); z.writestr('hello.txt', 'hi'); z.close()"
$py -c "import openpyxl; wb = openpyxl.Workbook(); wb.active['A1'] = 'Order no.'; wb.save('$tmp/other.xlsx')"
# a package that names its workbook, which has no relationships (it crashed)
cp tests/fuzz/regress/signoff/no-workbook-rels.xlsx "$tmp/norels.xlsx"
for c in "text.xlsx:not an xlsx workbook: not a zip archive" \
    "parts.xlsx:not an xlsx workbook: no part '_rels/.rels' in the zip" \
    "norels.xlsx:not an xlsx workbook: no part 'xl/_rels/workbook.xml.rels' in the zip" \
    "other.xlsx:no Findings sheet"; do
	f=${c%%:*}; m=${c#*:}
	"$bin/po-signoff" $T "$tmp/$f" "$tmp/en-signed.xlsx" > "$tmp/out" 2> "$tmp/err"
	rc=$?
	[ $rc -eq 1 ] && grep -qF "po-signoff: $tmp/$f: $m" "$tmp/err" &&
	    [ "$(wc -l < "$tmp/err")" -eq 1 ] &&
	    [ "$(grep -c '^signoff' "$tmp/out")" -eq "$(grep -c '^signoff' "$tmp/en.expected")" ]
	check "$f: refused ($m), exit 1, the next workbook still read" $? \
	    "exit $rc: $(cat "$tmp/err")"
done

# the standard command-line cases
"$bin/po-signoff" -h | grep -q '^usage: po-signoff '
check "-h: usage on stdout, exit 0" $?
"$bin/po-signoff" --bogus > /dev/null 2> "$tmp/err"
[ $? -eq 2 ] && grep -q usage "$tmp/err"
check "an unknown option: exit 2" $?
"$bin/po-signoff" --today 2026-13-01 "$tmp/en.xlsx" > /dev/null 2>&1
[ $? -eq 2 ]
check "--today that is no date: exit 2" $?
"$bin/po-signoff" --version | grep -q '^po-signoff '
check "--version" $?
"$bin/po-signoff" $T "$tmp/en-signed.xlsx" > "$tmp/file.out"
"$bin/po-signoff" $T < "$tmp/en-signed.xlsx" > "$tmp/stdin.out" &&
    "$bin/po-signoff" $T - < "$tmp/en-signed.xlsx" > "$tmp/dash.out" &&
    sed "s|$tmp/en-signed.xlsx|<stdin>|" "$tmp/file.out" | cmp -s - "$tmp/stdin.out" &&
    cmp -s "$tmp/stdin.out" "$tmp/dash.out"
check "stdin with no operands and -: the same records, named <stdin>" $?
"$bin/po-signoff" $T "$tmp/missing.xlsx" "$tmp/en-signed.xlsx" > "$tmp/out" 2> "$tmp/err"
rc=$?
[ $rc -eq 3 ] && grep -q "cannot open '.*missing.xlsx'" "$tmp/err" &&
    [ "$(grep -c '^signoff' "$tmp/out")" -gt 0 ]
check "a missing file among good ones: exit 3, the rest still read" $? "exit $rc: $(cat "$tmp/err")"
"$bin/po-signoff" $T "$tmp/en-signed.xlsx" > /dev/full 2> "$tmp/err"
[ $? -eq 3 ] && grep -q "writing output failed" "$tmp/err"
check "output to /dev/full: exit 3" $? "$(cat "$tmp/err")"
finish
