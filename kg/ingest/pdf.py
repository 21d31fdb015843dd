"""Read a PDF report into article text: title, and paragraphs separated by a blank line.

pdfminer.six interprets the pages and gives every character with its box and font size, which is
what the layout needs: pypdf gives the text alone, with no way to tell a running header from a
heading or a footnote mark from a number; pdfplumber, a layer over pdfminer.six, spends about twice
pdfminer's own time turning each character into a dictionary (and brings a renderer kg has no use
for). Here characters become words (a space, a gap over 0.2 em or a change of font size ends one;
a glyph drawn twice on itself, a fake bold, counts once); then ``kg.ingest.pdf_layout`` drops the
page furniture and finds the columns and paragraphs, and ``kg.ingest.hyphens`` mends the words
cut at line ends. The title is the PDF's metadata title when it is a title (two words or more,
not a tool's default or a file name), else the page's headline; dates are left to the loader.

``read_pdf`` raises ``PdfError`` with a one-line reason for a PDF it cannot read: encrypted,
broken, with no text layer (scanned), or over the limits of ``kg.limits``.
"""
from __future__ import annotations

import bisect
import io
import logging
import math
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from kg.ingest.pdf_layout import PageWords, Word, article, group_rows
from kg.limits import MAX_PDF_INFLATED, MAX_PDF_PAGES

__all__ = ["PdfArticle", "PdfError", "read_pdf"]

logger = logging.getLogger(__name__)
# pdfminer reports every odd object it repairs as a warning: a build's output is no place for that
logging.getLogger("pdfminer").setLevel(logging.ERROR)

X_TOLERANCE = 0.2  # a gap over this many ems between two characters starts a new word
CID = re.compile(r"\(cid:\d+\)")  # pdfminer's stand-in for a glyph with no Unicode mapping
JUNK_TITLE = re.compile(r"(?i)untitled|title|document|slide \d+|microsoft (?:word|powerpoint)\b.*"
                        r"|.*\.(?:pdf|docx?|odt|rtf|indd|tex|pptx?|html?)")
LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})


class PdfError(Exception):
    """A PDF that cannot be read; the message is the reason, one line."""


@dataclass(frozen=True)
class PdfArticle:
    """What a PDF gives: its title ("" when none is found) and its text, paragraphs separated by a
    blank line, without the headline (the first paragraph set in page 1's largest font, when that is
    larger than the body's)."""

    title: str
    text: str


def read_pdf(data: bytes) -> PdfArticle:
    """The article in the PDF ``data``; raises PdfError with the reason it cannot be read."""
    if b"%PDF" not in data[:1024]:
        raise PdfError("broken PDF: no %PDF header")
    if b"%%EOF" not in data[-1024:]:
        raise PdfError("broken PDF: truncated (no %%EOF at its end)")
    _check_inflated_size(data)
    try:
        from pdfminer.pdfdocument import (
            PDFDocument,
            PDFEncryptionError,
            PDFPasswordIncorrect,
        )
        from pdfminer.pdfpage import PDFPage
        from pdfminer.pdfparser import PDFParser
    except ImportError as err:  # a broken install; pdfminer.six is a dependency
        raise PdfError(f"cannot read PDFs: {err} (pip install pdfminer.six)") from err
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)), password="")
        page_objs = list(islice(PDFPage.create_pages(document), MAX_PDF_PAGES + 1))
    except PDFPasswordIncorrect:
        raise PdfError("encrypted PDF: it needs a password to open") from None
    except PDFEncryptionError as err:
        raise PdfError(f"encrypted PDF: {_short(err)}") from None
    except Exception as err:  # pdfminer raises many kinds on broken or hostile input
        raise PdfError(f"broken PDF: {_short(err)}") from None
    if len(page_objs) > MAX_PDF_PAGES:
        raise PdfError(f"too many pages: over {MAX_PDF_PAGES:,} (kg.limits.MAX_PDF_PAGES)")
    if not page_objs:
        raise PdfError("broken PDF: no pages")
    pages, cid, problems = _read_pages(page_objs)
    if not any(p.words for p in pages):
        if problems:
            raise PdfError(f"broken PDF: {problems[0]}")
        images = sum(p.images for p in pages)
        if cid:
            raise PdfError(f"no text layer: its fonts map none of its {cid:,} characters to text")
        raise PdfError(f"no text layer (a scanned PDF?): {_count(len(pages), 'page')}, "
                       f"{_count(images, 'image')}, no characters")
    title, text = article(pages)
    if not text.strip():
        raise PdfError(f"no text layer (a scanned PDF?): {_count(len(pages), 'page')}, "
                       "no text but page furniture")
    meta = _metadata_title(document)
    return PdfArticle(" ".join(meta.split()) if _meaningful_title(meta) else title, text)


def _metadata_title(document: Any) -> str:
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    try:
        title = resolve1(next((info["Title"] for info in document.info if "Title" in info), ""))
        return decode_text(title) if isinstance(title, bytes) else title if isinstance(title, str) else ""
    except Exception:  # a broken info dictionary: no title from it
        return ""


def _read_pages(page_objs: list[Any]) -> tuple[list[PageWords], int, list[str]]:
    """The words of each page (upright, on the page, in Unicode); the count of glyphs without
    Unicode; what went wrong on pages that could not be read (the others are kept)."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTImage
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager

    resources = PDFResourceManager(caching=True)
    device = PDFPageAggregator(resources, laparams=None)  # characters as placed, no grouping
    interpreter = PDFPageInterpreter(resources, device)
    pages: list[PageWords] = []
    cid = 0
    problems: list[str] = []
    for number, page_obj in enumerate(page_objs, 1):
        found = PageWords(0.0, 0.0)
        try:
            interpreter.process_page(page_obj)
            layout = device.get_result()
            x0, y0, x1, y1 = (float(v) for v in layout.bbox)
            found.width, found.height = x1 - x0, y1 - y0
            chars: list[Word] = []
            for item in _leaves(layout):
                if isinstance(item, LTImage):
                    found.images += 1
                    continue
                text, n = CID.subn("", item.get_text())
                cid += n
                box = (item.x0 - x0, item.x1 - x0, y1 - item.y1, y1 - item.y0, float(item.size))
                if text.strip() and item.upright and _on_page(box, found.width, found.height):
                    chars.append(Word(text.translate(LIGATURES), *box))
                elif text.isspace():
                    chars.append(Word(" ", *box))
            found.words = _words(chars)
        except Exception as err:  # one bad page loses that page alone
            problems.append(f"page {number}: {_short(err)}")
            logger.warning("PDF page %d unreadable (%s); the other pages are read", number, _short(err))
        pages.append(found)
    return pages, cid, problems


def _leaves(item: Any) -> Iterator[Any]:
    """The characters and images of a page, inside figures (form XObjects) too."""
    from pdfminer.layout import LTChar, LTContainer, LTImage

    stack = [item]
    while stack:
        node = stack.pop()
        if isinstance(node, (LTChar, LTImage)):
            yield node
        elif isinstance(node, LTContainer):
            stack.extend(reversed(list(node)))


def _words(chars: list[Word]) -> list[Word]:
    """Characters into words: by baseline, then left to right, a new word at a space, at a gap
    wider than X_TOLERANCE ems or at a change of font size; a character drawn twice on itself
    (a fake bold) once."""
    words: list[Word] = []
    for row in group_rows([c for c in chars if c.text != " "] + [c for c in chars if c.text == " "]):
        current: list[Word] = []
        for c in row.words:
            last = current[-1] if current else None
            if last is not None and c.text == last.text and abs(c.x0 - last.x0) < 0.1 * c.size:
                continue
            if c.text == " " or last is not None and (
                    c.x0 - last.x1 > X_TOLERANCE * max(c.size, last.size) or abs(c.size - last.size) > 0.01 * c.size):
                words += [_word(current)] if current else []
                current = [] if c.text == " " else [c]
            else:
                current.append(c)
        words += [_word(current)] if current else []
    return words


def _word(chars: list[Word]) -> Word:
    return Word("".join(c.text for c in chars), chars[0].x0, max(c.x1 for c in chars),
                min(c.top for c in chars), max(c.bottom for c in chars), chars[0].size)


def _on_page(box: tuple[float, ...], width: float, height: float) -> bool:
    x0, x1, top, bottom, size = box
    finite = all(math.isfinite(v) for v in box)
    return finite and size > 0 and -1 <= x0 <= x1 <= width + 1 and -1 <= top <= bottom <= height + 1


def _check_inflated_size(data: bytes) -> None:
    """Raise PdfError when the PDF's compressed streams other than images (which are not decoded
    to read text) inflate to over MAX_PDF_INFLATED bytes: a zip bomb would stall the build.
    Streams are found in the bytes (``stream`` ... ``endstream``) and inflated in chunks, so the
    check itself holds little memory; a stream that is not zlib data is not counted, nor is one
    encrypted (its bytes are not zlib data until decrypted)."""
    view = memoryview(data)
    ends = [m.start() for m in re.finditer(rb"endstream", data)]
    total = 0
    for match in re.finditer(rb"(?<!end)stream\r?\n", data):
        head = data[max(0, match.start() - 2048):match.start()]
        if re.search(rb"/Subtype\s*/Image\b", head[head.rfind(b"obj"):]):
            continue
        following = bisect.bisect_left(ends, match.end())
        tail = view[match.end():ends[following] if following < len(ends) else len(data)]
        inflater = zlib.decompressobj()
        try:
            while tail and not inflater.eof:
                total += len(inflater.decompress(tail, 1 << 20))
                if total > MAX_PDF_INFLATED:
                    raise PdfError(f"too large: its streams inflate to over {MAX_PDF_INFLATED:,} bytes "
                                   "(kg.limits.MAX_PDF_INFLATED)")
                tail = inflater.unconsumed_tail
        except zlib.error:
            continue


def _short(err: BaseException) -> str:
    message = " ".join(str(err).split()) or type(err).__name__
    return message if len(message) <= 120 else message[:117] + "..."


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _meaningful_title(title: str) -> bool:
    """A metadata title worth taking: two words or more, not a tool's default or a file name."""
    title = " ".join(title.split())
    return len(re.findall(r"[^\W\d_]{2,}", title)) >= 2 and not JUNK_TITLE.fullmatch(title)

