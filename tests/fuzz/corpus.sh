# corpus.sh: sourced by tests/fuzz.sh and tests/fuzz/run.sh, from the
# project's top.  fuzz_corpus NAME DIR fills DIR with what harness NAME
# starts from: the project's own files that fit it (samples, test cases
# and the rows of tests/cases/po-check.test),
# small cases cut from them here, its seeds (tests/fuzz/seeds/NAME) and
# every saved crash input (tests/fuzz/regress/NAME, named regress-*).
# The signoff harness's seeds are workbooks, made here each time
# (tests/fuzz/signoff-seeds.py), never kept in git.
# Files are numbered, as many test cases share a name (stdin).
fuzz_corpus() {
	name=$1 dir=$2
	shift 2
	case $name in
	order) set -- samples/orders/* samples/history/* tests/change/*.xml \
	    tests/property/*.xml tests/cases/po-parse/*/*.xml ;;
	stream)
		# the case folders' stdin, and the rows' of po-check.test
		. tests/run-table.sh
		table_stdins tests/cases/po-check.test "$dir" || return 1
		set -- tests/cases/po-check/*/stdin ;;
	refs)
		# a catalog of one product with its materials, and the rules'
		# settings with the first rule of each test
		sed -e '/<material /{/"\(CONN-C13\|CU-W020\|PKG-CTN\|PLUG-CEE77\|PVC-[IS]70\)"/!d;}' \
		    -e '210,2143d' samples/catalog.xml > "$dir/small-catalog.xml"
		awk '/<rule /{ b = $0; r = 1; next }
		    r { b = b "\n" $0; if (!t) { t = $1; sub(/[ \/>].*/, "", t) } }
		    r && /<\/rule>/ { if (!seen[t]++) print b; r = 0; t = ""; next }
		    !r' samples/rules.xml > "$dir/small-rules.xml"
		set -- samples/catalog.xml samples/rules.xml \
		    tests/cases/po-check/0[23]*/cat.xml \
		    tests/cases/po-check/0[23]*/rules.xml ;;
	survey) set -- samples/surveys/*.csv ;;
	part)
		# parts the map makes of the samples (the project's own
		# po-parse and po-check, built before): all, and two orders
		bin/po-parse samples/orders/* 2> /dev/null |
		    bin/po-check --map --catalog samples/catalog.xml \
		    --rules samples/rules.xml --today 2026-11-27 \
		    -o "$dir/samples.part" || return 1
		bin/po-parse $(ls samples/orders/* | head -n 2) 2> /dev/null |
		    bin/po-check --map --catalog samples/catalog.xml \
		    --rules samples/rules.xml --today 2026-11-27 \
		    -o "$dir/two.part" || return 1
		set -- ;;
	signoff)
		# small signed workbooks made from a reviewed stream's findings
		/usr/bin/python3 tests/fuzz/signoff-seeds.py \
		    tests/fuzz/seeds/stream/reviewed.tsv "$dir" || return 1
		set -- ;;
	*) set -- ;;
	esac
	n=0
	for f in "$@" tests/fuzz/seeds/"$name"/* tests/fuzz/regress/"$name"/*; do
		[ -f "$f" ] || continue
		n=$((n + 1))
		case $f in tests/fuzz/regress/*) to=regress-${f##*/} ;;
		*) to=$(printf '%03d-%s' $n "${f##*/}" | tr -c 'A-Za-z0-9._\n-' _) ;;
		esac
		cp "$f" "$dir/$to" || return 1
	done
}
