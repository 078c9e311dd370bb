"""``racompiler diff``: what changed between two RAs in the resolved model and the plan.

Both sides are flattened to the same nested, JSON-shaped view; the diff walks the two views and
reports entities added or removed, fields changed, and list items added or removed (networks of
a role, component roles it runs, graph edges). Equal views mean equal architectures.
"""

from __future__ import annotations

import json
from typing import Any

from racompiler.graph.plan import Plan
from racompiler.jsonout import dump_json
from racompiler.records import record

DIFF_VERSION = 1


def _hardware_view(h) -> dict:
    return {
        "cores": h.cores, "memory_bytes": h.memory_bytes, "raid": h.raid, "bios": h.bios,
        "disks": {d.name or f"#{i}": {"count": d.count, "size_bytes": d.size_bytes, "type": d.type}
                  for i, d in enumerate(h.disks)},
        "nics": {n.name or f"#{i}": {"count": n.count, "speed_mbps": n.speed_mbps} for i, n in enumerate(h.nics)},
    }


def view(plan: Plan) -> dict[str, Any]:
    """The comparable view of an architecture: plain data, no spans."""
    m = plan.model
    return {
        "architecture": {"name": m.name, "version": m.version},
        "parameters": {n: p.value.value for n, p in m.parameters.items()},
        "networks": {n: {"cidr": x.cidr, "vlan": x.vlan, "mtu": x.mtu, "purpose": x.purpose, "gateway": x.gateway}
                     for n, x in m.networks.items()},
        "hardware": {n: _hardware_view(h) for n, h in m.hardware.items()},
        "roles": {n: {"count": r.count.value, "hardware": r.hardware, "networks": list(r.networks),
                      "runs": [x.qualified for x in r.runs], "spread": r.spread} for n, r in m.roles.items()},
        "components": {c: {"wave": plan.wave_of(c), "config": {k: v.value for k, v in m.config.get(c, {}).items()}}
                       for c in plan.order},
        "edges": sorted(f"{u} -> {v} ({d['interface']})" for (u, v), d in plan.deps.edges.items()),
        "outputs": {n: o.value for n, o in m.outputs.items()},
        "interop": None if m.interop is None else {"guideline": m.interop.guideline, "program": m.interop.program,
                                                   "addons": None if m.interop.addons is None else list(m.interop.addons)},
    }


@record
class Change:
    path: str
    kind: str  # "added", "removed" or "changed"
    old: Any = None
    new: Any = None

    def to_json(self) -> dict:
        return {"path": self.path, "kind": self.kind, "old": self.old, "new": self.new}


def _walk(old: Any, new: Any, path: str, out: list[Change]) -> None:
    if isinstance(old, dict) and isinstance(new, dict):
        for k in sorted(set(old) | set(new), key=str):
            sub = f"{path}.{k}" if path else str(k)
            if k not in new:
                out.append(Change(sub, "removed", old=old[k]))
            elif k not in old:
                out.append(Change(sub, "added", new=new[k]))
            else:
                _walk(old[k], new[k], sub, out)
        return
    if isinstance(old, list) and isinstance(new, list) and all(isinstance(x, str) for x in old + new):
        for item in old:
            if item not in new:
                out.append(Change(f"{path}[{item}]", "removed", old=item))
        for item in new:
            if item not in old:
                out.append(Change(f"{path}[{item}]", "added", new=item))
        return
    if old != new:
        out.append(Change(path, "changed", old=old, new=new))


def diff_plans(old: Plan, new: Plan) -> list[Change]:
    """Every difference between two compiled architectures, in a stable order."""
    out: list[Change] = []
    _walk(view(old), view(new), "", out)
    return out


def _short(v: Any) -> str:
    text = json.dumps(v, sort_keys=True)
    return text if len(text) <= 80 else text[:77] + "..."


def diff_text(changes: list[Change], old_name: str, new_name: str) -> str:
    if not changes:
        return f"no differences between {old_name} and {new_name}\n"
    lines = [f"--- {old_name}", f"+++ {new_name}"]
    for c in changes:
        if c.kind == "added":
            lines.append(f"+ {c.path}" + ("" if c.path.endswith("]") else f" = {_short(c.new)}"))
        elif c.kind == "removed":
            lines.append(f"- {c.path}")
        else:
            lines.append(f"~ {c.path}: {_short(c.old)} -> {_short(c.new)}")
    lines.append(f"{len(changes)} change(s)")
    return "\n".join(lines) + "\n"


def diff_json(changes: list[Change], old_name: str, new_name: str) -> str:
    doc = {"version": DIFF_VERSION, "old": old_name, "new": new_name, "equal": not changes,
           "changes": [c.to_json() for c in changes]}
    return dump_json(doc)
