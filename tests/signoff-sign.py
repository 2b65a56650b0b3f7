#!/usr/bin/python3
"""signoff-sign.py: type decisions into a po-sheet workbook as a person
would (openpyxl), and say what po-signoff must read back.

  sign REVIEWED.tsv IN.xlsx OUT.xlsx LANG [--sort] [--filter] [--rename]
       [--iso-dates] EXPECTED
      Decisions on the Findings rows by a plan over the orders (accept,
      with conditions, decline, ask, some departments only, nothing),
      typed in LANG (en, zh, both); every third date as text.  --sort
      rewrites the rows sorted by Message (descending), --filter hides
      the info rows behind an autofilter, --rename renames Findings and
      moves it last, hiding the Message column; --iso-dates writes date
      cells as ISO 8601 (t="d").  EXPECTED gets the signoff records
      (columns 1-9) and the decision records, computed here.
  bad IN.xlsx OUT.xlsx EXPECTED
      Good decisions on some rows, each kind of wrong one on others;
      EXPECTED gets "CELL<TAB>the start of the message" per refusal and
      "signoffs<TAB>N" for the rows that must still be read.
  rich IN.xlsx OUT.xlsx
      The first shared string and the first inline string of each part
      that is a whole decision ("accept") made of rich-text runs and a
      phonetic run (no part of the value): the records read back do not
      change.
"""
import datetime
import re
import sys
import zipfile

import openpyxl

DEPTS = ["sales", "purchasing", "production", "rd", "quality", "gm"]
WORDS = {"en": ["accept", "accept with conditions", "decline", "ask customer"],
         "zh": ["接受", "有条件接受", "拒绝", "询问客户"]}
WORDS["both"] = ["%s / %s" % p for p in zip(WORDS["en"], WORDS["zh"])]
CODES = ["accept", "accept-conditions", "decline", "ask"]
WHO = {"sales": "Li Na", "purchasing": "王芳", "production": "Zhang  Wei",
       "rd": "Chen Jie", "quality": "Liu Yang", "gm": "Zhao Min"}


def unescape(f):
    return re.sub(r"\\(.)", lambda m: {"t": "\t", "n": "\n", "r": "\r",
                                       "\\": "\\"}[m.group(1)], f)


def findings(tsv):
    """[(key, docid, [(n, dept, severity)])] in stream order: the
    findings, and the general manager's row po-sheet adds after them
    when the verdict asks his approval and no finding is his."""
    orders, last = [], None
    for line in open(tsv, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if f[0] == "order":
            last = (unescape(f[1]), f[2], [])
            orders.append(last)
        elif f[0] == "finding":
            last[2].append((len(last[2]) + 1, f[6], f[5]))
        elif f[0] == "verdict" and f[6] == "yes" and not any(
                d == "gm" and sev != "info" for _, d, sev in last[2]):
            last[2].append((len(last[2]) + 1, "gm", "review"))
    return orders


def plan(orders):
    """{(key, docid, n): (decision index, comment)} and the day of each."""
    p = {}
    for i, (key, docid, fs) in enumerate(orders):
        need = [f for f in fs if f[2] != "info"]
        kind = i % 6
        if not need:
            if kind in (0, 1) and fs:
                p[(key, docid, fs[0][0])] = (0, "")
            continue
        if kind == 4:	# the first department signs, the others not
            need = [f for f in need if f[1] == need[0][1]]
            if len(set(f[1] for f in fs if f[2] != "info")) == 1:
                need = need[:-1]
        if kind == 5:
            continue
        for j, (n, dept, sev) in enumerate(need):
            d, c = 0, ""
            if j == 0 and kind == 1:
                d, c = 1, "deliver in two lots; 分两批交货"
            elif j == 0 and kind == 2:
                d, c = 2, "capacity full in W50\nno spare line"
            elif j == 0 and kind == 3:
                d, c = 3, "which plating?"
            if kind == 3 and j > 0:
                break
            p[(key, docid, n)] = (d, c)
    return p


def decisions(orders, decided):
    """The decision records, by the rule of signoff.h."""
    out = []
    for key, docid, fs in orders:
        need = [d for d in DEPTS if any(f[1] == d and f[2] != "info" for f in fs)]
        got = {n: decided[(key, docid, n)] for n, _, _ in fs if (key, docid, n) in decided}
        pend = [d for d in need if any(f[1] == d and f[2] != "info" and f[0] not in got
                                       for f in fs)]
        if not need and not got:
            pend = ["sales"]
        v = set(got.values())
        state = ("declined" if 2 in v else "ask-customer" if 3 in v else
                 "pending" if pend else "accepted-conditions" if 1 in v else "accepted")
        out.append("\t".join(["decision", key, docid, state, ",".join(need),
                              ",".join(pend), str(len(fs)), str(len(got))]))
    return out


def findings_sheet(wb):
    for ws in wb.worksheets:
        if ws.cell(1, 17).value == "poreview check":
            return ws
    raise SystemExit("no Findings sheet")


def sign(args):
    tsv, src, dst, lang = args[:4]
    expected = args[-1]
    opts = set(args[4:-1])
    orders = findings(tsv)
    p = plan(orders)
    wb = openpyxl.load_workbook(src)
    if "--iso-dates" in opts:
        wb.iso_dates = True
    ws = findings_sheet(wb)
    recs, decided = [], {}
    for r in range(2, ws.max_row + 1):
        key, docid, n, dept = (ws.cell(r, c).value for c in (12, 13, 14, 15))
        k = (key, docid, int(n))
        if k not in p:
            continue
        d, comment = p[k]
        day = datetime.date(2026, 12, 1) + datetime.timedelta(days=r % 9)
        ws.cell(r, 8).value = WHO[dept]
        ws.cell(r, 9).value = WORDS[lang][d]
        ws.cell(r, 10).value = day.isoformat() if r % 3 == 0 else day
        if comment:
            ws.cell(r, 11).value = comment
        decided[k] = d
        recs.append("\t".join(["signoff", key, docid, n, dept,
                               " ".join(WHO[dept].split()), CODES[d], day.isoformat(),
                               comment.replace("\n", "\\n")]))
    if "--sort" in opts:
        rows = [[ws.cell(r, c).value for c in range(1, 18)] for r in range(2, ws.max_row + 1)]
        rows.sort(key=lambda v: str(v[6]), reverse=True)
        for r, v in enumerate(rows, start=2):
            for c, x in enumerate(v, start=1):
                ws.cell(r, c).value = x
    if "--filter" in opts:
        sev = ws.cell(1, 5).value
        keep = [s for s in {ws.cell(r, 5).value for r in range(2, ws.max_row + 1)}
                if s and not s.startswith(("Info", "提示"))]
        ws.auto_filter.add_filter_column(4, sorted(keep))
        for r in range(2, ws.max_row + 1):
            if str(ws.cell(r, 5).value).startswith(("Info", "提示")):
                ws.row_dimensions[r].hidden = True
        assert sev
    if "--rename" in opts:
        ws.title = "Signed off"
        wb.move_sheet(ws, offset=len(wb.sheetnames) - 1 - wb.sheetnames.index(ws.title))
        ws.column_dimensions["G"].hidden = True
    wb.save(dst)
    with open(expected, "w", encoding="utf-8") as fp:
        for line in recs + decisions(orders, decided):
            fp.write(line + "\n")


def bad(args):
    src, dst, expected = args
    wb = openpyxl.load_workbook(src)
    ws = findings_sheet(wb)
    day = datetime.date(2026, 12, 1)
    out, good = [], 0
    wrong = [
        ("I", "decision 'maybe' is none of", {9: "maybe"}),
        ("J", "date 2027-01-05 lies after today", {10: datetime.date(2027, 1, 5)}),
        ("J", "'soon' is not a date", {10: "soon"}),
        ("H", "a decision without a reviewer", {8: None}),
        ("M", "docid 'xyz' is not 16 hex digits", {13: "xyz"}),
        ("Q", "the row's identity does not match its check", {14: "99"}),
        ("Q", "the row's identity does not match its check", {12: "0000:x/1"}),
        ("Q", "the row's identity does not match its check", {1: "PO-OTHER"}),
        ("N", "finding number 'x' is not a number from 1", {14: "x"}),
        ("O", "department 'boss' is none of", {15: "boss"}),
    ]
    rows = list(range(2, ws.max_row + 1))
    for i, r in enumerate(rows[:2 * len(wrong) + 6]):
        ws.cell(r, 8).value = "Li Na"
        ws.cell(r, 9).value = "accept"
        ws.cell(r, 10).value = day
        if i % 2 == 1 and i // 2 < len(wrong):
            col, msg, cells = wrong[i // 2]
            for c, v in cells.items():
                ws.cell(r, c).value = v
            out.append("Findings!%s%d\t%s" % (col, r, msg))
        else:
            good += 1
    # a copied row: the last row's identity on a new row below it
    last = ws.max_row
    for c in range(1, 18):
        ws.cell(last + 1, c).value = ws.cell(2, c).value
    ws.cell(last + 1, 9).value = "decline"
    out.append("Findings!Q%d\tthe same finding as row 2 (a copied row)" % (last + 1))
    wb.save(dst)
    with open(expected, "w", encoding="utf-8") as fp:
        fp.write("\n".join(out) + "\nsignoffs\t%d\n" % good)


def rich(args):
    src, dst = args
    runs = ('<r><t>acc</t></r><r><rPr><b/></rPr><t xml:space="preserve">ept </t></r>'
            '<rPh sb="0" eb="1"><t>アクセプト</t></rPh>')
    zin = zipfile.ZipFile(src)
    zout = zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED)
    done = 0
    for item in zin.infolist():
        data = zin.read(item.filename)
        if item.filename.startswith("xl/") and item.filename.endswith(".xml"):
            s = data.decode("utf-8")
            # a shared string (LibreOffice, Excel) or an inline one (openpyxl)
            s, n = re.subn(r"<si><t(?: [^>]*)?>accept</t></si>", "<si>%s</si>" % runs, s, count=1)
            s, m = re.subn(r"<is><t(?: [^>]*)?>accept</t></is>", "<is>%s</is>" % runs, s, count=1)
            done += n + m
            data = s.encode("utf-8")
        zout.writestr(item, data)
    zout.close()
    sys.exit(0 if done else 1)


{"sign": sign, "bad": bad, "rich": rich}[sys.argv[1]](sys.argv[2:])
