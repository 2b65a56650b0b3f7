#!/bin/sh
# property.sh BINDIR: customer property.  po-parse --attachments stores
# embedded attachments once under safe names; po-check and po-ledger turn
# an order's drawing and customer-supplied material into expected
# property; po-property records its life, refuses what makes no sense and
# writes the register workbook; po-sheet's "Customer property" sheet.
suite=property
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

exit $status
