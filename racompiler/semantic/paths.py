"""Dotted paths into the Model (``nova.cpu_allocation_ratio``, ``roles.compute.count``).

One evaluator serves outputs (``value = roles.compute.count``) and ``racompiler explain``.
"""

from __future__ import annotations

from typing import Any

from racompiler.semantic import model as m
from racompiler.semantic.suggest import did_you_mean
from racompiler.records import record

ROLE_FIELDS = ("count", "hardware", "networks", "runs")
NETWORK_FIELDS = ("cidr", "vlan", "mtu", "purpose", "gateway")


@record
class PathValue:
    path: str
    value: Any
    chain: tuple[m.Provenance, ...]


class PathError(Exception):
    """A path that names nothing; ``hint`` suggests what was probably meant."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


def _decl(span, model: m.Model | None = None, path: str = "") -> tuple[m.Provenance, ...]:
    """Where a plain field was set: the overlay history when a layer touched it, else its block."""
    if model is not None and path in model.provenance:
        return tuple(model.provenance[path])
    return (m.Provenance(span, "declared", ""),)


def lookup_path(model: m.Model, path: str) -> PathValue:
    """The value at ``path`` and where it was set; :class:`PathError` when there is none."""
    parts = path.split(".")
    head = parts[0]
    if head == "roles" and len(parts) == 3:
        role = _pick(model.roles, parts[1], "role")
        _pick(dict.fromkeys(ROLE_FIELDS), parts[2], "role field")
        if parts[2] == "count":
            return PathValue(path, role.count.value, role.count.chain)
        value = {"hardware": role.hardware, "networks": list(role.networks),
                 "runs": [x.qualified for x in role.runs]}[parts[2]]
        return PathValue(path, value, _decl(role.span, model, path))
    if head == "networks" and len(parts) == 3:
        net = _pick(model.networks, parts[1], "network")
        _pick(dict.fromkeys(NETWORK_FIELDS), parts[2], "network field")
        return PathValue(path, getattr(net, parts[2]), _decl(net.span, model, path))
    if head == "hardware" and len(parts) in (3, 5):
        hw = _pick(model.hardware, parts[1], "hardware profile")
        if len(parts) == 3:
            fields = {"cores": hw.cores, "memory": hw.memory_bytes, "raid": hw.raid, "bios": hw.bios}
            return PathValue(path, _pick(fields, parts[2], "hardware field"), _decl(hw.span, model, path))
        group = {"disk": {d.name: d for d in hw.disks if d.name}, "nic": {n.name: n for n in hw.nics if n.name}}
        items = _pick(group, parts[2], "hardware block")
        item = _pick(items, parts[3], parts[2])
        fields = {"count": item.count, "size": getattr(item, "size_bytes", None), "type": getattr(item, "type", None),
                  "speed": getattr(item, "speed_mbps", None)}
        return PathValue(path, _pick(fields, parts[4], f"{parts[2]} field"), _decl(item.span, model, path))
    if head == "params" and len(parts) == 2:
        p = _pick(model.parameters, parts[1], "parameter")
        return PathValue(path, p.value.value, p.value.chain)
    if len(parts) == 1 and head in model.parameters:
        p = model.parameters[head]
        return PathValue(path, p.value.value, p.value.chain)
    if len(parts) == 2 and head in model.components:
        if head not in model.config:
            raise PathError(f"component {head} is not deployed by this architecture")
        comp = model.components[head]
        if parts[1] not in comp.attributes:
            raise PathError(f"component {head} has no attribute '{parts[1]}'", did_you_mean(parts[1], comp.attributes))
        v = model.config[head].get(parts[1])
        if v is None:
            raise PathError(f"{path} has no value")
        return PathValue(path, v.value, v.chain)
    if len(parts) == 3 and head in model.components and parts[2] == "count":
        comp = model.components[head]
        _pick(comp.roles, parts[1], f"role of {head}")
        total = model.component_role_count(head, parts[1])
        chain = tuple(p for r in model.roles_running(head, parts[1]) for p in r.count.chain)
        return PathValue(path, total, chain)
    options = ["roles.NAME.count", "networks.NAME.cidr", "hardware.NAME.memory", "hardware.NAME.disk.LABEL.count",
               "params.NAME", "COMPONENT.ATTRIBUTE", "COMPONENT.ROLE.count"]
    hint = did_you_mean(head, list(model.parameters) + list(model.components) +
                        ["roles", "networks", "params", "hardware"])
    raise PathError(f"'{path}' names nothing in this architecture", hint or "paths look like " + ", ".join(options))


def _pick(table: dict, name: str, what: str) -> Any:
    if name not in table:
        raise PathError(f"no {what} '{name}'", did_you_mean(name, table))
    return table[name]
