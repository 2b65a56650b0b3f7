#!/usr/bin/python3
"""xlsx-cells.py FILE: every non-empty cell of a workbook as an independent
reader (openpyxl) sees it, one a line: SHEET<TAB>CELL<TAB>TYPE<TAB>VALUE,
TYPE being s (text), n (number), d (date), b (boolean) or f (formula).
Line breaks in values are shown as \\n.  Then one line per sheet:
#sheet<TAB>NAME<TAB>ROWS<TAB>COLUMNS."""
import sys
import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
for ws in wb.worksheets:
    print("#sheet\t%s\t%d\t%d" % (ws.title, ws.max_row, ws.max_column))
for ws in wb.worksheets:
    for row in ws.iter_rows():
        for c in row:
            if c.value is None:
                continue
            t = {"s": "s", "n": "n", "d": "d", "b": "b", "f": "f",
                 "inlineStr": "s", "str": "s"}.get(c.data_type, c.data_type)
            if c.is_date:
                t = "d"
                v = c.value.strftime("%Y-%m-%d")
            else:
                v = str(c.value).replace("\n", "\\n")
            print("%s\t%s\t%s\t%s" % (ws.title, c.coordinate, t, v))
