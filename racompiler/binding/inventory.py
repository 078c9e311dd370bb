"""Load a node inventory (YAML or JSON), validate it against the shipped schema, build Nodes.

Every problem is a diagnostic whose message starts with the JSON path of the offending field
(``nodes[3].memory``) and whose span is that field's line in the inventory file, taken from the
YAML composer's marks (JSON being YAML's flow syntax, the same marks serve JSON files).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from racompiler.binding.validate import SCHEMA_PATH, schema_problems
from racompiler.diagnostics import DiagnosticSink, Related, Span
from racompiler.semantic.types import BYTE_UNITS, SPEED_UNITS

__all__ = ["SCHEMA_PATH", "Capability", "Inventory", "InventoryDisk", "InventoryNic", "Node", "load_inventory"]
_AMOUNT = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*([A-Za-z]+)\s*$")
_UNITS = {"B": 1, **BYTE_UNITS}

JsonPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class InventoryDisk:
    name: str | None
    size_bytes: int
    type: str


@dataclass(frozen=True, slots=True)
class InventoryNic:
    name: str | None
    mac: str
    speed_mbps: int


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
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


def parse_amount(value: int | str, units: dict[str, int]) -> int:
    """A schema-valid size or speed (a plain number, or a number and a unit) in base units."""
    if isinstance(value, int):
        return value
    m = _AMOUNT.match(value)
    if m is None or m.group(2) not in units:  # the schema's pattern rules this out
        raise ValueError(value)
    return int(float(m.group(1)) * units[m.group(2)])


# -- reading ---------------------------------------------------------------------------------------
def _positions(node: Any, path: JsonPath, out: dict[JsonPath, tuple[int, int, int, int]]) -> None:
    """Record the 1-based (line, column, end line, end column) of every value in a YAML node tree."""
    import yaml

    s, e = node.start_mark, node.end_mark
    out[path] = (s.line + 1, s.column + 1, e.line + 1, e.column + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                _positions(value, path + (key.value,), out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _positions(item, path + (i,), out)


class _Located:
    """The parsed document and a span for any JSON path in it (the nearest recorded ancestor).

    Positions come from composing the text again, only when a diagnostic needs one: a valid
    inventory is parsed once, by the plain loader.
    """

    def __init__(self, path: str, text: str, data: Any) -> None:
        self.path, self.text, self.data = path, text, data
        self._positions: dict[JsonPath, tuple[int, int, int, int]] | None = None

    def span(self, where: Iterable[str | int]) -> Span:
        import yaml

        if self._positions is None:
            self._positions = {}
            root = yaml.compose(self.text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
            if root is not None:
                _positions(root, (), self._positions)
        key = tuple(where)
        while key and key not in self._positions:
            key = key[:-1]
        line, col, end_line, end_col = self._positions.get(key, (1, 1, 1, 2))
        if end_line != line:  # a block value: point at its first line only
            end_line, end_col = line, col + 1
        return Span(self.path, line, col, end_line, max(end_col, col + 1))


def _read(path: str, sink: DiagnosticSink, sources: dict[str, str] | None) -> _Located | None:
    """Parse the file; RA520 (at the parser's position) when it cannot be read or parsed."""
    import yaml

    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        sink.report("RA520", f"cannot read the inventory: {reason}", Span.point(path),
                    hint="give a YAML or JSON file listing the discovered nodes")
        return None
    if sources is not None:
        sources[path] = text
    try:
        if text.lstrip().startswith("{"):  # JSON: parsed a hundred times faster than by PyYAML
            try:
                return _Located(path, text, json.loads(text))
            except json.JSONDecodeError:
                pass  # let the YAML parser say where (JSON is YAML's flow syntax)
        return _Located(path, text, yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        sink.report("RA520", f"the inventory is not valid YAML or JSON: {problem}", Span.point(path, line, col))
        return None


def _node(raw: dict[str, Any], index: int, doc: _Located) -> Node:
    raid = raw.get("raid") or {}
    return Node(
        name=raw["name"], cores=raw["cores"], memory_bytes=parse_amount(raw["memory"], _UNITS),
        disks=tuple(InventoryDisk(d.get("name"), parse_amount(d["size"], _UNITS), d["type"])
                    for d in raw.get("disks", ())),
        raid_controller=raid.get("controller"), raid_levels=tuple(sorted(raid.get("levels", ()))),
        nics=tuple(InventoryNic(n.get("name"), n["mac"].lower(), parse_amount(n["speed"], SPEED_UNITS))
                   for n in raw.get("nics", ())),
        bios=dict(sorted(raw.get("bios", {}).items())), rack=raw.get("rack"), zone=raw.get("zone"),
        tags=tuple(raw.get("tags", ())), vendor=raw.get("vendor"), model=raw.get("model"),
        serial=raw.get("serial"), address=raw.get("address"), bmc_address=raw.get("bmc_address"),
        index=index)


def _duplicates(nodes: list[Node], doc: _Located, sink: DiagnosticSink) -> None:
    """RA522 for a node name used twice, RA523 for a MAC address seen on two NICs."""
    names: dict[str, Node] = {}
    macs: dict[str, tuple[Node, int]] = {}
    for node in nodes:
        first = names.setdefault(node.name, node)
        if first is not node:
            sink.report("RA522", f"nodes[{node.index}].name: node name '{node.name}' is already used by "
                        f"nodes[{first.index}]", doc.span(("nodes", node.index, "name")),
                        related=[Related(doc.span(("nodes", first.index, "name")), "first used here")])
        for i, nic in enumerate(node.nics):
            seen = macs.setdefault(nic.mac, (node, i))
            if seen != (node, i):
                other = f"nodes[{seen[0].index}].nics[{seen[1]}]"
                sink.report("RA523", f"nodes[{node.index}].nics[{i}].mac: MAC address {nic.mac} is already "
                            f"used by {other} ({seen[0].name})", doc.span(("nodes", node.index, "nics", i, "mac")),
                            related=[Related(doc.span(("nodes", seen[0].index, "nics", seen[1], "mac")),
                                             "first used here")])


def load_inventory(path: str, sink: DiagnosticSink, sources: dict[str, str] | None = None) -> Inventory | None:
    """Read and validate the inventory at ``path``; None when it has errors (all reported).

    ``sources`` (optional) receives the file's text, so rendered diagnostics can quote it.
    """
    doc = _read(path, sink, sources)
    if doc is None:
        return None
    before = len(sink.items)
    schema_problems(doc.data, doc.span, sink)
    if len(sink.items) > before:
        return None
    nodes = [_node(raw, i, doc) for i, raw in enumerate(doc.data["nodes"])]
    _duplicates(nodes, doc, sink)
    if len(sink.items) > before:
        return None
    return Inventory(path, doc.data.get("site"), tuple(sorted(nodes, key=lambda n: n.name)))
