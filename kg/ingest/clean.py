"""Take page furniture out of article text by line rules.

Menus, share and subscribe prompts, bylines, author bios, photo credits and the
sidebars after an article go; the body stays word for word, because claims cite
exact sentences. The rules are shapes (short lines without sentence punctuation,
lines without a lowercase word, menu vocabulary) plus the lexicon in
``ontology/clean.json``, which a user can extend without Python. HTML goes
through trafilatura (``extract_html``), or a tag-stripping fallback.
"""
from __future__ import annotations

import itertools
import json
import logging
import re
import statistics
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from kg.errors import OntologyError

__all__ = ["ONTOLOGY_DIR", "SENTENCE_END", "HtmlParts", "Lexicon", "clean_text", "extract_html",
           "has_lowercase_word", "is_furniture", "load_lexicon", "strip_credits"]

logger = logging.getLogger(__name__)

ONTOLOGY_DIR = Path(__file__).resolve().parents[2] / "ontology"
# Sentence-final punctuation, optionally followed by closing quotes or brackets.
SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*$|[\"”’»]$")
LETTER = re.compile(r"[^\W\d_]")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"'})
_PATTERN_KEYS = {"drop_line_patterns": "drop_lines", "byline_patterns": "bylines",
                 "bio_patterns": "bios", "credit_patterns": "credits"}
_LIMITS = ["short_max_words", "short_max_chars", "no_lowercase_max_words", "menu_max_words", "menu_min_nav_words", "menu_min_nav_share", "byline_max_words", "bio_max_words", "drop_max_words", "sidebar_min_body_words", "headline_min_words", "headline_max_words"]
# What an HTML page gives: body text (not yet cleaned), title, date, publisher.
HtmlParts = tuple[str, str, "str | None", "str | None"]


@dataclass(frozen=True)
class Lexicon:
    """The boilerplate lexicon, compiled: see ``ontology/clean.json``."""

    path: str
    date_prefix: re.Pattern[str]
    drop_lines: tuple[re.Pattern[str], ...]
    bylines: tuple[re.Pattern[str], ...]
    bios: tuple[re.Pattern[str], ...]
    credits: tuple[re.Pattern[str], ...]
    prefixes: tuple[re.Pattern[str], ...]
    sidebar_markers: frozenset[str]
    nav_words: frozenset[str]
    name_particles: frozenset[str]
    limits: dict[str, float]


LexiconSource = str | Path | Lexicon | None


def load_lexicon(source: LexiconSource = None) -> Lexicon:
    """Load (cached) the lexicon from a clean.json path, a folder holding one, or ``ONTOLOGY_DIR``.

    Raises:
        OntologyError: the file is missing, not valid JSON, lacks a key, or holds a bad regex.
    """
    if isinstance(source, Lexicon):
        return source
    path = Path(source) if source is not None else ONTOLOGY_DIR
    return _load_lexicon_file(str((path / "clean.json" if path.is_dir() else path).resolve()))


@lru_cache(maxsize=8)
def _load_lexicon_file(path: str) -> Lexicon:
    name = Path(path).name
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise OntologyError(f"{name}: invalid JSON at line {err.lineno}, column {err.colno}: {err.msg}") from err
    except OSError as err:
        raise OntologyError(f"{name}: cannot read the boilerplate lexicon: {err}") from err
    required = (*_PATTERN_KEYS, "date_prefix", "sidebar_markers", "nav_words", "name_particles", "limits")
    missing = [k for k in required if k not in data] if isinstance(data, dict) else ["the top-level object"]
    missing += [f"limits.{k}" for k in _LIMITS if k not in data.get("limits", {})] if not missing else []
    if missing:
        raise OntologyError(f"{name}: missing {', '.join(missing)}")
    patterns = {field: tuple(_compile(name, key, p) for p in data[key]) for key, field in _PATTERN_KEYS.items()}
    # optional, so a lexicon written before it still loads
    prefixes = tuple(_compile(name, "prefix_patterns", p) for p in data.get("prefix_patterns", ()))
    return Lexicon(
        path=path, date_prefix=_compile(name, "date_prefix", data["date_prefix"]), **patterns, prefixes=prefixes,
        sidebar_markers=frozenset(_marker_key(m) for m in data["sidebar_markers"]),
        nav_words=frozenset(w.lower() for w in data["nav_words"]),
        name_particles=frozenset(w.lower() for w in data["name_particles"]),
        limits={k: float(v) for k, v in data["limits"].items()},
    )


def _compile(name: str, key: str, pattern: Any) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except (re.error, TypeError) as err:
        raise OntologyError(f"{name}: bad regex in {key!r}: {pattern!r}: {err}") from err


def clean_text(raw: str, *, title: str | None = None, lexicon: LexiconSource = None) -> str:
    """Return the article body of ``raw``: paragraphs, one line each, joined by a blank line.

    Args:
        raw: the text as read (plain text, or text extracted from HTML).
        title: the headline; the first line equal to it is dropped.
        lexicon: see ``load_lexicon``.
    """
    lex = load_lexicon(lexicon)
    title_key = _norm(title) if title else None
    kept: list[str] = []
    for unit in _paragraphs(raw, lex):
        if title_key is not None and _norm(unit.lstrip("# ")) == title_key:
            title_key = None
            continue
        unit = strip_credits(unit, lex)
        if _marker_key(unit) in lex.sidebar_markers:
            if any(_is_body(p, lex) for p in kept):
                break
        elif unit and not is_furniture(unit, lex):
            kept.append(unit)
    return "\n\n".join(kept)


def strip_credits(line: str, lexicon: LexiconSource = None) -> str:
    """Cut a photo credit ("(Photo by X / AFP)") from the end of a line and a wire-photo
    prefix or agency dateline ("FILE - ", "KYIV (Reuters) - ") from its start; keep the caption."""
    lex = load_lexicon(lexicon)
    for pattern in lex.prefixes:
        line = pattern.sub("", line, count=1)
    for pattern in lex.credits:
        line = pattern.sub("", line, count=1)
    return line.strip()


def is_furniture(line: str, lexicon: LexiconSource = None) -> bool:
    """Tell whether one stripped line is page furniture rather than article text."""
    lex = load_lexicon(lexicon)
    words = line.split()
    n, lim = len(words), lex.limits
    closed = bool(SENTENCE_END.search(line))
    if n <= lim["drop_max_words"] and any(p.search(line) for p in lex.drop_lines):
        return True
    if n <= lim["bio_max_words"] and any(p.search(line) for p in lex.bios):
        return True
    if closed:
        return False
    if n <= lim["short_max_words"] and len(line) <= lim["short_max_chars"] or _is_menu(words, lex):
        return True
    if n <= lim["byline_max_words"] and any(p.search(line) for p in lex.bylines):
        return True
    return n <= lim["no_lowercase_max_words"] and not has_lowercase_word(words, lex)


def has_lowercase_word(words: list[str], lex: Lexicon) -> bool:
    """True when a word starts with a lowercase (or uncased) letter and is no name particle ("al-")."""
    for word in words:
        match = LETTER.search(word)
        if match is not None and not match.group().isupper():  # uncased scripts count as lowercase
            core = word[match.start():].split("-")[0].strip(".,;:'’\"”)").lower()
            if core not in lex.name_particles:
                return True
    return False


def _is_menu(words: list[str], lex: Lexicon) -> bool:
    nav = sum(1 for w in words if w.strip(".,:;|»›'’\"").lower() in lex.nav_words)
    share = nav >= lex.limits["menu_min_nav_share"] * len(words)
    return len(words) <= lex.limits["menu_max_words"] and nav >= lex.limits["menu_min_nav_words"] and share


def _is_body(paragraph: str, lex: Lexicon) -> bool:
    return len(paragraph.split()) >= lex.limits["sidebar_min_body_words"] and bool(SENTENCE_END.search(paragraph))


def _norm(text: str) -> str:
    return " ".join(text.split()).translate(_QUOTES).casefold()


def _marker_key(line: str) -> str:
    return _norm(line).rstrip(" :»›>")


def _paragraphs(raw: str, lex: Lexicon) -> list[str]:
    """Split text into paragraphs: one per line, or joined lines for hard-wrapped text."""
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None:
        lines[first] = lex.date_prefix.sub("", lines[first], count=1)
    return _unwrap(lines) if _is_wrapped(lines) else [s for s in (line.strip() for line in lines) if s]


def _is_wrapped(lines: list[str]) -> bool:
    """Hard-wrapped text: no line over 100 chars, and long lines often run on into the next line."""
    long = [line for line in lines if len(line.strip()) >= 40]
    broken = sum(1 for a, b in itertools.pairwise(lines) if len(a.strip()) >= 40
                 and not SENTENCE_END.search(a.strip()) and b.strip() and b[:1] not in (" ", "\t"))
    return broken >= 1 and broken >= 0.3 * len(long) and all(len(line.strip()) <= 100 for line in lines)


def _unwrap(lines: list[str]) -> list[str]:
    """Join wrapped lines; a blank or indented line, or a short closed line, ends a paragraph."""
    width = statistics.median(len(line.strip()) for line in lines if len(line.strip()) >= 40)
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        text = line.strip()
        if current and (not text or line[:1] in (" ", "\t")):
            paragraphs.append(current)
            current = ""
        hyphenated = re.search(r"[^\W\d_]-$", current) and text[:1].islower()
        current = f"{current}{text}" if hyphenated else f"{current} {text}".strip()
        if current and SENTENCE_END.search(text) and len(text) < 0.6 * width:
            paragraphs.append(current)
            current = ""
    return paragraphs + [current] if current else paragraphs


def extract_html(html: str) -> HtmlParts:
    """Extract the article from an HTML page with trafilatura, else by stripping tags."""
    parts = _trafilatura(html)
    if parts is not None and parts[0].strip():
        return parts
    parser = _TagStripper()
    parser.feed(html)
    parser.close()
    return parser.parts()


@lru_cache(maxsize=1)
def _import_trafilatura() -> Any:
    try:
        import trafilatura
    except Exception as err:  # ImportError, or a broken dependency such as lxml_html_clean
        logger.warning("trafilatura unavailable (%s); stripping HTML tags instead", err)
        return None
    return trafilatura


def _trafilatura(html: str) -> HtmlParts | None:
    trafilatura = _import_trafilatura()
    if trafilatura is None:
        return None
    try:
        doc = trafilatura.bare_extraction(
            html, include_comments=False, include_tables=False, with_metadata=True,
            date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception as err:  # a parser failure on one bad page must not stop a build
        logger.warning("trafilatura failed (%s); stripping HTML tags instead", err)
        return None
    if doc is None:
        return None
    get = doc.get if isinstance(doc, dict) else lambda key: getattr(doc, key, None)
    return get("text") or "", get("title") or "", get("date"), get("sitename")


class _TagStripper(HTMLParser):
    """Text of a page without scripts, styles and navigation; not recursive, so never too deep."""

    SKIP = frozenset(["script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form", "button", "head"])
    BLOCK = frozenset(["p", "div", "br", "li", "tr", "td", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "blockquote", "figcaption"])
    META = {"og:site_name": "publisher", "article:published_time": "date", "date": "date",
            "pubdate": "date", "og:title": "title"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.found: dict[str, str] = {}
        self.skip_depth = 0
        self.heading: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: v or "" for k, v in attrs}
        key = self.META.get((attr.get("property") or attr.get("name") or "").lower())
        if tag == "meta" and key and attr.get("content"):
            self.found.setdefault(key, attr["content"])
        if tag == "time" and attr.get("datetime"):
            self.found.setdefault("date", attr["datetime"])
        self.skip_depth = 0 if tag == "body" else self.skip_depth + (tag in self.SKIP)
        self.chunks.append("\n" if tag in self.BLOCK else "")
        self.heading = f"<{tag}>" if tag in ("title", "h1") else None

    def handle_endtag(self, tag: str) -> None:
        self.skip_depth -= 1 if tag in self.SKIP and self.skip_depth else 0
        self.chunks.append("\n" if tag in self.BLOCK else "")
        self.heading = None

    def handle_data(self, data: str) -> None:
        if self.heading and data.strip():
            self.found.setdefault(self.heading, " ".join(data.split()))
        if not self.skip_depth:
            self.chunks.append(data)

    def parts(self) -> HtmlParts:
        lines = (" ".join(line.split()) for line in "".join(self.chunks).split("\n"))
        title = self.found.get("<h1>") or self.found.get("title") or self.found.get("<title>", "")
        get = self.found.get
        return "\n".join(s for s in lines if s), title, get("date"), get("publisher")
