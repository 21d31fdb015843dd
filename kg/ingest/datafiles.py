"""Read the JSON and JSON Lines files of ``ontology/``, with errors that name file and line.

Every rules file documents itself the same way: lines whose first characters (after blanks) are
``//`` are comments, in a JSON file (``lexicon.json``) as in a JSON Lines file (``frames.jsonl``,
``relations.jsonl``); each begins with a ``//`` header that says what every key means.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import OntologyError


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("//")


def read_json(path: Path) -> Any:
    """The JSON value of ``path``; its ``//`` comment lines read as blank, so error lines stay true."""
    try:
        text = path.read_text(encoding="utf-8")
        return json.loads("\n".join("" if _is_comment(line) else line for line in text.split("\n")))
    except FileNotFoundError as err:
        raise OntologyError(f"{path}: file not found") from err
    except (OSError, UnicodeDecodeError) as err:
        raise OntologyError(f"{path}: cannot read it: {err}; save it as UTF-8 text") from err
    except json.JSONDecodeError as err:
        raise OntologyError(f"{path}:{err.lineno}: invalid JSON ({err.msg} at column {err.colno}); "
                            "fix the syntax there") from err


def read_jsonl(path: Path, what: str) -> Iterator[tuple[int, dict]]:
    """(line number, record) for each non-blank, non-"//" line of a JSON Lines file."""
    if not path.is_file():
        raise OntologyError(f"{path}: {what} not found")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise OntologyError(f"{path}: cannot read it: {err}; save it as UTF-8 text") from err
    for number, line in enumerate(lines, start=1):
        if not line.strip() or _is_comment(line):
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as err:
            raise OntologyError(f"{path}:{number}: invalid JSON ({err.msg} at column {err.colno}); "
                                "each line must be one JSON object") from err
