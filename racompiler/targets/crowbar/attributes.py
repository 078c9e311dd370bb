"""RA attribute values -> proposal attributes, through the mapping table.

A mapping entry names a dotted path under ``attributes.<barclamp>`` and either a ``convert``
(exact JSON type) or a ``values`` table (enum value -> exact proposal value). Values that come
from the catalog's defaults are injected when they have an equivalent; a default the flavour
cannot express is left to the template and reported (RA692, naming both values). Values the
architect set have to map, or the target reports why not (RA622/RA623). Every explicit value
written is marked realised in the ledger, every one reported is marked reported. A component's
``no_equivalent`` table says, per flavour, why an attribute has no equivalent (RA623 quotes it).
"""

from __future__ import annotations

import copy
import json
from typing import Any

from racompiler.diagnostics import DiagnosticSink, codes
from racompiler.semantic.model import Model, Value, origin_notes
from racompiler.targets.ledger import Ledger, explicit
from racompiler.targets.realise import convert



class _Missing(Exception):
    """A mapping path that does not exist in the proposal being built."""


def split_path(path: str) -> list[str | int]:
    """``"volumes.0.raw.volume_name"`` -> ``["volumes", 0, "raw", "volume_name"]``."""
    return [int(p) if p.isdigit() else p for p in path.split(".")]


def get_path(tree: Any, path: list[str | int]) -> Any:
    """The value at ``path`` (``_Missing`` when any step is absent)."""
    for part in path:
        try:
            tree = tree[part]
        except (KeyError, IndexError, TypeError):
            raise _Missing(path) from None
    return tree


def set_path(tree: Any, path: list[str | int], value: Any) -> None:
    """Replace the value at an existing ``path``; never creates a key the template lacks."""
    parent = get_path(tree, path[:-1])
    get_path(parent, path[-1:])
    parent[path[-1]] = value


def inject(attrs: dict[str, Any], component: str, flavour: str, spec: dict[str, Any], model: Model,
           barclamp: str, sink: DiagnosticSink, ledger: Ledger, filename: str) -> None:
    """Apply every mapped attribute of ``component`` to ``attrs`` (``attributes.<barclamp>``).

    ``ledger`` records each explicit value as realised at ``<filename> attributes.<path>``
    or as reported."""
    config = model.config.get(component, {})
    mapped = spec.get("attributes") or {}
    # Why an attribute has no equivalent in this flavour, when the mapping table says.
    why_not = ((spec.get("no_equivalent") or {}).get(flavour)) or {}
    # Mapping order first: a later entry may refine what an earlier one built.
    for name in [n for n in mapped if n in config] + sorted(n for n in config if n not in mapped):
        value = config[name]
        entries = (mapped.get(name) or {}).get(flavour)
        where = value.chain[-1].span if value.chain else model.components[component].span
        key = f"config:{component}.{name}"
        if not entries:
            if explicit(value):
                reason = why_not.get(name)
                sink.report(codes.RA623, f"{component}.{name} has no equivalent in the {flavour} barclamp "
                            f"'{barclamp}'" + (f" ({reason})" if reason else "")
                            + "; the value is not part of the proposal", where,
                            hint="drop it from the RA" if reason else
                            "set it in the Crowbar UI after import, or drop it from the RA")
                ledger.reported(key)
            continue
        written = _apply(attrs, component, name, value, entries, flavour, barclamp, where, sink)
        if explicit(value):
            if written:
                ledger.realised(key, f"{filename} " + ", ".join(f"attributes.{barclamp}.{p}" for p in written))
            else:
                ledger.reported(key)


def _show(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, sort_keys=True)


def _apply(attrs: dict[str, Any], component: str, name: str, value: Value, entries: list[dict],
           flavour: str, barclamp: str, where, sink: DiagnosticSink) -> list[str]:
    """Write ``value`` through ``entries``; the paths written (empty: nothing, and it was reported)."""
    known = [e for e in entries if "values" not in e or value.value in e["values"]]
    choices = sorted({str(v) for e in entries for v in e.get("values", {})})
    if not known:
        if explicit(value):
            sink.report(codes.RA622, f"{component}.{name} = {value.value} has no equivalent in the {flavour} "
                        f"barclamp '{barclamp}'", where,
                        hint="values Crowbar supports here: " + ", ".join(choices),
                        related=origin_notes(value))
        else:
            # A catalog default the flavour cannot express: the template's value stays; say which.
            try:
                kept = _show(get_path(attrs, split_path(entries[0]["path"])))
            except _Missing:
                kept = "(absent)"
            sink.report(codes.RA692, f"crowbar ({flavour}): the catalog default {component}.{name} = {value.value} "
                        f"has no equivalent in the barclamp '{barclamp}'; the proposal keeps the template's "
                        f"{entries[0]['path']} = {kept}", where,
                        hint=f"set {component}.{name} to a value Crowbar supports ({', '.join(choices)}) in a "
                             "configure block to make the choice explicit")
        return []
    written: list[str] = []
    for entry in known:
        path = split_path(entry["path"])
        new = copy.deepcopy(entry["values"][value.value]) if "values" in entry else convert(value.value, entry["convert"])
        try:
            set_path(attrs, path, new)
            written.append(entry["path"])
        except _Missing:
            # An earlier entry replaced the structure (e.g. a cinder back-end without the LVM
            # block): the setting does not apply to this configuration.
            if explicit(value):
                sink.report(codes.RA623, f"{component}.{name} does not apply to this {barclamp} configuration "
                            f"in {flavour} (no '{entry['path']}'); the value is not part of the proposal",
                            where)
    return written
