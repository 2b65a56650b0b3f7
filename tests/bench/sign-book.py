#!/usr/bin/python3
"""sign-book.py IN.xlsx OUT.xlsx: sign every Findings row of a po-sheet
workbook, as the departments would, for the benchmark (make bench).

Each row of each sheet whose first row holds the sign-off identity
("poreview check") gets a reviewer (H), a decision (I: accept, every
seventh accept with conditions with a comment in K) and a date (J, a
serial number: 2026-12-01 to 2026-12-09).  The sheets are rewritten as
they are unzipped, a row at a time, so a workbook of millions of rows is
signed in constant memory; openpyxl would hold it whole.  Prints the
number of rows signed.
"""
import re
import shutil
import sys
import zipfile

CHUNK = 1 << 20
ROW = re.compile(rb'<row r="(\d+)"[^>]*>.*?</row>', re.S)
WHO = [b"Li Na", b"Wang Fang", b"Zhang Wei", b"Chen Jie", b"Liu Yang"]
SERIAL = 46357			# 2026-12-01 in Excel's 1900 dates


def cells(r):
    n = int(r)
    who = WHO[n % len(WHO)]
    k = n % 7 == 0
    dec = b"accept with conditions" if k else b"accept"
    out = (b'<c r="H%s" t="inlineStr"><is><t>%s</t></is></c>'
           b'<c r="I%s" t="inlineStr"><is><t>%s</t></is></c>'
           b'<c r="J%s"><v>%d</v></c>' % (r, who, r, dec, r, SERIAL + n % 9))
    if k:
        out += b'<c r="K%s" t="inlineStr"><is><t>deliver in two lots</t></is></c>' % r
    return out


def sign_row(m, count):
    r = m.group(1)
    row = m.group(0)
    at = row.find(b'<c r="L%s"' % r)
    if r == b"1" or at < 0:
        return row
    count[0] += 1
    return row[:at] + cells(r) + row[at:]


def is_findings(zin, name):
    with zin.open(name) as f:
        head = f.read(1 << 16)
    first = ROW.search(head)
    return first is not None and b"poreview check" in first.group(0)


def main():
    src, dst = sys.argv[1:3]
    count = [0]
    with zipfile.ZipFile(src) as zin, \
            zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout:
        for info in zin.infolist():
            sheet = info.filename.startswith("xl/worksheets/sheet") and \
                is_findings(zin, info.filename)
            with zin.open(info) as fin, zout.open(info.filename, "w",
                                                   force_zip64=True) as fout:
                if not sheet:
                    shutil.copyfileobj(fin, fout, CHUNK)
                    continue
                rest = b""
                while True:
                    chunk = fin.read(CHUNK)
                    buf = rest + chunk
                    end = buf.rfind(b"</row>") + 6 if chunk else len(buf)
                    if end < 6:
                        end = 0
                    fout.write(ROW.sub(lambda m: sign_row(m, count), buf[:end]))
                    rest = buf[end:]
                    if not chunk:
                        break
    print(count[0])


if __name__ == "__main__":
    main()
