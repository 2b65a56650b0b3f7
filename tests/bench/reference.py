#!/usr/bin/python3
"""tests/bench/reference.py: the script a user would write instead of poreview.

The bench's yardstick (issue 18): it reads the same UBL orders with lxml,
checks them against the same capability catalog and requirement rules, and
writes a review workbook with XlsxWriter in constant-memory mode, as a
careful user would. The checks are of the same kinds as po-check's, not the
same finding for finding: the SKU known, the unit convertible to the
product's base unit, the price against the catalog's (rules' tolerance),
minimum and multiple of the order quantity, the lead time (production days
over the factory's calendar, then transit) against the requested date, the
capacity per product and ISO week (first come first served), the order's
value against the general manager's limit, and each rule of the rules file
(required, values, range, pattern, date-offset) on the fields it names. The
workbook has Summary, Lines and Findings (with the columns to sign in and a
drop-down decision).

    reference.py --catalog CAT --rules RULES --today YYYY-MM-DD -o OUT.xlsx
                 (--files-from LIST [-0] | FILE...)

It prints "orders=N lines=L findings=F" on standard output.
"""
import argparse
import datetime as dt
import re
import sys
from collections import defaultdict

from lxml import etree
import xlsxwriter

CAT = "{urn:poreview:catalog:1}"
RUL = "{urn:poreview:rules:1}"
NS = {
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}
DAYS = {"Mon": 0, "Tue": 1, "Wed": 2, "Thu": 3, "Fri": 4, "Sat": 5, "Sun": 6}
DEPTS = ["sales", "purchasing", "production", "rd", "quality", "gm"]
SEV = {"info": 0, "review": 1, "reject": 2}


def day(s):
    try:
        return dt.date.fromisoformat(s[:10]) if s else None
    except ValueError:
        return None


def num(s):
    try:
        return float(s) if s not in (None, "") else None
    except ValueError:
        return None


def load_catalog(path):
    root = etree.parse(path).getroot()
    cal = root.find(CAT + "calendar")
    ww = cal.find(CAT + "work-week").get("production").split()
    workdays = {DAYS[d] for d in ww}
    off, on = set(), set()
    for h in cal.iter(CAT + "holiday"):
        a, b = day(h.get("from")), day(h.get("to"))
        while a <= b:
            off.add(a)
            a += dt.timedelta(days=1)
    for w in cal.iter(CAT + "workday"):
        on.add(day(w.get("date")))
    tr = root.find(CAT + "transit")
    transit = {r.get("country"): int(r.get("days")) for r in tr.iter(CAT + "route")}
    default_transit = int(tr.get("default-days"))
    same = {s.get("code"): s.get("as") for s in root.iter(CAT + "same")}
    outsourced = {m.get("code"): m.findtext(CAT + "name")
                  for m in root.iter(CAT + "material") if m.get("outsourced") == "true"}
    bought = {m.get("code"): int(m.get("purchase-days", "0"))
              for m in root.iter(CAT + "material") if m.get("stock") == "order"}
    products = {}
    for p in root.iter(CAT + "product"):
        units = p.find(CAT + "units")
        prod = {
            "name": p.findtext(CAT + "name"),
            "base": units.get("base"),
            "units": {u.get("code"): float(u.get("factor")) for u in units},
            "prices": {(x.get("currency"), x.get("unit")): float(x.get("amount"))
                       for x in p.iter(CAT + "price")},
            "status": p.get("status"),
        }
        o = p.find(CAT + "order")
        prod["min"] = num(o.get("min")) if o is not None else None
        prod["multiple"] = num(o.get("multiple")) if o is not None else None
        c = p.find(CAT + "capacity")
        prod["capacity"] = num(c.get("per-week")) if c is not None else None
        lt = p.find(CAT + "lead-time")
        prod["lead"] = int(lt.get("days")) if lt is not None else 0
        bom = [i.get("material") for i in p.iter(CAT + "item")]
        prod["outsourced"] = [outsourced[m] for m in bom if m in outsourced]
        prod["buy"] = max([bought[m] for m in bom if m in bought], default=0)
        products[p.get("sku")] = prod
    return {"workdays": workdays, "off": off, "on": on, "transit": transit,
            "default_transit": default_transit, "same": same, "products": products}


def load_rules(path):
    root = etree.parse(path).getroot()
    st = root.find(RUL + "settings")
    tol = float(st.find(RUL + "price-tolerance").get("percent")) if st is not None else 3
    gm = {a.get("currency"): float(a.get("amount")) for a in root.iter(RUL + "above")}
    rules = []
    for r in root.iter(RUL + "rule"):
        rule = dict(r.attrib)
        rule["message"] = next((m.text for m in r.iter(RUL + "message")
                                if m.get("lang") == "en"), rule["id"])
        if r.find(RUL + "required") is not None:
            rule["kind"] = "required"
        elif r.find(RUL + "values") is not None:
            rule["kind"] = "values"
            rule["values"] = {v.text for v in r.iter(RUL + "value")}
        elif r.find(RUL + "range") is not None:
            g = r.find(RUL + "range")
            rule["kind"] = "range"
            rule["min"], rule["max"] = num(g.get("min")), num(g.get("max"))
        elif r.find(RUL + "date-offset") is not None:
            rule["kind"] = "date-offset"
            rule["days"] = int(r.find(RUL + "date-offset").get("min-days"))
        elif r.find(RUL + "pattern") is not None:
            rule["kind"] = "pattern"
            try:
                rule["re"] = re.compile(r.findtext(RUL + "pattern"))
            except re.error:        # a PCRE2 construct Python lacks
                continue
        else:
            continue
        rules.append(rule)
    return tol, gm, rules


def text(el, path):
    v = el.findtext(path, namespaces=NS)
    return v.strip() if v else None


def parse_order(path):
    root = etree.parse(path).getroot()
    buyer = root.find("cac:BuyerCustomerParty/cac:Party", NS)
    o = {
        "file": path,
        "number": text(root, "cbc:ID"),
        "date": text(root, "cbc:IssueDate"),
        "currency": text(root, "cbc:DocumentCurrencyCode"),
        "note": [n.text for n in root.findall("cbc:Note", NS) if n.text],
        "customer": None, "buyer_id": None, "buyer_country": None,
        "delivery_to": text(root, "cac:Delivery/cac:RequestedDeliveryPeriod/cbc:EndDate") or
        text(root, "cac:Delivery/cac:RequestedDeliveryPeriod/cbc:StartDate"),
        "delivery_country": text(root, "cac:Delivery/cac:DeliveryLocation/cac:Address/"
                                 "cac:Country/cbc:IdentificationCode"),
        "payment_terms": " ".join(n.text for n in root.findall("cac:PaymentTerms/cbc:Note", NS)
                                  if n.text) or None,
        "payment_means": text(root, "cac:PaymentMeans/cbc:PaymentMeansCode"),
        "incoterms": text(root, "cac:DeliveryTerms/cbc:ID"),
        "terms": text(root, "cac:DeliveryTerms/cbc:SpecialTerms"),
        "doc": [d.findtext("cbc:ID", namespaces=NS) or "" for d in
                root.findall("cac:AdditionalDocumentReference", NS)],
        "lines": [],
    }
    if buyer is not None:
        o["customer"] = text(buyer, "cac:PartyName/cbc:Name") or \
            text(buyer, "cac:PartyLegalEntity/cbc:RegistrationName")
        o["buyer_id"] = text(buyer, "cac:PartyIdentification/cbc:ID") or \
            text(buyer, "cbc:EndpointID")
        o["buyer_country"] = text(buyer, "cac:PostalAddress/cac:Country/cbc:IdentificationCode")
    o["key"] = "%s/%s" % (o["buyer_id"] or "", o["number"] or "")
    for li in root.iterfind("cac:OrderLine/cac:LineItem", NS):
        q = li.find("cbc:Quantity", NS)
        line = {
            "id": text(li, "cbc:ID"),
            "quantity": num(q.text) if q is not None else None,
            "unit": q.get("unitCode") if q is not None else None,
            "amount": num(text(li, "cbc:LineExtensionAmount")),
            "price": num(text(li, "cac:Price/cbc:PriceAmount")),
            "base_qty": num(text(li, "cac:Price/cbc:BaseQuantity")) or 1,
            "item": text(li, "cac:Item/cbc:Name"),
            "sku": text(li, "cac:Item/cac:SellersItemIdentification/cbc:ID"),
            "buyer_item": text(li, "cac:Item/cac:BuyersItemIdentification/cbc:ID"),
            "note": [n.text for n in li.findall("cbc:Note", NS) if n.text],
            "delivery_to": text(li, "cac:Delivery/cac:RequestedDeliveryPeriod/cbc:EndDate") or
            text(li, "cac:Delivery/cac:RequestedDeliveryPeriod/cbc:StartDate") or
            o["delivery_to"],
            "delivery_country": o["delivery_country"],
            "seller_item": None,
            "prop": ["%s: %s" % (p.findtext("cbc:Name", namespaces=NS),
                                 p.findtext("cbc:Value", namespaces=NS))
                     for p in li.findall("cac:Item/cac:AdditionalItemProperty", NS)],
        }
        if line["amount"] is None and line["quantity"] is not None and \
                line["price"] is not None:
            line["amount"] = round(line["quantity"] * line["price"] / line["base_qty"], 4)
        line["seller_item"] = line["sku"]
        o["lines"].append(line)
    return o


class Review:
    def __init__(self, cat, rules, today):
        self.cat = cat
        self.tol, self.gm, self.rules = rules
        self.today = today
        self.load = defaultdict(float)       # (sku, "YYYY-Www") -> base quantity

    def working(self, d):
        return d in self.cat["on"] or (d.weekday() in self.cat["workdays"] and
                                       d not in self.cat["off"])

    def ready(self, start, days):
        d = start
        while days > 0:
            d += dt.timedelta(days=1)
            if self.working(d):
                days -= 1
        return d

    def rule_check(self, o, line, scope, add):
        for r in self.rules:
            if r["scope"] != scope:
                continue
            src = line if scope == "line" else o
            v = src.get(r["field"])
            vals = v if isinstance(v, list) else ([] if v is None else [v])
            k, hit = r["kind"], None
            if k == "required":
                hit = "" if not vals else None
            elif k == "values":
                hit = next((x for x in vals if x not in r["values"]), None)
            elif k == "range":
                hit = next((x for x in vals if isinstance(x, float) and
                            not r["min"] <= x <= r["max"]), None)
            elif k == "date-offset":
                for x in vals:
                    dd = day(x)
                    if dd and (dd - self.today).days < r["days"]:
                        hit = x
                        break
            elif k == "pattern":
                hit = next((x for x in vals if r["re"].search(str(x))), None)
            if hit is not None:
                add(r["department"], r["severity"], r["id"],
                    r["message"].replace("{value}", str(hit)), line)

    def order(self, o):
        findings = []

        def add(dept, sev, code, msg, line=None):
            findings.append((line["id"] if line else None, dept, sev, code, msg))
            if line is not None:
                line["codes"].append(code)
                line["worst"] = max(line["worst"], SEV[sev])

        products, same = self.cat["products"], self.cat["same"]
        # for the D terms the requested date is the arrival: leave earlier
        transit = self.cat["transit"].get(o["delivery_country"], self.cat["default_transit"]) \
            if (o["incoterms"] or "").startswith("D") else 0
        for need in ("number", "date", "customer", "currency", "delivery_to"):
            if not o[need]:
                add("sales", "review", "missing-" + need, "The order states no %s." % need)
        self.rule_check(o, None, "order", add)
        total = 0.0
        for line in o["lines"]:
            line["codes"], line["worst"] = [], -1
            total += line["amount"] or 0
            self.rule_check(o, line, "line", add)
            p = products.get(line["sku"])
            if p is None:
                add("sales", "review", "unknown-sku",
                    "%s is not in the catalog." % line["sku"], line)
                continue
            if p["status"] == "phase-out":
                add("sales", "info", "phase-out", "%s is being phased out." % line["sku"], line)
            unit = same.get(line["unit"], line["unit"])
            factor = p["units"].get(unit)
            if factor is None:
                add("sales", "review", "unit", "%s is not sold in %s." %
                    (line["sku"], line["unit"]), line)
                continue
            qty = (line["quantity"] or 0) * factor
            if p["min"] and qty < p["min"]:
                add("production", "review", "below-moq", "Quantity %g is below the minimum %g."
                    % (qty, p["min"]), line)
            elif p["multiple"] and qty % p["multiple"]:
                add("production", "review", "not-multiple", "Quantity %g is not a multiple of %g."
                    % (qty, p["multiple"]), line)
            want = p["prices"].get((o["currency"], unit))
            if want is None:
                add("sales", "review", "price-currency", "No list price of %s in %s." %
                    (line["sku"], o["currency"]), line)
            elif line["price"] is not None and \
                    abs(line["price"] / line["base_qty"] - want) > want * self.tol / 100:
                add("sales", "review", "price", "Price %g differs from the list price %g."
                    % (line["price"], want), line)
            if p["outsourced"]:
                add("purchasing", "info", "outsourced", "Outsourced work for %s: %s. "
                    "Purchasing schedules it." % (line["sku"], "; ".join(p["outsourced"])), line)
            req = day(line["delivery_to"])
            if req is None:
                continue
            ship = req - dt.timedelta(days=transit)
            earliest = self.ready(self.today + dt.timedelta(days=p["buy"]), p["lead"])
            if earliest > ship:
                add("production", "review", "lead-time", "The goods must leave the factory by "
                    "%s, but the earliest feasible date is %s." % (ship, earliest), line)
            y, w, _ = ship.isocalendar()
            week = "%d-W%02d" % (y, w)
            self.load[(line["sku"], week)] += qty
            if p["capacity"] and self.load[(line["sku"], week)] > p["capacity"]:
                add("production", "review", "capacity", "%s in %s: %g over the weekly capacity "
                    "%g." % (line["sku"], week, self.load[(line["sku"], week)], p["capacity"]),
                    line)
        limit = self.gm.get(o["currency"])
        if limit is not None and total > limit:
            add("gm", "review", "value-above-gm", "Order value %.2f %s is above %g: the general "
                "manager approves." % (total, o["currency"], limit))
        worst = max((SEV[f[2]] for f in findings), default=-1)
        o["verdict"] = "reject" if worst == 2 else \
            "incomplete" if any(f[3].startswith("missing-") for f in findings) else \
            "special" if worst == 1 else "regular"
        o["total"] = total
        o["findings"] = findings


def write_book(path, orders):
    wb = xlsxwriter.Workbook(path, {"constant_memory": True})
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "text_wrap": True,
                          "valign": "top"})
    top = wb.add_format({"valign": "top", "text_wrap": True})
    date = wb.add_format({"num_format": "yyyy-mm-dd", "valign": "top"})
    n0 = wb.add_format({"num_format": "#,##0", "valign": "top"})
    money = {}

    def mfmt(cur):
        if cur not in money:
            money[cur] = wb.add_format({"num_format": '#,##0.00 "%s"' % cur, "valign": "top"})
        return money[cur]

    def sheet(name, cols):
        ws = wb.add_worksheet(name)
        for i, (title, width) in enumerate(cols):
            ws.set_column(i, i, width)
            ws.write_string(0, i, title, head)
        ws.freeze_panes(1, 0)
        return ws

    su = sheet("Summary", [("Key", 32), ("Customer", 30), ("Order no.", 16), ("Date", 11),
                           ("Requested delivery", 11), ("Lines", 6), ("Amount", 16),
                           ("Currency", 8), ("Verdict", 10), ("Departments", 30),
                           ("Info", 6), ("Review", 6), ("Reject", 6), ("Delivery terms", 30)])
    li = sheet("Lines", [("Order no.", 16), ("Customer", 30), ("Line", 6), ("SKU", 14),
                         ("Item", 22), ("Properties", 38), ("Quantity", 10), ("Unit", 6),
                         ("Price", 14), ("Amount", 16), ("Currency", 8),
                         ("Requested delivery", 11), ("Status", 8), ("Findings", 20)])
    fi = sheet("Findings", [("Order no.", 16), ("Customer", 30), ("Line", 6),
                            ("Department", 12), ("Severity", 9), ("Code", 14), ("Message", 60),
                            ("Reviewer", 14), ("Decision", 14), ("Date", 11),
                            ("Comment", 30), ("Key", 4)])
    fi.set_column(11, 11, 4, None, {"hidden": True})
    status = ["Info", "Review", "Reject"]
    r_su = r_li = r_fi = 1
    for o in orders:
        cur = o["currency"]
        count = [0, 0, 0]
        for f in o["findings"]:
            count[SEV[f[2]]] += 1
        depts = sorted({f[1] for f in o["findings"]} | {"sales"}, key=DEPTS.index)
        su.write_string(r_su, 0, o["key"], top)
        su.write_string(r_su, 1, o["customer"] or "", top)
        su.write_string(r_su, 2, o["number"] or "", top)
        for c, v in ((3, o["date"]), (4, o["delivery_to"])):
            d = day(v)
            if d:
                su.write_datetime(r_su, c, dt.datetime(d.year, d.month, d.day), date)
        su.write_number(r_su, 5, len(o["lines"]), n0)
        su.write_number(r_su, 6, o["total"], mfmt(cur))
        su.write_string(r_su, 7, cur or "", top)
        su.write_string(r_su, 8, o["verdict"], top)
        su.write_string(r_su, 9, ", ".join(depts), top)
        for i in range(3):
            su.write_number(r_su, 10 + i, count[i], n0)
        su.write_string(r_su, 13, o["terms"] or o["incoterms"] or "", top)
        r_su += 1
        for ln in o["lines"]:
            li.write_string(r_li, 0, o["number"] or "", top)
            li.write_string(r_li, 1, o["customer"] or "", top)
            li.write_string(r_li, 2, ln["id"] or "", top)
            li.write_string(r_li, 3, ln["sku"] or "", top)
            li.write_string(r_li, 4, ln["item"] or "", top)
            li.write_string(r_li, 5, "; ".join(ln["prop"]), top)
            if ln["quantity"] is not None:
                li.write_number(r_li, 6, ln["quantity"], n0)
            li.write_string(r_li, 7, ln["unit"] or "", top)
            if ln["price"] is not None:
                li.write_number(r_li, 8, ln["price"], mfmt(cur))
            if ln["amount"] is not None:
                li.write_number(r_li, 9, ln["amount"], mfmt(cur))
            li.write_string(r_li, 10, cur or "", top)
            d = day(ln["delivery_to"])
            if d:
                li.write_datetime(r_li, 11, dt.datetime(d.year, d.month, d.day), date)
            li.write_string(r_li, 12, status[ln["worst"]] if ln.get("worst", -1) >= 0
                            else "ok", top)
            if ln.get("codes"):
                li.write_string(r_li, 13, ", ".join(ln["codes"]), top)
            r_li += 1
        for n, (line, dept, sev, code, msg) in enumerate(o["findings"], 1):
            fi.write_string(r_fi, 0, o["number"] or "", top)
            fi.write_string(r_fi, 1, o["customer"] or "", top)
            if line:
                fi.write_string(r_fi, 2, line, top)
            fi.write_string(r_fi, 3, dept, top)
            fi.write_string(r_fi, 4, sev, top)
            fi.write_string(r_fi, 5, code, top)
            fi.write_string(r_fi, 6, msg, top)
            fi.write_string(r_fi, 11, "%s#%d" % (o["key"], n), top)
            r_fi += 1
    for ws, r, c in ((su, r_su, 13), (li, r_li, 13), (fi, r_fi, 11)):
        ws.autofilter(0, 0, max(r - 1, 1), c)
    if r_fi > 1:
        fi.data_validation(1, 8, r_fi - 1, 8, {"validate": "list", "source":
                                               ["accept", "accept with conditions",
                                                "decline", "ask the customer"]})
        fi.data_validation(1, 9, r_fi - 1, 9, {"validate": "date", "criteria": ">=",
                                               "value": dt.date(2000, 1, 1)})
    wb.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--catalog", required=True)
    ap.add_argument("--rules", required=True)
    ap.add_argument("--today", required=True)
    ap.add_argument("--files-from")
    ap.add_argument("-0", dest="nul", action="store_true")
    ap.add_argument("-o", dest="out", required=True)
    ap.add_argument("files", nargs="*")
    a = ap.parse_args()
    files = list(a.files)
    if a.files_from:
        with open(a.files_from, "rb") as f:
            data = f.read().decode()
        files += [x for x in data.split("\0" if a.nul else "\n") if x]
    review = Review(load_catalog(a.catalog), load_rules(a.rules), day(a.today))
    orders = []
    for path in files:
        o = parse_order(path)
        review.order(o)
        orders.append(o)
    write_book(a.out, orders)
    print("orders=%d lines=%d findings=%d" % (len(orders), sum(len(o["lines"]) for o in orders),
                                              sum(len(o["findings"]) for o in orders)))


if __name__ == "__main__":
    sys.exit(main())
