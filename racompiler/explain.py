"""Render the answer of ``racompiler explain``: a value and every place that set it."""

from __future__ import annotations

import json

from racompiler.jsonout import dump_json
from racompiler.semantic.paths import PathValue


def explain_text(pv: PathValue) -> str:
    lines = [f"{pv.path} = {json.dumps(pv.value, sort_keys=True)}"]
    for i, p in enumerate(pv.chain):
        final = "  (final)" if i == len(pv.chain) - 1 else ""
        detail = f": {p.detail}" if p.detail else ""
        lines.append(f"  {p.span.file}:{p.span.line}:{p.span.column}: {p.action}{detail}{final}")
    return "\n".join(lines) + "\n"


def explain_json(pv: PathValue) -> str:
    doc = {"version": 1, "path": pv.path, "value": pv.value, "chain": [p.to_json() for p in pv.chain]}
    return dump_json(doc)
