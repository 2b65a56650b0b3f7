#!/bin/sh
# check-records.sh [STREAM ...]: check record streams against the tables in
# schemas/records.md: every record of a known kind has exactly its columns
# (or stops before the columns marked *added*),
# escapes are only \\ \t \n \r, the stream opens with its version header,
# and (for the files named) it is valid UTF-8.
# Prints what is wrong and exits 1; silent and 0 when all is well.
top=$(cd "$(dirname "$0")/.." && pwd)
for f; do	# UTF-8 only: iconv stops at the first byte that is not
	iconv -f UTF-8 -t UTF-8 "$f" > /dev/null 2>&1 && continue
	echo "$f: not valid UTF-8"
	exit 1
done
exec awk -F '\t' -v md="$top/schemas/records.md" '
BEGIN {
	while ((getline l < md) > 0) {
		if (match(l, /^## `[a-z_]+`/)) {
			kind = substr(l, 5, RLENGTH - 5)
			continue
		}
		if (kind != "" && l ~ /^\| [0-9]+ \| `/) {
			split(l, c, "|")
			n[kind] = c[2] + 0
			if (!(kind in lo) && c[4] ~ /^ \*added\*/)
				lo[kind] = c[2] - 1
		}
	}
	if (length(n) == 0) { print "check-records: no tables in " md; exit 2 }
}
FNR == 1 && $0 != "#poreview-records 1" {
	printf "%s:1: stream does not open with #poreview-records 1\n", FILENAME
	bad = 1
}
/^#/ { next }
{
	if (NF < 2) { printf "%s:%d: not a record\n", FILENAME, FNR; bad = 1 }
	else if (($1 in n) && NF != n[$1] && !(($1 in lo) && NF >= lo[$1] &&
	    NF < n[$1])) {
		printf "%s:%d: %s record has %d fields, records.md says %d\n",
		    FILENAME, FNR, $1, NF, n[$1]
		bad = 1
	}
	s = $0
	gsub(/\\[\\tnr]/, "", s)
	if (index(s, "\\")) {
		printf "%s:%d: bad escape\n", FILENAME, FNR
		bad = 1
	}
}
END { exit bad }
' "$@"
