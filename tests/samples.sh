#!/bin/sh
# samples.sh BINDIR: every order in samples/orders is read whole, whatever
# its standard, language, encoding or compression; what the records say is
# checked against facts of the documents.
suite=samples
. "$(dirname "$0")/lib.sh"
# get FILE KIND POS COLUMN-NUMBER: a field of the first matching record
get() {
	awk -F '\t' -v k="$2" -v p="$3" -v c="$4" \
	    '$1 == k && (k == "order" || $4 == p) { print $c; exit }' "$1"
}

n=$(ls samples/orders | wc -l)
[ "$n" -ge 20 ]; check "at least 20 sample orders ($n)" $?
"$bin/po-parse" samples/orders/* > "$tmp/all" 2> "$tmp/err"
check "all samples parse (exit 0)" $? "$(cat "$tmp/err")"
[ ! -s "$tmp/err" ]; check "no diagnostics" $? "$(cat "$tmp/err")"
"$top/tests/check-records.sh" "$tmp/all"; check "stream matches records.md" $?
[ "$(grep -c '^order' "$tmp/all")" -eq "$n" ]; check "one order per file" $?
for std in ubl peppol cxml; do
	c=$(awk -F '\t' -v s=$std '$1 == "order" && $5 == s' "$tmp/all" | wc -l)
	[ "$c" -ge 5 ]; check "$std orders present ($c)" $?
done

# encodings: the names come out as UTF-8, whatever the file's encoding
for f in samples/orders/*; do
	"$bin/po-parse" "$f" > "$tmp/one" 2>/dev/null
	case $(head -c 300 "$f" | tr -d '\0' | grep -o 'encoding="[^"]*"') in
	*GB18030*) [ "$(get "$tmp/one" order "" 16)" = "佛山市美达厨房电器有限公司" ]
		check "GB18030 $f: buyer name" $? "$(get "$tmp/one" order "" 16)" ;;
	*ISO-8859-1*) get "$tmp/one" order "" 16 | grep -q 'Brückner'
		check "ISO-8859-1 $f: buyer name" $? "$(get "$tmp/one" order "" 16)" ;;
	esac
done
f=$(for f in samples/orders/*.xml; do
	head -c 2 "$f" | od -An -tx1 | grep -q 'ff fe' && echo "$f"; done | head -n 1)
[ -n "$f" ]; check "a UTF-16 sample exists" $?
"$bin/po-parse" "$f" > "$tmp/one" 2>&1; check "UTF-16 $f parses" $?
get "$tmp/one" order "" 16 | grep -q 'Thameside'; check "UTF-16: buyer name" $?

# one run over many files gives what one run per file gives, whatever
# the order of encodings, byte order marks and errors in between (libxml2's
# reader is reused from one document to the next)
if have_corpus "one run over many files equals one run per file"; then
	c=$corpus
	for f in samples/orders/* $c/ubl/oioubl/*.xml $c/other/order-x/*.xml \
	    samples/orders/ubl-007* $c/cxml/*.xml samples/orders/ubl-002*; do
		"$bin/po-parse" "$f" 2>/dev/null | grep -v '^#'
		echo "$f" >> "$tmp/list"
	done > "$tmp/each"
	"$bin/po-parse" --files-from "$tmp/list" 2>/dev/null |
	    grep -v '^#' > "$tmp/once"
	cmp -s "$tmp/each" "$tmp/once" && [ -s "$tmp/once" ]
	check "one run over many files equals one run per file" $?
fi

# gzip through a file and through stdin give the same records
gz=$(ls samples/orders/*.gz | head -n 1)
[ -n "$gz" ]; check "a gzip sample exists" $?
"$bin/po-parse" "$gz" | cut -f 1,2,5- > "$tmp/a"
"$bin/po-parse" < "$gz" | cut -f 1,2,5- > "$tmp/b"
zcat "$gz" | "$bin/po-parse" | cut -f 1,2,5- > "$tmp/c"
cmp -s "$tmp/a" "$tmp/b" && cmp -s "$tmp/a" "$tmp/c"
check "gzip: file, stdin and plain stdin give the same records" $?

# every line amount the documents state is quantity x price / base
awk -F '\t' '$1 == "line" && $10 != "" && $8 != "" {
	b = $9 == "" ? 1 : $9
	if ((($6 * $8 / b) - $10) ^ 2 > 0.0001) { print $2, $5, $6, $8, $10; bad = 1 }
} END { exit bad }' "$tmp/all" > "$tmp/bad"
check "line amounts are quantity x price" $? "$(cat "$tmp/bad")"

# special requirements the next filter must see are in the stream as notes
for word in RoHS PPAP 客供料 penalty consigned; do
	grep -q "^note.*$word" "$tmp/all" || grep -qi "^note.*$word" "$tmp/all"
	check "a note mentions $word" $?
done
[ "$(awk -F '\t' '$1 == "doc" && $10 != ""' "$tmp/all" | wc -l)" -ge 2 ]
check "embedded attachments have a checksum" $?
[ "$(awk -F '\t' '$1 == "order" && $35 >= 40' "$tmp/all" | wc -l)" -ge 1 ]
check "an order with 40 lines" $?

# the samples through po-parse | po-check: the verdict of every order, and
# the findings the sample orders were written to trigger
if [ -x "$bin/po-check" ]; then
	"$bin/po-parse" samples/orders/* | "$bin/po-check" \
	    --catalog samples/catalog.xml --rules samples/rules.xml \
	    --today 2026-11-27 > "$tmp/checked" 2> "$tmp/err"
	check "po-check reviews the samples (exit 0)" $? "$(cat "$tmp/err")"
	"$top/tests/check-records.sh" "$tmp/checked"
	check "po-check's stream matches records.md" $?
	awk -F '\t' '$1 == "order" { n[$3] = $8 } $1 == "verdict" { print n[$3], $4 }' \
	    "$tmp/checked" | sort > "$tmp/verdicts"
	sort > "$tmp/want" <<'V'
4500982211 special
MMS-PO-55120 special
PSL-120338 special
4500311927 special
PWT-88410 regular
EDN-OC-2026-3391 special
LCI-PO-66021 regular
VDB-26-004417 special
NPT-PO-261118-2 special
AIA-2026-PO-01877 special
VDB-26-004530 regular
FJL-10442 special
SCA-PO-7720 incomplete
EAC-PO-2026-11482 special
MD-CG-20261105-018 special
KRD-PO-2611-0342 special
JY-2026-1116-07 special
MD-CG-20261123-041 regular
4500183271 special
TSC-PO-009817 special
4100-77821 special
IBC/PO/26/1207 special
ANT-2611-093 reject
V
	diff "$tmp/want" "$tmp/verdicts" > "$tmp/d"
	check "the verdict of every sample order" $? "$(cat "$tmp/d")"
	awk -F '\t' '$1 == "order" { n[$3] = $8 }
	    $1 == "finding" { print n[$3], $4, $5, $9 }' "$tmp/checked" > "$tmp/found"
	while read -r want; do
		grep -qF "$want" "$tmp/found"
		check "finding: $want" $?
	done <<'F'
NPT-PO-261118-2 2 prop-outside prop:Length
NPT-PO-261118-2 2 prop-outside prop:Cable type
NPT-PO-261118-2 2 no-list-price currency
NPT-PO-261118-2 2 below-moq quantity
TSC-PO-009817 2 prop-outside prop:Conductor cross-section
PSL-120338 2 prop-outside prop:IP rating
MMS-PO-55120 1 prop-outside prop:Tolerance
JY-2026-1116-07 5 prop-outside prop:公差
4100-77821 2 new-product seller_item
IBC/PO/26/1207 15 new-product seller_item
MMS-PO-55120 4 new-product seller_item
SCA-PO-7720 1 sku-required seller_item
4500311927 1 price-below-list price
ANT-2611-093  export-country delivery_country
ANT-2611-093  buyer-id-required buyer_id
EAC-PO-2026-11482  penalty-clause note
KRD-PO-2611-0342  customer-material note
F
	awk -F '\t' '$1 == "finding" && $5 == "prop-outside" {
	    d[$3 FS $4 FS $9] = d[$3 FS $4 FS $9] " " $7 }
	    END { for (k in d) if (d[k] != " production rd") { print k d[k]
		bad = 1 }; exit bad }' "$tmp/checked" > "$tmp/d"
	check "a property outside its spec: a finding for Production and one for R&D" \
	    $? "$(cat "$tmp/d")"
	"$bin/po-parse" samples/orders/* > "$tmp/parsed"
	SOURCE_DATE_EPOCH=1795651200 "$bin/po-check" --catalog \
	    samples/catalog.xml --rules samples/rules.xml "$tmp/parsed" > "$tmp/a"
	"$bin/po-check" --catalog samples/catalog.xml --rules samples/rules.xml \
	    --today 2026-11-26 "$tmp/parsed" > "$tmp/b"
	cmp -s "$tmp/a" "$tmp/b" && grep -q "^run.*	2026-11-26	" "$tmp/a"
	check "SOURCE_DATE_EPOCH fixes today as --today does; same input, same bytes" $?
	[ "$(grep -c '^custprop' "$tmp/checked")" -ge 5 ]
	check "customer property announced by the samples" $?
	[ "$(grep -c '^capacity' "$tmp/checked")" -ge 10 ]
	check "capacity records close the stream" $?
fi
finish
