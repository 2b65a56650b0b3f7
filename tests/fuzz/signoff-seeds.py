#!/usr/bin/python3
"""signoff-seeds.py REVIEWED.tsv DIR: the seeds of the signoff harness,
made from a reviewed stream's findings, never kept in git.

Small signed review workbooks laid out as po-sheet and the programs that
save them do (Findings with the hidden identity columns and their check),
in zips whose parts are stored, not deflated, so that the fuzzer's
mutations reach the XML:
  inline.xlsx   inline strings as po-sheet writes them, English headers,
                dates as serial numbers and as text
  shared.xlsx   shared strings as Excel and openpyxl save them, Chinese
                headers, Findings renamed and after another sheet, a rich
                text run with a phonetic run, 1904 dates, ISO date cells,
                rows without their r attribute
  refused.xlsx  rows po-signoff refuses: an unknown decision, no reviewer,
                a changed identity, a copied row, a date after today
"""
import os
import re
import sys
import zipfile
import zlib

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
EN = ["Order no.", "Customer", "Line", "Department", "Severity", "Code", "Message",
      "Reviewer", "Decision", "Date", "Comment"]
ZH = ["订单号", "客户", "行", "部门", "级别", "代码", "内容", "评审人", "决定", "日期", "意见"]
IDS = ["poreview key", "poreview docid", "poreview finding", "poreview department",
       "poreview severity", "poreview check"]


def unescape(f):
    return re.sub(r"\\(.)", lambda m: {"t": "\t", "n": "\n", "r": "\r",
                                       "\\": "\\"}[m.group(1)], f)


def findings(tsv):
    """[(key, docid, number, n, dept, sev, code)] in stream order."""
    out, count, number = [], {}, {}
    for line in open(tsv, encoding="utf-8"):
        f = [unescape(x) for x in line.rstrip("\n").split("\t")]
        if f[0] == "order":
            number[f[2]] = f[7]
        elif f[0] == "finding":
            count[f[2]] = count.get(f[2], 0) + 1
            out.append((f[1], f[2], number.get(f[2], ""), count[f[2]], f[6], f[5], f[4]))
    return out


def check(key, docid, n, dept, sev, number, code):
    s = "\t".join([key, docid, str(n), dept, sev, number, code])
    return "%08x" % (zlib.crc32(s.encode()) & 0xffffffff)


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class Sheet:
    """Cells as a writer lays them out: inline strings, or shared."""

    def __init__(self, shared=None, refs=True):
        self.rows, self.shared, self.refs = [], shared, refs

    def text(self, ref, s, rich=False):
        if self.shared is None:
            return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, esc(s))
        if rich:
            si = ('<si><r><rPr><b/></rPr><t>%s</t></r><r><t>%s</t></r>'
                  '<rPh sb="0" eb="1"><t>jie</t></rPh></si>' % (esc(s[:2]), esc(s[2:])))
        else:
            si = '<si><t xml:space="preserve">%s</t></si>' % esc(s)
        self.shared.append(si)
        return '<c r="%s" t="s"><v>%d</v></c>' % (ref, len(self.shared) - 1)

    def row(self, r, cells):
        attr = ' r="%d"' % r if self.refs else ""
        self.rows.append("<row%s>%s</row>" % (attr, "".join(cells)))

    def xml(self):
        return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<worksheet xmlns="%s" xmlns:r="%s"><sheetData>%s</sheetData>'
                '</worksheet>' % (NS, REL, "".join(self.rows)))


def findings_sheet(fs, sh, heads, sign, extra=()):
    cols = "ABCDEFGHIJKLMNOPQ"
    sh.row(1, [sh.text("%s1" % cols[i], h) for i, h in enumerate(heads + IDS)])
    r = 1
    for i, (key, docid, number, n, dept, sev, code) in enumerate(list(fs) + list(extra)):
        r += 1
        ck = check(key, docid, n, dept, sev, number, code)
        if i >= len(fs) and i % 2:
            number = "typed over"	# the check no longer matches
        cells = [sh.text("A%d" % r, number), sh.text("B%d" % r, "Muster GmbH"),
                 sh.text("D%d" % r, dept.title()), sh.text("E%d" % r, sev.title()),
                 sh.text("F%d" % r, code), sh.text("G%d" % r, "message %d" % n)]
        cells += sign(sh, r, i)
        cells += [sh.text("L%d" % r, key), sh.text("M%d" % r, docid),
                  sh.text("N%d" % r, str(n)), sh.text("O%d" % r, dept),
                  sh.text("P%d" % r, sev), sh.text("Q%d" % r, ck)]
        sh.row(r, cells)


def book(path, sheets, shared=None, date1904=False):
    """sheets: [(name, xml)]."""
    rels = "".join('<Relationship Id="rId%d" Type="%s/worksheet" '
                   'Target="worksheets/sheet%d.xml"/>' % (i + 1, REL, i + 1)
                   for i in range(len(sheets)))
    if shared is not None:
        rels += ('<Relationship Id="rIdS" Type="%s/sharedStrings" '
                 'Target="sharedStrings.xml"/>' % REL)
    wb = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="%s" xmlns:r="%s">'
          '<workbookPr%s/><sheets>%s</sheets></workbook>' % (
              NS, REL, ' date1904="1"' if date1904 else "",
              "".join('<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (esc(n), i + 1, i + 1)
                      for i, (n, _) in enumerate(sheets))))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns='
                   '"http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns='
                   '"http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="%s/officeDocument" '
                   'Target="xl/workbook.xml"/></Relationships>' % REL)
        z.writestr("xl/workbook.xml", wb)
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships '
                   'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '%s</Relationships>' % rels)
        for i, (_, xml) in enumerate(sheets):
            z.writestr("xl/worksheets/sheet%d.xml" % (i + 1), xml)
        if shared is not None:
            z.writestr("xl/sharedStrings.xml", '<?xml version="1.0"?><sst xmlns="%s" '
                       'count="%d" uniqueCount="%d">%s</sst>' % (
                           NS, len(shared), len(shared), "".join(shared)))


def main():
    fs = findings(sys.argv[1])
    out = sys.argv[2]
    os.makedirs(out, exist_ok=True)
    words = ["accept", "accept with conditions", "decline", "ask customer"]

    def plain(sh, r, i):
        date = ('<c r="J%d"><v>%d</v></c>' % (r, 46357 + i) if i % 2 else
                sh.text("J%d" % r, "2026-12-0%d" % (1 + i % 9)))
        return [sh.text("H%d" % r, "Li Na"), sh.text("I%d" % r, words[i % 4]), date,
                sh.text("K%d" % r, "deliver in two lots" if i % 4 == 1 else "")]
    sh = Sheet()
    findings_sheet(fs, sh, ["%s / %s" % p for p in zip(EN, ZH)], plain)
    book(os.path.join(out, "gen-inline.xlsx"), [("Findings", sh.xml())])

    shared = []

    def chinese(sh, r, i):
        date = ('<c r="J%d" t="d"><v>2026-12-0%dT00:00:00</v></c>' % (r, 1 + i % 9)
                if i % 2 else '<c r="J%d"><v>%d</v></c>' % (r, 46357 - 1462 + i))
        return [sh.text("H%d" % r, "王芳"), sh.text("I%d" % r, "接受", rich=i == 0), date,
                '<c r="K%d" t="b"><v>1</v></c>' % r]
    summary = Sheet(shared)
    summary.row(1, [summary.text("A1", "Order key"), summary.text("B1", "Verdict")])
    sh = Sheet(shared, refs=False)
    findings_sheet(fs[::-1], sh, ZH, chinese)
    book(os.path.join(out, "gen-shared.xlsx"), [("Summary", summary.xml()),
                                                 ("签核", sh.xml())], shared, date1904=True)

    def wrong(sh, r, i):
        kind = i % 4
        return [sh.text("H%d" % r, "" if kind == 1 else "Zhang Wei"),
                sh.text("I%d" % r, "maybe" if kind == 0 else "accept"),
                sh.text("J%d" % r, "2027-01-05" if kind == 2 else "2026-12-03")]
    sh = Sheet()
    bad = fs[:2]
    findings_sheet(fs, sh, EN, wrong, extra=bad)
    book(os.path.join(out, "gen-refused.xlsx"), [("Findings", sh.xml())])


if __name__ == "__main__":
    main()
