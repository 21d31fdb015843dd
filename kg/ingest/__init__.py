"""Ingest: files in, page furniture out, syndicated copies found.

``load`` reads article files (.txt .md .html .json/.jsonl .csv) into ``Document``s,
``clean`` takes menus, prompts, credits and sidebars out of their text,
``syndication`` finds the copies of one story, and ``datafiles`` reads the JSON
files of ``ontology/`` with errors that name file and line.
"""
