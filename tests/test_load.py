"""Tests for kg.ingest.load: formats, skip reasons, ids, dates and titles (fixtures written to tmp_path)."""
from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.ingest.load import (
    SUPPORTED,
    decode_bytes,
    find_date,
    find_headline,
    load_documents,
    to_iso_date,
)
from kg.model import Document, Skipped

logger = logging.getLogger(__name__)

DATA = Path(__file__).resolve().parent.parent / "data"
BODY_1 = "The coastal city reopened its harbour on Monday after a week of storms, officials said."
BODY_2 = "Fishermen told reporters that the catch had been poor, but prices were steady."
ARTICLE = f"Harbour reopens after a week of storms\n-----\n{BODY_1}\n{BODY_2}\n"
SAMPLE = {  # file -> (date, title)
    "000_913475dfa0a1c5c8.txt": ("2024-07-24", "Russia’s Wagner to enhance air defense for ‘Hezbollah or Iran’: White House"),
    "001_9ffded20f949ddc6.txt": ("2023-11-21", "White House: Wagner prepares to provide air defense to Hezbollah or Iran"),
    "002_e5f92e7c2cb93c47.txt": ("2023-11-03", "Russia's Wagner group sets to deliver air defence weapons to Hezbollah: US"),
    "003_d44a235d43d61bfb.txt": (None, ("Wagner Group Preparing to Provide Air-Defense System to Hezbollah in ‘Unprecedented’ "
                                       "Show of Cooperation, White House Says")),
    "004_a9ac1080b439bae5.txt": ("2023-11-22", ""),
}


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def load_one(folder: Path) -> tuple[list[Document], list[Skipped]]:
    return load_documents([folder])


def test_load_txt_folder_sorted_with_relative_sources(tmp_path: Path) -> None:
    write(tmp_path, "b/2024-03-04_7.txt", ARTICLE)
    write(tmp_path, "a.txt", f"Ferry service resumes on the island\n-----\n{BODY_2}\n")
    write(tmp_path, ".hidden/x.txt", ARTICLE.replace("Monday", "Friday"))
    docs, skipped = load_one(tmp_path)
    assert [(d.id, d.source) for d in docs] == [("a", "a.txt"), ("2024-03-04_7", "b/2024-03-04_7.txt")]
    assert skipped == []
    assert docs[1] == Document("2024-03-04_7", "Harbour reopens after a week of storms",
                               f"{BODY_1}\n\n{BODY_2}", "2024-03-04", None, "b/2024-03-04_7.txt")


def test_load_file_argument_source_is_its_name(tmp_path: Path) -> None:
    path = write(tmp_path, "deep/er/story one.md", f"# Harbour reopens after storms\n\n{BODY_1}\n")
    docs, _ = load_documents([str(path)])
    assert (docs[0].id, docs[0].source, docs[0].title, docs[0].text) == (
        "story_one", "story one.md", "Harbour reopens after storms", BODY_1)


@pytest.mark.parametrize("head, date", [
    (" date 2023-11-21 Skip to content", "2023-11-21"),
    ("Wednesday, July 24, 2024", "2024-07-24"),
    ("by Jane Roe November 21, 2023 9:37 PM 1 min read", "2023-11-21"),
    ("Published 4 March 2024", "2024-03-04"),
    ("Menu", None),
])
def test_load_plain_text_date_line(head: str, date: str | None) -> None:
    text = f"{head}\n\nHarbour reopens after a week of storms\n\n{BODY_1}\n\nOn March 9, 2021, it closed."
    assert find_date(text) == date
    assert find_headline(text) == "Harbour reopens after a week of storms"


def test_load_plain_text_date_from_file_name_else_none(tmp_path: Path) -> None:
    write(tmp_path, "2022-01-05_x.txt", f"{BODY_1}\n")
    write(tmp_path, "story.txt", f"{BODY_2}\n")
    docs, _ = load_one(tmp_path)
    assert [(d.id, d.date, d.title) for d in docs] == [("2022-01-05_x", "2022-01-05", ""), ("story", None, "")]


def test_load_headline_after_menus_not_body() -> None:
    text = (f"Skip to content\nFeatured\nSport Weather Video\nAbout Join the Team Jobs\nJane Roe\n"
            f"Harbour reopens after a week of storms\n{BODY_1}")
    assert find_headline(text) == "Harbour reopens after a week of storms"
    assert find_headline(f"{BODY_1}\nA short line that is not a title\n") == ""


@pytest.mark.parametrize("name", sorted(SAMPLE))
def test_load_sample_dates_and_titles(name: str) -> None:
    docs, skipped = load_documents([DATA / name])
    assert skipped == []
    assert (docs[0].date, docs[0].title) == SAMPLE[name]
    assert docs[0].publisher is None and docs[0].id == name[:-4]
    assert not docs[0].text.startswith(docs[0].title or "\0")


def test_load_sample_folder() -> None:
    docs, skipped = load_documents([DATA])
    assert [d.source for d in docs] == sorted(SAMPLE) and skipped == []


def test_load_html_title_date_publisher(tmp_path: Path) -> None:
    html = ("<html><head><title>Harbour reopens after a week of storms</title>"
            "<meta property='og:site_name' content='Coast Times'>"
            "<meta property='article:published_time' content='2024-03-04T08:00:00+00:00'></head>"
            "<body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav><article>"
            f"<h1>Harbour reopens after a week of storms</h1><p>{BODY_1}</p><p>{BODY_2}</p>"
            "</article><footer>Subscribe to our newsletter</footer></body></html>")
    write(tmp_path, "page.html", html)
    docs, skipped = load_one(tmp_path)
    assert skipped == []
    assert (docs[0].title, docs[0].date, docs[0].publisher) == (
        "Harbour reopens after a week of storms", "2024-03-04", "Coast Times")
    assert docs[0].text == f"{BODY_1}\n\n{BODY_2}"


def test_load_html_deeply_nested_and_unclosed(tmp_path: Path) -> None:
    write(tmp_path, "deep.htm", "<div>" * 20000 + f"<p>{BODY_1}" + "<span><b><i>" * 3000)
    assert load_one(tmp_path) == ([Document("deep", "", BODY_1, None, None, "deep.htm")], [])


def test_load_json_object_and_list(tmp_path: Path) -> None:
    write(tmp_path, "one.json", json.dumps({"Headline": "Harbour reopens", "Body": BODY_1,
                                            "pubDate": "Tue, 21 Nov 2023 10:00:00 GMT", "Outlet": "Coast Times"}))
    write(tmp_path, "many.json", json.dumps([{"id": "a/1", "text": BODY_2}, {"content": BODY_1 + " Again."},
                                             ["not", "an", "object"], {"title": "No text"}]))
    docs, skipped = load_one(tmp_path)
    assert [(d.id, d.title, d.date, d.publisher) for d in docs] == [
        ("many-a_1", "", None, None), ("many-2", "", None, None),
        ("one-1", "Harbour reopens", "2023-11-21", "Coast Times")]
    assert skipped == [Skipped("many.json:3", "not a JSON object"),
                       Skipped("many.json:4", "no text (expected a text, body, content or article field)")]


def test_load_jsonl_malformed_line_skipped_rest_loaded(tmp_path: Path) -> None:
    lines = [json.dumps({"id": 1, "text": BODY_1, "date": "2023-11-21"}), "", '{"id": 2, "text": "broken',
             json.dumps({"id": 3, "text": BODY_2, "source": "Coast Times"})]
    write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n")
    docs, skipped = load_one(tmp_path)
    assert [(d.id, d.date, d.publisher, d.source) for d in docs] == [
        ("feed-1", "2023-11-21", None, "feed.jsonl"), ("feed-3", None, "Coast Times", "feed.jsonl")]
    assert len(skipped) == 1 and skipped[0].source == "feed.jsonl:3"
    assert skipped[0].reason.startswith("invalid JSON: Unterminated string")


def test_load_csv_header_any_case_and_malformed_row(tmp_path: Path) -> None:
    rows = ['ID,Title,Text,Published,Site', f'7,Harbour reopens,"{BODY_1}",2024-03-04,Coast Times',
            'x,too,many,fields,here,and,more', f',Ferry resumes,"{BODY_2}",,']
    write(tmp_path, "rows.csv", "\r\n".join(rows) + "\r\n")
    docs, skipped = load_one(tmp_path)
    assert [(d.id, d.title, d.date, d.publisher, d.text) for d in docs] == [
        ("rows-7", "Harbour reopens", "2024-03-04", "Coast Times", BODY_1),
        ("rows-3", "Ferry resumes", None, None, BODY_2)]
    assert skipped == [Skipped("rows.csv:3", "malformed CSV row: 7 fields, the header has 5")]


@pytest.mark.parametrize("name, content, reason", [
    ("nul.txt", b"Some text\x00with a NUL byte in it", "binary file (NUL bytes)"),
    ("photo.txt", b"\x89PNG\r\n\x1a\nrest of an image", "binary file (PNG image)"),
    ("archive.json", b"PK\x03\x04rest of a zip", "binary file (zip archive)"),
    ("empty.txt", b"", "empty file"),
    ("blank.md", b" \n\t\r\n  ", "empty file"),
    ("bad.txt", b"Caf\xc3 au lait \x81\x8d costs \x90 two euros", "not text in any encoding tried "
     "(UTF-8: invalid at byte 3, 4 of 33 bytes broken (12%); cp1252: no character for byte 0x81 at byte 13)"),
    ("ctrl.txt", b"Caf\xe9 \x01\x02\x03\x04 menu",
     "not text in any encoding tried (UTF-8: invalid at byte 3, 1 of 14 bytes broken (7%); cp1252: 100% noise)"),
    ("debris.txt", ("\u00c3( \u00ff\u00fe\u00fa " * 50 + "then some words").encode("cp1252"),
     "not text in any encoding tried (UTF-8: invalid at byte 0, 200 of 365 bytes broken (55%); cp1252: 70% noise)"),
    # mostly ASCII, its other bytes noise: charset-normalizer finds no mess, the stray letters tell
    ("noise.txt", b"Hezbollah \xff\xfe\xfa received \xc3\x28 weapons " * 50,
     "not text in any encoding tried (UTF-8: invalid at byte 10, 200 of 1700 bytes broken (12%); "
     "cp1252: 200 of its 200 non-ASCII characters are stray letters (100%))"),
    ("broken.json", b'{"text": ', "invalid JSON: Expecting value (line 1, column 10)"),
    ("image.png", b"\x89PNG", "unsupported file type .png"),
    ("README", b"Some words", "unsupported file type (no extension)"),
    ("menu.txt", b"Home\nWorld\nSport\n", "no article text left after cleaning"),
])
def test_load_skip_reasons(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    write(tmp_path, name, content)
    assert load_one(tmp_path) == ([], [Skipped(name, reason)])


SMART = ARTICLE.replace("on Monday", "on Monday’s “stormy” day")


@pytest.mark.parametrize("content", [
    ("\ufeff" + SMART).encode("utf-8"),  # UTF-8 with a BOM
    SMART.encode("utf-16"),  # UTF-16 with a BOM
    SMART.encode("cp1252"),  # smart quotes in cp1252
])
def test_load_decodes_bom_and_cp1252(tmp_path: Path, content: bytes) -> None:
    write(tmp_path, "story.txt", content)
    docs, skipped = load_one(tmp_path)
    assert skipped == [] and docs[0].title == "Harbour reopens after a week of storms"
    assert docs[0].text.startswith("The coastal city reopened its harbour on Monday’s “stormy” day")


def test_load_reads_cp1252_names_and_quotes_and_utf8_with_two_broken_bytes(tmp_path: Path) -> None:
    body = ("The envoy, Zoë Ødegaard, met Jürgen Müller and François Lefèvre in São Paulo on Monday. "
            "“We will not wait,” Ødegaard said of the café talks – à la carte, she added. "
            "Müller’s office said the €20 million fund would open at 5 °C below the norm.\n")
    write(tmp_path, "cp1252.txt", ("Envoys meet in São Paulo\n\n" + body).encode("cp1252"))
    damaged = ("Envoys meet again\n\n" + body.replace("on Monday", "on Tuesday")).encode("utf-8")
    at = damaged.index(b"met ")
    write(tmp_path, "utf8.txt", damaged[:at] + b"\xff" + damaged[at:at + 20] + b"\xc3" + damaged[at + 21:])
    docs, skipped = load_one(tmp_path)
    assert skipped == []
    assert docs[0].title == "Envoys meet in São Paulo" and docs[0].text == body.strip()
    assert docs[1].text.count("\ufffd") == 2 and "“We will not wait,” Ødegaard" in docs[1].text


def test_load_over_max_bytes(tmp_path: Path) -> None:
    write(tmp_path, "big.txt", ARTICLE)
    size = len(ARTICLE.encode())
    assert load_documents([tmp_path], max_bytes=size - 1)[1] == [
        Skipped("big.txt", f"too large: {size} bytes (max_bytes is {size - 1})")]
    assert len(load_documents([tmp_path], max_bytes=size)[0]) == 1


def test_load_duplicate_text_skipped_and_id_clash_suffixed(tmp_path: Path) -> None:
    write(tmp_path, "a/story.txt", ARTICLE)
    write(tmp_path, "b/story.txt", ARTICLE.replace("Harbour reopens", "Port opens again"))
    write(tmp_path, "c/story.txt", f"{BODY_2}\n")
    docs, skipped = load_one(tmp_path)
    assert [(d.id, d.source) for d in docs] == [("story", "a/story.txt"), ("story-2", "c/story.txt")]
    assert skipped == [Skipped("b/story.txt", "duplicate of story")]


def test_load_unreadable_and_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "locked.txt", ARTICLE)

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    missing = tmp_path / "gone.txt"
    assert load_documents([tmp_path, missing]) == ([], [
        Skipped("locked.txt", "unreadable: Permission denied"), Skipped(str(missing), "no such file or folder")])


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks on this platform")
def test_load_symlink_loop_is_not_followed_forever(tmp_path: Path) -> None:
    write(tmp_path, "news/story.txt", ARTICLE)
    (tmp_path / "news" / "loop").symlink_to(tmp_path, target_is_directory=True)
    docs, skipped = load_one(tmp_path)
    assert [d.source for d in docs] == ["news/story.txt"] and skipped == []


@pytest.mark.parametrize("value, iso", [
    ("2023-11-21", "2023-11-21"), ("2023-11-21T23:10:00Z", "2023-11-21"), ("November 21, 2023", "2023-11-21"),
    ("Tue, 21 Nov 2023 10:00:00 GMT", "2023-11-21"), ("21 November", None), ("soon", None), (None, None),
    ("2023-02-30", None),
])
def test_load_dates_normalised(value: str | None, iso: str | None) -> None:
    assert to_iso_date(value) == iso


@settings(max_examples=80, deadline=None)
@given(st.binary(max_size=300))
def test_load_decode_never_raises(data: bytes) -> None:
    text, reason = decode_bytes(data)
    assert (text is None) != (reason == "")


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(SUPPORTED), st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_load_never_raises_on_a_bad_file(ext: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        write(Path(folder), f"x{ext}", data)
        docs, skipped = load_documents([folder])
    assert all(d.text and d.source == f"x{ext}" for d in docs)
    assert docs or skipped


def test_load_noise_in_every_encoding_is_skipped_but_a_few_broken_bytes_are_not() -> None:
    import random

    rng = random.Random(11)
    noise = bytes(rng.choice(b"\xa0\xc3\xe2\xff\xfe\xfa\x80\x99(") for _ in range(4000))
    text, reason = decode_bytes(noise)
    assert text is None and reason.startswith("not text in any encoding tried (UTF-8: invalid at byte ")
    # UTF-8 with one broken byte in 300 characters: read, the byte as U+FFFD
    damaged = ("Iran\u2019s drones reached Russia. " * 10).encode("utf-8")
    damaged = damaged[:40] + b"\xff" + damaged[41:]
    text, reason = decode_bytes(damaged)
    assert reason == "" and text.count("\ufffd") == 1 and "Iran\u2019s drones" in text
