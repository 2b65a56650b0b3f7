#!/usr/bin/python3
# property-life.py BIN DB SEED ITEMS EVENTS: a random life of customer
# property, checked against a model of its own.  Lays ITEMS expected
# items into the ledger DB (made by po-ledger init), then records EVENTS
# random events through po-property, one command each, in either argument
# order, with quantities in the item's unit or another (TNE for KGM, C62
# for KGM, which does not convert), some more than there is.  The model
# here says whether each event must be taken; the command must agree, and
# a refused one must leave `sqlite3 DB .dump` byte-identical.  At the end
# po-property list and the register workbook (read with openpyxl) must
# show, item by item, the quantities the model summed.  Prints check
# lines ("ok ...", "FAIL ...") for lib.sh's results.
import random
import sqlite3
import subprocess
import sys

import openpyxl

bindir, db, seed, nitems, nevents = sys.argv[1:6]
rnd = random.Random(int(seed))
prop = bindir + "/po-property"
today = "2026-12-01"
TO_KGM = {"KGM": 1, "TNE": 1000}

# --- the items -------------------------------------------------------------
items = []
con = sqlite3.connect(db)
for i in range(int(nitems)):
    kind = ("KGM", 500) if i % 5 < 2 else ("C62", None) if i % 5 < 4 else ("", None)
    item = "LIFE/%d/%d" % (i % 7, i)
    con.execute("INSERT INTO property_event (item, event, type, description, "
                "quantity, unit, who, at) VALUES (?, 'expect', 'material', ?, "
                "?, ?, 'po-ledger', '2026-11-01')",
                (item, "life item %d" % i, kind[1], kind[0] or None))
    items.append({"id": item, "unit": kind[0], "expected": kind[1],
                  "counted": kind[1] is not None, "lots": [], "held": 0,
                  "received": 0, "issued": 0, "returned": 0, "damaged": 0,
                  "lost": 0, "unsuitable": 0, "status": "expected",
                  "owed": False, "told": False})
con.commit()
con.close()


def stock(it, k=None, want=None, pending=False):
    s = 0
    for i, lot in enumerate(it["lots"]):
        if k is not None and i != k:
            continue
        if pending:
            if lot["insp"] is None:
                s += lot["stock"]
        elif want is None or lot["insp"] == want:
            s += lot["stock"]
    return s


def take(it, q, k, want):
    for i, lot in enumerate(it["lots"]):
        if q <= 0:
            break
        if (k is not None and i != k) or (want and lot["insp"] != want):
            continue
        d = min(lot["stock"], q)
        lot["stock"] -= d
        q -= d


def apply(it, ev, q, unit, cond, delivery):
    """The model: True when the event is taken (it then changes it)."""
    if ev == "tell":
        if it["owed"]:
            it["owed"], it["told"] = False, True
            return True
        return False
    if unit:
        if not it["unit"]:
            if it["lots"]:
                return False
        elif unit != it["unit"]:
            if unit not in TO_KGM or it["unit"] not in TO_KGM:
                return False
            if q is not None:
                q = q * TO_KGM[unit] / TO_KGM[it["unit"]]
    if ev == "receive":
        if q is None and it["counted"] and (it["lots"] or it["expected"] is None):
            return False
        if q is None:
            q = it["expected"] if it["expected"] is not None else 1
        else:
            it["counted"] = True
        if not it["unit"] and unit:
            it["unit"] = unit
        it["lots"].append({"recv": q, "stock": q, "insp": None})
        it["received"] += q
        it["status"] = "received"
        return True
    if not it["lots"]:
        return False
    k = delivery - 1 if delivery else None
    if k is not None and k >= len(it["lots"]):
        return False
    if ev == "inspect":
        if k is None:
            cand = [i for i, l in enumerate(it["lots"]) if l["insp"] is None and l["stock"] > 0]
            if not cand:
                cand = [i for i, l in enumerate(it["lots"]) if l["stock"] > 0][-1:]
            if not cand:
                return False
            k = cand[0]
        if it["lots"][k]["stock"] <= 0:
            return False
        it["lots"][k]["insp"] = cond
        it["status"] = "inspected ok" if cond == "ok" else "nonconforming"
        if cond != "ok":
            it["owed"], it["told"] = True, False
        return True
    if ev == "issue":
        there = stock(it, k, "ok")
    elif ev in ("damage", "unsuitable"):
        there = stock(it, k)
    else:
        there = stock(it, k) + (it["held"] if k is None else 0)
    if there <= 0:
        return False
    if q is None:
        q = there
    if q > there:
        return False
    if ev == "issue":
        take(it, q, k, "ok")
        it["issued"] += q
        it["status"] = "issued"
    elif ev in ("damage", "unsuitable"):
        take(it, q, k, None)
        it["held"] += q
        it["damaged" if ev == "damage" else "unsuitable"] += q
        it["status"] = "damaged" if ev == "damage" else "unsuitable"
        it["owed"], it["told"] = True, False
    else:
        h = min(q, it["held"]) if k is None else 0
        it["held"] -= h
        take(it, q - h, k, None)
        it["returned" if ev == "return" else "lost"] += q
        it["status"] = "returned" if ev == "return" else "lost"
        if ev == "lose":
            it["owed"], it["told"] = True, False
    return True


def dump():
    # the whole ledger as SQL text, read in this process (a sqlite3 .dump
    # per refusal was a third of the run)
    c = sqlite3.connect(db)
    try:
        return "\n".join(c.iterdump())
    finally:
        c.close()


def num(v):
    return "%.15g" % v


fails = []
taken = refused = 0
before = None
weights = [("receive", 14), ("inspect", 12), ("issue", 20), ("return", 6),
           ("damage", 8), ("lose", 4), ("unsuitable", 4), ("tell", 6)]
for n in range(int(nevents)):
    it = rnd.choice(items)
    ev = rnd.choices([w[0] for w in weights], [w[1] for w in weights])[0]
    q = unit = cond = None
    delivery = 0
    if ev != "tell" and ev != "inspect" and rnd.random() < 0.8:
        have = max(stock(it) + it["held"], 10)
        q = rnd.randint(1, int(have * 1.1) + 1)
        if it["unit"] == "KGM" and rnd.random() < 0.2:
            q, unit = rnd.randint(1, 8) / 4, "TNE"
    if ev != "tell" and rnd.random() < 0.05:
        unit = "C62" if it["unit"] == "KGM" else "KGM"
    if ev == "inspect":
        cond = rnd.choice(["ok", "ok", "ok", "nonconforming"])
    if ev not in ("receive", "tell") and rnd.random() < 0.2:
        delivery = rnd.randint(1, len(it["lots"]) + 1)
    args = ["--today", today, "--who", "w%d" % (n % 5)]
    if ev == "receive":
        args += ["--location", "rack %d" % (n % 9)]
    if q is not None:
        args += ["--qty", num(q)]
    if unit:
        args += ["--unit", unit]
    if delivery:
        args += ["--delivery", str(delivery)]
    operands = [ev, db, it["id"]] if n % 10 else [db, ev, it["id"]]
    if cond:
        operands.append(cond)
    expect = apply(it, ev, q, unit, cond, delivery)
    if not expect and before is None:
        before = dump()
    r = subprocess.run([prop] + args + operands, capture_output=True, text=True)
    if r.returncode != (0 if expect else 1):
        fails.append("event %d (%s): po-property exit %d, the model says %s: %s"
                     % (n, " ".join(operands + args), r.returncode,
                        "taken" if expect else "refused", r.stderr.strip()))
        before = None
        if len(fails) > 5:
            break
        continue
    if expect:
        taken += 1
        before = None
    else:
        refused += 1
        if dump() != before:
            fails.append("event %d (%s) was refused but the ledger changed"
                         % (n, " ".join(operands)))
print(("ok" if not fails else "FAIL") + " property: the random life: %d events "
      "taken and %d refused as the model says, each refusal leaving the "
      "ledger's dump byte-identical%s" % (taken, refused,
                                        ": " + " | ".join(fails) if fails else ""))

# --- the sums --------------------------------------------------------------
out = subprocess.run([prop, "--today", today, "list", db], capture_output=True,
                     text=True, check=True).stdout.splitlines()
head = out[0].lstrip("#").split("\t")
rows = {}
for line in out[1:]:
    f = dict(zip(head, line.split("\t")))
    rows[f["item"]] = f
cols = ["received", "in_stock", "issued", "returned", "damaged", "lost",
        "unsuitable"]
bad = []
for it in items:
    f = rows.get(it["id"])
    want = {"received": it["received"], "in_stock": stock(it),
            "issued": it["issued"], "returned": it["returned"],
            "damaged": it["damaged"], "lost": it["lost"],
            "unsuitable": it["unsuitable"]}
    if f is None:
        bad.append("%s missing" % it["id"])
        continue
    for c in cols:
        got = f[c]
        exp = num(want[c]) if it["lots"] else ""
        if got != exp:
            bad.append("%s %s %s, summed %s" % (it["id"], c, got, exp))
    if f["status"] != it["status"] or f["unit"] != it["unit"] or \
            f["deliveries"] != str(len(it["lots"])) or \
            f["tell_customer"] != ("yes" if it["owed"] else "no"):
        bad.append("%s: %s %s %s %s, the model %s %s %d %s" % (
            it["id"], f["status"], f["unit"], f["deliveries"],
            f["tell_customer"], it["status"], it["unit"], len(it["lots"]),
            it["owed"]))
busy = sum(1 for it in items if it["lots"])
print(("ok" if not bad else "FAIL") + " property: po-property list: the "
      "quantities, unit, status and flag of each of the %d items (%d "
      "received) equal the sums of the model%s" % (len(items), busy,
      ": " + "; ".join(bad[:8]) if bad else ""))

xlsx = db + ".xlsx"
subprocess.run([prop, "--today", today, "--lang", "en", "-o", xlsx, "sheet",
                db], check=True)
ws = openpyxl.load_workbook(xlsx)["Register"]
hdr = [c.value for c in ws[1]]
idx = {h: i for i, h in enumerate(hdr)}
names = {"received": "Received qty", "in_stock": "In stock",
         "issued": "Issued", "returned": "Returned", "damaged": "Damaged",
         "lost": "Lost", "unsuitable": "Unsuitable"}
bad = []
seen = 0
for row in ws.iter_rows(min_row=2, values_only=True):
    it = next((x for x in items if x["id"] == row[0]), None)
    if it is None:
        continue
    seen += 1
    for c, h in names.items():
        v = row[idx[h]]
        exp = (it["received"] if c == "received" else stock(it) if c ==
               "in_stock" else it[c]) if it["lots"] else None
        if (v is None) != (exp is None) or (v is not None and abs(v - exp) > 1e-9):
            bad.append("%s %s %r, summed %r" % (it["id"], h, v, exp))
    if (row[idx["Unit"]] or "") != it["unit"]:
        bad.append("%s unit %r" % (it["id"], row[idx["Unit"]]))
print(("ok" if not bad and seen == len(items) else "FAIL") + " property: the "
      "register workbook (openpyxl): the same quantities and units for all "
      "%d items%s" % (seen, ": " + "; ".join(bad[:8]) if bad else ""))
