"""Did-you-mean suggestions for misspelt names."""

from __future__ import annotations

import difflib
from typing import Iterable


def to_identifier(text: str, fallback: str = "name") -> str:
    """``text`` turned into a valid RA identifier (for hints and default names)."""
    out = "".join(c if c.isalnum() or c == "_" else "_" for c in text) or fallback
    return out if not out[0].isdigit() else "_" + out


def did_you_mean(name: str, candidates: Iterable[str]) -> str | None:
    """A hint naming the closest candidate(s) to ``name``, or None."""
    pool = sorted(set(candidates))
    close = difflib.get_close_matches(name, pool, n=2, cutoff=0.6)
    # A candidate that starts like the name (cpu_ratio -> cpu_allocation_ratio) reads as the
    # intended one even when another scores slightly higher.
    rank = {c: i for i, c in enumerate(close)}
    close.sort(key=lambda c: (not c.startswith(name.split("_")[0]), rank[c]))
    if not close:
        lowered = {c.lower(): c for c in pool}
        if name.lower() in lowered:
            close = [lowered[name.lower()]]
    if not close:
        return None
    return "did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
