#!/bin/sh
# hostile.sh BINDIR: hostile input made at test time (too big to keep in
# git): a gzip bomb, an oversized text node, a truncated gzip stream, many
# documents in one run.  Each is rejected with a message that names the
# limit, the run goes on to the next file, and memory stays bounded.
suite=hostile
. "$(dirname "$0")/lib.sh"
U='xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"'
good="$top/samples/orders/ubl-001-euro-appliance.xml"
rss() { /usr/bin/time -f '%M' -o "$tmp/rss.raw" "$@"; r=$?; tail -n 1 "$tmp/rss.raw" > "$tmp/rss"; return $r; }

# a gzip bomb: 200 MiB of notes from a ~200 KiB file, stopped at the limit
{ printf '<?xml version="1.0"?>\n<Order %s>\n' "$U"
  yes '<cbc:Note>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</cbc:Note>' |
    head -c 209715200
  printf '</Order>\n'; } | gzip -1 > "$tmp/bomb.xml.gz"
rss "$bin/po-parse" "$tmp/bomb.xml.gz" "$good" > "$tmp/out" 2> "$tmp/err"
rc=$?
[ $rc -eq 1 ]; check "gzip bomb: exit 1" $? "exit $rc"
grep -q "bomb.xml.gz: document larger than 67108864 bytes after decompression (the limit)" "$tmp/err"
check "gzip bomb: message names the limit" $? "$(cat "$tmp/err")"
[ "$(grep -c '^order' "$tmp/out")" -eq 1 ]; check "gzip bomb: next file still read" $?
[ "$(cat "$tmp/rss")" -lt 40000 ]; check "gzip bomb: peak RSS under 40 MB ($(cat "$tmp/rss") KB)" $?
"$bin/po-parse" --max-size 1M "$tmp/bomb.xml.gz" > /dev/null 2> "$tmp/err"
grep -q "document larger than 1048576 bytes after decompression" "$tmp/err"
check "--max-size sets the limit" $? "$(cat "$tmp/err")"

# a text node over libxml2's 10,000,000-byte limit (XML_PARSE_HUGE stays off)
{ printf '<?xml version="1.0"?>\n<Order %s>\n<cbc:Note>' "$U"
  head -c 11000000 /dev/zero | tr '\0' 'x'; printf '</cbc:Note></Order>\n'; } \
    > "$tmp/bigtext.xml"
rss "$bin/po-parse" "$tmp/bigtext.xml" > "$tmp/out" 2> "$tmp/err"
rc=$?
[ $rc -eq 1 ]; check "oversized text node: exit 1" $? "exit $rc"
grep -q "bigtext.xml:[0-9]*: text node larger than 10000000 bytes (the limit" "$tmp/err"
check "oversized text node: message names the limit" $? "$(cat "$tmp/err")"
[ "$(grep -vc '^#' "$tmp/out")" -eq 0 ]; check "oversized text node: no records" $?

# a truncated gzip stream, cut inside the deflate data and inside the trailer
gzip -n -c "$good" > "$tmp/full.gz"
size=$(wc -c < "$tmp/full.gz")
head -c $((size / 2)) "$tmp/full.gz" > "$tmp/half.xml.gz"
head -c $((size - 4)) "$tmp/full.gz" > "$tmp/notrailer.xml.gz"
for f in half notrailer; do
	"$bin/po-parse" "$tmp/$f.xml.gz" > "$tmp/out" 2> "$tmp/err"
	rc=$?
	[ $rc -eq 1 ] && [ "$(grep -vc '^#' "$tmp/out")" -eq 0 ] &&
	    grep -q "$f.xml.gz: truncated gzip stream" "$tmp/err"
	check "truncated gzip ($f): rejected, no records" $? "exit $rc: $(cat "$tmp/err")"
done

# a file name that is not UTF-8 (byte 0xff): the file is read, and its
# source column gets U+FFFD for the byte, so the stream stays UTF-8
cp "$good" "$tmp/$(printf 'order-\377.xml')"
"$bin/po-parse" "$tmp/$(printf 'order-\377.xml')" > "$tmp/out" 2> "$tmp/err"
rc=$?
[ $rc -eq 0 ] && [ "$(grep -c '^order' "$tmp/out")" -eq 1 ] && [ ! -s "$tmp/err" ]
check "a name with byte 0xff: the file is read" $? "exit $rc: $(cat "$tmp/err")"
tests/check-records.sh "$tmp/out" > "$tmp/err"
check "its stream is valid UTF-8 and matches records.md" $? "$(cat "$tmp/err")"
[ "$(awk -F '\t' '$1 == "order" { print $4 }' "$tmp/out")" = "$tmp/$(printf 'order-\357\277\275.xml')" ]
check "the source column has U+FFFD for the byte" $? "$(cut -f4 "$tmp/out" | od -c | head -3)"
LC_ALL=C sed "s/$(printf '\357\277\275')/$(printf '\377')/" "$tmp/out" > "$tmp/raw"
! tests/check-records.sh "$tmp/raw" > "$tmp/err" && grep -q "not valid UTF-8" "$tmp/err"
check "check-records.sh refuses the raw byte" $? "$(cat "$tmp/err")"
printf '<Order' > "$tmp/$(printf 'bad-\377.xml')"
"$bin/po-parse" "$tmp/$(printf 'bad-\377.xml')" > /dev/null 2> "$tmp/err"
[ $? -eq 1 ] && grep -q "^po-parse: $tmp/$(printf 'bad-\377.xml'):" "$tmp/err"
check "a message names the file as given" $? "$(od -c "$tmp/err" | head -3)"

# memory does not grow with the number of documents
for i in $(seq 1 2000); do echo "$good"; done > "$tmp/list"
rss "$bin/po-parse" --files-from "$tmp/list" > /dev/null
a=$(cat "$tmp/rss")
head -n 100 "$tmp/list" > "$tmp/list100"
rss "$bin/po-parse" --files-from "$tmp/list100" > /dev/null
b=$(cat "$tmp/rss")
[ "$a" -lt $((b + 2048)) ]
check "2000 documents take no more memory than 100 ($a KB vs $b KB)" $?
finish
