#!/bin/sh
# corpus.sh BINDIR: every UBL/Peppol Order and cXML OrderRequest in
# ../shared/corpus parses, and its records hold what the document says,
# as read independently by xmllint's XPath; the documents that are not
# orders are rejected with a message saying so.  (OrderChange, openTRANS
# and Order-X: tests/formats.sh.)
# The corpus is never copied into the project; without it the suite is
# skipped (a failure under POREVIEW_REQUIRE_CORPUS=1).
suite=corpus
. "$(dirname "$0")/lib.sh"
have_corpus "the UBL, Peppol and cXML documents of the corpus" || finish

. "$top/tests/records-lib.sh"
fails=
expect() {	# expect WHAT ACTUAL WANTED
	if [ "$2" != "$3" ]; then
		echo "# $f: $1 is '$2', the document says '$3'"
		fails=1
	fi
}
judge() {
	check "${f#"$corpus"/}" "${fails:-0}"
	fails=
}
run() {
	"$bin/po-parse" "$f" > "$tmp/out" 2> "$tmp/err"
	rc=$?
	"$top/tests/check-records.sh" "$tmp/out" || fails=1
}

L='local-name()'
ubl_orders=$(find "$corpus/ubl" "$corpus/peppol" -name '*.xml' \
    ! -path '*/xsd/*' ! -path '*/structure/*' ! -name '*OrderChange*' \
    ! -name '*OrderResponse*' | sort)
[ -n "$ubl_orders" ] || { check "UBL orders found" 1; finish; }
for f in $ubl_orders; do
	run
	expect "exit status" "$rc" 0
	expect "stderr" "$(cat "$tmp/err")" ""
	expect "order number" "$(field order "" number)" \
	    "$(xp "$f" "normalize-space(/*/*[$L='ID'])")"
	expect "issue date" "$(field order "" issue_date)" \
	    "$(xp "$f" "normalize-space(/*/*[$L='IssueDate'])")"
	expect "line count" "$(field order "" lines)" \
	    "$(xp "$f" "count(/*/*[$L='OrderLine'])")"
	expect "buyer name" "$(field order "" buyer_name)" \
	    "$(xp "$f" "normalize-space((/*/*[$L='BuyerCustomerParty']/*[$L='Party']/*[$L='PartyName']/*[$L='Name'] | /*/*[$L='BuyerCustomerParty']/*[$L='Party']/*[$L='PartyLegalEntity']/*[$L='RegistrationName'])[1])")"
	cur=$(xp "$f" "normalize-space(/*/*[$L='DocumentCurrencyCode'])")
	[ -n "$cur" ] && expect "currency" "$(field order "" currency)" "$cur"
	li="(/*/*[$L='OrderLine'])[1]/*[$L='LineItem']"
	expect "line 1 id" "$(field line 1 id)" \
	    "$(xp "$f" "normalize-space($li/*[$L='ID'])")"
	expect "line 1 quantity" "$(field line 1 quantity)" \
	    "$(xp "$f" "normalize-space($li/*[$L='Quantity'])")"
	expect "line 1 unit" "$(field line 1 unit)" \
	    "$(xp "$f" "string($li/*[$L='Quantity']/@unitCode)")"
	expect "line 1 price" "$(field line 1 price)" \
	    "$(xp "$f" "normalize-space($li/*[$L='Price']/*[$L='PriceAmount'])")"
	expect "line 1 seller item" "$(field line 1 seller_item)" \
	    "$(xp "$f" "normalize-space($li/*[$L='Item']/*[$L='SellersItemIdentification']/*[$L='ID'])")"
	expect "line 1 properties" \
	    "$(awk -F '\t' '$1 == "prop" && $4 == 1 && $5 != "lot" && $5 != "serial" && $5 != "origin country" && $5 != "classification"' "$tmp/out" | wc -l)" \
	    "$(xp "$f" "count($li/*[$L='Item']/*[$L='AdditionalItemProperty'])")"
	expect "order notes" \
	    "$(awk -F '\t' '$1 == "note" && $5 == "order"' "$tmp/out" | wc -l)" \
	    "$(xp "$f" "count(/*/*[$L='Note'][normalize-space(.) != ''])")"
	expect "order documents" \
	    "$(awk -F '\t' '$1 == "doc" && $4 == ""' "$tmp/out" | wc -l)" \
	    "$(xp "$f" "count(/*/*[$L='AdditionalDocumentReference'])")"
	judge
done

cxml_orders=$(find "$corpus/cxml" -name '*.xml' | sort)
for f in $cxml_orders; do
	run
	expect "exit status" "$rc" 0
	h="/cXML/Request/OrderRequest/OrderRequestHeader"
	expect "order number" "$(field order "" number)" \
	    "$(xp "$f" "string($h/@orderID)")"
	expect "order date" "$(field order "" issue_date)" \
	    "$(xp "$f" "substring($h/@orderDate, 1, 10)")"
	expect "total" "$(field order "" total)" \
	    "$(xp "$f" "normalize-space($h/Total/Money)")"
	expect "currency" "$(field order "" currency)" \
	    "$(xp "$f" "string($h/Total/Money/@currency)")"
	expect "buyer id" "$(field order "" buyer_id)" \
	    "$(xp "$f" "normalize-space(/cXML/Header/From/Credential[1]/Identity)")"
	expect "line count" "$(field order "" lines)" "$(xp "$f" "count(//ItemOut)")"
	expect "line 1 quantity" "$(field line 1 quantity)" \
	    "$(xp "$f" "string((//ItemOut)[1]/@quantity)")"
	expect "line 1 seller item" "$(field line 1 seller_item)" \
	    "$(xp "$f" "normalize-space((//ItemOut)[1]/ItemID/SupplierPartID)")"
	expect "line 1 price" "$(field line 1 price)" \
	    "$(xp "$f" "normalize-space((//ItemOut)[1]/ItemDetail/UnitPrice/Money)")"
	expect "line 1 unit" "$(field line 1 unit)" \
	    "$(xp "$f" "normalize-space((//ItemOut)[1]/ItemDetail/UnitOfMeasure)")"
	case $f in
	*/nonconforming/*)
		grep -q 'warning: ' "$tmp/err" ||
		    { echo "# $f: no warning for a nonconforming document"; fails=1; } ;;
	*)	expect "stderr" "$(cat "$tmp/err")" "" ;;
	esac
	judge
done

# not orders: rejected, nothing on stdout but the header
responses=$(find "$corpus/ubl" "$corpus/peppol" -name '*OrderResponse*.xml' \
    ! -path '*/xsd/*' | sort)
[ -n "$responses" ] || { check "order responses found" 1; finish; }
for f in "$corpus"/peppol/structure/*.xml $responses; do
	run
	expect "exit status" "$rc" 1
	expect "records" "$(grep -vc '^#' "$tmp/out")" 0
	case $f in
	*/structure/*) want="not a purchase order: root element 'Structure'" ;;
	*) want="a UBL OrderResponse[A-Za-z]*, not an order" ;;
	esac
	grep -q "$want" "$tmp/err" ||
	    { echo "# $f: stderr lacks \"$want\": $(cat "$tmp/err")"; fails=1; }
	judge
done
finish
