# run-table.sh: golden cases as rows of a table, sourced by run-cases.sh
# (its $tmp, $bindir, check, norm_run and compare), the way jq keeps
# tests/jq.test.  tests/cases/TOOL.test holds cases that are one case
# folder, its base, with a few things changed: each row is the base's
# stdin edited, run with the base's args from the base's folder, and its
# expected output is the base's header and run record, then the edited
# stdin as the tool passes it on, then the records the row lists.
#
# The table: comment lines start with "#"; "base NNN-name" names the base
# folder (tests/cases/TOOL/NNN-name); then the rows, a paragraph each
# (rows apart by a blank line), its first line "NNN-name: what it shows"
# (the check's title), then in any order:
#	KIND.COLUMN=VALUE	set that column (records.md's name) of the first
#	KIND#N.COLUMN=VALUE	KIND record (or the Nth) to VALUE (may be empty)
#	-KIND#N			drop that record
#	+ RECORD		add RECORD at the end of the stdin
#	+KIND#N RECORD		add RECORD after that record
#	exit N			the expected exit status (stderr: empty)
#	RECORD			an expected record of the tool's own, in order
# A field "@" in a RECORD is the base order's key and docid (two fields).
# With UPDATE=1 the rows' exit and records are rewritten from what the
# tool did (review the diff).

# table_split TABLE: each row's parts into $tmp/tab/N.name, N.edit, N.own
# and N.exit, the base's name into $tmp/tab/base; prints the row count
table_split() {
	rm -rf "$tmp/tab" && mkdir "$tmp/tab" &&
	awk -v d="$tmp/tab" '
	function row_end() { if (inrow) { close(f ".edit"); close(f ".own") }
		inrow = 0 }
	/^#/ { next }
	/^base / { print substr($0, 6) > (d "/base"); next }
	/^$/ { row_end(); next }
	!inrow { n++; inrow = 1; f = d "/" n
		name = $0; sub(/:.*/, "", name)
		print name > (f ".name"); close(f ".name")
		printf "" > (f ".edit"); printf "" > (f ".own")
		print "0" > (f ".exit"); close(f ".exit"); next }
	/^exit [0-9]+$/ { print $2 > (f ".exit"); close(f ".exit"); next }
	/^[-+]/ || /^[a-z_]+(#[0-9]+)?\.[a-z_0-9]+=/ { print > (f ".edit"); next }
	{ print > (f ".own") }
	END { row_end(); print n + 0 }' "$1"
}

# table_input EDITS BASE-STDIN: the stdin edited (stdout); exit 2 with
# the reason on stderr when an edit names no record or column
table_input() {
	awk -F '\t' -v OFS='\t' -v ed="$1" -v md="$top/schemas/records.md" '
	BEGIN {
		while ((getline l < md) > 0) {
			if (match(l, /^## `[a-z_]+`/))
				kind = substr(l, 5, RLENGTH - 5)
			else if (kind != "" && l ~ /^\| [0-9]+ \| `/) {
				split(l, c, "|")
				name = c[3]
				gsub(/[ `]/, "", name)
				pos[kind, name] = c[2] + 0
			}
		}
	}
	function id(s) { return index(s, "#") ? s : s "#1" }
	function at(r,    f, i, n, o) {
		n = split(r, f, "\t")
		for (i = 1; i <= n; i++)
			o = o (i > 1 ? "\t" : "") (f[i] == "@" ? key "\t" doc : f[i])
		return o
	}
	function bad(why) { print "bad edit: " why > "/dev/stderr"; err = 1 }
	BEGIN {
		while ((getline l < ed) > 0) {
			if (l ~ /^-/) {
				drop[id(substr(l, 2))] = 1
			} else if (l ~ /^\+ /) {
				tail = tail substr(l, 3) "\n"
			} else if (l ~ /^\+/) {
				t = id(substr(l, 2, index(l, " ") - 2))
				after[t] = after[t] substr(l, index(l, " ") + 1) "\n"
			} else {
				e = index(l, "="); lhs = substr(l, 1, e - 1)
				dot = index(lhs, ".")
				t = id(substr(lhs, 1, dot - 1))
				col = substr(lhs, dot + 1)
				k = t; sub(/#.*/, "", k)
				if (!((k, col) in pos)) bad("no column " col " in " k)
				ns++; sid[ns] = t; spos[ns] = pos[k, col]
				sval[ns] = substr(l, e + 1)
			}
		}
	}
	/^#/ { print; next }
	{
		if (key == "") { key = $2; doc = $3 }
		r = $1 "#" (++seen[$1])
		met[r] = 1
		if (!(r in drop)) {
			for (i = 1; i <= ns; i++)
				if (sid[i] == r)
					$(spos[i]) = sval[i]
			print
		}
		if (r in after) {
			n = split(after[r], a, "\n")
			for (i = 1; i < n; i++) print at(a[i])
		}
	}
	END {
		n = split(tail, a, "\n")
		for (i = 1; i < n; i++) print at(a[i])
		for (r in drop) if (!(r in met)) bad("no record " r " to drop")
		for (r in after) if (!(r in met)) bad("no record " r " to add after")
		for (i = 1; i <= ns; i++) if (!(sid[i] in met)) bad("no record " sid[i])
		exit err ? 2 : 0
	}' "$2"
}

# table_own RECORDS KEY DOC: the records with each "@" field as KEY DOC
table_own() {
	awk -F '\t' -v OFS='\t' -v k="$2" -v d="$3" '
	{ for (i = 1; i <= NF; i++) if ($i == "@") $i = k OFS d; print }' "$1"
}

# table_update TABLE: the rows' exit and records as $tmp/tab/N.new* say
table_update() {
	awk -v d="$tmp/tab" '
	function flush(   f, l) {
		if (!inrow) return
		f = d "/" n
		print "exit " newexit
		while ((getline l < (f ".newown")) > 0) print l
		close(f ".newown")
		inrow = 0
	}
	/^#/ || /^base / { print; next }
	/^$/ { flush(); print; next }
	!inrow { n++; inrow = 1; getline newexit < (d "/" n ".newexit")
		print; next }
	/^exit [0-9]+$/ { next }
	/^[-+]/ || /^[a-z_]+(#[0-9]+)?\.[a-z_0-9]+=/ { print; next }
	{ next }
	END { flush() }' "$1" > "$1.new" && mv "$1.new" "$1"
}

# run_table TABLE: one check per row
run_table() {
	tt=$1
	ttool=$(basename "$tt" .test)
	trows=$(table_split "$tt")
	tbase=$top/tests/cases/$ttool/$(cat "$tmp/tab/base" 2> /dev/null)
	if [ ! -f "$tbase/args" ] || [ ! -f "$tbase/expected.out" ]; then
		check "$ttool.test: no base case folder" 1 "$tbase"
		return
	fi
	tkey=$(awk -F '\t' '!/^#/ { print $2; exit }' "$tbase/stdin")
	tdoc=$(awk -F '\t' '!/^#/ { print $3; exit }' "$tbase/stdin")
	i=0
	while [ $i -lt "$trows" ]; do
		i=$((i + 1))
		tname=$(cat "$tmp/tab/$i.name")
		if ! table_input "$tmp/tab/$i.edit" "$tbase/stdin" \
		    > "$tmp/stdin" 2> "$tmp/diff"; then
			sed 's/^/# /' "$tmp/diff"
			check "$ttool.test: $tname" 1
			continue
		fi
		{ head -n 2 "$tbase/expected.out"; tail -n +2 "$tmp/stdin"
		  table_own "$tmp/tab/$i.own" "$tkey" "$tdoc"
		} > "$tmp/expected.out"
		: > "$tmp/expected.err"
		cp "$tmp/tab/$i.exit" "$tmp/expected.status"
		run_one "$tbase" "$ttool" "$tmp/stdin"
		if [ -n "$UPDATE" ]; then
			cp "$tmp/status" "$tmp/tab/$i.newexit"
			tail -n +$(($(wc -l < "$tmp/stdin") + 2)) "$tmp/out.norm" |
			    awk -F '\t' -v OFS='\t' -v k="$tkey" -v d="$tdoc" '{
				o = $1
				for (j = 2; j <= NF; j++)
					if ($j == k && $(j + 1) == d) { o = o OFS "@"; j++ }
					else o = o OFS $j
				print o }' > "$tmp/tab/$i.newown"
		fi
		compare "$ttool.test: $tname" "$tmp"
	done
	[ -z "$UPDATE" ] || table_update "$tt"
}

# table_stdins TABLE DIR: each row's edited stdin as DIR/NAME (the fuzz
# harnesses' corpus takes them, as it takes the case folders' stdin)
table_stdins() {
	ts_n=$(table_split "$1") || return 1
	ts_base=$top/tests/cases/$(basename "$1" .test)/$(cat "$tmp/tab/base")
	ts_i=0
	while [ $ts_i -lt "$ts_n" ]; do
		ts_i=$((ts_i + 1))
		table_input "$tmp/tab/$ts_i.edit" "$ts_base/stdin" \
		    > "$2/$(cat "$tmp/tab/$ts_i.name")" || return 1
	done
}
