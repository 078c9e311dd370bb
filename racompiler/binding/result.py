"""The Binding: which real node plays which role, as targets read it from ``plan.binding``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from racompiler.binding.inventory import Node
from racompiler.diagnostics import Span
from racompiler.semantic.model import Disk, Hardware, Nic


@dataclass(frozen=True)
class Binding:
    """The result of late binding.

    ``roles``: role -> its node names, sorted; ``node_role``: node name -> role, for bound nodes;
    ``unused``: inventory nodes no role took, sorted; ``nodes``: every inventory node by name;
    ``profiles``: role -> the RA hardware profile it was matched against (None: any node).
    """

    architecture: str
    inventory: str
    roles: dict[str, tuple[str, ...]]
    node_role: dict[str, str]
    unused: tuple[str, ...]
    nodes: dict[str, Node]
    profiles: dict[str, Hardware | None]

    def nodes_of(self, role: str) -> list[Node]:
        """The nodes bound to ``role``, in name order (empty for an unknown role)."""
        return [self.nodes[n] for n in self.roles.get(role, ())]

    def role_of(self, node: str) -> str | None:
        return self.node_role.get(node)

    def bound_hardware(self, role: str) -> Hardware | None:
        """What every node bound to ``role`` has at least, as a hardware profile.

        Cores and memory are the minimum over the nodes; the one disk is the smallest first disk
        (the boot disk as discovered, e.g. sda), typed when all agree; the one NIC spec is the
        speed of the slowest node's fastest NIC, and how many NICs at that speed every node has. Suited to a Nova flavor that every
        bound node satisfies. None when no node is bound to ``role``.
        """
        nodes = self.nodes_of(role)
        if not nodes:
            return None
        profile = self.profiles.get(role)
        span = profile.span if profile is not None else Span.point(self.inventory)
        firsts = [n.disks[0] for n in nodes if n.disks]
        disks: tuple[Disk, ...] = ()
        if len(firsts) == len(nodes):
            types = {d.type for d in firsts}
            disks = (Disk("root", 1, min(d.size_bytes for d in firsts), types.pop() if len(types) == 1 else None,
                          span),)
        nics: tuple[Nic, ...] = ()
        if all(n.nics for n in nodes):
            speed = min(max(x.speed_mbps for x in n.nics) for n in nodes)
            nics = (Nic(None, min(sum(1 for x in n.nics if x.speed_mbps >= speed) for n in nodes), speed, span),)
        levels = set.intersection(*(set(n.raid_levels) for n in nodes))
        raid = profile.raid if profile is not None and profile.raid in levels else None
        return Hardware(f"{role}_bound", f"the nodes bound to role {role}", min(n.cores for n in nodes),
                        min(n.memory_bytes for n in nodes), raid, disks, nics,
                        dict(profile.bios) if profile is not None else {}, span)

    def to_json(self) -> dict[str, Any]:
        """The binding as plain data (see :mod:`racompiler.binding.render`)."""
        return {
            "architecture": self.architecture,
            "inventory": PurePath(self.inventory).name,  # not the path: the same on every machine
            "roles": {r: {"hardware": p.name if (p := self.profiles.get(r)) else None,
                          "nodes": list(names)} for r, names in sorted(self.roles.items())},
            "nodes": dict(sorted(self.node_role.items())),
            "unused": list(self.unused),
        }


def node_json(node: Node) -> dict[str, Any]:
    """Everything the inventory says about ``node``, as plain data (host facts for targets)."""
    return {
        "name": node.name, "cores": node.cores, "memory_bytes": node.memory_bytes,
        "disks": [{"name": d.name, "size_bytes": d.size_bytes, "type": d.type} for d in node.disks],
        "raid": {"controller": node.raid_controller, "levels": list(node.raid_levels)},
        "nics": [{"name": n.name, "mac": n.mac, "speed_mbps": n.speed_mbps} for n in node.nics],
        "bios": dict(node.bios), "rack": node.rack, "zone": node.zone, "tags": list(node.tags),
        "vendor": node.vendor, "model": node.model, "serial": node.serial,
        "address": node.address, "bmc_address": node.bmc_address,
    }
