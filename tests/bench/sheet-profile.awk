# tests/bench/sheet-profile.awk: what po-sheet --lang en would write for a
# reviewed record stream (po-check's output), as xlsx-floor's sheet
# arguments: one line per sheet, NAME:ROWS:COL,... (see xlsx-floor.c).
#
# For each column of Summary (17), Lines (14), Findings (17, six of them
# the hidden identity of a sign-off row) and Capacity (7) it counts the
# cells po-sheet writes (it leaves out empty ones) and, for text columns,
# their average length in bytes as pipeline/books/sheet.c builds them in
# English: the labels it puts in place of codes, a line's properties
# joined "name: value; ...", the departments of a line's findings in
# words, the order's and the line's notes, the review record's name; and
# the share of its cells that repeat the cell
# above (an order's number on each of its lines), which is what makes the
# sheet compress as it does.  Numbers and dates are counted as numbers and
# dates.  The review records, About and the chart are left out: the floor
# writes none.  Run with LC_ALL=C (lengths in bytes) and -F '\t'.
#
#   awk -F '\t' -f sheet-profile.awk reviewed.tsv
#   max_forms=N   po-sheet's --max-forms (default 100)

function len(v) { gsub(/\\[\\tnr]/, "x", v); return length(v) }
# a cell written: count it, its bytes, and whether it repeats the cell
# above it (the last one written in its column)
function str(sh, c, v) {
	if (v == "")
		return
	n[sh, c]++
	b[sh, c] += len(v)
	if (((sh, c) in last) && last[sh, c] == v)
		same[sh, c]++
	last[sh, c] = v
}
function val(sh, c, v) { str(sh, c, v) }
function either(a, b2) { return a != "" ? a : b2 }
function dept(d) {
	return (d in dname) ? dname[d] : d
}
# the departments of a comma-separated list in words, in their order
function depts(list,   k, nd, dl, s, has) {
	nd = split(list, dl, ",")
	for (k = 1; k <= nd; k++)
		has[dl[k]] = 1
	s = ""
	for (k = 1; k <= 6; k++)
		if (dorder[k] in has)
			s = s (s != "" ? ", " : "") dname[dorder[k]]
	return s
}

function flush(   i, k, s, sev, name, nd, dl) {
	if (!open)
		return
	open = 0
	# Lines: the columns that wait for the properties and the findings
	for (i = 1; i <= nl; i++) {
		str("L", 5, pl[i])
		k = lpos[i]
		sev = (k in worst) ? worst[k] : -1
		str("L", 11, sev == 2 ? "Reject" : sev == 1 ? "Review" : sev == 0 ? "Info" : "ok")
		if (k in cl)
			str("L", 12, depts(cl[k]))
		str("L", 13, lnote[i])
	}
	# Summary
	rows["S"]++
	str("S", 0, okey); str("S", 1, ocust); str("S", 2, onum)
	val("S", 3, odate); val("S", 4, odel); val("S", 5, nl)
	if (have_v) {
		val("S", 6, v[8])
		str("S", 7, v[4])
		str("S", 8, depts(v[5]))
		str("S", 9, v[7] == "yes" ? "yes" : "no")
		str("S", 10, v[6])
		val("S", 11, v[10]); val("S", 12, v[11]); val("S", 13, v[12])
		str("S", 14, v[13])
		if (v[4] != "" && v[4] != "regular") {
			if (forms < max_forms) {
				forms++
				name = "RR " onum
				gsub(/[:*?'\/\\]/, "", name)
				gsub(/\[/, "", name); gsub(/\]/, "", name)
				str("S", 15, substr(name, 1, 31))
			} else {
				str("S", 15, "not in this workbook")
			}
		}
	}
	str("S", 16, onote)
}

BEGIN {
	if (max_forms == "")
		max_forms = 100
	ncol["S"] = 17; ncol["L"] = 14; ncol["F"] = 17; ncol["C"] = 7
	# S, L, F, C: string, number or date, by column
	type["S"] = "sssddnnssssnnnsss"
	type["L"] = "ssssssnsnndsss"
	type["F"] = "sssssssxxxxssssss"
	type["C"] = "ssnnnnn"
	title["S"] = "Summary"; title["L"] = "Lines"; title["F"] = "Findings"
	title["C"] = "Capacity"
	dname["sales"] = "Sales"; dname["purchasing"] = "Purchasing"
	dname["production"] = "Production"; dname["rd"] = "R&D"
	dname["quality"] = "Quality"; dname["gm"] = "General manager"
	split("sales purchasing production rd quality gm", dorder, " ")
}

$1 == "order" {
	flush()
	open = 1; have_v = 0; nl = 0
	delete pl; delete lpos; delete lid; delete worst; delete cl; delete ncode
	delete lnote
	onote = ""; nf_ = 0
	okey = $2; odoc = $3; onum = $8; odate = $9; ocust = either($16, $14); ocur = $22
	odel = either($24, $23)
	next
}
$1 == "capacity" || $1 == "run" || /^#/ {
	flush()
	if ($1 == "capacity") {
		rows["C"]++
		str("C", 0, $3); str("C", 1, $4)
		val("C", 2, $5); val("C", 3, $6); val("C", 4, $8); val("C", 5, $7)
		if ($7 + 0 > 0)
			val("C", 6, ($5 + $6 + $8) / $7)
	}
	next
}
!open { next }
$1 == "line" {
	nl++
	lpos[nl] = $4; lid[nl] = $5; pl[nl] = ""; np[nl] = 0
	rows["L"]++
	str("L", 0, onum); str("L", 1, ocust); str("L", 2, either($5, $4))
	str("L", 3, $14); str("L", 4, $12)
	val("L", 6, $6); str("L", 7, $7); val("L", 8, $8); val("L", 9, $10)
	val("L", 10, either($19, either($18, odel)))
	lnote[nl] = ""
	next
}
$1 == "note" && $7 != "" {
	if ($4 == "")
		onote = onote (onote != "" ? "\n" : "") $7
	else if (nl > 0)
		lnote[nl] = lnote[nl] (lnote[nl] != "" ? "\n" : "") $7
	next
}
$1 == "prop" && $4 != "" && nl > 0 {
	# "name: value", "; " between
	pl[nl] = pl[nl] (np[nl]++ ? "; " : "") $5 ": " $6
	next
}
$1 == "finding" {
	k = $4
	s = $6 == "reject" ? 2 : $6 == "review" ? 1 : 0
	if (k != "") {
		if (!(k in worst) || s > worst[k])
			worst[k] = s
		cl[k] = cl[k] (ncode[k]++ ? "," : "") $7
	}
	rows["F"]++
	str("F", 0, onum); str("F", 1, ocust)
	if (k != "") {
		i = k + 0
		str("F", 2, (i >= 1 && i <= nl && lid[i] != "") ? lid[i] : k)
	}
	str("F", 3, dept($7))
	str("F", 4, s == 2 ? "Reject" : s == 1 ? "Review" : "Info")
	str("F", 5, $5)
	str("F", 6, $10)
	# the row's hidden identity: order key, docid, finding number,
	# department, severity, check (8 hex digits)
	nf_++
	str("F", 11, okey); str("F", 12, odoc); str("F", 13, nf_ "")
	str("F", 14, $7); str("F", 15, $6); str("F", 16, "0123abcd")
	next
}
$1 == "verdict" {
	have_v = 1
	for (i = 1; i <= 14; i++)
		v[i] = $i
	next
}

END {
	flush()
	split("S L F C", order, " ")
	for (j = 1; j <= 4; j++) {
		sh = order[j]
		r = rows[sh] + 0
		out = title[sh] ":" r ":"
		for (c = 0; c < ncol[sh]; c++) {
			t = substr(type[sh], c + 1, 1)
			cnt = n[sh, c] + 0
			fill = r > 0 ? cnt / r : 0
			if (t == "x" || cnt == 0)
				col = "x"
			else if (t == "s")
				col = sprintf("s%.1f", b[sh, c] / cnt)
			else
				col = t
			if (col != "x" && fill < 0.9995)
				col = col sprintf("@%.4f", fill)
			if (col != "x" && same[sh, c] > 0)
				col = col sprintf("~%.4f", same[sh, c] / cnt)
			out = out (c ? "," : "") col
		}
		print out
	}
}
