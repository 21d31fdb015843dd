"""PDF in (kg.ingest.pdf): PDFs the tests make with reportlab (tests/pdf_maker.py), read back by kg's
loader; the end to end test builds a sample article from its text and from a PDF of it."""
from __future__ import annotations

import io
import re
import zlib
from pathlib import Path

import pytest
from pdf_maker import Page, make_pdf, typeset
from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas
from typer.testing import CliRunner

from kg.cli import app
from kg.ingest.hyphens import Vocabulary, mend_hyphen
from kg.ingest.load import load_documents
from kg.limits import MAX_PDF_INFLATED, MAX_PDF_PAGES
from kg.model import Skipped
from kg.pipeline.run import build

DATA = Path(__file__).resolve().parent.parent / "data"
SAMPLE = "002_e5f92e7c2cb93c47.txt"  # has Pantsir-S1, anti-aircraft, surface-to-air, Rostov-on-Don

TITLE = "Harbour talks resume after storms"
PARAGRAPHS = [
    "The coastal city reopened its harbour on Monday after a week of storms, and the deployment of "
    "tugs began at dawn, officials said.",
    "Fishermen told reporters that the catch had been poor, but prices were steady and the market "
    "would open on Tuesday as planned.",
    "The port authority said that its new anti-aircraft battery and the long-range Pantsir-S1 system "
    "on the pier were moved in the night without any delay, and that the navy would guard both of "
    "them there until the end of the month, when the storms are expected to end.",
    "A spokesman for the ministry said the talks would resume on Wednesday with the union, and that "
    "the strike by the dockers had ended, meaning that the harbour would be open to all harbour "
    "traffic and to the ferries by Friday, as the city council had asked in a letter to the union at "
    "the end of last week.",
    "Storm damage was put at two million euros, which the mayor called far too low.",
    "Insurers are expected to publish their own estimate later this month, said a senior union "
    "official, who asked not to be named.",
]
# PARAGRAPHS as a typesetter breaks them into two columns on two pages (each line as full as it
# can be): a hyphen added in "Mon-day" and "deploy-ment", lines broken at the hyphens of
# "anti-aircraft" and "Pantsir-S1", a footnote mark after "said." and the footnote at the foot, a
# paragraph running on from column to column and from page to page, a gap between paragraphs.
PAGES = [
    Page(top=[(TITLE, 18.0), ("March 4, 2024", 10.0)], columns=[
        ["The coastal city reopened its harbour on Mon-",
         "day after a week of storms, and the deploy-",
         "ment of tugs began at dawn, officials said.^1",
         "",
         "Fishermen told reporters that the catch had",
         "been poor, but prices were steady and the",
         "market would open on Tuesday as planned.",
         "",
         "The port authority said that its new anti-",
         "aircraft battery and the long-range Pantsir-",
         "S1 system on the pier were moved in the night"],
        ["without any delay, and that the navy would",
         "guard both of them there until the end of the",
         "month, when the storms are expected to end.",
         "",
         "A spokesman for the ministry said the talks",
         "would resume on Wednesday with the union,",
         "and that the strike by the dockers had ended,",
         "meaning that the harbour would be open to all",
         "harbour traffic and to the ferries by Friday, as",
         "the city council had asked in a letter to the"],
    ], footnotes=["1 Figures from the office of the harbour master, as given on Monday."]),
    Page(columns=[
        ["union at the end of last week.",
         "",
         "Storm damage was put at two million euros,",
         "which the mayor called far too low."],
        ["Insurers are expected to publish their own",
         "estimate later this month, said a senior union",
         "official, who asked not to be named."],
    ]),
]
SMALL_PAGE = (A4[0], 340.0)  # the columns of page 1 run down to its foot
HEADER = "The Harbour Gazette · Monday edition · Page {n}"


def harbour_pdf(path: Path, **kwargs) -> Path:
    """PAGES with a running header (the page number in it) and a lone page number at each foot."""
    return make_pdf(path, PAGES, **{"header": HEADER, "numbers": "- {n} -", "pagesize": SMALL_PAGE, **kwargs})


def load_one(path: Path):
    return load_documents([path])


def test_two_columns_two_pages_in_reading_order_without_furniture(tmp_path: Path) -> None:
    docs, skipped = load_one(harbour_pdf(tmp_path / "harbour.pdf"))
    assert skipped == []
    (doc,) = docs
    assert doc.title == TITLE and doc.date == "2024-03-04" and doc.id == "harbour" and doc.source == "harbour.pdf"
    assert doc.text.split("\n\n") == PARAGRAPHS
    for furniture in ("Gazette", "Page", "- 1 -", "Figures", "said.1", "master"):
        assert furniture not in doc.text


def test_running_header_without_number_page_x_of_y_and_metadata_title(tmp_path: Path) -> None:
    path = harbour_pdf(tmp_path / "report.pdf", header="Coastal Affairs Weekly", numbers="Page {n} of {total}",
                       title="Harbour talks resume: the full report")
    (doc,), skipped = load_one(path)
    assert skipped == [] and doc.title == "Harbour talks resume: the full report"
    # the large-font headline is not the metadata title: it stays in the text, where the cleaner
    # drops it as a short line without a sentence end, as it would a .txt page's heading
    assert doc.text.split("\n\n") == PARAGRAPHS


@pytest.mark.parametrize("before, after, mended", [
    ("the deploy-", "ment of tugs", "the deployment of tugs"),  # "ment" is no word
    ("the new anti-", "aircraft battery", "the new anti-aircraft battery"),  # both words, 4 letters or more
    ("the Pantsir-", "S1 system", "the Pantsir-S1 system"),  # a capital after: a real hyphen
    ("the 2023-", "24 budget", "the 2023-24 budget"),
    ("the Israel-", "Hamas war", "the Israel-Hamas war"),
    ("they sup-", "port it", "they support it"),  # "sup" is a word, but of 3 letters
    ("the air-", "craft landed", "the aircraft landed"),
    ("the air-", "defense system", "the air-defense system"),  # "airdefense" is no word
    ("in-", "formation was given", "information was given"),
    ("some-", "thing else", "something else"),  # a stop word
    ("the tar-", "gets were hit", "the targets were hit"),  # an inflection taken off
    ("soft\u00ad", "ware", "software"),  # a soft hyphen always goes
    ("a well-", "known case", "a well-known case"),
    ("out -", "side", "out -side"),  # no letters before the hyphen: kept as it stands
])
def test_mend_hyphen(before: str, after: str, mended: str) -> None:
    assert mend_hyphen(before, after, Vocabulary([before, after]).known) == mended


def test_mend_hyphen_follows_the_document() -> None:
    # the document writes the compound "co-operation" elsewhere: kept; "cooperation" elsewhere: joined
    hyphenated = Vocabulary(["the co-operation was", "praised; co-", "operation went on"])
    assert mend_hyphen("praised; co-", "operation went on", hyphenated.known) == "praised; co-operation went on"
    closed = Vocabulary(["the cooperation was", "praised; well-", "being"])
    assert mend_hyphen("the co-", "operation", closed.known) == "the cooperation"
    # a word cut at a line end does not count as written elsewhere
    cut = Vocabulary(["an anti-", "aircraft gun"])
    assert "aircraft" not in cut.words and "anti" not in cut.words


def test_same_pdf_same_text(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
    first, second = harbour_pdf(tmp_path / "a" / "harbour.pdf"), harbour_pdf(tmp_path / "b" / "harbour.pdf")
    assert first.read_bytes() == second.read_bytes()  # reportlab's invariant mode
    (a,), _ = load_one(first)
    (b,), _ = load_one(second)
    assert a == b


def test_a_pdf_read_once_is_taken_from_the_build_cache(tmp_path: Path) -> None:
    from kg.pipeline.cache import Cache

    path = harbour_pdf(tmp_path / "harbour.pdf")
    scanned_pdf(tmp_path / "scan.pdf", pages=1)
    cache = Cache(tmp_path / "cache" / "kg-cache.sqlite")
    try:
        first = load_documents([path, tmp_path / "scan.pdf"], memo=cache)
        assert cache.read_items("harbour.pdf", path.read_bytes()) == [("harbour.pdf", first[0][0])]
        assert cache.read_items("scan.pdf", (tmp_path / "scan.pdf").read_bytes()) == first[1]
        assert load_documents([path, tmp_path / "scan.pdf"], memo=cache) == first
    finally:
        cache.close()


def scanned_pdf(path: Path, pages: int = 2) -> Path:
    """Pages that are a picture each (grey lines on white, as a scanner gives), no text."""
    picture = Image.new("L", (600, 800), 255)
    draw = ImageDraw.Draw(picture)
    for i in range(30):
        draw.rectangle((60, 80 + 22 * i, 60 + 300 + (i * 37) % 180, 90 + 22 * i), fill=60)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    c = canvas.Canvas(str(path), invariant=1)
    for _ in range(pages):
        c.drawImage(ImageReader(io.BytesIO(buffer.getvalue())), 50, 50, 495, 700)
        c.showPage()
    c.save()
    return path


def test_scanned_pdf_skipped_and_the_text_beside_it_read(tmp_path: Path) -> None:
    scanned_pdf(tmp_path / "scan.pdf")
    (tmp_path / "story.txt").write_text(f"{TITLE}\n-----\n{PARAGRAPHS[0]}\n", encoding="utf-8")
    docs, skipped = load_documents([tmp_path])
    assert [d.source for d in docs] == ["story.txt"]
    assert skipped == [Skipped("scan.pdf", "no text layer (a scanned PDF?): 2 pages, 2 images, no characters")]


def test_encrypted_pdfs(tmp_path: Path) -> None:
    harbour_pdf(tmp_path / "locked.pdf", encrypt="secret")  # a user password: cannot be opened
    # an owner password alone (the user's empty): it opens, and is read
    harbour_pdf(tmp_path / "owner.pdf", encrypt=StandardEncryption("", ownerPassword="owner", canPrint=0))
    docs, skipped = load_documents([tmp_path])
    assert skipped == [Skipped("locked.pdf", "encrypted PDF: it needs a password to open")]
    assert [d.source for d in docs] == ["owner.pdf"] and docs[0].text.split("\n\n") == PARAGRAPHS


def test_broken_pdfs_one_line_each(tmp_path: Path) -> None:
    whole = harbour_pdf(tmp_path / "whole.pdf").read_bytes()
    (tmp_path / "cut.pdf").write_bytes(whole[: len(whole) // 2])
    (tmp_path / "garbled.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Nothing >>\nendobj\ntrailer\n<< >>\n%%EOF\n")
    (tmp_path / "notes.pdf").write_bytes(b"Just some text saved under the wrong name.\n")
    (tmp_path / "empty.pdf").write_bytes(b"")
    docs, skipped = load_documents([tmp_path])
    assert [d.source for d in docs] == ["whole.pdf"]
    assert skipped == [
        Skipped("cut.pdf", "broken PDF: truncated (no %%EOF at its end)"),
        Skipped("empty.pdf", "empty file"),
        Skipped("garbled.pdf", "broken PDF: No /Root object! - Is this really a PDF?"),
        Skipped("notes.pdf", "broken PDF: no %PDF header")]


def raw_pdf(streams: list[bytes], pages: int = 1) -> bytes:
    """A PDF written by hand: ``pages`` pages sharing one content stream, plus the ``streams``
    (already compressed, FlateDecode) hung on the catalog."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (4 + i) for i in range(pages))
               + b"] /Count %d >>" % pages,
               b"<< /Length 0 >>\nstream\n\nendstream"]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R >>"] * pages
    objects += [b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(s) + s + b"\nendstream" for s in streams]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_hostile_pdfs_hit_the_limits(tmp_path: Path) -> None:
    (tmp_path / "pages.pdf").write_bytes(raw_pdf([], pages=MAX_PDF_PAGES + 1))
    packer = zlib.compressobj(9)
    chunk = b"0" * (1 << 20)
    bomb = b"".join(packer.compress(chunk) for _ in range(MAX_PDF_INFLATED // len(chunk) + 2)) + packer.flush()
    (tmp_path / "bomb.pdf").write_bytes(raw_pdf([bomb]))
    assert len(bomb) < 1_000_000
    docs, skipped = load_documents([tmp_path])
    assert docs == [] and skipped == [
        Skipped("bomb.pdf", f"too large: its streams inflate to over {MAX_PDF_INFLATED:,} bytes "
                            "(kg.limits.MAX_PDF_INFLATED)"),
        Skipped("pages.pdf", f"too many pages: over {MAX_PDF_PAGES:,} (kg.limits.MAX_PDF_PAGES)")]
    # a hand-written PDF within the limits reads as one with no text
    (tmp_path / "bomb.pdf").unlink()
    (tmp_path / "pages.pdf").write_bytes(raw_pdf([zlib.compress(b"q Q " * 1000)], pages=3))
    assert load_documents([tmp_path]) == ([], [
        Skipped("pages.pdf", "no text layer (a scanned PDF?): 3 pages, 0 images, no characters")])


def test_cli_build_lists_skipped_pdfs(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    harbour_pdf(corpus / "harbour.pdf")
    scanned_pdf(corpus / "scan.pdf", pages=1)
    harbour_pdf(corpus / "locked.pdf", encrypt="secret")
    whole = (corpus / "harbour.pdf").read_bytes()
    (corpus / "cut.pdf").write_bytes(whole[: len(whole) // 2])
    result = CliRunner().invoke(app, ["build", str(corpus), "-o", str(tmp_path / "out"), "--workers", "1"])
    assert result.exit_code == 0, result.output
    for line in ("skipped cut.pdf: broken PDF: truncated (no %%EOF at its end)",
                 "skipped locked.pdf: encrypted PDF: it needs a password to open",
                 "skipped scan.pdf: no text layer (a scanned PDF?): 1 page, 1 image, no characters"):
        assert line in result.output
    assert re.search(r"articles read\s*│\s*1\b", result.output)
    for kind in ("broken PDF", "encrypted PDF", "no text layer (a scanned PDF?)"):
        assert re.search(rf"skipped: {re.escape(kind)}\s*│\s*1\b", result.output), kind
    assert "Traceback" not in result.output


# --- end to end: a sample article as text and as a PDF gives the same claims ------------------------

@pytest.fixture(scope="module")
def sample_builds(tmp_path_factory):
    """The sample article as kg reads it, then typeset into a PDF (two columns on page 1, one on
    page 2, a running header, "Page n of m" at the feet, long words hyphenated at line ends);
    each built by kg.pipeline.run.build."""
    (source,), _ = load_documents([DATA / SAMPLE])
    as_text = tmp_path_factory.mktemp("text")
    (as_text / SAMPLE).write_bytes((DATA / SAMPLE).read_bytes())
    as_pdf = tmp_path_factory.mktemp("pdf")
    pdf = typeset(as_pdf / SAMPLE.replace(".txt", ".pdf"), source.title, "November 3, 2023", source.text.split("\n\n"),
                  header="Middle East Report · Wire copy", columns=(2, 1), per_column=26)
    return source, pdf, build([as_text]), build([as_pdf])


def test_the_sample_pdf_has_two_pages_with_hyphens_at_line_ends(sample_builds) -> None:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextLine

    def lines(item):
        if isinstance(item, LTTextLine):
            yield item.get_text().strip()
        elif hasattr(item, "__iter__"):
            for child in item:
                yield from lines(child)

    _, pdf, _, _ = sample_builds
    pages = [list(lines(page)) for page in extract_pages(pdf)]
    assert len(pages) == 2 and "Page 1 of 2" in pages[0]
    cut = [line.split()[-1] for page in pages for line in page if re.search(r"[a-z]-$", line)]
    assert len(cut) >= 6, cut  # words hyphenated at line ends, and compounds cut at their hyphens
    assert any(w.count("-") == 1 and w[:-1].isalpha() and w[:-1].islower() for w in cut), cut  # "prepar-"


def norm(text: str) -> str:
    return " ".join(text.split())


def test_a_pdf_of_a_sample_article_gives_the_same_claims_as_its_text(sample_builds) -> None:
    _, _, from_text, from_pdf = sample_builds
    (text_doc,), (pdf_doc,) = from_text.documents, from_pdf.documents
    assert from_pdf.skipped == ()
    assert (pdf_doc.id, pdf_doc.title, pdf_doc.date) == (text_doc.id, text_doc.title, text_doc.date)
    assert norm(pdf_doc.text) == norm(text_doc.text)

    def facts(result):
        return {(c.subject, c.relation, c.object, c.modality, c.items) for c in result.claims}

    assert facts(from_text)  # the sample does hold claims
    assert facts(from_pdf) == facts(from_text)
    assert {norm(c.text) for c in from_pdf.claims} == {norm(c.text) for c in from_text.claims}


def test_pdf_claim_offsets_point_into_the_extracted_text(sample_builds) -> None:
    _, _, _, from_pdf = sample_builds
    (doc,) = from_pdf.documents
    assert from_pdf.claims
    body = [c for c in from_pdf.claims if c.text != doc.title]  # a headline's claim points into the title
    assert body
    for claim in body:
        assert doc.text[claim.start_char:claim.end_char] == claim.text
