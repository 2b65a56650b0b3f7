#!/bin/sh
# formats.sh BINDIR: the order standards added to po-parse beside UBL Order
# and cXML: every openTRANS 2.1 ORDER and Order-X document in
# ../shared/corpus parses, and its records hold what the document says as
# xmllint's XPath reads it; the corpus UBL OrderChange documents parse as
# changes; re-prefixed copies (made here with sed) give the same records,
# and a copy with another namespace URI does not.  Needs ../shared/corpus:
# without it the suite is skipped (a failure under
# POREVIEW_REQUIRE_CORPUS=1).
suite=formats
. "$(dirname "$0")/lib.sh"
have_corpus "the openTRANS, Order-X and OrderChange documents of the corpus" ||
    finish

. "$top/tests/records-lib.sh"
# the records with what depends on the file's bytes and name blanked
content() {
	awk -F '\t' -v OFS='\t' '
	/^#/ { print; next }
	{ $3 = "" }
	$1 == "order" { $4 = ""; $(NF - 1) = ""; $NF = "" }
	{ print }' "$1"
}
fails=
expect() {	# expect WHAT ACTUAL WANTED
	if [ "$2" != "$3" ]; then
		echo "# $f: $1 is '$2', the document says '$3'"
		fails=1
	fi
}
judge() {	# judge TITLE
	check "$1: ${f#"$corpus"/}" "${fails:-0}"
	fails=
}
run() {
	"$bin/po-parse" "$1" > "$tmp/out" 2> "$tmp/err"
	rc=$?
	"$top/tests/check-records.sh" "$tmp/out" || fails=1
}
L='local-name()'

# openTRANS 2.1: elements in the openTRANS and BMEcat namespaces
ot=$(find "$corpus/opentrans" -maxdepth 1 -name '*.xml' | sort)
[ "$(echo "$ot" | wc -l)" -eq 9 ] || { check "nine openTRANS orders" 1; ot=; }
for f in $ot; do
	run "$f"
	expect "exit status" "$rc" 0
	expect "stderr" "$(cat "$tmp/err")" ""
	info="/*/*[$L='ORDER_HEADER']/*[$L='ORDER_INFO']"
	item="(/*/*[$L='ORDER_ITEM_LIST']/*[$L='ORDER_ITEM'])[1]"
	expect "standard" "$(field order "" standard)" opentrans
	expect "doctype" "$(field order "" doctype)" order
	expect "order number" "$(field order "" number)" \
	    "$(xp "$f" "normalize-space($info/*[$L='ORDER_ID'])")"
	expect "order date" "$(field order "" issue_date)" \
	    "$(xp "$f" "substring(normalize-space($info/*[$L='ORDER_DATE']), 1, 10)")"
	expect "line count" "$(field order "" lines)" \
	    "$(xp "$f" "count(/*/*[$L='ORDER_ITEM_LIST']/*[$L='ORDER_ITEM'])")"
	expect "currency" "$(field order "" currency)" \
	    "$(xp "$f" "normalize-space($info/*[$L='CURRENCY'])")"
	expect "total" "$(field order "" total)" \
	    "$(xp "$f" "normalize-space(/*/*[$L='ORDER_SUMMARY']/*[$L='TOTAL_AMOUNT'])")"
	# the buyer: the party in the buyer role, else the one BUYER_IDREF names
	party="$info/*[$L='PARTIES']/*[$L='PARTY']"
	buyer="$party[*[$L='PARTY_ROLE']='buyer']"
	[ "$(xp "$f" "count($buyer)")" = 0 ] &&
	    buyer="$party[*[$L='PARTY_ID']=$info/*[$L='ORDER_PARTIES_REFERENCE']/*[$L='BUYER_IDREF']]"
	bid=$(xp "$f" "normalize-space($buyer/*[$L='PARTY_ID'][1])")
	bsch=$(xp "$f" "string($buyer/*[$L='PARTY_ID'][1]/@type)")
	expect "buyer id" "$(field order "" buyer_id)" "$bid"
	expect "buyer name" "$(field order "" buyer_name)" \
	    "$(xp "$f" "normalize-space($buyer/*[$L='ADDRESS']/*[$L='NAME'])")"
	expect "order key" "$(field order "" key)" \
	    "${bsch:+$bsch:}$bid/$(xp "$f" "normalize-space($info/*[$L='ORDER_ID'])")"
	expect "line 1 id" "$(field line 1 id)" \
	    "$(xp "$f" "normalize-space($item/*[$L='LINE_ITEM_ID'])")"
	expect "line 1 quantity" "$(field line 1 quantity)" \
	    "$(xp "$f" "normalize-space($item/*[$L='QUANTITY'])")"
	expect "line 1 unit" "$(field line 1 unit)" \
	    "$(xp "$f" "normalize-space($item/*[$L='ORDER_UNIT'])")"
	expect "line 1 seller item" "$(field line 1 seller_item)" \
	    "$(xp "$f" "normalize-space($item/*[$L='PRODUCT_ID']/*[$L='SUPPLIER_PID'])")"
	expect "line 1 price" "$(field line 1 price)" \
	    "$(xp "$f" "normalize-space($item/*[$L='PRODUCT_PRICE_FIX']/*[$L='PRICE_AMOUNT'])")"
	expect "line 1 amount" "$(field line 1 amount)" \
	    "$(xp "$f" "normalize-space($item/*[$L='PRICE_LINE_AMOUNT'])")"
	expect "line 1 delivery" "$(field line 1 delivery_to)" \
	    "$(xp "$f" "substring(normalize-space($item/*[$L='DELIVERY_DATE']/*[$L='DELIVERY_END_DATE']), 1, 10)")"
	judge "openTRANS read"
done

# Order-X: the rsm, ram and udt namespaces of UN/CEFACT
ox=$(find "$corpus/other/order-x" -maxdepth 1 -name '*.xml' | sort)
[ -n "$ox" ] || check "an Order-X document" 1
d102() {	# an XPath expression for a format 102/203 date as YYYY-MM-DD
	echo "concat(substring($1, 1, 4), '-', substring($1, 5, 2), '-', substring($1, 7, 2))"
}
for f in $ox; do
	run "$f"
	expect "exit status" "$rc" 0
	expect "stderr" "$(cat "$tmp/err")" ""
	doc="/*/*[$L='ExchangedDocument']"
	agr="/*/*[$L='SupplyChainTradeTransaction']/*[$L='ApplicableHeaderTradeAgreement']"
	set_="/*/*[$L='SupplyChainTradeTransaction']/*[$L='ApplicableHeaderTradeSettlement']"
	li="(/*/*[$L='SupplyChainTradeTransaction']/*[$L='IncludedSupplyChainTradeLineItem'])[1]"
	expect "standard" "$(field order "" standard)" orderx
	expect "doctype" "$(field order "" doctype)" order
	expect "order number" "$(field order "" number)" \
	    "$(xp "$f" "normalize-space($doc/*[$L='ID'])")"
	expect "order date" "$(field order "" issue_date)" \
	    "$(xp "$f" "$(d102 "normalize-space($doc/*[$L='IssueDateTime'])")")"
	expect "line count" "$(field order "" lines)" \
	    "$(xp "$f" "count(/*/*[$L='SupplyChainTradeTransaction']/*[$L='IncludedSupplyChainTradeLineItem'])")"
	expect "currency" "$(field order "" currency)" \
	    "$(xp "$f" "normalize-space($set_/*[$L='OrderCurrencyCode'])")"
	expect "buyer name" "$(field order "" buyer_name)" \
	    "$(xp "$f" "normalize-space($agr/*[$L='BuyerTradeParty']/*[$L='Name'])")"
	g="$agr/*[$L='BuyerTradeParty']/*[$L='GlobalID'][1]"
	expect "order key" "$(field order "" key)" \
	    "$(xp "$f" "concat($g/@schemeID, ':', normalize-space($g), '/', normalize-space($doc/*[$L='ID']))")"
	expect "total" "$(field order "" total)" \
	    "$(xp "$f" "normalize-space($set_/*[$L='SpecifiedTradeSettlementHeaderMonetarySummation']/*[$L='GrandTotalAmount'])")"
	expect "incoterm" "$(field order "" incoterm)" \
	    "$(xp "$f" "normalize-space($agr/*[$L='ApplicableTradeDeliveryTerms']/*[$L='DeliveryTypeCode'])")"
	expect "line 1 id" "$(field line 1 id)" \
	    "$(xp "$f" "normalize-space($li/*[$L='AssociatedDocumentLineDocument']/*[$L='LineID'])")"
	q="$li/*[$L='SpecifiedLineTradeDelivery']/*[$L='RequestedQuantity']"
	expect "line 1 quantity" "$(field line 1 quantity)" "$(xp "$f" "normalize-space($q)")"
	expect "line 1 unit" "$(field line 1 unit)" "$(xp "$f" "string($q/@unitCode)")"
	expect "line 1 seller item" "$(field line 1 seller_item)" \
	    "$(xp "$f" "normalize-space($li/*[$L='SpecifiedTradeProduct']/*[$L='SellerAssignedID'])")"
	expect "line 1 price" "$(field line 1 price)" \
	    "$(xp "$f" "normalize-space($li/*[$L='SpecifiedLineTradeAgreement']/*[$L='NetPriceProductTradePrice']/*[$L='ChargeAmount'])")"
	expect "line 1 amount" "$(field line 1 amount)" \
	    "$(xp "$f" "normalize-space($li/*[$L='SpecifiedLineTradeSettlement']/*[$L='SpecifiedTradeSettlementLineMonetarySummation']/*[$L='LineTotalAmount'])")"
	expect "line 1 delivery" "$(field line 1 delivery_to)" \
	    "$(xp "$f" "$(d102 "normalize-space($li//*[$L='OccurrenceSpecifiedPeriod']/*[$L='EndDateTime'])")")"
	judge "Order-X read"
done

# UBL OrderChange: a change of the order OrderReference names
for f in $(find "$corpus/ubl" "$corpus/peppol" -maxdepth 1 -name '*OrderChange*.xml' | sort); do
	run "$f"
	expect "exit status" "$rc" 0
	expect "doctype" "$(field order "" doctype)" change
	expect "sequence number" "$(field order "" seq)" \
	    "$(xp "$f" "normalize-space(/*/*[$L='SequenceNumberID'])")"
	expect "order number" "$(field order "" number)" \
	    "$(xp "$f" "normalize-space(/*/*[$L='OrderReference']/*[$L='ID'])")"
	expect "line count" "$(field order "" lines)" "$(xp "$f" "count(/*/*[$L='OrderLine'])")"
	n=$(xp "$f" "count(/*/*[$L='OrderLine'])")
	i=1
	while [ "$i" -le "${n:-0}" ]; do
		case $(xp "$f" "normalize-space((/*/*[$L='OrderLine'])[$i]/*[$L='LineItem']/*[$L='LineStatusCode'])") in
		Revised|3) want=changed ;; Added|1) want=added ;;
		Cancelled|2) want=cancelled ;; NoStatus|4) want=unchanged ;;
		*) want= ;;
		esac
		expect "line $i action" "$(field line "$i" action)" "$want"
		i=$((i + 1))
	done
	judge "OrderChange read as a change"
done
# the OASIS change is to the OASIS order: both have the same order key
"$bin/po-parse" "$corpus/ubl/UBL-Order-2.1-Example.xml" \
    "$corpus/ubl/UBL-OrderChange-2.1-Example.xml" > "$tmp/both"
keys=$(awk -F '\t' '$1 == "order" { print $6 " " $2 }' "$tmp/both")
[ "$keys" = "order GLN:7300072311115/34
change GLN:7300072311115/34" ]
check "UBL order and its change share the order key" $? "$keys"

# prefixes do not matter, namespaces do
f=$corpus/opentrans/ITscope_Example_ORDER_Bestellung.xml
"$bin/po-parse" "$f" > "$tmp/a"
sed -e 's/xmlns="http:\/\/www.opentrans.org/xmlns:ot="http:\/\/www.opentrans.org/' \
    -e 's/<\([A-Z]\)/<ot:\1/g' -e 's/<\/\([A-Z]\)/<\/ot:\1/g' \
    -e 's/bme:/B:/g' -e 's/xmlns:bme=/xmlns:B=/' "$f" > "$tmp/reprefixed.xml"
grep -q '<ot:ORDER_ITEM>' "$tmp/reprefixed.xml" && grep -q '<B:SUPPLIER_PID' "$tmp/reprefixed.xml"
check "openTRANS copy re-prefixed by sed" $?
"$bin/po-parse" "$tmp/reprefixed.xml" > "$tmp/b" 2>&1
content "$tmp/a" > "$tmp/a.c"; content "$tmp/b" > "$tmp/b.c"
cmp -s "$tmp/a.c" "$tmp/b.c"
check "openTRANS re-prefixed gives the same records" $? "$(diff "$tmp/a.c" "$tmp/b.c" | head -5)"
sed 's/http:\/\/www.bmecat.org\/bmecat\/2005/urn:example:not-bmecat/' "$f" > "$tmp/otherns.xml"
"$bin/po-parse" "$tmp/otherns.xml" > "$tmp/out" 2>&1
[ "$(field line 1 seller_item)" = "" ] && [ "$(field order "" currency)" = "" ] &&
    [ "$(field line 1 quantity)" = "1.0" ]
check "BMEcat elements in another namespace are not read as BMEcat" $?

f=$corpus/other/order-x/ORDER-X_EX01_ORDER_FULL_DATA-COMFORT.xml
"$bin/po-parse" "$f" > "$tmp/a"
sed -e 's/rsm:/M:/g' -e 's/ram:/R:/g' -e 's/udt:/U:/g' -e 's/xmlns:rsm=/xmlns:M=/' \
    -e 's/xmlns:ram=/xmlns:R=/' -e 's/xmlns:udt=/xmlns:U=/' "$f" > "$tmp/reprefixed.xml"
! grep -q 'ram:' "$tmp/reprefixed.xml"
check "Order-X copy re-prefixed by sed" $?
"$bin/po-parse" "$tmp/reprefixed.xml" > "$tmp/b" 2>&1
content "$tmp/a" > "$tmp/a.c"; content "$tmp/b" > "$tmp/b.c"
cmp -s "$tmp/a.c" "$tmp/b.c"
check "Order-X re-prefixed gives the same records" $? "$(diff "$tmp/a.c" "$tmp/b.c" | head -5)"
sed 's/urn:un:unece:uncefact:data:SCRDMCCBDACIOMessageStructure:100/urn:example:other/' "$f" > "$tmp/otherns.xml"
"$bin/po-parse" "$tmp/otherns.xml" > "$tmp/out" 2> "$tmp/err"
[ $? -eq 1 ] && grep -q "not a purchase order: root element 'SCRDMCCBDACIOMessageStructure' in namespace 'urn:example:other'" "$tmp/err"
check "Order-X root in another namespace is rejected" $? "$(cat "$tmp/err")"
finish
