"""PDFs no test helper typeset: each sample article printed by headless chromium, as a reader
saves a web page, with chromium's own margin lines (the date and time, the title, the file's
address, "1/2") and the body in two CSS columns. kg must read the same text and find the same claims."""
from __future__ import annotations

import html
import shutil
import subprocess
from pathlib import Path

import pytest

from kg.ingest.load import load_documents
from kg.pipeline.run import build

DATA = Path(__file__).resolve().parent.parent / "data"
ARTICLES = sorted(p.name for p in DATA.glob("*.txt"))


def print_to_pdf(title: str, paragraphs: list[str], folder: Path, name: str) -> Path:
    """The article as a web page of two columns, printed to ``name`` by headless chromium."""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    page = folder / f"{name}.html"
    page.write_text(f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
        <style>body {{ font: 11pt serif }} h1 {{ font-size: 18pt }} .body {{ columns: 2; column-gap: 2em;
        text-align: justify }}</style></head><body><h1>{html.escape(title)}</h1><div class="body">{body}</div>
        </body></html>""", encoding="utf-8")
    pdf = folder / f"{name}.pdf"
    subprocess.run([shutil.which("chromium") or "chromium", "--headless=new", "--no-sandbox", "--disable-gpu",
                    f"--user-data-dir={folder / 'profile'}", f"--print-to-pdf={pdf}", page.as_uri()],
                   check=True, capture_output=True, timeout=120)
    return pdf


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """Every sample article as kg reads its text, and its PDF as chromium prints it."""
    folder = tmp_path_factory.mktemp("printed")
    pdfs = folder / "pdf"
    pdfs.mkdir()
    documents, _ = load_documents([DATA / name for name in ARTICLES])
    for name, document in zip(ARTICLES, documents):
        print_to_pdf(document.title, document.text.split("\n\n"), folder, name.removesuffix(".txt"))
        shutil.move(folder / name.replace(".txt", ".pdf"), pdfs / name.replace(".txt", ".pdf"))
    return documents, pdfs


def norm(text: str) -> str:
    return " ".join(text.split())


def test_a_printed_page_reads_as_its_text_without_the_browsers_margin_lines(printed):
    documents, pdfs = printed
    read, skipped = load_documents(sorted(pdfs.glob("*.pdf")))
    assert skipped == [] and len(read) == len(documents)
    for text, pdf in zip(documents, read):
        assert pdf.title == text.title
        assert norm(pdf.text) == norm(text.text)  # columns in order, paragraphs whole, no "file://", no "1/1"
        assert [norm(p) for p in pdf.text.split("\n\n")] == [norm(p) for p in text.text.split("\n\n")]


def test_printed_pdfs_of_the_sample_give_the_same_claims_as_its_text(printed):
    _, pdfs = printed
    from_text, from_pdf = build([DATA]), build([pdfs])

    def facts(result):
        return {(c.subject, c.relation, c.object, c.modality, c.items) for c in result.claims}

    assert len(facts(from_text)) >= 20
    assert facts(from_pdf) == facts(from_text)
    assert {norm(c.text) for c in from_pdf.claims} == {norm(c.text) for c in from_text.claims}
