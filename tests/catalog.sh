#!/bin/sh
# catalog.sh BINDIR: the catalog's cross references.  po-check validates
# the catalog as a stream against catalog.xsd without its identity
# constraints (xs:key, xs:keyref, xs:unique: libxml2's tables for them
# cost more than the rest of the load) and checks them itself.  Each
# constraint is broken once in a copy of samples/catalog.xml: po-check
# must refuse it (exit 4) naming the file, the line and the product, and
# xmllint, validating against the whole schema, must agree that the copy
# is invalid.
suite=catalog
. "$(dirname "$0")/lib.sh"
rules=samples/rules.xml
printf '#poreview-records 1\n' > "$tmp/empty"

xmllint --noout --schema schemas/catalog.xsd samples/catalog.xml 2> "$tmp/err"
check "xmllint: the sample catalog is valid against the whole schema" $? \
    "$(cat "$tmp/err")"
"$bin/po-check" --catalog samples/catalog.xml --rules $rules \
    "$tmp/empty" > /dev/null 2> "$tmp/err"
check "po-check loads the sample catalog" $? "$(cat "$tmp/err")"

# refused NAME 'SED SCRIPT' 'EXPECTED MESSAGE (a grep -E pattern)' LINE [N]:
# LINE is a grep pattern for the line the message must name in the broken
# copy, the Nth line that matches it (default the first); 1 when the
# script changed nothing
refused() {
	sed "$2" samples/catalog.xml > "$tmp/$1.xml"
	if cmp -s samples/catalog.xml "$tmp/$1.xml"; then
		check "$1: the copy differs from the sample" 1 "sed '$2' changed nothing"
		return 1
	fi
	line=$(grep -n -e "$4" "$tmp/$1.xml" | sed -n "${5:-1}p" | cut -d: -f1)
	(cd "$tmp" && "$bin/po-check" --catalog "$1.xml" --rules "$top/$rules" \
	    empty) > "$tmp/out" 2> "$tmp/err"
	rc=$?
	[ $rc -eq 4 ] && [ ! -s "$tmp/out" ] &&
	    grep -Eq "^po-check: $1.xml:$line: $3\$" "$tmp/err"
	check "$1: refused at line $line" $? "exit $rc: $(cat "$tmp/err")"
}

# broken: as refused, and xmllint finds the copy invalid too
broken() {
	refused "$@" || return
	! xmllint --noout --schema schemas/catalog.xsd "$tmp/$1.xml" 2> /dev/null
	check "$1: xmllint finds the copy invalid too" $?
}

broken unknown-family '0,/family="cord"/s//family="cords"/' \
    "product 'HX-PC-E1810': family 'cords' is not one of the families" \
    'family="cords"'
broken family-twice '0,/<family code="harness">/s//<family code="cord">/' \
    "family 'cord' is given twice \\(also on line 84\\)" '<family code="cord">.*Wire'
broken material-twice '0,/<material code="PVC-I70"/s//<material code="CU-W020"/' \
    "material 'CU-W020' is given twice \\(also on line [0-9]+\\)" \
    'CU-W020" unit="KGM" purchase-days="10"'
broken unknown-material '0,/<item material="PVC-I70"/s//<item material="PVC-X"/' \
    "product 'HX-PC-E1810': unknown material 'PVC-X'" 'material="PVC-X"'
broken unit-twice '0,/<unit code="C62" factor="1"\/>/s//&<unit code="C62" factor="2"\/>/' \
    "product 'HX-PC-E1810': unit 'C62' is given twice \\(also on line 143\\)" \
    'factor="2"'
broken base-not-listed '0,/<units base="C62">/s//<units base="KGM">/' \
    "product 'HX-PC-E1810': the base unit 'KGM' is not one of the product's units" \
    'base="KGM"'
broken price-unit-not-listed '0,/<price currency="USD" unit="C62"/s//<price currency="USD" unit="MTR"/' \
    "product 'HX-PC-E1810': the price's unit 'MTR' is not one of the product's units" \
    'currency="USD" unit="MTR"'
broken price-twice '0,/<price currency="USD" unit="C62"/s//<price currency="EUR" unit="C62"/' \
    "product 'HX-PC-E1810': list price in 'EUR' per 'C62' is given twice \\(also on line [0-9]+\\)" \
    '<price currency="EUR" unit="C62" amount="1.38"'
broken spec-twice '0,/<spec id="csa">/s//<spec id="length">/' \
    "product 'HX-PC-E1810': spec 'length' is given twice \\(also on line 151\\)" \
    '<spec id="length">' 2
broken bom-twice '0,/<item material="PVC-S70"/s//<item material="PVC-I70"/' \
    "product 'HX-PC-E1810': bill-of-materials material 'PVC-I70' is given twice \\(also on line 207\\)" \
    '<item material="PVC-I70" qty="0.030"/><item material="PVC-I70"'
broken cert-twice '0,/<cert name="REACH"\/>/s//<cert name="RoHS"\/>/' \
    "product 'HX-PC-E1810': certification 'RoHS' is given twice \\(also on line 208\\)" \
    '<cert name="RoHS"/><cert name="RoHS"/>'
broken route-twice '0,/<route country="HK"/s//<route country="CN"/' \
    "transit route to 'CN' is given twice \\(also on line [0-9]+\\)" \
    '<route country="CN" days="4"'
broken equivalent-twice '0,/<same code="H87"/s//<same code="EA"/' \
    "unit equivalent for 'EA' is given twice \\(also on line [0-9]+\\)" \
    '<same code="EA" as="C62"/>' 2
sku2=$(grep -o 'sku="[^"]*"' samples/catalog.xml | sed -n 2p)
broken sku-twice "0,/$sku2/s//sku=\"HX-PC-E1810\"/" \
    "product 'HX-PC-E1810': the SKU is given twice \\(also on line 140\\)" \
    '<product sku="HX-PC-E1810" family="cord">' 2

# mistakes the schema cannot see, which po-check refuses all the same: a
# range written backwards (every item would be outside it), a currency
# that is no ISO 4217 code (no order would ever meet its price)
refused range-backwards '0,/<range min="1.0" max="5.0" unit="MTR"\/>/s//<range min="5.0" max="1.0" unit="MTR"\/>/' \
    "product 'HX-PC-E1810': spec 'length': the range's min 5.0 is above its max 1.0" \
    'min="5.0" max="1.0"'
refused currency-unknown '0,/<price currency="USD" unit="C62" amount="1.38"\/>/s//<price currency="USX" unit="C62" amount="1.38"\/>/' \
    "product 'HX-PC-E1810': the price's currency 'USX' is not an ISO 4217 code" \
    'currency="USX"'

# an error the streaming validator reports without a node is still put
# in its product, by line, and the product is the right one (the reader
# lags behind the validator)
last=$(grep -o 'sku="[^"]*"' samples/catalog.xml | tail -n 1 | cut -d'"' -f2)
awk -v sku="$last" '
	index($0, "sku=\"" sku "\"") { inside = 1 }
	inside && /<lead-time days=/ { sub(/days="[0-9]+"/, "days=\"soon\""); inside = 0 }
	{ print }' samples/catalog.xml > "$tmp/lead.xml"
line=$(grep -n 'days="soon"' "$tmp/lead.xml" | cut -d: -f1)
(cd "$tmp" && "$bin/po-check" --catalog lead.xml --rules "$top/$rules" empty) \
    > /dev/null 2> "$tmp/err"
rc=$?
[ $rc -eq 4 ] && grep -q "^po-check: lead.xml:$line: product '$last': .*soon" "$tmp/err"
check "a type error names the last product, by line" $? "exit $rc: $(cat "$tmp/err")"

# the catalog is read once: it may come from standard input when the
# records do not, and gives the same review as the file (but for the name
# the run record gives it)
"$bin/po-parse" samples/orders/* > "$tmp/sample.tsv" 2> /dev/null
"$bin/po-check" --catalog samples/catalog.xml --rules $rules --today 2026-11-27 \
    "$tmp/sample.tsv" > "$tmp/byfile.tsv" 2> /dev/null
want=$?
"$bin/po-check" --catalog - --rules $rules --today 2026-11-27 "$tmp/sample.tsv" \
    < samples/catalog.xml > "$tmp/bystdin.tsv" 2> "$tmp/err"
rc=$?
grep -v '^run' "$tmp/byfile.tsv" > "$tmp/byfile.rest"
grep -v '^run' "$tmp/bystdin.tsv" > "$tmp/bystdin.rest"
[ $rc -eq $want ] && grep -q '^verdict' "$tmp/bystdin.tsv" &&
    cmp -s "$tmp/byfile.rest" "$tmp/bystdin.rest" &&
    [ "$(awk -F '\t' '$1 == "run" { print $5 }' "$tmp/bystdin.tsv")" = "-" ]
check "--catalog - reads the catalog from standard input: the same review" $? \
    "exit $rc: $(cat "$tmp/err")"
# ... but standard input is read once: not the catalog and the records
"$bin/po-check" --catalog - --rules $rules < samples/catalog.xml \
    > /dev/null 2> "$tmp/err"
rc=$?
[ $rc -eq 2 ] && grep -q "standard input ('-') can be the catalog, the rules or the records, only one of them" "$tmp/err"
check "--catalog - with the records on standard input: exit 2 and why" $? \
    "exit $rc: $(cat "$tmp/err")"
"$bin/po-check" --reduce --catalog - --rules - parts.part < /dev/null \
    > /dev/null 2> "$tmp/err"
rc=$?
[ $rc -eq 2 ] && grep -q "can be the catalog, the rules or the parts, only one" "$tmp/err"
check "--catalog - --rules -: exit 2 and why" $? "exit $rc: $(cat "$tmp/err")"

# a gzip catalog is read like the plain one (same checksum, same output)
gzip -n -c samples/catalog.xml > "$tmp/catalog.xml.gz"
"$bin/po-parse" samples/orders/* 2> /dev/null > "$tmp/records"
"$bin/po-check" --catalog samples/catalog.xml --rules $rules \
    --today 2026-11-27 "$tmp/records" > "$tmp/plain"
"$bin/po-check" --catalog "$tmp/catalog.xml.gz" --rules $rules \
    --today 2026-11-27 "$tmp/records" > "$tmp/gz"
grep -v '^run' "$tmp/plain" > "$tmp/plain.norun"
grep -v '^run' "$tmp/gz" > "$tmp/gz.norun"
[ "$(wc -l < "$tmp/plain.norun")" -gt 100 ] &&
    cmp -s "$tmp/plain.norun" "$tmp/gz.norun"
check "a gzip catalog gives the same review" $?
# Products with the same specs, prices and so on share one copy of them;
# products that differ in one value must not.  HX-PC-SAME is a copy of
# HX-PC-E1810 under another SKU, HX-PC-DIFF a copy whose length may be at
# most 1.5 m and whose EUR price is 0.82, both after it in the file.
# Line 2 of the order (1.8 m of HX-PC-E1810, 0.82 EUR) is reviewed
# against each of the three.
awk '
	/<product sku="HX-PC-E1810"/ { inside = 1 }
	inside { block = block $0 "\n" }
	{ print }
	inside && /<\/product>/ {
		inside = 0
		same = block; gsub(/HX-PC-E1810/, "HX-PC-SAME", same)
		diff = block; gsub(/HX-PC-E1810/, "HX-PC-DIFF", diff)
		sub(/<range min="1.0" max="5.0" unit="MTR"\/>/,
		    "<range min=\"1.0\" max=\"1.5\" unit=\"MTR\"/>", diff)
		sub(/<price currency="EUR" unit="C62" amount="1.25" max="1.28"\/>/,
		    "<price currency=\"EUR\" unit=\"C62\" amount=\"0.82\"/>", diff)
		printf "%s%s", same, diff
	}' samples/catalog.xml > "$tmp/twins.xml"
"$bin/po-parse" samples/orders/cxml-004-rheintal-consigned-copper.xml \
    > "$tmp/cord" 2> /dev/null
for sku in E1810 SAME DIFF; do
	sed "s/	HX-PC-E1810	/	HX-PC-$sku	/" "$tmp/cord" |
	    "$bin/po-check" --catalog "$tmp/twins.xml" --rules $rules \
	    --today 2026-11-27 | awk -F '\t' '$1 == "finding" && $4 == 2 {
		print $5 }' | sort > "$tmp/line2.$sku"
done
"$bin/po-check" --catalog samples/catalog.xml --rules $rules \
    --today 2026-11-27 "$tmp/cord" | awk -F '\t' '$1 == "finding" &&
    $4 == 2 { print $5 }' | sort > "$tmp/line2.sample"
grep -q '^price-below-list$' "$tmp/line2.E1810" &&
    cmp -s "$tmp/line2.E1810" "$tmp/line2.sample"
check "twin products: the first is reviewed as in the sample catalog" $? \
    "$(cat "$tmp/line2.E1810")"
cmp -s "$tmp/line2.E1810" "$tmp/line2.SAME"
check "twin products: the same specs and prices give the same findings" $? \
    "$(cat "$tmp/line2.SAME")"
! grep -q '^price-below-list$' "$tmp/line2.DIFF" &&
    grep -q '^prop-outside$' "$tmp/line2.DIFF"
check "twin products: a different range and price are the product's own" $? \
    "$(cat "$tmp/line2.DIFF")"
finish
