"""Did-you-mean suggestions for misspelt names."""

from __future__ import annotations

import difflib
from typing import Iterable


def did_you_mean(name: str, candidates: Iterable[str]) -> str | None:
    """A hint naming the closest candidate(s) to ``name``, or None."""
    pool = sorted(set(candidates))
    close = difflib.get_close_matches(name, pool, n=2, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in pool}
        if name.lower() in lowered:
            close = [lowered[name.lower()]]
    if not close:
        return None
    return "did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
