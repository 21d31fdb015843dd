"""The command line of `kg review` (registered by kg.cli): parses its options, prompts, prints;
the review itself is kg.review's."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.prompt import Prompt

from .errors import KGError

__all__ = ["review_cli"]

console = Console()


def review_cli(
    out: Annotated[Path, typer.Argument(help="The output folder of the last kg build (graph.ttl, merge-log.txt).")],
    corrections: Annotated[Path | None, typer.Option(
        "--corrections", metavar="FILE", help="The corrections file to add to (default: OUT/corrections.jsonl).")] = None,
    limit: Annotated[int, typer.Option(min=0, help="Ask (or list) at most this many items; 0: all.")] = 0,
    below: Annotated[float, typer.Option(min=0.0, help="Ask about the claims of confidence below this.")] = 0.7,
    by: Annotated[str | None, typer.Option("--by", metavar="NAME", help='Sign each line written ("by": NAME).')] = None,
    list_items: Annotated[bool, typer.Option("--list", help="Print the open items, one a line, and exit.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="List them as JSON, one object a line (implies --list).")]
        = False,
) -> None:
    """Ask about the doubtful merges, names and claims of the last build; each answer a corrections line."""
    from .review import default_corrections, open_items, rebuild_hint, run_review

    corrections = corrections or default_corrections(out)
    try:
        items = open_items(out, corrections, below)
        if list_items or as_json:
            _print_items(items[:limit or None], as_json)
            return
        if not items:
            typer.echo(f"nothing to review in {out}: no near miss, no name split over classes, "
                       f"no claim of confidence below {below:g} left open")
            return
        outcome = run_review(items, _prompt(min(len(items), limit or len(items))), corrections, by=by,
                             limit=limit or None)
    except KGError as err:
        typer.echo(f"kg: error: {err}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"wrote {outcome.written} line{'s' * (outcome.written != 1)} to {corrections}"
               + (f"; {outcome.left} item{'s' * (outcome.left != 1)} left open (kg review {out} goes on)"
                  if outcome.left else ""))
    if outcome.written:
        typer.echo(rebuild_hint(out, corrections))


def _print_items(items, as_json: bool) -> None:
    for item in items:
        if as_json:
            typer.echo(json.dumps(item.as_dict(), ensure_ascii=False, sort_keys=True))
        else:
            typer.echo(f"{item.kind}\t{' '.join(item.ids)}\t{item.summary}")


def _prompt(total: int):
    """The function the review asks with: prints an item, reads the first letter of an answer (q quits)."""
    from .review import Answer, describe

    asked = 0

    def ask(item):
        nonlocal asked
        asked += 1
        console.rule(f"{asked} of {total}: {item.kind}", align="left")
        for line in describe(item):
            console.print(line, markup=False, highlight=False)
        choice_of = {choice[0]: choice for choice in item.choices}
        try:
            key = Prompt.ask(", ".join(item.choices) + " or quit", choices=[*choice_of, "q"], console=console)
            if key == "q":
                return None
            into = None
            if choice_of[key] == "merge" and len(item.merge_targets) > 1:
                numbers = [str(n) for n in range(1, len(item.merge_targets) + 1)]
                into = item.merge_targets[int(Prompt.ask("merge into (a number above)", choices=numbers,
                                                         default="1", console=console)) - 1]
        except EOFError:  # the input ended: stop as q does, keeping what was written
            return None
        return Answer(choice_of[key], into)

    return ask
