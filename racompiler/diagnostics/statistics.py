"""``check --statistics``: how many diagnostics of each code, with the code's title (like ruff)."""

from __future__ import annotations

from collections import Counter
from typing import Sequence

from racompiler.diagnostics import Diagnostic
from racompiler.diagnostics.codes import CODES
from racompiler.jsonout import dump_json


def code_counts(diags: Sequence[Diagnostic]) -> list[dict]:
    """One entry per (code, severity) reported: most frequent first, then by code."""
    counts = Counter((d.code, d.severity.value) for d in diags)
    rows = [{"code": code, "severity": sev, "count": n, "title": CODES[code].title}
            for (code, sev), n in counts.items()]
    return sorted(rows, key=lambda r: (-r["count"], r["code"], r["severity"]))


def statistics_text(diags: Sequence[Diagnostic]) -> str:
    """Aligned lines ``COUNT  CODE  SEVERITY  TITLE``; empty when there is nothing to count."""
    rows = code_counts(diags)
    if not rows:
        return ""
    width = max(len(str(r["count"])) for r in rows)
    sev_width = max(len(r["severity"]) for r in rows)
    return "".join(f"{r['count']:>{width}}  {r['code']}  {r['severity']:<{sev_width}}  {r['title']}\n" for r in rows)


def statistics_json(diags: Sequence[Diagnostic]) -> str:
    """``{"version": 1, "statistics": [{"code", "severity", "count", "title"}...]}``."""
    return dump_json({"version": 1, "statistics": code_counts(diags)})
