#!/usr/bin/python3
"""csat-stats.py RESPONSES.xml WORKBOOK.xlsx: recompute csat-sum's figures
from the answers, independently of its C code (Wilson interval, NPS with
the multinomial variance, mean with Student's t from a numerically
integrated density), and compare them with what openpyxl reads from the
Overview.  Prints one line per mismatch; exits 1 if any."""
import math, sys
import xml.etree.ElementTree as ET
import openpyxl

NS = "{urn:poreview:responses:1}"
Z = 1.959963984540054
dims = ["quality", "delivery", "service", "price", "communication"]
vals = {d: [] for d in dims + ["recommend"]}
for r in ET.parse(sys.argv[1]).getroot().iter(NS + "response"):
    for a in r.iter(NS + "answer"):
        if a.get("question") in vals:
            vals[a.get("question")].append(int(a.text))


def wilson(k, n):
    p = k / n
    c = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    h = Z / (1 + Z * Z / n) * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))
    return p, c - h, c + h


def t975(df):
    # Simpson's rule on the t density from 0 to x, then bisection
    k = math.gamma((df + 1) / 2) / (math.sqrt(df * math.pi) * math.gamma(df / 2))
    def cdf(x, m=2000):
        h = x / m
        f = lambda t: k * (1 + t * t / df) ** (-(df + 1) / 2)
        s = f(0) + f(x) + sum((4 if i % 2 else 2) * f(i * h) for i in range(1, m))
        return 0.5 + s * h / 3
    lo, hi = 0.0, 50.0
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if cdf(mid) < 0.975 else (lo, mid)
    return (lo + hi) / 2


def mean_ci(v):
    n = len(v)
    m = sum(v) / n
    sd = math.sqrt(sum((x - m) ** 2 for x in v) / (n - 1))
    h = t975(n - 1) * sd / math.sqrt(n)
    return m, m - h, m + h


ws = openpyxl.load_workbook(sys.argv[2])["Overview"]
bad = 0


def same(what, got, want):
    global bad
    if got is None or abs(got - want) > 1e-9 * max(1, abs(want)):
        print("%s: workbook %r, recomputed %r" % (what, got, want))
        bad = 1


rated = [x for d in dims for x in vals[d]]
want = wilson(sum(1 for x in rated if x >= 4), len(rated))
for i, col in enumerate("BCD"):
    same("CSAT " + col, ws[col + "12"].value, want[i])
same("CSAT n", ws["E12"].value, len(rated))
r = vals["recommend"]
n = len(r)
pp = sum(1 for x in r if x >= 9) / n
pd = sum(1 for x in r if x <= 6) / n
se = math.sqrt((pp * (1 - pp) + pd * (1 - pd) + 2 * pp * pd) / n)
for col, w in zip("BCD", (100 * (pp - pd), 100 * (pp - pd - Z * se),
                          100 * (pp - pd + Z * se))):
    same("NPS " + col, ws[col + "13"].value, w)
for i, d in enumerate(dims):
    row = str(16 + i)
    m = mean_ci(vals[d])
    for col, w in zip("CDE", m):
        same(d + " mean " + col, ws[col + row].value, w)
    same(d + " n", ws["F" + row].value, len(vals[d]))
    c = wilson(sum(1 for x in vals[d] if x >= 4), len(vals[d]))
    for col, w in zip("GHI", c):
        same(d + " CSAT " + col, ws[col + row].value, w)
sys.exit(bad)
