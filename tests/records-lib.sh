# records-lib.sh: what corpus.sh and formats.sh share to read a record
# stream against records.md and a document with XPath; sourced after $top
# (the project) and $tmp (the stream is $tmp/out) are set.

# col KIND NAME: the position of column NAME in records.md's table of KIND
col() {
	awk -v k="$1" -v c="$2" '
	/^## `/ { kind = $0; sub(/^## `/, "", kind); sub(/`.*/, "", kind) }
	kind == k && index($0, "| `" c "` |") { split($0, f, "|"); print f[2] + 0 }
	' "$top/schemas/records.md"
}
# field KIND POS NAME: that column of the first KIND record (POS for the
# records of a line, "" for the order) in $tmp/out
field() {
	awk -F '\t' -v k="$1" -v p="$2" -v c="$(col "$1" "$3")" '
	$1 == k && (k == "order" || $4 == p) { print $c; exit }
	' "$tmp/out"
}
# xp FILE XPATH: what xmllint reads there, never fetching anything
xp() {
	xmllint --nonet --xpath "$2" "$1" 2>/dev/null
}
