#!/usr/bin/python3
"""libreoffice-compare.py CSVDIR FILE.xlsx...: LibreOffice's CSV export of
every sheet (CSVDIR/NAME-SHEET.csv) holds the values openpyxl reads from
the workbook: texts equal, numbers equal as numbers, dates as YYYY-MM-DD.
Prints "ok libreoffice: FILE" or "FAIL libreoffice: FILE" with the first
differences."""
import csv
import datetime
import os
import re
import sys

import openpyxl


def number(s):
    s = re.sub(r"[^0-9.eE+-]", "", s.replace(",", ""))
    try:
        return float(s)
    except ValueError:
        return None


status = 0
csvdir = sys.argv[1]
for path in sys.argv[2:]:
    base = os.path.splitext(os.path.basename(path))[0]
    wb = openpyxl.load_workbook(path)
    bad = []
    for ws in wb.worksheets:
        name = os.path.join(csvdir, "%s-%s.csv" % (base, ws.title))
        if not os.path.exists(name):
            bad.append("no CSV for sheet %r" % ws.title)
            continue
        with open(name, newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        for row in ws.iter_rows():
            for c in row:
                if c.value is None:
                    continue
                r, k = c.row - 1, c.column - 1
                got = rows[r][k] if r < len(rows) and k < len(rows[r]) else ""
                want = c.value
                if isinstance(want, datetime.datetime):
                    ok = got == want.strftime("%Y-%m-%d")
                elif isinstance(want, (int, float)):
                    g = number(got)
                    ok = g is not None and abs(g - want) <= 1e-6 * max(1, abs(want)) \
                        or (got.endswith("%") and g is not None and abs(g / 100 - want) < 1e-3)
                else:
                    ok = got == str(want)
                if not ok:
                    bad.append("%s!%s: openpyxl %r, LibreOffice %r" %
                               (ws.title, c.coordinate, want, got))
    if bad:
        status = 1
        print("FAIL libreoffice: %s" % os.path.basename(path))
        for b in bad[:5]:
            print("# " + b)
    else:
        print("ok libreoffice: %s (%d sheets)" % (os.path.basename(path),
                                                  len(wb.worksheets)))
sys.exit(status)
