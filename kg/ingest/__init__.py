"""Ingest: files in, page furniture out, syndicated copies found.

``load`` reads article files (.txt .md .html .json/.jsonl .csv .pdf) into ``Document``s,
``pdf`` reads a PDF's text (``pdf_layout`` its columns, paragraphs and page furniture,
``hyphens`` the words cut at line ends), ``clean`` takes menus, prompts, credits and
sidebars out of their text,
``syndication`` finds the copies of one story, and ``datafiles`` reads the JSON
files of ``ontology/`` with errors that name file and line.
"""
from __future__ import annotations

from .clean import clean_text, extract_html, load_lexicon
from .datafiles import read_json, read_jsonl
from .load import SUPPORTED, load_documents
from .syndication import mark_copies, story_of

__all__ = ["SUPPORTED", "clean_text", "extract_html", "load_documents", "load_lexicon", "mark_copies",
           "read_json", "read_jsonl", "story_of"]
