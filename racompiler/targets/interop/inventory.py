"""A Tempest test inventory (``tempest run --list-tests`` / ``stestr list`` output) and
resolving guideline tests against it by idempotent id.

Ids are the stable key ("will not change, even if the test is moved"); names get renamed.
One id can map to several tests (subclasses inherit it: IPv4/IPv6, microversion variants), so
an exact name or alias among the hits wins, otherwise every hit is kept. Name and aliases are the
fallback for tests without an id (schema 1.2) or whose id is gone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from racompiler.targets.interop.guidelines import GTest
from racompiler.records import record

# module.Class.test[attr,...,id-<uuid>,...](suffix): attributes are sorted, so id- is not first.
_LINE = re.compile(r"^([A-Za-z_][^\[\]\s]*)(?:\[([^\]]*)\])?(\S*)$")


@record
class Entry:
    """One inventory test: its name without attributes, and its bare UUID (None if it has none)."""

    name: str
    uuid: str | None


@dataclass
class Inventory:
    entries: list[Entry] = field(default_factory=list)
    by_uuid: dict[str, list[Entry]] = field(default_factory=dict)
    by_name: dict[str, Entry] = field(default_factory=dict)


@record
class Resolution:
    """How a guideline test was found: ``found`` (id, and name or alias), ``renamed`` (id only),
    ``by-name`` (name or alias only) or ``missing``; and the inventory tests it maps to."""

    status: str
    hits: tuple[Entry, ...]


def parse_line(line: str) -> Entry | None:
    """One inventory line as an Entry, or None for a line that is not a test id (log output)."""
    m = _LINE.match(line.strip())
    if not m or "." not in m.group(1):
        return None
    ids = [a[3:].lower() for a in (m.group(2) or "").split(",") if a.startswith("id-")]
    return Entry(m.group(1) + m.group(3), ids[0] if ids else None)


def parse_inventory(text: str) -> Inventory:
    """Every test id in ``text``, indexed by UUID and by name; other lines are skipped."""
    inv = Inventory()
    seen = set()
    for line in text.splitlines():
        entry = parse_line(line)
        if entry is None or entry in seen:
            continue
        seen.add(entry)
        inv.entries.append(entry)
        # A name can carry two ids (gabbi tests in plugins); the name fallback takes the first.
        inv.by_name.setdefault(entry.name, entry)
        if entry.uuid:
            inv.by_uuid.setdefault(entry.uuid, []).append(entry)
    return inv


def resolve(inv: Inventory, test: GTest) -> Resolution:
    """Find a guideline test in the inventory: by id first, then by name or alias."""
    names = (test.name, *test.aliases)
    hits = inv.by_uuid.get(test.uuid or "", [])
    if hits:
        # The canonical name wins over aliases that still exist beside it (inherited variants).
        for wanted in (test.name,), test.aliases:
            exact = tuple(h for h in hits if h.name in wanted)
            if exact:
                return Resolution("found", exact)
        return Resolution("renamed", tuple(sorted(hits, key=lambda e: e.name)))
    named = next((inv.by_name[n] for n in names if n in inv.by_name), None)
    if named is not None:
        return Resolution("by-name", (named,))
    return Resolution("missing", ())
