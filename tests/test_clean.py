"""Tests for kg.ingest.clean: line rules on hand-written text, then the real sample and dev files."""
from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import OntologyError
from kg.ingest.clean import ONTOLOGY_DIR, clean_text, extract_html, is_furniture, load_lexicon
from kg.ingest.load import find_headline

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
DEV_CORPUS = ROOT.parent / "shared" / "dev-corpus"

BODY_1 = "The coastal city reopened its harbour on Monday after a week of storms, officials said."
BODY_2 = "Fishermen told reporters that the catch had been poor, but prices were steady."
FORBIDDEN = [
    "Immigration News", "Fidel Rahmati", "Khaama Press", "Secret Santa", "Skip to content",
    "War Analysis", "Newsletters", "Podcasts", "Al Drago", "Getty Images", "STRINGER",
    "Mohamed Azakir", "Martin Fornusek", "visa", "Comments", "Most popular", "News Feed",
    "Zelensky", "Trump", "Volker Turk", "Black Sea", "Nataliia Humeniuk", "Ukrinform",
    "Editors' Picks", "Subscribe", "Successfuly", "Ari Blaff", "National Post", "National Review",
    "Exit mobile version", "Advertisement", "Captcha", "CAPTCHA", "The World News", "Home World",
    "Edit post",
]
# file -> (paragraph count, start of the first paragraph, end of the last paragraph)
SAMPLE = {
    "000_913475dfa0a1c5c8.txt": (13, "A man mounts a flag of Wagner group", "close to a ceasefire."),
    "001_9ffded20f949ddc6.txt": (8, "John Kirby speaks during a news conference", "over the past weeks."),
    "002_e5f92e7c2cb93c47.txt": (13, "American officials are currently monitoring", "in Gaza and the West Bank,\" a statement said."),
    "003_d44a235d43d61bfb.txt": (14, "Lebanon’s Hezbollah leader Sayyed Hassan Nasrallah", "on board Prigozhin’s aircraft."),
    "004_a9ac1080b439bae5.txt": (8, "The American government accused this Tuesday (21)", "known as “volunteer units”."),
}
CAPTIONS = {
    "000_913475dfa0a1c5c8.txt": "crashed on August 23.",
    "001_9ffded20f949ddc6.txt": "at the White House in Washington, D.C.",
    "002_e5f92e7c2cb93c47.txt": "in the city of Rostov-on-Don, on June 24, 2023.",
    "003_d44a235d43d61bfb.txt": "in Beirut’s southern suburbs, Lebanon, November 3, 2023.",
}


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n") if text else []


def cleaned_sample(name: str) -> str:
    raw = (DATA / name).read_text(encoding="utf-8")
    return clean_text(raw, title=find_headline(raw) or None)


def test_clean_keeps_body_paragraphs_one_line_each() -> None:
    raw = f"\n{BODY_1}\n\n\n{BODY_2}\n"
    assert clean_text(raw) == f"{BODY_1}\n\n{BODY_2}"


@pytest.mark.parametrize("line", [
    "Skip to content", "Featured", "Home World", "Sport Weather Opinion Video Podcasts",
    "About Join the Team Team Story Studio Jobs", "All Newsletters Arrow right", "9:17 PM",
    "Comments", "Edit post", "- Advertisement -", "Exit mobile version", "Please enter your comment!",
    "Please enter your name here", "Captcha verification failed!", "CAPTCHA user score failed. Please contact us!",
    "Enter your email to subscribe", "* indicates required", "Become our Secret Santa!",
    "Become a member and help us keep the lights on in our small newsroom this year.",
    "This audio is created with AI assistance", "visa masterCard americanExpress",
    "by Jane Roe November 21, 2023 9:37 PM 1 min read", "Author: Jane Roe", "Jane Roe",
    "Wednesday, July 24, 2024", "Share on Facebook", "Thank you for signing up for this newsletter.",
    "Jane Roe is the editor and content writer for Harbour Daily. You may follow her at Twitter @janeroe",
    "Jane Roe is a reporter for the Harbour Times. She was formerly a news writer for Coast Weekly.",
    "— Harbour Office (@HarbourOffice) March 3, 2024",
])
def test_clean_drops_furniture_line(line: str) -> None:
    assert is_furniture(line), line
    assert clean_text(f"{BODY_1}\n\n{line}\n\n{BODY_2}") == f"{BODY_1}\n\n{BODY_2}"


@pytest.mark.parametrize("line", [
    BODY_1, "This is obscene.", "“We will not back down,” she said.", "By Tuesday, the harbour had reopened.",
    "Jane Roe is a reporter with a long memory, and she remembered the storm of 1987 well.",
    "ได้รับการยืนยันจากฝ่ายความมั่นคงว่า ตัวประกันได้รับการปล่อยตัว",
])
def test_clean_keeps_text_line(line: str) -> None:
    assert not is_furniture(line)
    assert clean_text(line) == line


def test_clean_sidebar_marker_after_body_cuts_the_rest() -> None:
    raw = f"{BODY_1}\n\nMost popular\n\nAnother story about a different town.\n\n{BODY_2}"
    assert clean_text(raw) == BODY_1


def test_clean_sidebar_marker_at_top_is_only_a_menu_line() -> None:
    raw = f"News Feed\n\nRelated\n\n{BODY_1}\n\nRead more\n\n{BODY_2}"
    assert clean_text(raw) == BODY_1


@pytest.mark.parametrize("credit", [
    " (Photo by STRINGER / AFP)", " (Jane Roe/Bloomberg via Getty Images)", " (Jane Roe/Reuters)",
    "(File Photo | AFP)", " Photo: Jane Roe/Reuters", " (Photo: Jane Roe)",
])
def test_clean_caption_stays_its_credit_goes(credit: str) -> None:
    caption = "A fisherman mends a net on the pier, on March 3, 2024."
    assert clean_text(f"{caption}{credit}\n\n{BODY_1}") == f"{caption}\n\n{BODY_1}"


def test_clean_credit_only_line_goes() -> None:
    assert clean_text(f"{BODY_1}\nJane Roe/Reuters\n{BODY_2}") == f"{BODY_1}\n\n{BODY_2}"


def test_clean_title_first_equal_line_only_and_date_stamp() -> None:
    title = "Harbour reopens after storms"
    raw = f" date 2024-03-04 {BODY_1}\n{title}\n-----\n{BODY_2}\n{title}"
    assert clean_text(raw, title=title) == f"{BODY_1}\n\n{BODY_2}\n\n{title}"


def test_clean_text_is_not_altered() -> None:
    line = "He said: \u201cIt\u2019s \u2018fine\u2019\u2009\u2013 really\u2026\u201d  ,and\u00a0left."
    assert clean_text(line) == line


def test_clean_unwraps_hard_wrapped_text() -> None:
    raw = ("The harbour authority said on Monday that the\nnew quay would open in May, two months\n"
           "later than planned, because of the storms.\n    Fishermen welcomed the news, but said\n"
           "the delay had cost them dearly.\n Reuter\n")
    assert clean_text(raw) == (
        "The harbour authority said on Monday that the new quay would open in May, two months "
        "later than planned, because of the storms.\n\n"
        "Fishermen welcomed the news, but said the delay had cost them dearly.")


def test_clean_lexicon_can_be_extended(tmp_path: Path) -> None:
    data = json.loads((ONTOLOGY_DIR / "clean.json").read_text(encoding="utf-8"))
    data["drop_line_patterns"].append(r"^Harbour radio:")
    (tmp_path / "clean.json").write_text(json.dumps(data), encoding="utf-8")
    raw = f"{BODY_1}\n\nHarbour radio: tune in at noon for the weather report of the day.\n\n{BODY_2}"
    assert clean_text(raw, lexicon=tmp_path) == f"{BODY_1}\n\n{BODY_2}"
    assert "Harbour radio" in clean_text(raw)


def test_clean_malformed_lexicon_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "clean.json"
    path.write_text('{\n  "drop_line_patterns": [\n    "a",\n  ]\n}\n', encoding="utf-8")
    with pytest.raises(OntologyError, match=r"clean\.json: invalid JSON at line 4"):
        load_lexicon(path)


def test_clean_lexicon_bad_regex_or_missing_key(tmp_path: Path) -> None:
    data = json.loads((ONTOLOGY_DIR / "clean.json").read_text(encoding="utf-8"))
    data["credit_patterns"] = ["(unclosed"]
    (tmp_path / "bad.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(OntologyError, match="bad regex in 'credit_patterns'"):
        load_lexicon(tmp_path / "bad.json")
    del data["limits"]
    (tmp_path / "short.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(OntologyError, match="missing limits"):
        load_lexicon(tmp_path / "short.json")


def test_clean_html_fallback_strips_tags(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kg.ingest.clean._trafilatura", lambda html: None)
    html = ("<html><head><title>Harbour | Coast</title><meta property='og:site_name' content='Coast Times'>"
            "<meta property='article:published_time' content='2024-03-04T08:00:00Z'><style>p{}</style></head>"
            f"<body><nav>Home World Sport</nav><h1>Harbour reopens</h1><p>{BODY_1}</p><p>{BODY_2}"
            "<footer>Subscribe</footer></body></html>")
    text, title, date, publisher = extract_html(html)
    assert (title, date, publisher) == ("Harbour reopens", "2024-03-04T08:00:00Z", "Coast Times")
    assert clean_text(text, title=title) == f"{BODY_1}\n\n{BODY_2}"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_clean_never_raises_and_keeps_the_shape(raw: str) -> None:
    text = clean_text(raw)
    assert text == text.strip() and "\n\n\n" not in text
    assert all(p and "\n" not in p for p in paragraphs(text))


@pytest.mark.parametrize("name", sorted(SAMPLE))
def test_clean_sample_body_kept_furniture_dropped(name: str) -> None:
    text = cleaned_sample(name)
    count, first, last = SAMPLE[name]
    assert [bad for bad in FORBIDDEN if bad in text] == []
    assert paragraphs(text)[0].startswith(first)
    assert paragraphs(text)[-1].endswith(last)
    assert len(paragraphs(text)) == count


@pytest.mark.parametrize("name", sorted(SAMPLE))
def test_clean_sample_paragraphs_are_verbatim(name: str) -> None:
    raw = (DATA / name).read_text(encoding="utf-8")
    assert all(p in raw for p in paragraphs(cleaned_sample(name)))


@pytest.mark.parametrize("name", sorted(CAPTIONS))
def test_clean_sample_caption_kept_without_credit(name: str) -> None:
    captions = [p for p in paragraphs(cleaned_sample(name)) if p.endswith(CAPTIONS[name])]
    assert len(captions) == 1


@pytest.mark.skipif(not DEV_CORPUS.is_dir(), reason="../shared/dev-corpus not present")
@pytest.mark.parametrize("path", sorted(DEV_CORPUS.glob("*.txt")), ids=lambda p: p.name)
def test_clean_dev_corpus_loses_no_body_paragraph(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    kept = set(paragraphs(clean_text(raw, title=find_headline(raw) or None)))
    lost = [line for line in raw.splitlines() if len(line.split()) >= 20 and line.strip() not in kept]
    assert lost == []


@pytest.mark.parametrize("line, kept", [
    ("FILE - Sailors of a coastal patrol unload crates at the pier in Varn, on May 2, 2021.",
     "Sailors of a coastal patrol unload crates at the pier in Varn, on May 2, 2021."),
    ("FILE PHOTO: A cargo plane lands at the northern airfield, March 3, 2022. REUTERS/Jane Doe/File Photo",
     "A cargo plane lands at the northern airfield, March 3, 2022."),
    ("File photo: Engineers inspect the cracked dam above the town.", "Engineers inspect the cracked dam above the town."),
    ("OSLO, March 4 (Reuters) - The coastguard said it tracked two trawlers.", "The coastguard said it tracked two trawlers."),
    ("BRUSSELS (AP) — Ministers met on Tuesday to discuss fishing quotas.", "Ministers met on Tuesday to discuss fishing quotas."),
])
def test_clean_strips_wire_photo_prefixes_and_datelines(line, kept):
    assert clean_text(f"{line}\n\n{BODY_1}") == f"{kept}\n\n{BODY_1}"


@pytest.mark.parametrize("line, kept", [
    ("Crowds gather at the harbour on Friday. Jane Doe/AFP via Getty Images", "Crowds gather at the harbour on Friday."),
    ("A ferry leaves the quay at dusk. Tom Rowe via Getty Images", "A ferry leaves the quay at dusk."),
    ("Smoke rises over the valley after the blast (AFP)", "Smoke rises over the valley after the blast"),
    ("Farmers queue for fuel outside the depot. Photo: Reuters", "Farmers queue for fuel outside the depot."),
])
def test_clean_strips_agency_credits(line, kept):
    assert clean_text(f"{line}\n\n{BODY_1}") == f"{kept}\n\n{BODY_1}"


@pytest.mark.parametrize("line", [
    "She told Agence France-Presse (AFP) that the talks had stalled.",
    "File transfers between the two ministries were slowed by the outage.",
    "He said the AP / Reuters split in coverage was old news.",
    "The harbour reopened on Friday via Getty Street, the only road left.",
])
def test_clean_keeps_text_that_only_looks_like_a_credit(line):
    assert clean_text(f"{line}\n\n{BODY_1}") == f"{line}\n\n{BODY_1}"
