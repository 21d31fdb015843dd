"""PDFs the tests make themselves with reportlab: pages laid out line by line, in columns, with
running headers, page numbers, raised footnote marks and footnotes; and a typesetter that wraps
an article's paragraphs into such pages, hyphenating long words at line ends."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

WIDTH, HEIGHT = A4  # what typeset lays out
MARGIN = 72.0
GUTTER = 24.0
FONT, BOLD = "Helvetica", "Helvetica-Bold"
SIZE, LEAD = 10.0, 12.5
INDENT = 2 * SIZE  # a paragraph's first line, in a report set with indents
MARK = re.compile(r"\^(\d+)")  # "said^1" draws a raised footnote mark 1 after "said"


@dataclass
class Page:
    """One page: the rows spanning the text width at its top (text, size), then its columns,
    each a list of lines ("" leaves a paragraph's gap); footnotes at its foot in a small font."""

    columns: Sequence[Sequence[str]]
    top: Sequence[tuple[str, float]] = ()
    footnotes: Sequence[str] = ()
    indents: frozenset[tuple[int, int]] = frozenset()  # (column, line) drawn indented


def draw_line(c: canvas.Canvas, x: float, y: float, text: str, size: float = SIZE, font: str = FONT) -> None:
    """Text at (x, baseline y); each ^N drawn as a footnote mark, small and raised, glued to the word before."""
    for i, part in enumerate(MARK.split(text)):
        if i % 2:
            c.setFont(font, size * 0.6)
            c.drawString(x, y + size * 0.4, part)
            x += stringWidth(part, font, size * 0.6)
        elif part:
            c.setFont(font, size)
            c.drawString(x, y, part)
            x += stringWidth(part, font, size)


def make_pdf(path: Path, pages: Sequence[Page], *, header: str | None = None, numbers: str | None = "{n}",
             title: str | None = None, encrypt: object = None, pagesize: tuple[float, float] = A4) -> Path:
    """Write ``pages`` to ``path``: ``header`` at the top of each page and ``numbers`` at its foot
    (both formatted with the page number n and the count total), ``title`` as the PDF's metadata
    title; page 1's ``top`` rows, then the columns side by side, then the footnotes."""
    width, height = pagesize
    c = canvas.Canvas(str(path), pagesize=pagesize, encrypt=encrypt, invariant=1)
    if title:
        c.setTitle(title)
    for n, page in enumerate(pages, 1):
        if header:
            draw_line(c, MARGIN, height - 40, header.format(n=n, total=len(pages)), 8)
        if numbers:
            c.setFont(FONT, 9)
            c.drawCentredString(width / 2, 30, numbers.format(n=n, total=len(pages)))
        y = height - MARGIN
        for text, size in page.top:
            draw_line(c, MARGIN, y - size, text, size, BOLD if size > SIZE else FONT)
            y -= size * 1.6
        ncols = len(page.columns)
        column = (width - 2 * MARGIN - (ncols - 1) * GUTTER) / max(ncols, 1)
        for k, lines in enumerate(page.columns):
            x, ly = MARGIN + k * (column + GUTTER), y - SIZE
            for i, line in enumerate(lines):
                if line:
                    draw_line(c, x + (INDENT if (k, i) in page.indents else 0), ly, line)
                ly -= LEAD if line else LEAD * 0.8
        for i, note in enumerate(page.footnotes):
            draw_line(c, MARGIN, MARGIN - 16 - 9 * i, note, 7)
        c.showPage()
    c.save()
    return path


PARA = None  # a paragraph's end among the words


def _cut(word: str, room: float) -> tuple[str | None, str]:
    """A word that does not fit in ``room`` cut at one of its hyphens, or, when it is 8 lowercase
    letters or more, after as many letters as fit (3 at least, 3 left), with a hyphen added."""
    if "-" in word.strip("-"):
        parts = word.split("-")
        for i in range(len(parts) - 1, 0, -1):
            head = "-".join(parts[:i]) + "-"
            if stringWidth(head, FONT, SIZE) <= room and parts[i]:
                return head, "-".join(parts[i:])
        return None, word
    letters = re.match(r"[a-z]+", word)
    if not letters or len(letters.group()) < 8:
        return None, word
    for i in range(len(letters.group()) - 3, 2, -1):
        if stringWidth(word[:i] + "-", FONT, SIZE) <= room:
            return word[:i] + "-", word[i:]
    return None, word


def _next_line(words: list[str | None], width: float) -> str:
    """The next line of ``words`` (consumed), greedy, no wider than ``width``."""
    line = ""
    while words and words[0] is not PARA:
        trial = f"{line} {words[0]}".strip()
        if stringWidth(trial, FONT, SIZE) <= width or not line:
            line = trial
            words.pop(0)
            continue
        head, rest = _cut(words[0], width - stringWidth(f"{line} ", FONT, SIZE))
        if head:
            words[0] = rest
            return f"{line} {head}"
        break
    return line


def _title_lines(title: str) -> list[str]:
    lines = [""]
    for word in title.split():
        if lines[-1] and stringWidth(f"{lines[-1]} {word}", BOLD, 18) > WIDTH - 2 * MARGIN:
            lines.append(word)
        else:
            lines[-1] = f"{lines[-1]} {word}".strip()
    return lines


def typeset(path: Path, title: str, dateline: str, paragraphs: Sequence[str], *, header: str,
            columns: Sequence[int] = (2, 1), per_column: int | None = None) -> Path:
    """An article as a printed report: the title (large) and dateline across page 1, then its
    paragraphs in ``columns[k]`` columns on page k (the last number for the pages after), each
    paragraph's first line indented, lines filled greedily and long words hyphenated (``_cut``);
    at most ``per_column`` lines a column, when given."""
    words: list[str | None] = []
    for paragraph in paragraphs:
        words += [*paragraph.split(), PARA]
    pages: list[Page] = []
    top = [*((line, 18.0) for line in _title_lines(title)), (dateline, SIZE)]
    first = True  # the next line starts a paragraph
    while any(w is not PARA for w in words):
        ncols = columns[min(len(pages), len(columns) - 1)]
        width = (WIDTH - 2 * MARGIN - (ncols - 1) * GUTTER) / ncols
        fits = int((HEIGHT - 2 * MARGIN - sum(s * 1.6 for _, s in top) - 24) // LEAD)
        lines = min(fits, per_column or fits)
        cols: list[list[str]] = []
        indents = set()
        for k in range(ncols):
            col: list[str] = []
            while len(col) < lines and words:
                if words[0] is PARA:
                    words.pop(0)
                    first = True
                    continue
                if first:
                    indents.add((k, len(col)))
                col.append(_next_line(words, width - (INDENT if first else 0)))
                first = False
            cols.append(col)
        pages.append(Page(cols, top, indents=frozenset(indents)))
        top = []
    return make_pdf(path, pages, header=header, numbers="Page {n} of {total}")
