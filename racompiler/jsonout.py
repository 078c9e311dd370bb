"""The one way racompiler writes JSON documents: stable bytes on every run and machine."""

from __future__ import annotations

import json
from typing import Any


def dump_json(doc: Any) -> str:
    """``doc`` as JSON with sorted keys, two-space indent and a final newline."""
    return json.dumps(doc, indent=2, sort_keys=True) + "\n"
