"""Load a node inventory (YAML or JSON), validate it against the shipped schema, build Nodes.

Every problem is a diagnostic whose message starts with the JSON path of the offending field
(``nodes[3].memory``) and whose span is that field's line in the inventory file, taken from the
YAML composer's marks (JSON being YAML's flow syntax, the same marks serve JSON files).
"""

from __future__ import annotations

import math
import re
from typing import Any

from racompiler.binding.reading import JsonPath, LocatedDocument, read_document
from racompiler.binding.validate import SCHEMA_PATH, json_path, schema_problems
from racompiler.diagnostics import DiagnosticSink, Related, codes
from racompiler.gcpause import paused_gc
from racompiler.semantic.types import BYTE_UNITS, SPEED_UNITS
from racompiler.records import record

__all__ = ["SCHEMA_PATH", "Capability", "Inventory", "InventoryDisk", "InventoryNic", "Node", "load_inventory"]
_AMOUNT = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*([A-Za-z]+)\s*$")
_UNITS = {"B": 1, **BYTE_UNITS}



@record
class InventoryDisk:
    name: str | None
    size_bytes: int
    type: str


@record
class InventoryNic:
    name: str | None
    mac: str
    speed_mbps: int


@record
class Capability:
    """What a node offers, without its identity or location: nodes that share it are equivalent.

    ``disks`` are (type, size) pairs sorted by type then size; ``nic_speeds`` sorted fastest
    first; ``bios`` holds (setting, normalised value) pairs (see :func:`bios_value`).
    """

    cores: int
    memory_bytes: int
    disks: tuple[tuple[str, int], ...]
    raid_levels: tuple[str, ...]
    nic_speeds: tuple[int, ...]
    bios: tuple[tuple[str, str], ...]

    def size_key(self) -> tuple:
        """Smallest first: how much of a machine this is (for preferring small nodes)."""
        return (self.cores, self.memory_bytes, sum(s for _t, s in self.disks), len(self.disks),
                sum(self.nic_speeds), len(self.nic_speeds), self.raid_levels, self.bios, self.disks,
                self.nic_speeds)


@record
class Node:
    """One discovered machine, as the inventory describes it."""

    name: str
    cores: int
    memory_bytes: int
    disks: tuple[InventoryDisk, ...]
    raid_controller: str | None
    raid_levels: tuple[str, ...]
    nics: tuple[InventoryNic, ...]
    bios: dict[str, Any]
    rack: str | None
    zone: str | None
    tags: tuple[str, ...]
    vendor: str | None
    model: str | None
    serial: str | None
    address: str | None
    bmc_address: str | None
    index: int  # position in the inventory's node list: nodes[index]

    @property
    def capability(self) -> Capability:
        return Capability(
            self.cores, self.memory_bytes, tuple(sorted((d.type, d.size_bytes) for d in self.disks)),
            self.raid_levels, tuple(sorted((n.speed_mbps for n in self.nics), reverse=True)),
            tuple(sorted((k, bios_value(v)) for k, v in self.bios.items())))

    @property
    def macs(self) -> tuple[str, ...]:
        return tuple(n.mac for n in self.nics)


@record
class Inventory:
    path: str
    site: str | None
    nodes: tuple[Node, ...]


def bios_value(value: Any) -> str:
    """BIOS values compare case-insensitively as text ("Enabled" == "enabled", true == "true")."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip().lower()


def parse_amount(value: int | float | str, units: dict[str, int]) -> int:
    """A schema-valid size or speed (a plain number, or a number and a unit) in base units.

    A number with a unit is computed as the RA compiler computes its sizes (number times unit),
    so that equal spellings compare equal. :func:`amount_problem` says first whether it is in range.
    """
    if isinstance(value, bool):  # the schema rules booleans out (True is an int to Python)
        raise ValueError(value)
    if not isinstance(value, str):
        return int(value)
    m = _AMOUNT.match(value)
    if m is None or m.group(2) not in units:  # the schema's pattern rules this out
        raise ValueError(value)
    return int(float(m.group(1)) * units[m.group(2)])


def amount_problem(value: Any, units: dict[str, int], maximum: int, unit: str) -> str | None:
    """Why a schema-valid amount is out of range (below 1 ``unit``, above ``maximum``), or None.

    The schema bounds plain numbers itself; a number with a unit ("999...9 GiB") is checked
    here, before :func:`parse_amount` (whose float would overflow) ever sees it.
    """
    if isinstance(value, str):
        m = _AMOUNT.match(value)
        if m is None or m.group(2) not in units:
            return None
        number = float(m.group(1))  # never raises: past 1e308 it is inf
        amount = number * units[m.group(2)]
        if not math.isfinite(amount) or amount > maximum:
            return f"{_short_text(value)} is more than the maximum, {_amount_text(maximum, units, unit)}"
        if int(amount) < 1:
            return f"{_short_text(value)} is less than 1 {unit}"
    return None


def _short_text(value: str) -> str:
    value = value.strip()
    return f"'{value}'" if len(value) <= 40 else f"'{value[:20]}...{value[-12:]}' ({len(value)} characters)"


def _amount_text(amount: int, units: dict[str, int], unit: str) -> str:
    """``2**53`` -> ``9007199254740992 B (8 PiB)``: the limit exactly, and readably."""
    best = max((u for u, f in units.items() if f > 1 and amount % f == 0), key=lambda u: units[u], default=None)
    return f"{amount} {unit}" + (f" ({amount // units[best]} {best})" if best else "")


def _node(raw: dict[str, Any], index: int, doc: LocatedDocument) -> Node:
    raid = raw.get("raid") or {}
    return Node(
        name=raw["name"], cores=int(raw["cores"]), memory_bytes=parse_amount(raw["memory"], _UNITS),
        disks=tuple(InventoryDisk(d.get("name"), parse_amount(d["size"], _UNITS), d["type"])
                    for d in raw.get("disks", ())),
        raid_controller=raid.get("controller"), raid_levels=tuple(sorted(raid.get("levels", ()))),
        nics=tuple(InventoryNic(n.get("name"), n["mac"].lower(), parse_amount(n["speed"], SPEED_UNITS))
                   for n in raw.get("nics", ())),
        bios=dict(sorted(raw.get("bios", {}).items())), rack=raw.get("rack"), zone=raw.get("zone"),
        tags=tuple(raw.get("tags", ())), vendor=raw.get("vendor"), model=raw.get("model"),
        serial=raw.get("serial"), address=raw.get("address"), bmc_address=raw.get("bmc_address"),
        index=index)


def _amount_problems(doc: LocatedDocument, sink: DiagnosticSink) -> None:
    """RA521 for a size or speed with a unit outside the schema's range (plain numbers the
    schema bounds itself): "memory: 999...9 GiB" must not overflow, nor bind to a 1e41-byte node.
    Run beside the schema check, so it looks only at what has the expected shape."""
    size_max, speed_max = size_maximum(), speed_maximum()

    def items(value: Any) -> list[tuple[int, dict]]:
        return [(i, x) for i, x in enumerate(value) if isinstance(x, dict)] if isinstance(value, list) else []

    data = doc.data if isinstance(doc.data, dict) else {}
    for i, raw in items(data.get("nodes")):
        fields: list[tuple[JsonPath, Any, dict[str, int], int, str]] = [
            (("nodes", i, "memory"), raw.get("memory"), _UNITS, size_max, "B")]
        fields += [(("nodes", i, "disks", j, "size"), d.get("size"), _UNITS, size_max, "B")
                   for j, d in items(raw.get("disks"))]
        fields += [(("nodes", i, "nics", j, "speed"), n.get("speed"), SPEED_UNITS, speed_max, "Mbps")
                   for j, n in items(raw.get("nics"))]
        for where, value, units, maximum, unit in fields:
            problem = amount_problem(value, units, maximum, unit)
            if problem:
                sink.report(codes.RA521, f"{json_path(where)}: {problem}", doc.span(where),
                            hint="racompiler schema inventory prints the schema")


def size_maximum() -> int:
    from racompiler.binding.validate import schema

    return schema()["$defs"]["size"]["anyOf"][0]["maximum"]


def speed_maximum() -> int:
    from racompiler.binding.validate import schema

    return schema()["$defs"]["speed"]["anyOf"][0]["maximum"]


def _duplicates(nodes: list[Node], doc: LocatedDocument, sink: DiagnosticSink) -> None:
    """RA522 for a node name used twice, RA523 for a MAC address seen on two NICs."""
    names: dict[str, Node] = {}
    macs: dict[str, tuple[Node, int]] = {}
    for node in nodes:
        first = names.setdefault(node.name, node)
        if first is not node:
            sink.report(codes.RA522, f"nodes[{node.index}].name: node name '{node.name}' is already used by "
                        f"nodes[{first.index}]", doc.span(("nodes", node.index, "name")),
                        related=[Related(doc.span(("nodes", first.index, "name")), "first used here")])
        for i, nic in enumerate(node.nics):
            seen = macs.setdefault(nic.mac, (node, i))
            if seen != (node, i):
                other = f"nodes[{seen[0].index}].nics[{seen[1]}]"
                sink.report(codes.RA523, f"nodes[{node.index}].nics[{i}].mac: MAC address {nic.mac} is already "
                            f"used by {other} ({seen[0].name})", doc.span(("nodes", node.index, "nics", i, "mac")),
                            related=[Related(doc.span(("nodes", seen[0].index, "nics", seen[1], "mac")),
                                             "first used here")])


def load_inventory(path: str, sink: DiagnosticSink, sources: dict[str, str] | None = None) -> Inventory | None:
    """Read and validate the inventory at ``path``; None when it has errors (all reported).

    ``sources`` (optional) receives the file's text, so rendered diagnostics can quote it.
    """
    # Composing a YAML inventory makes about 80 live node objects per inventory node; with the
    # cyclic GC on, its full collections re-scan them all, over and over (10,000 nodes: 5.4 s to
    # compose, 0.9 s without). Nothing here makes cycles worth collecting.
    with paused_gc():
        return _load_inventory(path, sink, sources)


def _load_inventory(path: str, sink: DiagnosticSink, sources: dict[str, str] | None) -> Inventory | None:
    doc = read_document(path, sink, sources)
    if doc is None:
        return None
    before = len(sink.items)
    schema_problems(doc.data, doc.span, sink)
    _amount_problems(doc, sink)
    if len(sink.items) > before:
        return None
    nodes = [_node(raw, i, doc) for i, raw in enumerate(doc.data["nodes"])]
    _duplicates(nodes, doc, sink)
    if len(sink.items) > before:
        return None
    return Inventory(path, doc.data.get("site"), tuple(sorted(nodes, key=lambda n: n.name)))
