"""What a build did, as the rows of the table ``kg build`` prints: the articles read and skipped,
the entities and claims found, the work done or taken from the cache, and the corrections."""
from __future__ import annotations

from collections import Counter

from ..corrections import status_counts
from ..model import BuildResult

__all__ = ["summary_rows"]


def summary_rows(result: BuildResult) -> list[tuple[str, int]]:
    """(what, how many) for each line of a build's summary; the corrections' only when a file had some."""
    rows = [("articles read", len(result.documents)), ("files skipped", len(result.skipped))]
    rows += [(f"  skipped: {reason}", n) for reason, n in sorted(Counter(s.kind for s in result.skipped).items())]
    rows += [(f"entities: {cls}", n) for cls, n in sorted(Counter(e.type for e in result.entities).items())]
    claims = Counter((c.relation, c.modality) for c in result.claims)
    rows += [(f"claims: {relation} ({modality})", n) for (relation, modality), n in sorted(claims.items())]
    rows += list(result.work.items())
    if result.corrections:
        rows += [(f"corrections {status}", n) for status, n in status_counts(result.corrections).items()]
    return rows
