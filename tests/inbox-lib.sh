# inbox-lib.sh: what the po-inbox suites (inbox.sh, inbox-signed.sh)
# share, sourced after lib.sh.
#
# inbox SPOOL [ARGS]   run po-inbox on SPOOL with --settle 0 --today $D:
#                      its output in $tmp/out and $tmp/err, its status $st
# newspool NAME        $tmp/NAME, a spool laid out by --init whose ledger
#                      holds the history of samples/history (made once,
#                      then copied)
inbox() {
	sp=$1
	shift
	"$bin/po-inbox" --settle 0 --today $D "$@" "$sp" > "$tmp/out" 2> "$tmp/err"
	st=$?
}
newspool() {
	if [ ! -d "$tmp/template" ]; then
		"$bin/po-inbox" --init "$tmp/template" > /dev/null &&
		"$bin/po-parse" samples/history/* | "$bin/po-check" \
		    --catalog samples/catalog.xml --rules samples/rules.xml \
		    --today 2026-10-15 > "$tmp/history.tsv" &&
		"$bin/po-ledger" commit --today 2026-10-15 \
		    "$tmp/template/ledger.db" "$tmp/history.tsv" > /dev/null
	fi
	cp -a "$tmp/template" "$tmp/$1"
}
