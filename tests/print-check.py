# print-check.py DIR: for each DIR/NAME.html that pdftotext -bbox-layout
# wrote, tab-separated lines
#   overlaps NAME COUNT EXAMPLES   words of different text lines whose
#                                  boxes intersect (below)
#   pages NAME SHEET N             pages per sheet, named by its page
#                                  header's right part; a review record
#                                  is "record" (its most pages;
#                                  "records over a page", how many
#                                  take more), the whole file "total"
# Overlap: two words on different lines of pdftotext's layout whose
# rectangles intersect by more than 1 point across and by more than 40%
# of the shorter one's height down.  A word box spans the font's whole
# ascent and descent, so the boxes of two lines of one paragraph touch
# or overlap a little; text printed over other text overlaps far more.
import glob, html.parser, os, sys

NAMES = {"汇总": "Summary", "订单行": "Lines", "评审事项": "Findings",
         "产能": "Capacity", "产能图": "Capacity chart",
         "顾客财产": "Customer property",
         "顾客财产登记": "Register", "逾期未到": "Overdue", "意见": "Comments",
         "变更": "Changes", "说明": "About", "概览": "Overview"}


class Words(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.pages, self.line, self.word = [], 0, None

    def handle_starttag(self, tag, a):
        a = dict(a)
        if tag == "page":
            self.pages.append((float(a["width"]), []))
        elif tag == "line":
            self.line += 1
        elif tag == "word":
            self.word = [self.line, "", float(a["xmin"]), float(a["ymin"]),
                         float(a["xmax"]), float(a["ymax"])]

    def handle_data(self, d):
        if self.word is not None:
            self.word[1] += d

    def handle_endtag(self, tag):
        if tag == "word" and self.word is not None:
            self.pages[-1][1].append(self.word)
            self.word = None


def overlaps(words):
    out = []
    # a word set upright (a chart's axis label: taller than wide, more
    # than one character) is not a line of text
    ws = sorted((w for w in words if len(w[1]) < 2 or
                 w[5] - w[3] < w[4] - w[2]), key=lambda w: w[3])
    for i, a in enumerate(ws):
        for b in ws[i + 1:]:
            if b[3] >= a[5]:
                break
            if a[0] == b[0]:
                continue
            dx = min(a[4], b[4]) - max(a[2], b[2])
            dy = min(a[5], b[5]) - max(a[3], b[3])
            if dx > 1 and dy > 0.4 * min(a[5] - a[3], b[5] - b[3]):
                out.append("%s|%s" % (a[1], b[1]))
    return out


for f in sorted(glob.glob(os.path.join(sys.argv[1], "*.html"))):
    name = os.path.basename(f)[:-5]
    p = Words()
    with open(f, encoding="utf-8") as fp:
        p.feed(fp.read())
    pages, over = {}, []
    for i, (width, words) in enumerate(p.pages):
        # the page header: the top line's words on the right half (a
        # sheet scaled to one page wide may start its table above 36 pt)
        top = min((w[3] for w in words), default=0)
        head = " ".join(w[1] for w in sorted(words, key=lambda w: w[2])
                        if w[5] < 36 and w[3] < top + 2 and w[2] > width * 0.5)
        if head.startswith("Order no.") or head.startswith("订单号"):
            head = "record:" + head
        head = NAMES.get(head, head)
        pages[head] = pages.get(head, 0) + 1
        over += ["p%d %s" % (i + 1, o) for o in overlaps(words)]
    print("overlaps\t%s\t%d\t%s" % (name, len(over), " ".join(over[:5])))
    records = [n for h, n in pages.items() if h.startswith("record:")]
    for h, n in pages.items():
        if not h.startswith("record:"):
            print("pages\t%s\t%s\t%d" % (name, h, n))
    print("pages\t%s\trecord\t%d" % (name, max(records) if records else 0))
    print("pages\t%s\trecords over a page\t%d" % (name,
          sum(1 for n in records if n > 1)))
    print("pages\t%s\ttotal\t%d" % (name, len(p.pages)))
