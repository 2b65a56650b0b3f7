#!/usr/bin/python3
"""tests/bench/sheet-bytes.py BOOK.xlsx...: the sheet XML bytes of workbooks.

Prints one line: "total NAME=BYTES NAME=BYTES ...", the uncompressed bytes
of every xl/worksheets/sheet*.xml and xl/sharedStrings.xml of the books
added up (total), then those of the sheets named Summary, Lines and
Findings (their "(2)" continuations counted in) and of the rest
(other), each added up over the books. The bench divides them by the
number of line records (make bench, issue 18).
"""
import re
import sys
import zipfile

KEEP = ("Summary", "Lines", "Findings", "Capacity")


def main():
    sums = {k: 0 for k in KEEP + ("other",)}
    total = 0
    for path in sys.argv[1:]:
        with zipfile.ZipFile(path) as z:
            wb = z.read("xl/workbook.xml").decode()
            rels = z.read("xl/_rels/workbook.xml.rels").decode()
            target = dict(re.findall(r'<Relationship Id="([^"]+)"[^>]*Target="([^"]+)"', rels))
            if not target:
                target = {m[1]: m[0] for m in
                          re.findall(r'<Relationship [^>]*Target="([^"]+)"[^>]*Id="([^"]+)"',
                                     rels)}
            name_of = {}
            for attrs in re.findall(r"<sheet ([^>]*)/>", wb):
                name = re.search(r'name="([^"]*)"', attrs).group(1)
                rid = re.search(r'r:id="([^"]*)"', attrs).group(1)
                name_of["xl/" + target[rid].lstrip("/").replace("xl/", "", 1)] = name
            for info in z.infolist():
                n = info.filename
                if n == "xl/sharedStrings.xml":
                    total += info.file_size
                    sums["other"] += info.file_size
                elif re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n):
                    total += info.file_size
                    base = re.sub(r" \(\d+\)$", "", name_of.get(n, ""))
                    sums[base if base in KEEP else "other"] += info.file_size
    print("total=%d %s" % (total, " ".join("%s=%d" % kv for kv in sums.items())))


if __name__ == "__main__":
    main()
