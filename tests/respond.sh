#!/bin/sh
# respond.sh BINDIR: po-respond answers the customer.  The sample batch is
# committed and its workbook signed with openpyxl (tests/signoff-sign.py:
# accepted, with conditions, declined, asked, pending), three conditions
# typed as line changes; beside it an openTRANS order, an Order-X order, a
# UBL order and its OrderChange, decided by records written here.
# po-respond writes one response per decided order in the order's
# standard, each valid against the standard's schema or DTD from
# ../shared/corpus (SKIP without it, FAIL under POREVIEW_REQUIRE_CORPUS=1),
# its codes and line references those of the order it answers (xmllint
# --xpath on the order document), the changed lines as the conditions
# say, a confirmation request to sign where the customer confirms in
# writing; none for an order not decided, an Order-X order or a
# cancellation (said on stderr); a second run writes nothing, --again
# rewrites the same bytes; a hostile order key names no path outside the
# folder; a failure leaves no half-written file.
suite=respond
. "$(dirname "$0")/lib.sh"
. "$top/tests/records-lib.sh"
py=/usr/bin/python3
C="--catalog samples/catalog.xml --rules samples/rules.xml"
db=$tmp/ledger.db
out=$tmp/out
mkdir "$out"
L='local-name()'
# the value of XPath expression X in FILE, elements named by local name
x() { xmllint --nonet --xpath "$2" "$1" 2>/dev/null; }
docid_of() {	# docid_of NUMBER: the reviewed document with that number
	awk -F '\t' -v n="$1" '$1 == "order" && $8 == n { print $3; exit }' \
	    "$tmp/reviewed.tsv"
}
file_of() {	# file_of DOCID [SUFFIX]: the response written for it
	ls "$out" | grep -- "-$1${2:-.xml}\$" | sed "s|^|$out/|"
}
source_of() {
	awk -F '\t' -v d="$1" '$1 == "order" && $3 == d { print $4; exit }' \
	    "$tmp/reviewed.tsv"
}
# decide KEY DOCID DECISION [COMMENT]: the sign-offs of every finding the
# ledger keeps of the document (the first carrying the comment; finding 1
# of Sales when it keeps none), as one workbook would give them, and the
# decision record, committed as po-signoff's; each call a new workbook
signed=0
decide() {
	signed=$((signed + 1))
	printf '#poreview-records 1\n' > "$tmp/dec.tsv"
	sqlite3 -separator '	' "$db" "SELECT n, department FROM finding WHERE docid = '$2' ORDER BY n" > "$tmp/fnd"
	[ -s "$tmp/fnd" ] || printf '1\tsales\n' > "$tmp/fnd"
	awk -F '\t' -v OFS='\t' -v k="$1" -v d="$2" -v c="${4:-}" -v s="$signed" -v w="$(case $3 in
	    accepted) echo accept;; declined) echo decline;; *) echo accept-conditions;; esac)" '
	    { printf "signoff\t%s\t%s\t%s\t%s\tLi Na\t%s\t2026-12-10\t%s\thand.xlsx\t%064d\n", k, d, $1, $2, w, NR == 1 ? c : "", s }' \
	    "$tmp/fnd" >> "$tmp/dec.tsv"
	printf 'decision\t%s\t%s\t%s\tsales\t\t1\t1\n' "$1" "$2" "$3" >> "$tmp/dec.tsv"
	"$bin/po-ledger" commit --today 2026-12-10 "$db" "$tmp/dec.tsv" > /dev/null
}

# the batch, its extra documents, the signed workbook with conditions
"$bin/po-ledger" init "$db" &&
    { "$bin/po-parse" samples/orders/* tests/respond/opentrans-order.xml \
      tests/fuzz/seeds/order/orderx.xml tests/change/1-order.xml |
      "$bin/po-check" $C --ledger "$db" --today 2026-11-27 > "$tmp/reviewed.tsv"; } &&
    "$bin/po-ledger" commit --today 2026-11-27 "$db" "$tmp/reviewed.tsv" > /dev/null &&
    "$bin/po-parse" tests/change/2-change-quantity.xml | "$bin/po-check" $C \
    --ledger "$db" --today 2026-11-28 > "$tmp/change.tsv" &&
    "$bin/po-ledger" commit --today 2026-11-28 "$db" "$tmp/change.tsv" > /dev/null &&
    awk -F '\t' '$1 == "order" { keep = $4 !~ /^tests\// }
    keep || /^#/ || $1 == "run"' "$tmp/reviewed.tsv" > "$tmp/batch.tsv" &&
    "$bin/po-sheet" --lang en -o "$tmp/en.xlsx" "$tmp/batch.tsv" &&
    $py tests/signoff-sign.py sign "$tmp/batch.tsv" "$tmp/en.xlsx" \
    "$tmp/signed.xlsx" en "$tmp/expected"
check "the sample batch and four more orders committed, the workbook signed" $?
eac=$(docid_of EAC-PO-2026-11482)
mms=$(docid_of MMS-PO-55120)
vdb=$(docid_of VDB-26-004417)
# conditions typed as a person would, on a row that accepts with them
$py - "$tmp/signed.xlsx" "$eac" "$mms" "$vdb" <<'PY' 2> "$tmp/err"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = next(w for w in wb.worksheets if w.cell(1, 17).value == "poreview check")
say = {sys.argv[2]: "line 1: quantity 2600, delivery 2027-03-15; line 2: price 7.95\n"
                    "deliver in two lots",
       sys.argv[3]: "line 1: qty 400, delivery 2027-03-01; 行 4：单价 0.33；line 99: quantity 5",
       sys.argv[4]: "packed on EUR pallets"}
done = set()
for r in range(2, ws.max_row + 1):
    d = ws.cell(r, 13).value
    if d in say and d not in done and ws.cell(r, 9).value == "accept with conditions":
        ws.cell(r, 11).value = say[d]
        done.add(d)
assert len(done) == 3, done
wb.save(sys.argv[1])
PY
"$bin/po-signoff" --today 2026-12-10 "$tmp/signed.xlsx" > "$tmp/signed.tsv" &&
    "$bin/po-ledger" commit --today 2026-12-10 "$db" "$tmp/signed.tsv" > /dev/null
check "conditions typed into the workbook, read back and committed" $? "$(cat "$tmp/err")"
ot=$(docid_of KW-2026-4471)
ox=$(docid_of PO-78)
chg=$(awk -F '\t' '$1 == "order" { print $3; exit }' "$tmp/change.tsv")
chgkey=$(awk -F '\t' '$1 == "order" { print $2; exit }' "$tmp/change.tsv")
decide supplier_specific:KW-0815/KW-2026-4471 "$ot" accepted-conditions \
    'line 20: quantity 400, price 0.60' &&
    decide CUST-9/PO-78 "$ox" accepted && decide "$chgkey" "$chg" accepted
check "the openTRANS, Order-X and changed orders decided" $?

# the first run
"$bin/po-respond" --today 2026-12-11 "$db" -o "$out" > "$tmp/written" 2> "$tmp/err"
rc=$?
n=$(wc -l < "$tmp/written")
[ $rc -eq 0 ] && [ "$n" -gt 0 ] && [ "$(ls "$out" | wc -l)" -eq "$n" ] &&
    [ "$(sqlite3 "$db" 'SELECT count(*) FROM response')" -eq "$n" ]
check "a run writes $n files, each named on stdout and recorded in the ledger" $? \
    "exit $rc: $(cat "$tmp/err")"
sqlite3 -separator ' ' "$db" 'SELECT sha256, file FROM response' |
    sed "s|  *|  $out/|" | sha256sum -c --quiet > "$tmp/sums" 2>&1
check "the ledger keeps each file's SHA-256" $? "$(head -3 "$tmp/sums")"

# which orders are answered: every final decision, nothing else
{ awk -F '\t' '$1 == "decision" && $4 ~ /^(accepted|accepted-conditions|declined)$/ { print $3 }' \
    "$tmp/expected"; echo "$ot"; echo "$chg"; } | LC_ALL=C sort > "$tmp/want"
ls "$out" | grep '\.xml$' | sed 's/.*-\([0-9a-f]\{16\}\)\.xml$/\1/' | LC_ALL=C sort > "$tmp/got"
diff -u "$tmp/want" "$tmp/got" > "$tmp/diff"
check "one response per decided order, none for one pending or asking the customer" $? \
    "$(cat "$tmp/diff")"
pend=$(awk -F '\t' '$1 == "decision" && $4 == "pending" { print $3; exit }' "$tmp/expected")
pkey=$(awk -F '\t' '$1 == "decision" && $4 == "pending" { print $2; exit }' "$tmp/expected")
[ -z "$(file_of "$pend")" ] &&
    "$bin/po-respond" --today 2026-12-11 --again "$pkey" "$db" -o "$out" > "$tmp/o" 2> "$tmp/e"
rc=$?
[ $rc -eq 1 ] && [ ! -s "$tmp/o" ] && grep -q "is not decided (pending): no response" "$tmp/e" &&
    [ -z "$(file_of "$pend")" ]
check "an undecided order gets no response, not even with --again" $? "exit $rc: $(cat "$tmp/e")"
grep -q "^po-respond: CUST-9/PO-78: warning: not answered: poreview writes no Order-X order response" "$tmp/err" &&
    [ -z "$(file_of "$ox")" ]
check "an Order-X order is not answered, and stderr says why" $? "$(cat "$tmp/err")"
grep -q "warning: a condition names line '99', which the order does not have: said in words" "$tmp/err"
check "a condition on a line the order lacks is said, and kept in words" $? "$(cat "$tmp/err")"

# the responses against their standards' schemas
if have_corpus "the responses against UBL 2.1, openTRANS 2.1 and cXML 1.2.063"; then
	fails=
	for f in "$out"/*.xml; do
		case $(x "$f" "local-name(/*)") in
		OrderResponse) xmllint --noout --schema \
		    "$corpus/ubl/xsd/maindoc/UBL-OrderResponse-2.1.xsd" "$f" ;;
		ORDERRESPONSE) xmllint --noout --schema \
		    "$corpus/opentrans/xsd/opentrans_2_1.xsd" "$f" ;;
		cXML)	# cXML.dtd with Fulfill.dtd's ConfirmationRequest
			reqs=$(sed -n '/<!ENTITY % cxml.requests "(/,/)"/p' \
			    "$corpus/cxml/dtd/1.2.063/cXML.dtd" | tr '\n' ' ' |
			    sed 's/.*"(\(.*\))".*/\1/')
			{ echo "<!ENTITY % cxml.requests \"($reqs | ConfirmationRequest)\">"
			  echo "<!ENTITY % cxml SYSTEM \"$corpus/cxml/dtd/1.2.063/cXML.dtd\">"
			  echo "%cxml;"
			  echo "<!ENTITY % fulfill SYSTEM \"$top/tests/respond/fulfill.ent\">"
			  echo "%fulfill;"; } > "$tmp/fulfill.dtd"
			xmllint --nonet --noout --dtdvalid "$tmp/fulfill.dtd" "$f" ;;
		*) false ;;
		esac > "$tmp/v" 2>&1 || { fails="$fails ${f##*/}"; cat "$tmp/v" | grep -v 'network\|failed to load\|SYSTEM\|\^' | head -3 | sed 's/^/# /'; }
	done
	check "every response valid: UBL OrderResponse 2.1 XSD, openTRANS 2.1 XSD, cXML 1.2.063 DTD" \
	    "$([ -z "$fails" ]; echo $?)" "$fails"
	# the DTD check catches a broken confirmation
	f=$(file_of "$mms")
	sed 's/ noticeDate="[^"]*"//' "$f" > "$tmp/bad.xml"
	! xmllint --nonet --noout --dtdvalid "$tmp/fulfill.dtd" "$tmp/bad.xml" > /dev/null 2>&1
	check "a ConfirmationHeader without its noticeDate fails the DTD" $?
	# shapes beside Peppol's own: the same root, customization, code list
	p=$corpus/peppol/responses/OrderResponse_Example.xml
	f=$(file_of "$vdb")
	[ "$(x "$p" "string(/*/*[$L='CustomizationID'])")" = "$(x "$f" "string(/*/*[$L='CustomizationID'])")" ] &&
	    [ "$(x "$p" "local-name(/*)")" = "$(x "$f" "local-name(/*)")" ] &&
	    [ "$(x "$p" "count(//*[$L='OrderLine'][*[$L='LineItem']/*[$L='LineStatusCode']][*[$L='OrderLineReference']])")" -gt 0 ] &&
	    [ "$(x "$f" "count(//*[$L='OrderLine'])")" = "$(x "$f" "count(//*[$L='OrderLine'][*[$L='LineItem']/*[$L='LineStatusCode']][*[$L='OrderLineReference']])")" ]
	check "a Peppol response has the shape of Peppol's own example" $?
fi

# codes and line references, against the order each answers
code_ok=0 refs_ok=0 why=
for d in $(cat "$tmp/got"); do
	f=$(file_of "$d")
	src=$(source_of "$d")
	[ -n "$src" ] || src=tests/change/2-change-quantity.xml
	dec=$(sqlite3 "$db" "SELECT decision FROM decision WHERE docid = '$d' ORDER BY id DESC LIMIT 1")
	case $(x "$f" "local-name(/*)") in
	OrderResponse)
		want=$(case $dec in accepted) echo AP;; declined) echo RE;; *) echo CA;; esac)
		got=$(x "$f" "string(/*/*[$L='OrderResponseCode'])")
		ref=$(x "$f" "string(/*/*[$L='OrderReference']/*[$L='ID'])")
		num=$(x "$src" "string((/*/*[$L='OrderReference']/*[$L='ID'] | /*/*[$L='ID'])[last()])")
		lines=$(x "$f" "//*[$L='OrderLineReference']/*[$L='LineID']/text()" | tr '\n' ' ')
		ids=$(x "$src" "//*[$L='OrderLine']/*[$L='LineItem']/*[$L='ID']/text()" | tr '\n' ' ')
		[ "$want" != CA ] && ids=
		;;
	cXML)
		want=$(case $dec in accepted) echo accept;; declined) echo reject;; *) echo 'accept|detail';; esac)
		got=$(x "$f" "string(//*[$L='ConfirmationHeader']/@type)")
		ref=$(x "$f" "string(//*[$L='OrderReference']/@orderID)")/$(x "$f" "string(//*[$L='DocumentReference']/@payloadID)")
		num=$(x "$src" "string(//*[$L='OrderRequestHeader']/@orderID)")/$(x "$src" "string(/cXML/@payloadID)")
		# each line confirmed is a line of the order
		lines=$(x "$f" "//*[$L='ConfirmationItem']/@lineNumber" | sed 's/[^"]*"\([^"]*\)"/\1 /g' | tr -s ' \n' '  ')
		ids=
		for i in $lines; do
			[ "$(x "$src" "count(//*[$L='ItemOut'][@lineNumber='$i'])")" = 1 ] && ids="$ids$i "
		done
		lines=$(echo $lines) ids=$(echo $ids)
		;;
	ORDERRESPONSE)
		want=$(case $dec in accepted) echo Accepted;; declined) echo Declined;; *) echo 'Accepted with changes';; esac)
		got=$(x "$f" "string(//*[$L='REMARKS'][1])" | head -1 | sed 's/\.$//')
		ref=$(x "$f" "string(//*[$L='ORDERRESPONSE_INFO']/*[$L='ORDER_ID'])")
		num=$(x "$src" "string(//*[$L='ORDER_INFO']/*[$L='ORDER_ID'])")
		lines=$(x "$f" "//*[$L='ORDERRESPONSE_ITEM']/*[$L='LINE_ITEM_ID']/text()" | tr '\n' ' ')
		ids=$(x "$src" "//*[$L='ORDER_ITEM']/*[$L='LINE_ITEM_ID']/text()" | tr '\n' ' ')
		;;
	esac
	echo "$got" | grep -Eqx "$want" || { code_ok=1; why="$why ${f##*/}: code $got, decision $dec;"; }
	# a CA, a detail confirmation, an ORDERRESPONSE: lines there
	case $got in CA|detail|Accepted*|Declined) [ -n "$lines" ] || lines=none ;; esac
	{ [ -n "$num" ] && [ "$ref" = "$num" ] && [ "$lines" = "$ids" ]; } ||
	    { refs_ok=1; why="$why ${f##*/}: order $ref/$num lines '$lines'/'$ids';"; }
done
check "each response's code is its decision's (AP/CA/RE, accept/detail/reject)" $code_ok "$why"
check "each response names the order it answers, and only its lines" $refs_ok "$why"

# the changed lines, as the conditions say
f=$(file_of "$eac")
li() { x "$f" "string(//*[$L='OrderLine'][*[$L='OrderLineReference']/*[$L='LineID']='$1']/*[$L='LineItem']/$2)"; }
[ "$(li 1 "*[$L='LineStatusCode']")" = 3 ] && [ "$(li 1 "*[$L='Quantity']")" = 2600 ] &&
    [ "$(li 1 "*[$L='Quantity']/@unitCode")" = C62 ] &&
    [ "$(li 1 "*[$L='Delivery']/*[$L='PromisedDeliveryPeriod']/*[$L='EndDate']")" = 2027-03-15 ] &&
    [ "$(li 2 "*[$L='LineStatusCode']")" = 3 ] && [ "$(li 2 "*[$L='Price']/*[$L='PriceAmount']")" = 7.95 ] &&
    [ "$(li 2 "*[$L='Price']/*[$L='PriceAmount']/@currencyID")" = EUR ] &&
    [ "$(li 3 "*[$L='LineStatusCode']")" = 5 ] && [ -z "$(li 3 "*[$L='Quantity']")" ] &&
    x "$f" "string(/*/*[$L='Note'])" | grep -qx 'deliver in two lots'
check "UBL: changed lines 3 with quantity, date and price; the others 5; the rest in the note" $? \
    "$(grep -A12 '<cbc:ID>1</cbc:ID>' "$f" | head -30)"
f=$(file_of "$mms")
ci() { x "$f" "string(//*[$L='ConfirmationItem'][@lineNumber='$1']/$2)"; }
[ "$(x "$f" "string(//*[$L='ConfirmationHeader']/@type)")" = detail ] &&
    [ "$(x "$f" "count(//*[$L='ConfirmationItem'])")" = 2 ] &&
    [ "$(ci 1 @quantity)" = 500 ] &&
    [ "$(ci 1 "*[$L='ConfirmationStatus'][@type='detail']/@quantity")" = 400 ] &&
    [ "$(ci 1 "*[$L='ConfirmationStatus'][@type='detail']/@deliveryDate")" = 2027-03-01T00:00:00+00:00 ] &&
    [ "$(ci 1 "*[$L='ConfirmationStatus'][@type='reject']/@quantity")" = 100 ] &&
    [ "$(ci 4 "*[$L='ConfirmationStatus'][@type='detail']/*[$L='UnitPrice']/*[$L='Money']")" = 0.33 ] &&
    [ "$(ci 4 "*[$L='ConfirmationStatus'][@type='detail']/*[$L='UnitPrice']/*[$L='Money']/@currency")" = USD ] &&
    x "$f" "string(//*[$L='Comments'])" | grep -qx 'line 99: quantity 5'
check "cXML: a detail confirmation of the changed lines, the rest of a quantity rejected" $? \
    "$(sed -n '/<ConfirmationItem/,$p' "$f" | head -30)"
f=$(file_of "$ot")
oi() { x "$f" "string(//*[$L='ORDERRESPONSE_ITEM'][*[$L='LINE_ITEM_ID']='$1']/$2)"; }
[ "$(oi 10 "*[$L='QUANTITY']")" = 2000 ] && [ "$(oi 20 "*[$L='QUANTITY']")" = 400 ] &&
    [ "$(oi 20 "*[$L='PRODUCT_PRICE_FIX']/*[$L='PRICE_AMOUNT']")" = 0.60 ] &&
    [ "$(oi 10 "*[$L='DELIVERY_DATE']/*[$L='DELIVERY_END_DATE']")" = 2027-02-05 ]
check "openTRANS: every line with the quantity, price and delivery confirmed" $? "$(cat "$f")"
f=$(file_of "$chg")
[ "$(x "$f" "string(/*/*[$L='OrderReference']/*[$L='ID'])")" = BE-7700 ] &&
    x "$f" "string(/*/*[$L='Note'])" | grep -q 'This answers change 1 of the order'
check "a UBL OrderChange is answered with an OrderResponse for the order as changed" $? "$(head -20 "$f")"
dec=$(awk -F '\t' '$1 == "decision" && $4 == "declined" && $2 ~ /^0/ { print $3; exit }' "$tmp/expected")
f=$(file_of "$dec")
[ "$(x "$f" "string(/*/*[$L='OrderResponseCode'])")" = RE ] &&
    [ "$(x "$f" "count(//*[$L='OrderLine'])")" = 0 ]
check "a declined order: RE and no lines, as Peppol wants" $?

# the confirmation request to sign: accepted orders the customer confirms
# in writing; read back with openpyxl
want=
for d in $(cat "$tmp/got"); do
	cat "$tmp/reviewed.tsv" "$tmp/change.tsv" | awk -F '\t' -v d="$d" \
	    '$1 == "verdict" && $3 == d && $6 ~ /written/ { ok = 1 } END { exit !ok }' &&
	    sqlite3 "$db" "SELECT decision FROM decision WHERE docid = '$d' ORDER BY id DESC LIMIT 1" |
	    grep -q '^accepted' && want="$want$d "
done
got=$(ls "$out" | sed -n 's/.*-\([0-9a-f]\{16\}\)-confirm\.xlsx$/\1/p' | LC_ALL=C sort | tr '\n' ' ')
want=$(echo $want | tr ' ' '\n' | LC_ALL=C sort | tr '\n' ' ')
[ -n "$want" ] && [ "$want" = "$got" ]
check "a confirmation request for each accepted order with requirements to confirm in writing" $? \
    "want $want, got $got"
$py tests/xlsx-cells.py "$(file_of "$mms" -confirm.xlsx)" > "$tmp/cells" 2>&1 &&
    grep -q '	s	Order confirmation request / 订单确认函$' "$tmp/cells" &&
    grep -q '	s	MMS-PO-55120$' "$tmp/cells" &&
    grep -q '	s	Tolerance: ±0.001 mm$' "$tmp/cells" &&
    grep -q '	s	Line 1 / 第1行: quantity / 数量 400 EA (ordered / 原订 500); delivery / 交货 2027-03-01 (asked / 原要求 2027-02-26)\.$' "$tmp/cells" &&
    grep -q '	s	Signature and stamp / 签字盖章$' "$tmp/cells"
check "the confirmation request: the order, the requirement in the customer's words, the changes, where to sign" $? \
    "$(head -40 "$tmp/cells")"

# once only; --again writes the same bytes
(cd "$out" && sha256sum *) > "$tmp/sums1"
dump() { sqlite3 "$db" .dump; }
dump > "$tmp/dump1"
"$bin/po-respond" --today 2026-12-11 "$db" -o "$out" > "$tmp/o" 2> "$tmp/e"
rc=$?
(cd "$out" && sha256sum *) > "$tmp/sums2"
[ $rc -eq 0 ] && [ ! -s "$tmp/o" ] && cmp -s "$tmp/sums1" "$tmp/sums2" && dump | cmp -s - "$tmp/dump1"
check "a second run writes nothing and records nothing" $? "exit $rc: $(cat "$tmp/o")"
rm "$(file_of "$mms")"
"$bin/po-respond" --today 2026-12-11 --again DUNS:078342215/MMS-PO-55120 "$db" -o "$out" > "$tmp/o" 2> "$tmp/e"
rc=$?
(cd "$out" && sha256sum *) > "$tmp/sums3"
[ $rc -eq 0 ] && [ "$(wc -l < "$tmp/o")" = 2 ] && cmp -s "$tmp/sums1" "$tmp/sums3" &&
    [ "$(sqlite3 "$db" "SELECT count(*) FROM response WHERE docid = '$mms'")" = 4 ]
check "--again KEY writes the order's response and request anew, byte-identical, recorded again" $? \
    "exit $rc: $(cat "$tmp/o" "$tmp/e")"
"$bin/po-respond" --today 2026-12-11 --again no/such "$db" -o "$out" > "$tmp/o" 2> "$tmp/e"
rc=$?
[ $rc -eq 1 ] && grep -q "order 'no/such': the ledger has no decision on it" "$tmp/e"
check "--again on an order the ledger has not decided: exit 1" $? "exit $rc: $(cat "$tmp/e")"
$py - "$db" <<'PY' 2> "$tmp/e"
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for q in ("UPDATE response SET file = 'x'", "DELETE FROM response"):
    try:
        c.execute(q)
        sys.exit("%s went through" % q)
    except sqlite3.DatabaseError as e:
        assert "append-only" in str(e), e
PY
check "the response log is append-only" $? "$(cat "$tmp/e")"

# a later decision: answered anew
dump > "$tmp/dump1"
key=$(awk -F '\t' '$1 == "order" && $3 == "'"$eac"'" { print $2 }' "$tmp/reviewed.tsv")
decide "$key" "$eac" declined "no capacity after all"
"$bin/po-respond" --today 2026-12-12 "$db" -o "$out" > "$tmp/o" 2> "$tmp/e"
f=$(file_of "$eac")
[ "$(wc -l < "$tmp/o")" = 1 ] && [ "$(x "$f" "string(/*/*[$L='OrderResponseCode'])")" = RE ] &&
    x "$f" "string(/*/*[$L='Note'])" | grep -qx 'no capacity after all' &&
    [ -z "$(file_of "$eac" -confirm.xlsx)" ] &&
    grep -q "warning: removed '$out/.*-$eac-confirm.xlsx': the order is declined now" "$tmp/e"
check "a later decision is answered again: RE replaces the CA, its confirmation request removed" $? \
    "$(cat "$tmp/o" "$tmp/e")"

# a cancellation is not answered, and says why
"$bin/po-parse" tests/change/4-cancel.xml | "$bin/po-check" $C --ledger "$db" \
    --today 2026-12-12 > "$tmp/cancel.tsv" &&
    "$bin/po-ledger" commit --today 2026-12-12 "$db" "$tmp/cancel.tsv" > /dev/null &&
    decide "$chgkey" "$(awk -F '\t' '$1 == "order" { print $3 }' "$tmp/cancel.tsv")" accepted &&
    "$bin/po-respond" --today 2026-12-12 "$db" -o "$out" > "$tmp/o" 2> "$tmp/e"
rc=$?
[ $rc -eq 0 ] && [ ! -s "$tmp/o" ] &&
    grep -q "warning: not answered: a cancellation has no order response in its standard" "$tmp/e"
check "a cancellation is not answered, and stderr says why" $? "exit $rc: $(cat "$tmp/e")"

# a cXML order whose document was filed elsewhere (po-inbox's done/DAY/):
# found with --orders; one changed since: refused
mkdir -p "$tmp/inbox" "$tmp/done/2026-12-01"
sed 's/orderID="LCI-PO-66021"/orderID="LCI-PO-66099"/' \
    samples/orders/cxml-007-laurentian-controls.xml > "$tmp/inbox/lci.xml"
"$bin/po-parse" "$tmp/inbox/lci.xml" | "$bin/po-check" $C --ledger "$db" \
    --today 2026-12-12 > "$tmp/lci.tsv" &&
    "$bin/po-ledger" commit --today 2026-12-12 "$db" "$tmp/lci.tsv" > /dev/null &&
    decide "$(awk -F '\t' '$1 == "order" { print $2 }' "$tmp/lci.tsv")" \
    "$(awk -F '\t' '$1 == "order" { print $3 }' "$tmp/lci.tsv")" accepted &&
    mv "$tmp/inbox/lci.xml" "$tmp/done/2026-12-01/lci.xml"
"$bin/po-respond" --today 2026-12-12 "$db" -o "$out" > "$tmp/o" 2> "$tmp/e"
rc=$?
[ $rc -eq 3 ] && [ ! -s "$tmp/o" ] &&
    grep -q "LCI-PO-66099': its cXML payloadID is not in the ledger, and its document '$tmp/inbox/lci.xml' is not there (--orders DIR" "$tmp/e"
check "a cXML order whose document is gone: not answered, exit 3, --orders named" $? "exit $rc: $(cat "$tmp/e")"
sed 's/Laurentian/Laurentien/' "$tmp/done/2026-12-01/lci.xml" > "$tmp/done/lci.xml"
"$bin/po-respond" --today 2026-12-12 --orders "$tmp/done" "$db" -o "$out" > "$tmp/o" 2> "$tmp/e"
rc=$?
f=$(cat "$tmp/o")
[ $rc -eq 0 ] && [ "$(wc -l < "$tmp/o")" = 1 ] &&
    [ "$(x "$f" "string(//*[$L='DocumentReference']/@payloadID)")" = \
      "$(x "$tmp/done/2026-12-01/lci.xml" "string(/cXML/@payloadID)")" ] &&
    [ "$(x "$f" "string(//*[$L='OrderReference']/@orderID)")" = LCI-PO-66099 ]
check "--orders DIR finds it in DIR/DAY/, past a file of the same name changed since" $? \
    "exit $rc: $(cat "$tmp/o" "$tmp/e")"
rm "$tmp/done/2026-12-01/lci.xml"
"$bin/po-respond" --today 2026-12-12 --orders "$tmp/done" \
    --again "$(awk -F '\t' '$1 == "order" { print $2 }' "$tmp/lci.tsv")" "$db" -o "$out" > "$tmp/o" 2> "$tmp/e"
rc=$?
[ $rc -eq 1 ] && grep -q "and '$tmp/done/lci.xml' is no longer the document committed" "$tmp/e"
check "a cXML document changed since it was committed: refused, exit 1" $? "exit $rc: $(cat "$tmp/e")"

# hostile order keys: slashes and dots name no path outside the folder
mkdir "$tmp/in" "$tmp/jail"
sed 's|<cbc:ID>EAC-PO-2026-11482</cbc:ID>|<cbc:ID>../../../evil/x</cbc:ID>|; s|schemeID="0088">8712345000172<|schemeID="..">..<|g' \
    samples/orders/ubl-001-euro-appliance.xml > "$tmp/in/hostile.xml"
"$bin/po-parse" "$tmp/in/hostile.xml" | "$bin/po-check" $C --ledger "$db" \
    --today 2026-12-12 > "$tmp/h.tsv" &&
    "$bin/po-ledger" commit --today 2026-12-12 "$db" "$tmp/h.tsv" > /dev/null
hk=$(awk -F '\t' '$1 == "order" { print $2 }' "$tmp/h.tsv")
hd=$(awk -F '\t' '$1 == "order" { print $3 }' "$tmp/h.tsv")
decide "$hk" "$hd" accepted && decide "0088:8436123400052/IBC/PO/26/1207" \
    "$(docid_of IBC/PO/26/1207)" accepted &&
    (cd "$tmp/jail" && mkdir -p a/b/c && cd a/b/c &&
    "$bin/po-respond" --today 2026-12-12 "$db" -o . > "$tmp/o" 2> "$tmp/e")
rc=$?
hname=$(grep -- "-$hd\.xml\$" "$tmp/o" | sed 's|^\./||')
[ $rc -eq 0 ] && [ -n "$hname" ] && ! grep -qv '^\./[^./][^/]*$' "$tmp/o" &&
    [ "$(find "$tmp/jail" -type f | wc -l)" = "$(wc -l < "$tmp/o")" ] &&
    [ "$(find "$tmp/jail/a/b/c" -maxdepth 1 -type f | wc -l)" = "$(wc -l < "$tmp/o")" ] &&
    grep -qx "./0088_8436123400052_IBC_PO_26_1207-$(docid_of IBC/PO/26/1207).xml" "$tmp/o"
check "order keys '$hk' and '.../IBC/PO/26/1207' write inside the folder only" $? \
    "exit $rc: $(cat "$tmp/o" "$tmp/e"); $(find "$tmp/jail")"

# a failure leaves no half-written file, and records nothing
mkdir "$tmp/fail2" "$tmp/fail2/$hname"
dump > "$tmp/dump2"
"$bin/po-respond" --today 2026-12-12 --again "$hk" "$db" -o "$tmp/fail2" > "$tmp/o" 2> "$tmp/e"
rc=$?
[ $rc -eq 3 ] && [ ! -s "$tmp/o" ] && grep -q "^po-respond: order '$hk': '.*' exists and is not a regular file: refused" "$tmp/e" &&
    [ "$(ls -A "$tmp/fail2")" = "$hname" ] && dump | cmp -s - "$tmp/dump2"
check "a file that cannot be put in place: exit 3, no temporary file left, nothing recorded" $? \
    "exit $rc: $(cat "$tmp/e"); $(ls -A "$tmp/fail2")"
echo x > "$tmp/notdir"
"$bin/po-respond" "$db" -o "$tmp/notdir" > "$tmp/o" 2> "$tmp/e"
rc=$?
[ $rc -eq 3 ] && grep -q "cannot write responses to '$tmp/notdir': Not a directory" "$tmp/e"
check "-o naming no folder: exit 3" $? "exit $rc: $(cat "$tmp/e")"

# the command line
"$bin/po-respond" -h > "$tmp/o" 2> "$tmp/e"
[ $? -eq 0 ] && grep -q '^usage: po-respond ' "$tmp/o" && [ ! -s "$tmp/e" ]
check "-h: the usage on stdout, exit 0" $?
"$bin/po-respond" --bogus "$db" -o "$out" > "$tmp/o" 2> "$tmp/e"
[ $? -eq 2 ] && grep -q '^usage: ' "$tmp/e"
check "an unknown option: exit 2" $?
"$bin/po-respond" "$db" > "$tmp/o" 2> "$tmp/e"
[ $? -eq 2 ] && grep -q '^usage: ' "$tmp/e"
check "no -o DIR: exit 2" $?
"$bin/po-respond" --version | grep -q '^po-respond '
check "--version" $?
"$bin/po-respond" "$tmp/none.db" -o "$out" > "$tmp/o" 2> "$tmp/e"
rc=$?
[ $rc -eq 3 ] && [ ! -e "$tmp/none.db" ] && grep -q "cannot open ledger" "$tmp/e"
check "a ledger that is not there: exit 3, none made" $? "exit $rc: $(cat "$tmp/e")"
"$bin/po-respond" --today 2026-13-01 "$db" -o "$out" > "$tmp/o" 2> "$tmp/e"
[ $? -eq 2 ]
check "a bad --today: exit 2" $?
finish
