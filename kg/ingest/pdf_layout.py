"""The reading of a PDF's pages: from the words on each page (``Word``, with their boxes and font
sizes, as ``kg.ingest.pdf`` reads them) to the article's paragraphs, in reading order, without the
page furniture (``article``):

- marks: a footnote mark (a number or * † ‡ in a font at most 0.8 of its word's, raised above
  its baseline and glued to it: "deployment¹") is dropped; so is a footnote block, the small-font
  lines at the foot of a page whose first starts with such a mark;
- furniture: a line among the first or last two of a page, within 15 % of its edge, is a running
  header or footer when its text with digits masked ("Page # of #") is at the same edge on at
  least half of the pages (two at least); a lone page number there ("3", "- 3 -", "Page 3 of 7")
  is dropped on any page;
- columns: a page splits at a gutter, a strip of its middle that the fewest lines cross with
  lines on both sides of it; lines that cross it (a title, a full-width paragraph) are read where
  they stand, and between them the left column is read down, then the right (recursively, so
  three columns work too);
- paragraphs: a new one starts where the gap to the next line is over 1.35 times the usual line
  pitch, where the font size changes, at an indented line, or after a line shorter than half its
  column (a date line, a heading: no next word is that long); at a column or page turn, where the
  next line is indented (when the document marks paragraphs by indents) or the last line ends a
  sentence short of the column's right edge (when it marks them by gaps);
- hyphens at line ends: ``kg.ingest.hyphens``;
- the headline: the first paragraph in page 1's largest font, when that is larger than the body's.
"""
from __future__ import annotations

import bisect
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, pairwise
from typing import NamedTuple

from kg.ingest.clean import SENTENCE_END
from kg.ingest.hyphens import HYPHENS, Vocabulary, mend_hyphen

__all__ = ["Line", "PageWords", "Row", "Word", "article", "group_rows", "main_size"]

SPLIT_GAP = 0.8  # a gap over this many ems splits a row into fragments (a gutter is wider)
EDGE = 0.15  # running headers and footers stand within this share of the page height from an edge
MARK_SIZE = 0.8  # a footnote mark's font is at most this share of its word's
SMALL = 0.85  # footnote lines are set at most this share of the body size
WIDE = 0.15  # a gutter lies in the middle of the text, this share of its width away from either side
PARAGRAPH_GAP = 1.35  # a line pitch over this many usual pitches starts a paragraph
INDENT = 0.8  # ems
SHORT = 0.15  # a column's last line ending this share of its width before the right edge is short
HALF = 0.5  # a line shorter than this share of its column ends a paragraph (or is a heading, a date)
MARK = re.compile(r"(?:\d{1,3}(?:[,–-]\d{1,3})*|[*†‡§¶]+)")
PAGE_NUMBER = re.compile(r"(?i)(?:page|p\.)?\s*[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?")


class Word(NamedTuple):
    """A word (or, while words are made, a character): its box from the page's top left, its font size."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass
class Row:
    """Words on one baseline, left to right: a line of a page or, once split at gutters, of a column."""

    words: list[Word]

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return statistics.median(w.bottom for w in self.words)

    @property
    def size(self) -> float:
        return main_size(self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass
class Line:
    """A line of a column (a row of one flow), where it stands."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int
    flow: int  # lines of one flow are one column read down
    left: float = 0.0  # the flow's left and right edges
    right: float = 0.0


@dataclass
class PageWords:
    """A page's size and its words, and how many images it holds."""

    width: float
    height: float
    words: list[Word] = field(default_factory=list)
    images: int = 0


def main_size(words: Iterable[Word]) -> float:
    """The font size most of the characters are set in (to half a point)."""
    sizes = Counter()
    for w in words:
        sizes[round(w.size * 2) / 2] += len(w.text)
    return max(sizes.items(), key=lambda kv: (kv[1], -kv[0]))[0] if sizes else 0.0


# --- the article -------------------------------------------------------------------------------------

def article(pages: list[PageWords]) -> tuple[str, str]:
    body = main_size(w for p in pages for w in p.words)
    page_rows = [group_rows(_drop_marks(p.words)) for p in pages]
    furniture = _running_rows(pages, page_rows, body)
    lines: list[Line] = []
    flows = iter(range(1 << 30))
    for number, rows in enumerate(page_rows):
        rows = _drop_footnotes([r for i, r in enumerate(rows) if (number, i) not in furniture], body)
        lines += _reading_order(rows, number, body, flows)
    paragraphs = _paragraphs(lines)
    vocabulary = Vocabulary(line.text for line in lines)
    texts = [_join(p, vocabulary) for p in paragraphs]
    title = ""
    first_page = [i for i, p in enumerate(paragraphs) if p[0].page == 0]
    if first_page:
        biggest = max(paragraphs[i][0].size for i in first_page)
        if biggest >= 1.15 * body:  # the headline: the first paragraph in the largest font of page 1
            title = texts.pop(next(i for i in first_page if paragraphs[i][0].size == biggest))
    return title, "\n\n".join(texts)


def _drop_marks(words: list[Word]) -> list[Word]:
    """The words without footnote marks: a small raised number or symbol glued to a word."""
    if not words:
        return words
    by_end = sorted(words, key=lambda w: w.x1)
    ends = [w.x1 for w in by_end]
    reach = 0.25 * max(w.size for w in words)

    def is_mark(c: Word) -> bool:
        if not MARK.fullmatch(c.text):
            return False
        near = by_end[bisect.bisect_left(ends, c.x0 - reach):bisect.bisect_right(ends, c.x0 + 0.5)]
        return any(c.size <= MARK_SIZE * p.size and p.top < c.bottom < p.bottom - 0.15 * p.size
                   and -0.5 <= c.x0 - p.x1 <= 0.25 * p.size for p in near if p is not c)

    return [w for w in words if not is_mark(w)]


def group_rows(words: list[Word]) -> list[Row]:
    """Words grouped by baseline, top to bottom; each row left to right."""
    rows: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.bottom, w.x0)):
        if rows and abs(w.bottom - rows[-1][0].bottom) <= 0.3 * max(w.size, rows[-1][0].size):
            rows[-1].append(w)
        else:
            rows.append([w])
    return [Row(sorted(r, key=lambda w: w.x0)) for r in rows]


def _running_rows(pages: list[PageWords], page_rows: list[list[Row]], body: float) -> set[tuple[int, int]]:
    """(page, row) of the running headers and footers, the page numbers, and the margin notes: a
    page's first or last row in the edge band set smaller than the body (``body``) and standing
    over MARGIN_GAP body sizes apart from the text, what a browser or a word processor prints in
    the margins (the date, the title, the address, "1/1"), found on a page alone."""
    edge_rows: dict[tuple[int, int], tuple[str, str]] = {}
    notes = set()
    for number, (page, rows) in enumerate(zip(pages, page_rows)):
        order = sorted(range(len(rows)), key=lambda i: rows[i].top)
        for i in order[:2]:
            if rows[i].bottom <= EDGE * page.height:
                edge_rows[number, i] = ("top", _masked(rows[i].text))
        for i in order[-2:]:
            if rows[i].top >= (1 - EDGE) * page.height:
                edge_rows[number, i] = ("bottom", _masked(rows[i].text))
        if len(order) >= 2:
            first, second, before_last, last = (rows[i] for i in (order[0], order[1], order[-2], order[-1]))
            if first.bottom <= EDGE * page.height and _noted(first, second.top - first.bottom, body):
                notes.add((number, order[0]))
            if last.top >= (1 - EDGE) * page.height and _noted(last, last.top - before_last.bottom, body):
                notes.add((number, order[-1]))
    pages_with = Counter(key for _, key in {(n, key) for (n, _), key in edge_rows.items()})
    recurring = {key for key, n in pages_with.items() if n >= max(2, len(pages) / 2)}
    return notes | {(n, i) for (n, i), key in edge_rows.items()
                    if key in recurring or PAGE_NUMBER.fullmatch(page_rows[n][i].text)}


MARGIN_GAP = 1.5


def _noted(row: Row, gap: float, body: float) -> bool:
    """Whether an outermost row is a margin note: set smaller than the body, far from the text."""
    return row.size <= SMALL * body and gap > MARGIN_GAP * body


def _masked(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()).casefold())


def _drop_footnotes(rows: list[Row], body: float) -> list[Row]:
    """The rows without the footnotes: the small-font rows at the foot of the page, when the first
    of them starts with a mark and body text stands above them."""
    rows = sorted(rows, key=lambda r: r.top)
    start = len(rows)
    while start > 0 and rows[start - 1].size <= SMALL * body:
        start -= 1
    if 0 < start < len(rows) and MARK.fullmatch(rows[start].words[0].text.rstrip(".")):
        return rows[:start]
    return rows


def _fragments(row: Row) -> list[Row]:
    """A row cut where a gap between two words is wider than a word space can be."""
    pieces = [[row.words[0]]]
    for a, b in pairwise(row.words):
        if b.x0 - a.x1 > SPLIT_GAP * max(a.size, b.size):
            pieces.append([b])
        else:
            pieces[-1].append(b)
    return [Row(p) for p in pieces]


def _reading_order(rows: list[Row], page: int, body: float, flows: Iterable[int], depth: int = 0) -> list[Line]:
    """The lines of ``rows`` (one page, or a band of it) in reading order: columns read one after
    the other, the rows that cross a gutter where they stand."""
    rows = sorted(rows, key=lambda r: (r.top, r.x0))
    gutter = _gutter(rows, body) if depth < 8 else None
    if gutter is None:
        return _flow(rows, page, next(iter(flows)))
    a, b = gutter
    lines: list[Line] = []
    band: list[Row] = []
    spanning: list[Row] = []

    def close_band() -> None:
        left = [Row([w for w in r.words if w.x1 <= a]) for r in band]
        right = [Row([w for w in r.words if w.x0 >= b]) for r in band]
        for side in (left, right):
            side = [r for r in side if r.words]
            if side:
                lines.extend(_reading_order(side, page, body, flows, depth + 1))
        band.clear()

    def close_spanning() -> None:
        if spanning:
            lines.extend(_reading_order(spanning, page, body, flows, depth + 1))
        spanning.clear()

    for row in rows:
        if any(f.x0 < b and f.x1 > a for f in _fragments(row)):
            close_band()
            spanning.append(row)
        else:
            close_spanning()
            band.append(row)
    close_band()
    close_spanning()
    return lines


def _gutter(rows: list[Row], body: float) -> tuple[float, float] | None:
    """The widest strip of the text's middle that the fewest fragments cross, when there is a band
    of rows not crossing it with text on both sides of it; else None."""
    frags = [f for r in rows for f in _fragments(r)]
    if len(frags) < 6:
        return None
    left_edge, right_edge = min(f.x0 for f in frags), max(f.x1 for f in frags)
    lo, hi = left_edge + WIDE * (right_edge - left_edge), right_edge - WIDE * (right_edge - left_edge)
    points = sorted({lo, hi, *(x for f in frags for x in (f.x0, f.x1) if lo < x < hi)})
    if len(points) < 2:
        return None
    change = [0] * len(points)  # how many fragments start (+) or end (-) at each point
    for f in frags:
        if f.x1 > lo and f.x0 < hi:
            change[bisect.bisect_right(points, max(f.x0, lo)) - 1] += 1
            change[bisect.bisect_left(points, min(f.x1, hi))] -= 1
    cover = [(p, q, c) for (p, q), c in zip(pairwise(points), accumulate(change))]
    fewest = min(c for _, _, c in cover)
    runs: list[list[float]] = []
    for p, q, c in cover:
        if c == fewest:
            if runs and runs[-1][1] == p:
                runs[-1][1] = q
            else:
                runs.append([p, q])
    for a, b in sorted(runs, key=lambda r: r[0] - r[1]):
        if b - a >= 0.5 * body and _has_columns(rows, a, b):
            return a, b
    return None


def _has_columns(rows: list[Row], a: float, b: float) -> bool:
    """A band of rows that do not cross the strip (a, b) with two rows or more of text on each side."""
    left = right = 0
    for row in rows:
        frags = _fragments(row)
        if any(f.x0 < b and f.x1 > a for f in frags):
            left = right = 0
            continue
        left += any(f.x1 <= a for f in frags)
        right += any(f.x0 >= b for f in frags)
        if left >= 2 and right >= 2:
            return True
    return False


def _flow(rows: list[Row], page: int, flow: int) -> list[Line]:
    lines = [Line(r.text, r.x0, r.x1, r.top, r.bottom, r.size, page, flow) for r in rows]
    if lines:
        left, right = min(line.x0 for line in lines), max(line.x1 for line in lines)
        for line in lines:
            line.left, line.right = left, right
    return lines


# --- paragraphs ---------------------------------------------------------------------------------------

def _paragraphs(lines: list[Line]) -> list[list[Line]]:
    pitches: dict[float, list[float]] = {}
    for a, b in pairwise(lines):
        if a.flow == b.flow and a.size == b.size and 0 < b.bottom - a.bottom < 2.5 * a.size:
            pitches.setdefault(a.size, []).append(b.bottom - a.bottom)
    pitch = {size: statistics.median(p) for size, p in pitches.items()}
    indents = sum(1 for a, b in pairwise(lines) if a.flow == b.flow and _indented(b)
                  and not _indented(a) and SENTENCE_END.search(a.text))
    paragraphs: list[list[Line]] = []
    for i, line in enumerate(lines):
        if i == 0 or _breaks(lines[i - 1], line, pitch, indents >= 2):
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
    return paragraphs


def _indented(line: Line) -> bool:
    return line.x0 - line.left > INDENT * line.size


def _breaks(a: Line, b: Line, pitch: dict[float, float], indent_style: bool) -> bool:
    """Whether line ``b`` starts a paragraph after line ``a``."""
    if abs(a.size - b.size) > 0.1 * max(a.size, b.size):
        return True
    below = a.page == b.page and b.top >= a.bottom - 0.2 * a.size
    if a.flow == b.flow or below:
        if b.bottom - a.bottom > PARAGRAPH_GAP * pitch.get(a.size, 1.2 * a.size):
            return True
        if a.x1 - a.left < HALF * (a.right - a.left):  # no word is half a column wide
            return True
        return _indented(b) and (not _indented(a) or bool(SENTENCE_END.search(a.text)))
    # a turn to the next column or page
    if indent_style:
        return _indented(b)
    short = a.x1 < a.right - SHORT * (a.right - a.left)
    return short and bool(SENTENCE_END.search(a.text))


def _join(paragraph: Sequence[Line], vocabulary: Vocabulary) -> str:
    text = ""
    for line in paragraph:
        words = " ".join(line.text.split())
        if not text:
            text = words
        elif text[-1] in HYPHENS:
            text = mend_hyphen(text, words, vocabulary.known)
        else:
            text = f"{text} {words}"
    return text
