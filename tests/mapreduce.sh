#!/bin/sh
# mapreduce.sh BINDIR: po-check split in two (issue 18).  On the sample
# batch against a ledger that holds the sample history and the first
# version of tests/change's order (so the batch has duplicates and
# changes within it and against the ledger, new customers and a
# cancellation), and on generated orders whose catalog's capacity is
# tight (so weeks fill, first come first served, across parts): plain
# po-check, `po-check --map | po-check --reduce`, and the reduce of four
# parts made from four shards of the files and from four chunks of the
# record stream (as GNU parallel --pipe --recstart cuts it) are the same
# bytes, whatever order the parts are given in; the map is deterministic;
# a part cut, doubled, missing, or made with another catalog or day is
# refused by name and nothing is written to -o; the README's GNU parallel
# recipes give the same bytes.
suite=mapreduce
. "$(dirname "$0")/lib.sh"
refs="--catalog samples/catalog.xml --rules samples/rules.xml"
day="--today 2026-11-27"
db=$tmp/ledger.db
pc=$bin/po-check

# the ledger: the sample history, and the first version of BE-7700
"$bin/po-ledger" init "$db" > /dev/null 2>&1 &&
    "$bin/po-parse" samples/history/* |
    "$pc" $refs --today 2026-10-15 > "$tmp/history.tsv" &&
    "$bin/po-ledger" commit --today 2026-10-15 "$db" "$tmp/history.tsv" \
    > /dev/null 2>&1 &&
    "$bin/po-parse" tests/change/1-order.xml |
    "$pc" $refs --ledger "$db" --today 2026-11-20 > "$tmp/order.tsv" &&
    "$bin/po-ledger" commit --today 2026-11-20 "$db" "$tmp/order.tsv" \
    > /dev/null 2>&1
check "a ledger with the sample history and order BE-7700" $?
ledger="--ledger $db"

# the batch: the samples, BE-7700's changes and cancellation, an order
# the ledger holds, and a sample twice
{ ls samples/orders/*; ls tests/change/[234]-*.xml
  echo samples/history/cxml-h01-pacific-wire-october.xml
  echo samples/orders/cxml-002-midwest-motion-ppap.xml; } > "$tmp/list"
"$bin/po-parse" --files-from "$tmp/list" > "$tmp/rec" 2> "$tmp/err"
check "po-parse reads the batch" $? "$(cat "$tmp/err")"
"$pc" $refs $ledger $day "$tmp/rec" > "$tmp/plain" 2> "$tmp/err"
check "plain po-check reviews it" $? "$(cat "$tmp/err")"
for k in duplicate changed new-customer change-quantity; do
	grep -q "^finding	[^	]*	[^	]*	[^	]*	$k	" "$tmp/plain"
	check "the batch has a '$k' finding" $?
done
grep -q '^change	' "$tmp/plain" && grep -q '^kept	' "$tmp/plain"
check "the batch has change and kept records (changes against the ledger)" $?

# same FILE TITLE: FILE is the same bytes as plain po-check's review
same() {
	grep -q '^verdict	' "$tmp/plain" && cmp "$tmp/plain" "$1" > "$tmp/cmp" 2>&1
	check "$2" $? "$(cat "$tmp/cmp" "$tmp/err" 2> /dev/null)"
}

"$pc" --map $refs $day "$tmp/rec" 2> "$tmp/err" |
    "$pc" --reduce $refs $ledger $day > "$tmp/piped" 2>> "$tmp/err"
same "$tmp/piped" "po-check --map | po-check --reduce = po-check"
"$pc" --map $refs $day -o "$tmp/whole.part" "$tmp/rec" 2> "$tmp/err"
"$pc" --map $refs $day "$tmp/rec" | cmp -s - "$tmp/whole.part"
check "the map is deterministic, to -o as to stdout" $?
"$top/tests/check-records.sh" "$tmp/whole.part"
check "a part matches records.md" $?
n=$(grep -c '^order	' "$tmp/rec")
[ "$(grep -c '^mapdoc	' "$tmp/whole.part")" = "$n" ] &&
    [ "$(grep -c '^mapseen	' "$tmp/whole.part")" = "$n" ] &&
    [ "$(grep -c '^mapverdict	' "$tmp/whole.part")" = "$n" ] &&
    [ "$(grep -c '^verdict	' "$tmp/whole.part")" = 0 ] &&
    head -2 "$tmp/whole.part" | tail -1 | grep -q '^mappart	1		' &&
    tail -1 "$tmp/whole.part" | grep -q "^mapend	1	$n	"
check "a part: mappart, a mapdoc, a mapseen and a mapverdict per document, mapend" $?
# what the reduce takes of the catalog: after mappart, each product's SKU
# and weekly capacity, in the catalog's order (by SKU), as the catalog
# says them (read here with xmllint, not po-check)
xmllint --xpath '//*[local-name()="product"]/@sku' samples/catalog.xml |
    sed 's/^ *sku="\(.*\)"$/\1/' | LC_ALL=C sort > "$tmp/skus"
for k in $(cat "$tmp/skus"); do
	printf '%s\t%s\n' "$k" "$(xmllint --xpath "string(//*[local-name()=\
'product'][@sku='$k']/*[local-name()='capacity']/@per-week)" \
	    samples/catalog.xml | sed 's/^$/0/')"
done > "$tmp/caps.want"
awk -F '\t' 'NR > 2 && $1 != "mapcap" { exit } $1 == "mapcap" {
    print $2 "\t" $3 }' "$tmp/whole.part" > "$tmp/caps.got"
[ -s "$tmp/caps.want" ] && sed -n 3p "$tmp/whole.part" | grep -q '^mapcap	' &&
    cmp -s "$tmp/caps.want" "$tmp/caps.got"
check "a part: a mapcap record per catalog product after mappart, its capacity" $? \
    "$(diff "$tmp/caps.want" "$tmp/caps.got" | head -5)"
"$pc" $refs $ledger $day -o "$tmp/plain.o" "$tmp/rec"
same "$tmp/plain.o" "plain po-check -o writes what it writes to stdout"

# shards FROM: four parts from four shards of the files (FROM=files) or
# four chunks of the stream, cut at order records (FROM=records), in
# $tmp/FROM/
shards() {
	mkdir -p "$tmp/$1"
	if [ "$1" = files ]; then
		split -n l/4 "$tmp/list" "$tmp/$1/list."
		k=0
		for s in "$tmp/$1"/list.*; do
			k=$((k + 1))
			"$bin/po-parse" --files-from "$s" 2> /dev/null |
			    "$pc" --map --part $k/4 $refs $day \
			    -o "$tmp/$1/$k.part" || echo "map $k failed"
		done
	else
		per=$(( ($(grep -c '^order	' "$tmp/rec") + 3) / 4 ))
		awk -v d="$tmp/$1" -v per=$per '/^order\t/ && n++ % per == 0 {
		    k++ } { print > (d "/chunk." (k ? k : 1)) }' "$tmp/rec"
		for k in 1 2 3 4; do
			"$pc" --map --part $k $refs $day -o "$tmp/$1/$k.part" \
			    "$tmp/$1/chunk.$k" || echo "map $k failed"
		done
	fi > "$tmp/err" 2>&1
}
for from in files records; do
	shards $from
	[ -s "$tmp/$from/4.part" ] && [ ! -s "$tmp/err" ]
	check "four parts from four shards of the $from" $? "$(cat "$tmp/err")"
	"$pc" --reduce $refs $ledger $day "$tmp/$from"/[1234].part \
	    > "$tmp/$from.out" 2> "$tmp/err"
	same "$tmp/$from.out" "the reduce of four parts by $from = po-check"
	"$pc" --reduce $refs $ledger $day "$tmp/$from/3.part" \
	    "$tmp/$from/1.part" "$tmp/$from/4.part" "$tmp/$from/2.part" \
	    > "$tmp/$from.shuffled" 2> "$tmp/err"
	same "$tmp/$from.shuffled" "parts by $from given shuffled: the same bytes"
done
grep -q '^finding	[^	]*	[^	]*	[^	]*	duplicate	.*in this batch' \
    "$tmp/records.out" &&
    ! grep -q '^finding	[^	]*	[^	]*	[^	]*	duplicate	' "$tmp/records/4.part"
check "a duplicate found across parts (the map cannot know it)" $?

# refusals: each names the part, exits non-zero, writes nothing to -o
p=$tmp/records
# refused STATUS TITLE WORDS PART...: the reduce of the parts is refused
refused() {
	want=$1 title=$2 words=$3
	shift 3
	rm -f "$tmp/out.tsv"
	"$pc" --reduce $refs $ledger $day -o "$tmp/out.tsv" "$@" \
	    > "$tmp/out" 2> "$tmp/err"
	st=$?
	[ "$st" = "$want" ] && grep -q "$words" "$tmp/err" &&
	    [ ! -e "$tmp/out.tsv" ] && [ ! -s "$tmp/out" ] &&
	    [ -z "$(ls -A "$tmp" | grep '^\.out\.tsv\.')" ]
	check "$title" $? "exit $st: $(cat "$tmp/err")"
}
head -c 20000 "$p/2.part" > "$tmp/cut.part"
refused 1 "a part cut inside a line is refused by name" \
    "cut.part: cut" "$p/1.part" "$tmp/cut.part" "$p/3.part" "$p/4.part"
head -n 40 "$p/2.part" > "$tmp/cut.part"
refused 1 "a part cut at a line is refused by name" \
    "cut.part: cut" "$p/1.part" "$tmp/cut.part" "$p/3.part" "$p/4.part"
sed 12d "$p/2.part" > "$tmp/short.part"
refused 1 "a part a line shorter is refused at the document it cuts" \
    "short.part:[0-9]*: cut or changed" "$p/1.part" "$tmp/short.part" \
    "$p/3.part" "$p/4.part"
# a byte changed inside a document: its bytes are copied unparsed, and
# the checksum of the mapend record finds it
awk 'NR == 12 { sub(/[A-Za-z]/, "~") } { print }' "$p/2.part" \
    > "$tmp/changed.part"
refused 1 "a part a byte changed inside a document is refused at its mapend" \
    "changed.part:[0-9]*: cut or changed: its mapend record says" \
    "$p/1.part" "$tmp/changed.part" "$p/3.part" "$p/4.part"
# a mapload record, read before the documents (the part's length kept):
# split in place when it is plain, by the record reader when it holds an
# escape; either way a quantity that is no number is found there, and an
# escape the checksum finds
awk -F '\t' -v OFS='\t' '$1 == "mapload" && !n++ { sub(/.$/, "x", $5) }
    { print }' "$p/2.part" > "$tmp/load.part"
refused 1 "a part whose mapload quantity is no number is refused" \
    "load.part: a mapload record that cannot be read" \
    "$p/1.part" "$tmp/load.part" "$p/3.part" "$p/4.part"
awk -F '\t' -v OFS='\t' '$1 == "mapload" && !n++ { sub(/.$/, "x", $5)
    sub(/..$/, "\\t", $2) } { print }' "$p/2.part" > "$tmp/load.part"
refused 1 "... and so when the record holds an escape" \
    "load.part: a mapload record that cannot be read" \
    "$p/1.part" "$tmp/load.part" "$p/3.part" "$p/4.part"
awk -F '\t' -v OFS='\t' '$1 == "mapload" && !n++ { sub(/..$/, "\\t", $2) }
    { print }' "$p/2.part" > "$tmp/load.part"
refused 1 "a mapload record with an escape put in is read, and refused at the mapend" \
    "load.part:[0-9]*: cut or changed: its mapend record says" \
    "$p/1.part" "$tmp/load.part" "$p/3.part" "$p/4.part"
# a capacity changed in the mapcap records the reduce reads instead of
# the catalog: the reduce runs on it, and its mapend refuses the part
awk -F '\t' -v OFS='\t' '$1 == "mapcap" && !n++ { sub(/^./, "9", $3) }
    { print }' "$p/1.part" > "$tmp/cap.part"
refused 1 "a part whose mapcap capacity was changed is refused at its mapend" \
    "cap.part:[0-9]*: cut or changed: its mapend record says" \
    "$tmp/cap.part" "$p/2.part" "$p/3.part" "$p/4.part"
# a part from a pipe that is empty, or holds the stream's header alone
for what in "" "#poreview-records 1"; do
	[ -n "$what" ] && echo "$what" > "$tmp/in" || : > "$tmp/in"
	"$pc" --reduce $refs $day < "$tmp/in" > "$tmp/out" 2> "$tmp/err"
	st=$?
	[ "$st" = 1 ] && grep -q '<stdin>.*cut: it ends without its mapend' \
	    "$tmp/err" && [ ! -s "$tmp/out" ]
	check "a part from a pipe with ${what:-nothing} in it is refused as cut" \
	    $? "exit $st: $(cat "$tmp/err")"
done
grep -v '^mapdoc	' "$p/2.part" > "$tmp/old.part"
refused 1 "a part whose documents have no mapdoc record is refused" \
    "old.part:[0-9]*: an order record without its mapdoc record" \
    "$p/1.part" "$tmp/old.part" "$p/3.part" "$p/4.part"
refused 1 "a part given twice is refused by name" \
    "2.part: part 2 again" "$p/1.part" "$p/2.part" "$p/2.part" \
    "$p/3.part" "$p/4.part"
cat "$p/2.part" "$p/2.part" > "$tmp/double.part"
refused 1 "a part doubled in its file is refused by name and line" \
    "double.part:[0-9]*: records after its mapend" "$p/1.part" \
    "$tmp/double.part" "$p/3.part" "$p/4.part"
refused 1 "a missing part is refused" "4.part: it is part 4, but part 3 is missing" \
    "$p/1.part" "$p/2.part" "$p/4.part"
refused 1 "the last part of four missing is refused (--part K/N)" \
    "1.part: it is part 1 of 4, but 3 parts were given" \
    "$tmp/files/1.part" "$tmp/files/2.part" "$tmp/files/3.part"
sed 's|</catalog>|<!-- another --></catalog>|' samples/catalog.xml \
    > "$tmp/other.xml"
"$pc" --map --part 3 --catalog "$tmp/other.xml" --rules samples/rules.xml \
    $day -o "$tmp/other.part" "$p/chunk.3" 2> /dev/null
refused 4 "a part made with another catalog is refused by name" \
    "other.part: made with another catalog" "$p/1.part" "$p/2.part" \
    "$tmp/other.part" "$p/4.part"
# the reduce reads of a catalog whose bytes its parts' maps validated only
# the SKUs and capacities; one that is not those bytes is read whole,
# and what is wrong with it said as po-check says it
sed 's|<capacity per-week="[0-9]*"|<capacity per-week="x"|' samples/catalog.xml \
    > "$tmp/invalid.xml"
cmp -s samples/catalog.xml "$tmp/invalid.xml" && echo "sed changed nothing" > "$tmp/err"
"$pc" --reduce --catalog "$tmp/invalid.xml" --rules samples/rules.xml \
    $ledger $day -o "$tmp/out.tsv" "$p/1.part" "$p/2.part" "$p/3.part" \
    "$p/4.part" > /dev/null 2> "$tmp/err"
st=$?
[ $st = 4 ] && grep -q "invalid.xml:[0-9]*: product '.*': .*per-week" "$tmp/err" &&
    [ ! -e "$tmp/out.tsv" ]
check "the reduce given an invalid catalog says what is wrong with it (exit 4)" $? \
    "exit $st: $(cat "$tmp/err")"
"$pc" --map --part 3 $refs --today 2026-11-28 -o "$tmp/day.part" \
    "$p/chunk.3" 2> /dev/null
refused 4 "a part reviewed for another day is refused by name" \
    "day.part: reviewed for 2026-11-28" "$p/1.part" "$p/2.part" \
    "$tmp/day.part" "$p/4.part"
refused 1 "a stream that is no part is refused" "not a part" "$tmp/rec"
"$pc" --map $refs $day "$tmp/rec" | sed 12d |
    "$pc" --reduce $refs $ledger $day -o "$tmp/out.tsv" > /dev/null 2>&1
st=$?
[ "$st" = 1 ] && [ ! -e "$tmp/out.tsv" ]
check "a part on stdin found damaged at its end: nothing written to -o" $? \
    "exit $st"
"$pc" --reduce $refs $ledger - "$p/2.part" < "$p/1.part" > /dev/null \
    2> "$tmp/err"
[ $? = 2 ] && grep -q "can only be the one part" "$tmp/err"
check "the standard input is a part alone" $? "$(cat "$tmp/err")"
# the reduce's day is the parts' unless one is given
"$pc" --reduce $refs $ledger "$p"/[1234].part > "$tmp/dayless" 2> "$tmp/err"
same "$tmp/dayless" "without --today the reduce takes the parts' day"

# what the command refuses before reading
"$pc" --map --today 2026-11-27 < "$tmp/rec" > /dev/null 2> "$tmp/err"
[ $? = 2 ] && grep -q -- "--catalog and --rules are required: the map" "$tmp/err"
check "--map without the reference files: usage, exit 2" $? "$(cat "$tmp/err")"
"$pc" --map $refs $ledger < "$tmp/rec" > /dev/null 2> "$tmp/err"
[ $? = 2 ] && grep -q -- "--map reads no ledger" "$tmp/err"
check "--map with --ledger: usage, exit 2" $? "$(cat "$tmp/err")"
"$pc" --map --reduce $refs < "$tmp/rec" > /dev/null 2> "$tmp/err"
[ $? = 2 ]
check "--map with --reduce: usage, exit 2" $? "$(cat "$tmp/err")"
"$pc" --map --part 0 $refs < "$tmp/rec" > /dev/null 2> "$tmp/err"
[ $? = 2 ] && "$pc" --map --part 3/2 $refs < "$tmp/rec" > /dev/null 2>&1
[ $? = 2 ]
check "--part 0 and --part 3/2 are refused: usage, exit 2" $?
for opt in "" --map; do
	"$pc" $opt $refs $day "$p/1.part" > /dev/null 2> "$tmp/err"
	[ $? = 1 ] && grep -q "mappart" "$tmp/err"
	check "po-check ${opt:-(plain)} refuses a part as its input" $? \
	    "$(cat "$tmp/err")"
done
"$pc" --map $refs $day -o /nonexistent/dir/1.part "$tmp/rec" 2> "$tmp/err"
[ $? = 3 ] && grep -q "cannot write '/nonexistent/dir/1.part'" "$tmp/err"
check "a part that cannot be written: exit 3" $? "$(cat "$tmp/err")"

# generated orders, a catalog whose capacity is tight, 20 of them twice
gen=$tmp/gen-orders
if mkdir "$tmp/gen" &&
    cc -std=c11 -D_DEFAULT_SOURCE -O2 -o "$gen" tests/bench/gen-orders.c \
    2> "$tmp/err" && "$gen" -n 300 -o "$tmp/gen" -c "$tmp/gen/cat.xml" \
    -p 3551 > /dev/null 2>> "$tmp/err"; then
	sed 's/per-week="[0-9]*"/per-week="300"/' "$tmp/gen/cat.xml" \
	    > "$tmp/gen/tight.xml"
	find "$tmp/gen" -name 'order-*.xml' | sort > "$tmp/list"
	head -20 "$tmp/list" >> "$tmp/list"
	check "300 generated orders" 0
else
	check "300 generated orders" 1 "$(cat "$tmp/err")"
fi
refs="--catalog $tmp/gen/tight.xml --rules $top/samples/rules.xml"
day="--today 2024-01-01"
ledger=
"$bin/po-parse" --files-from "$tmp/list" > "$tmp/rec" 2> "$tmp/err"
"$pc" $refs $day "$tmp/rec" > "$tmp/plain" 2>> "$tmp/err"
check "plain po-check reviews them" $? "$(cat "$tmp/err")"
[ "$(grep -c '^finding	.*	capacity	review	production	' "$tmp/plain")" -gt 100 ] &&
    [ "$(grep -c '^finding	.*	duplicate	review	sales	' "$tmp/plain")" = 20 ]
check "weeks fill (capacity findings) and 20 duplicates" $?
"$pc" --map $refs $day "$tmp/rec" | "$pc" --reduce $refs $day \
    > "$tmp/piped" 2> "$tmp/err"
same "$tmp/piped" "generated: po-check --map | po-check --reduce = po-check"
rm -rf "$tmp/files" "$tmp/records"
for from in files records; do
	shards $from
	"$pc" --reduce $refs $day "$tmp/$from/4.part" "$tmp/$from/2.part" \
	    "$tmp/$from/1.part" "$tmp/$from/3.part" > "$tmp/$from.out" \
	    2> "$tmp/err"
	same "$tmp/$from.out" "generated: four shuffled parts by $from = po-check"
done

# the README's recipes with GNU parallel
if command -v parallel > /dev/null; then
	mkdir "$tmp/parts" "$tmp/parts2"
	PATH=$bin:$PATH
	( cd "$tmp" && po-parse --files-from list |
	    parallel --pipe --block 10M --regexp --recstart '^order\t' -N 100 \
	    po-check --map --part '{#}' $refs $day -o 'parts/{#}.part' &&
	    po-check --reduce $refs $day parts/* ) > "$tmp/parallel" \
	    2> "$tmp/err"
	same "$tmp/parallel" "GNU parallel --pipe: the reduce of its parts = po-check"
	( cd "$tmp" && split -n l/4 list shard. &&
	    parallel "po-parse --files-from {} | po-check --map --part {#}/4 \
	    $refs $day -o parts2/{#}.part" ::: shard.* &&
	    po-check --reduce $refs $day parts2/* ) > "$tmp/parallel2" \
	    2> "$tmp/err"
	same "$tmp/parallel2" "GNU parallel over shards of the files: = po-check"
else
	check "GNU parallel is installed (make deps)" 1
fi
# weeks that fill and weeks that cannot, the ledger's load in them, and
# orders the ledger holds: a part's product-weeks that cannot fill are
# added up (its mapload records), the rest checked line by line, and a
# document reviewed whole in the middle of a part (an order the ledger
# holds with other content) sees the weeks as they stand
sed 's/per-week="[0-9]*"/per-week="2500"/' "$tmp/gen/cat.xml" \
    > "$tmp/gen/middle.xml"
refs="--catalog $tmp/gen/middle.xml --rules $top/samples/rules.xml"
db=$tmp/gen-ledger.db
head -60 "$tmp/list" > "$tmp/first"
"$bin/po-ledger" init "$db" > /dev/null 2>&1 &&
    "$bin/po-parse" --files-from "$tmp/first" 2> /dev/null |
    "$pc" $refs --today 2023-12-01 > "$tmp/first.tsv" &&
    "$bin/po-ledger" commit --today 2023-12-01 "$db" "$tmp/first.tsv" \
    > /dev/null 2>&1
check "generated: a ledger holding 60 of the orders, their load tentative" $?
# one of them again with other content: reviewed whole by the reduce
f=$(sed -n 7p "$tmp/first")
sed 's|<cbc:Note>|<cbc:Note>again |; s|</cbc:IssueDate>|</cbc:IssueDate><cbc:Note>sent again</cbc:Note>|' \
    "$f" > "$tmp/gen/again.xml"
{ sed -n 100,200p "$tmp/list"; echo "$tmp/gen/again.xml"
  sed -n 201,320p "$tmp/list"; sed -n 1,30p "$tmp/list"; } > "$tmp/list2"
"$bin/po-parse" --files-from "$tmp/list2" > "$tmp/rec" 2> "$tmp/err"
"$pc" $refs --ledger "$db" $day "$tmp/rec" > "$tmp/plain" 2>> "$tmp/err"
check "generated with the ledger: plain po-check reviews them" $? \
    "$(cat "$tmp/err")"
grep -q '^finding	.*	capacity	review	production	' "$tmp/plain" &&
    grep -q '^finding	.*	duplicate	review	sales	.*in the ledger' \
    "$tmp/plain" && grep -q '^change	' "$tmp/plain" &&
    [ "$(grep -c '^capacity	' "$tmp/plain")" -gt \
    "$(grep -c '^capacity	[^	]*	[^	]*	[^	]*	[^	]*	[^	]*	[^	]*	[^	]*	[1-9]' \
    "$tmp/plain")" ]
check "weeks that fill, weeks that do not, the ledger's load, duplicates of it and a change" $?
ledger="--ledger $db"
rm -rf "$tmp/files" "$tmp/records"
cp "$tmp/list2" "$tmp/list"
for from in files records; do
	shards $from
	"$pc" --reduce $refs $ledger $day "$tmp/$from/2.part" \
	    "$tmp/$from/4.part" "$tmp/$from/1.part" "$tmp/$from/3.part" \
	    > "$tmp/$from.out" 2> "$tmp/err"
	same "$tmp/$from.out" "generated with the ledger: four parts by $from = po-check"
done
"$pc" --map $refs $day "$tmp/rec" | "$pc" --reduce $refs $ledger $day \
    > "$tmp/piped" 2> "$tmp/err"
same "$tmp/piped" "generated with the ledger, piped (line by line) = po-check"
grep -q '^mapload	.*	yes$' "$tmp/files/1.part" &&
    grep -q "^mapend	1	.*	[0-9][0-9]*\$" "$tmp/files/1.part"
check "a part ends with its mapload records, their offset in its mapend" $?
finish
