# common.sh: what tests/scale/parallel.sh and slurm.sh share, sourced
# after tests/lib.sh (suite=NAME; . tests/lib.sh BINDIR).  Sets $top to
# the project and goes there, runs scale_down (each suite's own: stop its
# daemons, remove its users) at exit before $tmp is removed, and puts
# BINDIR first on PATH.
#
# require TITLE COMMAND...  one check: root, and each COMMAND there; if
#                           not, finish (the suite ends with that FAIL)
# batches                   two checks: $run, the sample batch (23 orders)
#                           with a ledger of the sample history, R_samples
#                           and L_samples its po-check arguments; $gen,
#                           10,000 generated orders under a catalog whose
#                           weeks fill, R_gen (no ledger).  Each folder
#                           holds catalog.xml, rules.xml and `list`, the
#                           orders by names relative to it
# plain DIR TITLE           one check: DIR/plain.tsv, the review in one run
# same DIR FILE TITLE       one check: DIR/FILE has the bytes of plain.tsv
# sheets DIR NAME TITLE [--per]  one check: po-sheet's workbook of
#                           DIR/NAME.tsv (and with --per, po-sheet --per
#                           department's) has the bytes of plain.tsv's
# $fault                    a folder the workers read, with flaky
#                           (tests/scale/flaky) and flags/, which they write
top=$(cd "$top/.." && pwd) && cd "$top" || exit 2
trap 'lib_rc=$?
scale_down
[ -n "$lib_done" ] ||
    echo "# $suite: stopped before finish (exit $lib_rc)" >&2
rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
PATH=$bin:$PATH
export PATH
fault=$tmp/fault
mkdir -m 755 "$fault" && mkdir -m 1777 "$fault/flags" &&
    cp tests/scale/flaky "$fault/" && chmod 755 "$fault/flaky"
flaky="$fault/flaky $fault/flags"

require() {
	req_title=$1 req_missing=
	shift
	for c; do
		command -v "$c" > /dev/null || req_missing="$req_missing $c"
	done
	[ "$(id -u)" = 0 ] && [ -z "$req_missing" ]
	check "$req_title" $? "uid $(id -u), missing:${req_missing:- none}"
	[ "$(id -u)" = 0 ] && [ -z "$req_missing" ] || finish
}

batches() {
	run=$tmp/samples
	R_samples="--catalog catalog.xml --rules rules.xml --today 2026-11-27"
	L_samples="--ledger ledger.db"
	mkdir -p "$run/samples" && cp -r samples/orders "$run/samples/" &&
	    cp samples/catalog.xml samples/rules.xml "$run/" &&
	    (cd "$run" && ls samples/orders/* > list &&
	    po-ledger init ledger.db > /dev/null 2>&1 &&
	    po-parse "$top"/samples/history/* |
	    po-check --catalog catalog.xml --rules rules.xml \
	    --today 2026-10-15 |
	    po-ledger commit --today 2026-10-15 ledger.db > /dev/null 2>&1)
	check "the sample batch, 23 orders, and a ledger of the sample history" $?

	gen=$tmp/gen
	R_gen="--catalog catalog.xml --rules rules.xml --today 2024-01-01"
	L_gen=
	mkdir -p "$gen" &&
	    cc -std=c11 -D_DEFAULT_SOURCE -O2 -o "$tmp/gen-orders" \
	    tests/bench/gen-orders.c 2> "$tmp/err" &&
	    (cd "$gen" && "$tmp/gen-orders" -n 10000 -o orders -c all.xml \
	    -p 3551 &&
	    sed 's/per-week="[0-9]*"/per-week="300"/' all.xml > catalog.xml &&
	    rm all.xml && cp "$top/samples/rules.xml" . &&
	    find orders -name '*.xml' | sort > list) > /dev/null 2>> "$tmp/err"
	[ "$(wc -l < "$gen/list" 2> /dev/null)" = 10000 ]
	check "10,000 generated orders, a catalog whose weeks fill" $? \
	    "$(cat "$tmp/err")"
}

plain() {
	(cd "$1" && po-parse --files-from list |
	    po-check $R $L -o plain.tsv) 2> "$tmp/err"
	check "$2: plain po-check" $? "$(cat "$tmp/err")"
}

same() {
	grep -q '^verdict	' "$1/plain.tsv" &&
	    cmp "$1/plain.tsv" "$1/$2" > "$tmp/cmp" 2>&1
	check "$3" $? "$(cat "$tmp/cmp" "$tmp/err" 2> /dev/null)"
}

sheets() {
	(cd "$1" && for s in plain "$2"; do
		[ -e "$s.xlsx" ] ||
		    SOURCE_DATE_EPOCH=1795737600 po-sheet -o "$s.xlsx" "$s.tsv" ||
		    exit
		if [ "$4" = --per ]; then
			rm -rf "$s.per" && mkdir "$s.per" &&
			    SOURCE_DATE_EPOCH=1795737600 po-sheet --per department \
			    -o "$s.per" -j 2 "$s.tsv" || exit
		fi
	done && cmp plain.xlsx "$2.xlsx" &&
	    if [ "$4" = --per ]; then
		    [ -n "$(ls plain.per)" ] &&
		    for b in plain.per/*; do
			    cmp "$b" "$2.per/${b#plain.per/}" || exit
		    done
	    fi) > "$tmp/err" 2>&1
	check "$3" $? "$(cat "$tmp/err")"
}
