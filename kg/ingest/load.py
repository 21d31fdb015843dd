"""Read articles from files and folders into ``Document`` objects.

Formats: plain text (.txt, .md), HTML (.html, .htm), JSON (.json: an object or a
list of objects), JSON Lines (.jsonl), CSV with a header, and PDF (.pdf: the text
``kg.ingest.pdf`` extracts, so a claim's offsets point into that text). Every body
goes through ``kg.clean.clean_text``. A file or record that cannot be read becomes a
``Skipped`` with a short reason: ``load_documents`` never raises for a bad file.
A record's reference is ``file:N``, N the line (.jsonl, .csv) or record number (.json).
"""
from __future__ import annotations

import csv
import dataclasses
import io
import json
import logging
import os
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from itertools import chain, count
from pathlib import Path
from typing import Any, Protocol

import charset_normalizer
from dateutil import parser as dateparser

from kg.ingest.clean import (
    SENTENCE_END,
    Lexicon,
    LexiconSource,
    clean_text,
    extract_html,
    has_lowercase_word,
    is_furniture,
    load_lexicon,
)
from kg.ingest.pdf import PdfError, read_pdf
from kg.limits import MAX_BYTES
from kg.model import Document, Skipped

__all__ = ["SUPPORTED", "decode_bytes", "find_date", "find_headline", "load_documents", "slugify", "to_iso_date"]

logger = logging.getLogger(__name__)

SUPPORTED = (".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".csv", ".pdf")
KEYS = {"text": ("text", "body", "content", "article"), "title": ("title", "headline"),
        "date": ("date", "published", "publication_date", "pubdate"),
        "publisher": ("publisher", "source", "outlet", "site"), "id": ("id",)}
MAGIC = {b"\x89PNG": "PNG image", b"\xff\xd8\xff": "JPEG image", b"GIF8": "GIF image",
         b"PK\x03\x04": "zip archive", b"\x1f\x8b": "gzip archive", b"%PDF": "PDF",
         b"\x7fELF": "executable", b"RIFF": "RIFF media", b"7z\xbc\xaf": "7z archive"}
BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
         r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
DATE_IN_TEXT = re.compile(rf"\b(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
                          rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH},?\s+\d{{4}}|\d{{4}}-\d\d-\d\d)\b")
BROKEN_SHARE = 0.01  # a text with more broken bytes than this is not worth reading
NOISE_LIMIT = 0.2  # charset-normalizer's own default: a decoding messier than this is not text
STRAY_LIMIT = 0.5  # a cp1252 reading with more of its non-ASCII characters stray letters is noise
STRAY_WORD = re.compile(r"[^\W\d_]*[^\x00-\x7f\W\d_][^\W\d_]*")  # a run of letters, one beyond ASCII
Item = tuple[str, Document] | Skipped  # (reference, document) or why it was skipped
Record = tuple[str, int, Any] | Skipped  # (reference, number, parsed record)


class ReadMemo(Protocol):
    """Remembers what reading a file gave, by its name and bytes (``kg.cache.Cache`` is one)."""

    def read_items(self, source: str, data: bytes) -> list[Item] | None: ...

    def put_read_items(self, source: str, data: bytes, items: list[Item]) -> None: ...


def load_documents(
    paths: Iterable[str | Path], *, max_bytes: int = MAX_BYTES, lexicon: LexiconSource = None,
    memo: ReadMemo | None = None,
) -> tuple[list[Document], list[Skipped]]:
    """Load every article under ``paths``: files, and folders walked in sorted order.

    A document's ``source`` is its path relative to the folder given (posix form), or the
    file name for a file argument. Files over ``max_bytes`` are skipped; ``lexicon`` is the
    boilerplate lexicon (``kg.clean.load_lexicon``). Returns the documents (unique ids, no
    two with the same text and publisher) and what was skipped, in order. With ``memo``, a file
    read before with the same bytes is not decoded and cleaned again.
    """
    lex = load_lexicon(lexicon)
    docs: list[Document] = []
    skipped: list[Skipped] = []
    first_with_text: dict[tuple[str, str | None], str] = {}
    taken: set[str] = set()
    for path, source in _iter_files(paths, skipped):
        for item in _read_file(path, source, max_bytes, lex, memo):
            if isinstance(item, Skipped):
                skipped.append(item)
                continue
            # the same text from another outlet is a syndicated copy, kept as that outlet's report
            key = (item[1].text, item[1].publisher)
            if key in first_with_text:
                skipped.append(Skipped(item[0], f"duplicate of {first_with_text[key]}"))
            else:
                doc = dataclasses.replace(item[1], id=_unique(item[1].id, taken))
                first_with_text[key] = doc.id
                docs.append(doc)
    logger.info("loaded %d documents, skipped %d", len(docs), len(skipped))
    return docs, skipped


def _unique(doc_id: str, taken: set[str]) -> str:
    unique = next(c for c in chain([doc_id], (f"{doc_id}-{n}" for n in count(2))) if c not in taken)
    taken.add(unique)
    return unique


def slugify(text: str) -> str:
    """A stable id fragment: runs of characters outside [A-Za-z0-9_.-] become '_'."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("_.-") or "doc"


def _iter_files(paths: Iterable[str | Path], skipped: list[Skipped]) -> Iterator[tuple[Path, str]]:
    for arg in paths:
        path = Path(arg)
        if path.is_dir():
            yield from _walk(path, skipped)
        elif path.is_file():
            yield path, path.name
        else:
            skipped.append(Skipped(str(arg), "not a regular file" if path.exists() else "no such file or folder"))


def _walk(root: Path, skipped: list[Skipped]) -> Iterator[tuple[Path, str]]:
    """Files under ``root`` sorted by relative path; hidden names skipped, each real folder read once."""
    found: list[tuple[str, Path]] = []
    visited = {root.resolve()}

    def unreadable(err: OSError) -> None:
        skipped.append(Skipped(os.path.relpath(err.filename or root, root), f"unreadable folder: {err.strerror}"))

    for folder, subfolders, names in os.walk(root, followlinks=True, onerror=unreadable):
        real = {name: (Path(folder) / name).resolve() for name in sorted(subfolders)}
        subfolders[:] = [n for n, r in real.items() if not n.startswith(".") and r not in visited]
        visited.update(real[n] for n in subfolders)
        found += [((Path(folder) / n).relative_to(root).as_posix(), Path(folder) / n)
                  for n in names if not n.startswith(".")]
    for rel, full in sorted(found):
        yield full, rel


def _read_file(path: Path, source: str, max_bytes: int, lex: Lexicon, memo: ReadMemo | None = None) -> list[Item]:
    ext = path.suffix.lower()
    if ext not in SUPPORTED:
        return [Skipped(source, f"unsupported file type {ext or '(no extension)'}")]
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return [Skipped(source, f"too large: {size} bytes (max_bytes is {max_bytes})")]
        data = path.read_bytes()
    except OSError as err:
        return [Skipped(source, f"unreadable: {err.strerror or err}")]
    items = memo.read_items(source, data) if memo is not None else None
    if items is None:
        items = _read_bytes(data, path, source, lex)
        if memo is not None:
            memo.put_read_items(source, data, items)
    return items


def _read_bytes(data: bytes, path: Path, source: str, lex: Lexicon) -> list[Item]:
    ext = path.suffix.lower()
    stem = slugify(Path(source).stem)
    if ext == ".pdf":
        return [_from_pdf(data, stem, source, lex)]
    text, problem = decode_bytes(data)
    if text is None:
        return [Skipped(source, problem)]
    if ext in (".json", ".jsonl", ".csv"):
        reader = {".json": _json_records, ".jsonl": _jsonl_records, ".csv": _csv_records}[ext]
        return [_from_record(rec, stem, source, lex) for rec in reader(text, source)] or [Skipped(source, "no records")]
    if ext in (".html", ".htm"):
        body, title, when, publisher = extract_html(text)
        return [_make(Document(stem, title, body, to_iso_date(when), publisher, source), source, lex)]
    title, when = find_headline(text, lex), find_date(text, Path(source).stem, lex)
    return [_make(Document(stem, title, text, when, None, source), source, lex)]


def _from_pdf(data: bytes, stem: str, source: str, lex: Lexicon) -> Item:
    """A PDF's article: its text as ``kg.ingest.pdf`` extracts it, then read as a .txt body is
    (title from the PDF, else ``find_headline``; date by ``find_date``, never the file's own dates)."""
    if not data.strip():
        return Skipped(source, "empty file")
    try:
        article = read_pdf(data)
    except PdfError as err:
        return Skipped(source, str(err))
    title = article.title or find_headline(article.text, lex)
    when = find_date(article.text, Path(source).stem, lex)
    return _make(Document(stem, title, article.text, when, None, source), source, lex)


def decode_bytes(data: bytes) -> tuple[str | None, str]:
    """``(text, "")`` from UTF-8 (BOM or not), UTF-16/32 with a BOM or cp1252 text, or
    ``(None, reason)`` for an empty, binary or undecodable file."""
    if not data.strip():
        return None, "empty file"
    codec = next((codec for bom, codec in BOMS if data.startswith(bom)), None)
    kind = next((name for magic, name in MAGIC.items() if data.startswith(magic)), None)
    if codec is None and (kind or b"\x00" in data):
        return None, f"binary file ({kind or 'NUL bytes'})"
    try:
        text = data.decode(codec or "utf-8-sig")
    except UnicodeDecodeError as err:
        if codec:
            return None, f"invalid {codec.upper()} text"
        text, problem = _repair(data, err.start)
        if text is None:
            return None, problem
        logger.debug("invalid UTF-8 at byte %d: decoded anyway", err.start)
    return (text, "") if text.strip() else (None, "empty file")


def _repair(data: bytes, bad_byte: int) -> tuple[str | None, str]:
    """Text from bytes that are not clean UTF-8: UTF-8 with a few broken bytes (replaced by
    U+FFFD) when it holds real multi-byte characters, else cp1252 when its decoding is text
    rather than noise; else (None, why, with how much of it was broken)."""
    as_utf8 = data.decode("utf-8", errors="replace")
    broken = as_utf8.count("\ufffd")
    multibyte = sum(ord(c) > 127 for c in as_utf8) - broken
    if multibyte and broken <= BROKEN_SHARE * len(as_utf8):
        return as_utf8, ""
    as_cp1252, cp1252_problem = _cp1252_text(data)
    if as_cp1252 is not None:
        return as_cp1252, ""
    invalid = sum("\udc80" <= c <= "\udcff" for c in data.decode("utf-8", errors="surrogateescape"))
    return None, (f"not text in any encoding tried (UTF-8: invalid at byte {bad_byte}, {invalid} of "
                  f"{len(data)} bytes broken ({invalid / len(data):.0%}); cp1252: {cp1252_problem})")


def _cp1252_text(data: bytes) -> tuple[str | None, str]:
    """(text, "") when the bytes are cp1252 text, else (None, what is wrong with them as cp1252).

    charset-normalizer's mess ratio counts what a decoding makes of noise (runs of accented
    capitals, symbols inside words, control characters); over NOISE_LIMIT it is not text. It
    reads a mostly ASCII text as clean whatever its other bytes make, so the letters those bytes
    give are checked too: in real text they stand in words (see ``_stray_letters``)."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as err:
        return None, f"no character for byte 0x{data[err.start]:02X} at byte {err.start}"
    match = charset_normalizer.from_bytes(data, cp_isolation=["cp1252"], threshold=1.0).best()
    noise = match.chaos if match is not None else 1.0
    if noise > NOISE_LIMIT:
        return None, f"{noise:.0%} noise"
    stray, beyond_ascii = _stray_letters(text)
    if stray > STRAY_LIMIT * beyond_ascii:
        return None, (f"{stray} of its {beyond_ascii} non-ASCII characters are stray letters "
                      f"({stray / beyond_ascii:.0%})")
    return text, ""


def _stray_letters(text: str) -> tuple[int, int]:
    """(stray, all): of the characters of ``text`` beyond ASCII, the letters that stand in no word.
    A name or a word of Western European text carries its accented letters among plain ones
    ("José", "Müller", "Ødegaard") or is one small letter ("à"); noise bytes read as cp1252 make
    runs of accented letters alone ("ÿþú") or a capital beside a bracket ("Ã(")."""
    stray = 0
    for word in STRAY_WORD.findall(text):
        if not (re.search("[A-Za-z]", word) or len(word) == 1 and word.islower()):
            stray += len(word)
    return stray, sum(ord(c) > 127 for c in text)


def find_headline(text: str, lexicon: LexiconSource = None) -> str:
    """The headline of a plain-text page, or "": line 1 when "-----" follows it (or a "# " heading),
    else the first line of the page head (see ``_page_head``) that is not furniture, has a
    lowercase word and a headline's length."""
    lex = load_lexicon(lexicon)
    top = [s for s in (lex.date_prefix.sub("", line, count=1).strip() for line in text.splitlines()[:9]) if s]
    if len(top) > 1 and re.fullmatch(r"[-=_]{3,}", top[1]) or top and top[0].startswith("# "):
        return top[0].lstrip("#").strip()
    for line in _page_head(text, lex):
        words = line.split()
        long_sentence = len(words) > 12 and re.search(r"\.[\"”’']?$", line)
        if len(words) >= lex.limits["headline_min_words"] and not long_sentence \
                and has_lowercase_word(words, lex) and not is_furniture(line, lex):
            return line
    return ""


def find_date(text: str, stem: str = "", lexicon: LexiconSource = None) -> str | None:
    """A plain-text article's date, "YYYY-MM-DD" or None: from the stamp " date 2023-11-21 ...", else
    the first date line or byline of the page head ("Wednesday, July 24, 2024", "by X November 21,
    2023 9:37 PM"), else a YYYY-MM-DD in the file name (``stem``)."""
    lex = load_lexicon(lexicon)
    found = DATE_IN_TEXT.search(stamp.group()) if (stamp := lex.date_prefix.match(text)) else None
    for line in _page_head(text, lex) if found is None else ():
        match = DATE_IN_TEXT.search(line)
        if match and len(line.split()) <= 15 and is_furniture(line, lex) and to_iso_date(match.group()):
            found = match
            break
    found = found or re.search(r"\d{4}-\d\d-\d\d", stem)
    return to_iso_date(found.group()) if found else None


def _page_head(text: str, lex: Lexicon) -> Iterator[str]:
    """The non-empty lines before the body: up to a sentence of 15+ words or a line too long for a headline."""
    lines = [line.strip() for line in text.splitlines()[:200] if line.strip()]
    lines[:1] = [s for s in (lex.date_prefix.sub("", line, count=1).strip() for line in lines[:1]) if s]
    for line in lines[:40]:
        n = len(line.split())
        body = n > lex.limits["headline_max_words"] or n >= 15 and SENTENCE_END.search(line)
        if body and not is_furniture(line, lex):
            return
        yield line


def to_iso_date(value: Any) -> str | None:
    """"YYYY-MM-DD" from an ISO date or timestamp or a written date with a year, else None."""
    text = str(value or "").strip()
    try:
        if re.match(r"\d{4}-\d\d-\d\d", text):
            return date.fromisoformat(text[:10]).isoformat()
        if re.search(r"\b\d{4}\b", text):
            return dateparser.parse(text, default=datetime(1900, 1, 1)).date().isoformat()
    except (ValueError, OverflowError) as err:
        logger.debug("unreadable date %r: %s", text, err)
    return None


def _make(doc: Document, ref: str, lex: Lexicon) -> Item:
    text = clean_text(doc.text, title=doc.title or None, lexicon=lex)
    if not text:
        return Skipped(ref, "no article text left after cleaning")
    return ref, dataclasses.replace(doc, text=text, title=" ".join(doc.title.split()))


def _json_records(text: str, source: str) -> Iterator[Record]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        yield Skipped(source, f"invalid JSON: {err.msg} (line {err.lineno}, column {err.colno})")
        return
    for number, record in enumerate(data if isinstance(data, list) else [data], 1):
        yield (f"{source}:{number}" if isinstance(data, list) else source), number, record


def _jsonl_records(text: str, source: str) -> Iterator[Record]:
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            try:
                yield f"{source}:{number}", number, json.loads(line)
            except json.JSONDecodeError as err:
                yield Skipped(f"{source}:{number}", f"invalid JSON: {err.msg} (column {err.colno})")


def _csv_records(text: str, source: str) -> Iterator[Record]:
    delimiter = max(",;\t", key=text.split("\n", 1)[0].count)
    csv.field_size_limit(max(csv.field_size_limit(), len(text)))  # a field may hold a whole article
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip().lstrip("\ufeff").lower() for h in next(reader, [])]
    number = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            yield Skipped(f"{source}:{reader.line_num}", f"malformed CSV row: {err}")
            continue
        if any(cell.strip() for cell in row):
            number += 1
            ref = f"{source}:{reader.line_num}"
            if len(row) == len(header):
                yield ref, number, dict(zip(header, row))
            else:
                yield Skipped(ref, f"malformed CSV row: {len(row)} fields, the header has {len(header)}")


def _from_record(record: Record, stem: str, source: str, lex: Lexicon) -> Item:
    if isinstance(record, Skipped):
        return record
    ref, number, data = record
    if not isinstance(data, dict):
        return Skipped(ref, "not a JSON object")
    fields = {k: _field(data, k) for k in KEYS}
    if not isinstance(fields["text"], str) or not fields["text"].strip():
        return Skipped(ref, "no text (expected a text, body, content or article field)")
    rid = _scalar(fields["id"])
    doc_id = f"{stem}-{slugify(rid) if rid else number}"
    doc = Document(doc_id, _scalar(fields["title"]) or "", fields["text"],
                   to_iso_date(_scalar(fields["date"])), _scalar(fields["publisher"]), source)
    return _make(doc, ref, lex)


def _field(data: dict[str, Any], name: str) -> Any:
    """The first non-empty value among the field names for ``name``, any letter case."""
    lowered = {str(k).strip().lower(): v for k, v in data.items()}
    return next((lowered[k] for k in KEYS[name] if lowered.get(k) not in (None, "")), None)


def _scalar(value: Any) -> str | None:
    value = value.get("name") if isinstance(value, dict) else value
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    return str(value).strip() or None
