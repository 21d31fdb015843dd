"""Shared fixtures: the real spaCy pipeline and the shipped ontology."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.model import Document
from kg.pipeline import build_documents

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SHARED = ROOT.parent / "shared"


def _build(texts: list[str]):
    documents = [Document(id=f"t{i}", title="", text=text, date="2024-01-02", source=f"t{i}.txt")
                 for i, text in enumerate(texts)]
    return build_documents(documents)


@pytest.fixture(scope="session")
def extract():
    """Claims of one text as a set of (subject, relation, object, modality)."""

    def run(text: str):
        result = _build([text])
        return {(c.subject, c.relation, c.object, c.modality) for c in result.claims}

    return run


@pytest.fixture(scope="session")
def build_texts():
    return _build
