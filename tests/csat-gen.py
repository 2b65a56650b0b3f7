#!/usr/bin/python3
"""csat-gen.py: write the sample survey exports of samples/surveys/ once
(they are committed as sample data; this script documents how they were
made).  The same answers go into responses.xml, in the order of the four
exports, so the XML and the four CSVs must give the same workbook."""
import csv, io, random, os

random.seed(20261127)
out = os.path.join(os.path.dirname(__file__), "..", "samples", "surveys")
customers = ["Hengxin Precision", "Northwind Pumps", "Acme Fasteners GmbH",
             "苏州精工机械有限公司", "Lakeside Tooling", "Baltic Marine AB",
             "Orion Valves", "Kestrel Hydraulics", "Tianjin Heavy Forge"]
dims = ["quality", "delivery", "service", "price", "communication"]
# each customer's leaning, and the quarter's effect per dimension
lean = {c: random.uniform(-0.6, 0.6) for c in customers}
lean["Orion Valves"] = -1.4          # an unhappy customer
quarter_effect = {1: {"delivery": 0.5, "quality": -0.3},
                  2: {"delivery": 0.6},
                  3: {"delivery": -1.3, "quality": 0.5}}
base = {"quality": 3.9, "delivery": 3.8, "service": 4.1, "price": 3.2,
        "communication": 4.0}
comments = [
    "Deliveries slipped twice this quarter, please warn us earlier.",
    "Good quality, but the packaging of the M8 bolts was damaged.",
    "Price is higher than \"Supplier B\", we need a better offer.",
    "Sales answered quickly.\nTechnical questions took a week, though.",
    "Happy overall, keep it up!",
    "交货期太长，希望能缩短。",
    "Invoices, delivery notes and certificates should arrive together.",
    "", "", "", "",
]
labels_en = ["Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied",
             "Very satisfied"]
labels_zh = ["非常不满意", "不满意", "一般", "满意", "非常满意"]


def clamp(v, lo, hi):
    return max(lo, min(hi, v))


def response(q):
    c = random.choice(customers)
    month = random.choice([(q - 1) * 3 + 1, (q - 1) * 3 + 2, (q - 1) * 3 + 3])
    day = random.randint(1, 28)
    t = (2026, month, day, random.randint(8, 17), random.randint(0, 59),
         random.randint(0, 59))
    scores = {}
    for d in dims:
        if random.random() < 0.06:
            scores[d] = None          # skipped
            continue
        v = base[d] + lean[c] + quarter_effect[q].get(d, 0) + \
            random.gauss(0, 0.7)
        scores[d] = int(clamp(round(v), 1, 5))
    avg = sum(v for v in scores.values() if v) / max(1, sum(
        1 for v in scores.values() if v))
    nps = int(clamp(round((avg - 1) * 2.5 + 1.5 + random.gauss(0, 1.2)), 0, 10))
    return dict(customer=c, t=t, scores=scores, nps=nps,
                comment=random.choice(comments))


def rows(n):
    return [response(q) for q in (1, 2, 3) for _ in range(n)]


def write(name, text, bom=False, crlf=False):
    if crlf:
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    with open(os.path.join(out, name), "w", encoding="utf-8-sig" if bom
              else "utf-8", newline="") as f:
        f.write(text)


def csv_text(table):
    b = io.StringIO()
    csv.writer(b, lineterminator="\n").writerows(table)
    return b.getvalue()


everything = []   # (respondent, response) in file order

# Google Forms: grid question "How satisfied ... [Row]", text answers
g = rows(12)
gq = "How satisfied are you with us? [%s]"
gn = ["Product quality", "On-time delivery", "After-sales service", "Price",
      "Communication"]
table = [["Timestamp", "Email Address", "Company name"] +
         [gq % n for n in gn] +
         ["How likely are you to recommend us to a colleague? (0-10)",
          "What should we improve?"]]
for i, r in enumerate(g):
    y, m, d, hh, mm, ss = r["t"]
    email = "buyer%d@%s.example" % (i + 1, r["customer"].split()[0].lower()
                                     if r["customer"].isascii() else "sz")
    table.append(["%d/%d/%d %d:%02d:%02d" % (m, d, y, hh, mm, ss), email,
                  r["customer"]] +
                 [labels_en[r["scores"][k] - 1] if r["scores"][k] else ""
                  for k in dims] + [str(r["nps"]), r["comment"]])
    everything.append((email, r))
write("google-forms.csv", csv_text(table))

# Microsoft Forms, Chinese headers, saved by Excel as CSV UTF-8 (CRLF);
# Excel drops trailing empty cells of the last column of a short row
ms = rows(9)
table = [["ID", "开始时间", "完成时间", "电子邮件", "名称", "公司名称",
          "产品质量满意度", "交货准时满意度", "售后服务满意度", "价格满意度",
          "沟通满意度", "您向同行推荐我们的可能性有多大？", "您希望我们改进什么？"]]
for i, r in enumerate(ms):
    y, m, d, hh, mm, ss = r["t"]
    email = "anonymous" if i % 4 == 0 else "user%d@customer.example" % (i + 1)
    row = [str(i + 1), "%d/%d/%d %d:%02d:%02d" % (y, m, d, hh, max(0, mm - 4),
           ss), "%d/%d/%d %d:%02d:%02d" % (y, m, d, hh, mm, ss), email,
           "" if email == "anonymous" else "用户%d" % (i + 1), r["customer"]] + \
          [labels_zh[r["scores"][k] - 1] if r["scores"][k] else ""
           for k in dims] + [str(r["nps"]), r["comment"]]
    if not r["comment"]:
        row = row[:-1]
    table.append(row)
    everything.append((email, r))
write("msforms-zh.csv", csv_text(table), crlf=True)

# LimeSurvey: BOM, system columns, codes (Q1[SQ00n] answers A1..A5)
ls = rows(9)
table = [["id", "submitdate", "lastpage", "startlanguage", "seed", "Q0"] +
         ["Q1[SQ00%d]" % (k + 1) for k in range(5)] + ["Q2", "Q3"]]
for i, r in enumerate(ls):
    y, m, d, hh, mm, ss = r["t"]
    table.append([str(i + 1), "%04d-%02d-%02d %02d:%02d:%02d" % r["t"], "3",
                  "en", str(random.randint(100000000, 999999999)),
                  r["customer"]] +
                 ["A%d" % r["scores"][k] if r["scores"][k] else ""
                  for k in dims] + [str(r["nps"]), r["comment"]])
    everything.append((str(i + 1), r))
write("limesurvey.csv", csv_text(table), bom=True)

# Qualtrics: three header rows, numeric choice values
qs = rows(9)
sysc = ["StartDate", "EndDate", "Status", "IPAddress", "Progress",
        "Duration (in seconds)", "Finished", "RecordedDate", "ResponseId",
        "RecipientLastName", "RecipientFirstName", "RecipientEmail",
        "ExternalReference", "LocationLatitude", "LocationLongitude",
        "DistributionChannel", "UserLanguage"]
text = ["Start Date", "End Date", "Response Type", "IP Address", "Progress",
        "Duration (in seconds)", "Finished", "Recorded Date", "Response ID",
        "Recipient Last Name", "Recipient First Name", "Recipient Email",
        "External Data Reference", "Location Latitude", "Location Longitude",
        "Distribution Channel", "User Language"]
imp = ['{"ImportId":"startDate","timeZone":"Asia/Shanghai"}',
       '{"ImportId":"endDate","timeZone":"Asia/Shanghai"}',
       '{"ImportId":"status"}', '{"ImportId":"ipAddress"}',
       '{"ImportId":"progress"}', '{"ImportId":"duration"}',
       '{"ImportId":"finished"}',
       '{"ImportId":"recordedDate","timeZone":"Asia/Shanghai"}',
       '{"ImportId":"_recordId"}', '{"ImportId":"recipientLastName"}',
       '{"ImportId":"recipientFirstName"}', '{"ImportId":"recipientEmail"}',
       '{"ImportId":"externalDataReference"}',
       '{"ImportId":"locationLatitude"}', '{"ImportId":"locationLongitude"}',
       '{"ImportId":"distributionChannel"}', '{"ImportId":"userLanguage"}']
table = [sysc + ["Q0"] + ["Q1_%d" % (k + 1) for k in range(5)] +
         ["Q2", "Q2_NPS_GROUP", "Q3"],
         text + ["Company name"] +
         ["How satisfied are you with us? - %s" % n for n in gn] +
         ["How likely are you to recommend us to a colleague? (0-10)",
          "How likely are you to recommend us to a colleague? (0-10) - Group",
          "What should we improve?"],
         imp + ['{"ImportId":"QID1_TEXT"}'] +
         ['{"ImportId":"QID2_%d"}' % (k + 1) for k in range(5)] +
         ['{"ImportId":"QID3_NPS_GROUP"}', '{"ImportId":"QID3"}',
          '{"ImportId":"QID4_TEXT"}']]
for i, r in enumerate(qs):
    rid = "R_%s" % "".join(random.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghij"
                                         "kmnopqrstuvwxyz0123456789")
                           for _ in range(15))
    stamp = "%04d-%02d-%02d %02d:%02d:%02d" % r["t"]
    grp = "3" if r["nps"] >= 9 else "2" if r["nps"] >= 7 else "1"
    table.append([stamp, stamp, "0", "203.0.113.%d" % (i + 10), "100",
                  str(random.randint(60, 600)), "1", stamp, rid, "", "", "",
                  "", "31.23", "121.47", "email", "EN", r["customer"]] +
                 [str(r["scores"][k]) if r["scores"][k] else "" for k in dims]
                 + [str(r["nps"]), grp, r["comment"]])
    everything.append((rid, r))
write("qualtrics.csv", csv_text(table))

# the same answers in csat-sum's XML
def esc(s):
    return (s.replace("&", "&amp;").replace("<", "&lt;")
            .replace('"', "&quot;").replace("\n", "&#10;"))

x = ['<?xml version="1.0" encoding="UTF-8"?>',
     '<!-- The answers of the four sample exports, in csat-sum\'s own '
     'format. -->',
     '<responses xmlns="urn:poreview:responses:1" survey="csat-2026">']
for rid, r in everything:
    x.append('  <response id="%s" customer="%s" date="%04d-%02d-%02d">'
             % (esc(rid), esc(r["customer"]), *r["t"][:3]))
    for k in dims:
        if r["scores"][k]:
            x.append('    <answer question="%s">%d</answer>'
                     % (k, r["scores"][k]))
    x.append('    <answer question="recommend">%d</answer>' % r["nps"])
    if r["comment"]:
        x.append('    <answer question="improve">%s</answer>'
                 % esc(r["comment"]).replace("&#10;", "\n"))
    x.append('  </response>')
x.append('</responses>')
write("responses.xml", "\n".join(x) + "\n")
