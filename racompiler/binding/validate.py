"""Validate an inventory against the shipped JSON Schema: RA521 per violation, with its JSON path.

A valid inventory of thousands of nodes is the common case and jsonschema walks every value, so
validity is first decided piecewise: each node with its identifying values (name, serial,
addresses, rack, zone, MACs) swapped for valid placeholders, memoised (nodes of one server model then cost
one validation), and the identifying values each against their own subschema. The node schema's
properties are independent of each other, so the node is valid exactly when both parts are.
Only an invalid inventory takes the full walk, which finds every error and its path.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from racompiler.diagnostics import DiagnosticSink, Span, codes
from racompiler.semantic.suggest import did_you_mean

SCHEMA_PATH = Path(__file__).with_name("inventory.schema.json")
MAX_MESSAGE = 240  # jsonschema repeats the offending value; a whole node would drown the message
# Fields that tell nodes of one model apart, with a valid stand-in for each (checked in the tests).
PLACEHOLDERS = {"name": "node", "serial": "serial", "address": "192.0.2.1", "bmc_address": "192.0.2.1",
                "rack": "rack", "zone": "zone"}
MAC_PLACEHOLDER = "02:00:00:00:00:00"


@lru_cache(maxsize=1)
def schema() -> dict:
    """The inventory JSON Schema (draft 2020-12) shipped with the package."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _inline(node: Any, defs: dict[str, Any]) -> Any:
    """``node`` with every local ``$ref`` replaced by its definition (the definition's keys win)."""
    if isinstance(node, list):
        return [_inline(x, defs) for x in node]
    if not isinstance(node, dict):
        return node
    out = {k: _inline(v, defs) for k, v in node.items() if k not in ("$ref", "$defs")}
    if "$ref" in node:
        out.update(_inline(defs[node["$ref"].removeprefix("#/$defs/")], defs))
    return out


@lru_cache(maxsize=None)
def validator(part: str = "document"):
    """A validator for the schema (``document``), one node (``node``), or a list of the values of
    one identifying field (a key of :data:`PLACEHOLDERS`, or ``mac``).

    References are inlined: the same verdicts, twice as fast, as jsonschema would otherwise
    resolve each ``$ref`` for each instance.
    """
    from jsonschema import Draft202012Validator

    doc = _inline(schema(), schema()["$defs"])
    node = doc["properties"]["nodes"]["items"]
    sub = {"document": doc, "node": node, "mac": node["properties"]["nics"]["items"]["properties"]["mac"]}
    sub.update({f: node["properties"][f] for f in PLACEHOLDERS})
    # Identifying values are checked all at once, as one list per field (far less overhead).
    checked = sub[part] if part in ("document", "node") else {"type": "array", "items": sub[part]}
    return Draft202012Validator(checked, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _shape(node: dict[str, Any]) -> tuple[str | None, dict[str, Any], list[tuple[str, Any]]]:
    """(memo key or None, the node with placeholders for its identity, its (part, value) ids)."""
    shape, ids = dict(node), []
    for field_name, stand_in in PLACEHOLDERS.items():
        if field_name in shape:
            ids.append((field_name, shape[field_name]))
            shape[field_name] = stand_in
    if isinstance(shape.get("nics"), list):
        shape["nics"] = [dict(n, mac=MAC_PLACEHOLDER) if isinstance(n, dict) and "mac" in n else n
                         for n in shape["nics"]]
        ids.extend(("mac", n["mac"]) for n in node["nics"] if isinstance(n, dict) and "mac" in n)
    try:
        key = json.dumps(shape, sort_keys=True)
    except (TypeError, ValueError):  # YAML dates and the like: validate this node uncached
        return None, shape, ids
    # Only a shape that JSON keeps as it is may share a verdict (not {1: x} beside {"1": x}).
    return (key if json.loads(key) == shape else None), shape, ids


def is_valid(data: Any) -> bool:
    """Whether ``data`` is a valid inventory (decided piecewise, see the module docstring)."""
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        return validator().is_valid(data)
    if not validator().is_valid({**data, "nodes": []}):
        return False
    seen: dict[str, bool] = {}
    node_v = validator("node")
    ids: dict[str, list[Any]] = {part: [] for part in (*PLACEHOLDERS, "mac")}
    for node in data["nodes"]:
        if not isinstance(node, dict):
            return False
        key, shape, node_ids = _shape(node)
        for part, value in node_ids:
            ids[part].append(value)
        if key is None:
            ok = node_v.is_valid(shape)
        elif key in seen:
            ok = seen[key]
        else:
            ok = seen[key] = node_v.is_valid(shape)
        if not ok:
            return False
    return all(validator(part).is_valid(_distinct(values)) for part, values in ids.items())


def _distinct(values: list[Any]) -> list[Any]:
    """Each value once (racks and zones repeat). Every identifying field is a string, so merging
    values that are equal across types (1, 1.0, True) only merges values that are all invalid."""
    try:
        return list(dict.fromkeys(values))
    except TypeError:  # a list or mapping where a string belongs: keep them all
        return values


def json_path(path: Iterable[str | int]) -> str:
    """``("nodes", 3, "memory")`` -> ``nodes[3].memory``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(document)"


def schema_problems(data: Any, span_of: Callable[[tuple], Span], sink: DiagnosticSink) -> None:
    """RA521 for every schema violation in ``data``, at ``span_of(json path)``, path in the message."""
    if is_valid(data):
        return
    errors = validator().iter_errors(data)
    for err in sorted(errors, key=lambda e: (list(map(str, e.absolute_path)), e.message)):
        where = tuple(err.absolute_path)
        if err.validator == "additionalProperties" and isinstance(err.instance, dict):
            known = err.schema.get("properties", {})
            for extra in sorted(k for k in err.instance if k not in known):
                sink.report(codes.RA521, f"{json_path(where + (extra,))}: unknown field '{extra}'",
                            span_of(where + (extra,)), hint=did_you_mean(extra, known) or
                            "known fields: " + ", ".join(sorted(known)))
            continue
        hint = "racompiler schema inventory prints the schema"
        too_big = [e for e in err.context if e.validator == "maximum"] if err.validator == "anyOf" else []
        if err.validator == "required":
            message = f"{json_path(where)}: {err.message.replace('is a required property', 'is required')}"
        elif too_big:  # a plain number past the maximum: say so, not "is not a size"
            limit = _limit(err.schema, too_big[0].validator_value)
            message = f"{json_path(where)}: {_short(err.instance)} is more than the maximum, {limit}"
        elif err.validator == "anyOf" and "description" in err.schema:
            message = f"{json_path(where)}: {_short(err.instance)} is not {err.schema['description']}"
        elif err.validator in ("maximum", "minimum"):
            message = f"{json_path(where)}: {_short(err.instance)} is " + (
                f"more than the maximum, {err.validator_value}" if err.validator == "maximum"
                else f"less than the minimum, {err.validator_value}")
        else:
            message = f"{json_path(where)}: {err.message}"
        if _yaml11_number(err.instance):
            hint = (f"{_short(err.instance)} is text: racompiler reads YAML 1.2 numbers, so octal (010), hex (0x1f), "
                    "sexagesimal (1:30) and 1_000 are not numbers; write a plain decimal number")
        if len(message) > MAX_MESSAGE:
            message = message[: MAX_MESSAGE - 3] + "..."
        sink.report(codes.RA521, message, span_of(where), hint=hint)


def _limit(subschema: dict, maximum: int) -> str:
    """The maximum of a size or speed with its unit (``9007199254740992 B (8 PiB)``)."""
    from racompiler.binding.inventory import _UNITS, _amount_text
    from racompiler.semantic.types import SPEED_UNITS

    if subschema.get("description", "").startswith("a byte count"):
        return _amount_text(maximum, _UNITS, "B")
    if subschema.get("description", "").startswith("a speed"):
        return _amount_text(maximum, SPEED_UNITS, "Mbps")
    return str(maximum)


def _yaml11_number(value: Any) -> bool:
    from racompiler.binding.reading import yaml11_number

    return yaml11_number(value)


def _short(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**40:
        return f"a {len(str(abs(value)))}-digit number"  # rather than 60 of its digits
    if isinstance(value, float) and math.isinf(value):
        return "an infinite number"  # .inf, 1e400, or more than 4000 digits (see reading._int)
    text = json.dumps(value, default=str)
    return text if len(text) <= 60 else text[:57] + "..."
