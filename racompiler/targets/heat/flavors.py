"""Hardware profiles as Nova flavors, and the hardware detail a flavor cannot carry (RA601-RA604).

A flavor carries vCPUs, RAM and one root disk. Its name is derived from the profile so that the
same profile always asks for the same flavor: ``ra.c<cores>.m<GiB>g.d<GiB>g[.<disk type>]``,
e.g. ``ra.c16.m128g.d559g.hdd`` for 16 cores, 128 GiB and a 600 GB disk (Nova sizes are GiB,
rounded up). The disk type becomes the placement trait ``STORAGE_DISK_SSD`` (ssd, nvme) or
``STORAGE_DISK_HDD`` in the flavor's extra specs when the target creates the flavors.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from racompiler.diagnostics import codes

if TYPE_CHECKING:
    from racompiler.semantic.model import Hardware
    from racompiler.targets.heat.context import HotBuild

GIB = 2**30
DEFAULT_FLAVOR = "m1.medium"  # for a role without a hardware profile
TRAITS = {"ssd": "STORAGE_DISK_SSD", "nvme": "STORAGE_DISK_SSD", "hdd": "STORAGE_DISK_HDD"}
_EXPRESSIBLE_RAID = (None, "none", "jbod")  # JBOD disks are what a VM sees anyway


def _gib(size: int | None) -> int | None:
    return None if size is None else max(1, math.ceil(size / GIB))


def flavor_spec(hw: "Hardware") -> dict:
    """vcpus, ram (MiB), disk (GiB) and traits of the flavor for ``hw``; absent fields omitted."""
    spec: dict = {}
    if hw.cores is not None:
        spec["vcpus"] = hw.cores
    if hw.memory_bytes is not None:
        spec["ram"] = max(1, math.ceil(hw.memory_bytes / 2**20))
    root = hw.disks[0] if hw.disks else None
    if root is not None and root.size_bytes is not None:
        spec["disk"] = _gib(root.size_bytes)
    if root is not None and root.type in TRAITS:
        spec["extra_specs"] = {f"trait:{TRAITS[root.type]}": "required"}
    return spec


def flavor_name(hw: "Hardware") -> str:
    """The derived flavor name (see the module docstring)."""
    parts = ["ra"]
    if hw.cores is not None:
        parts.append(f"c{hw.cores}")
    if hw.memory_bytes is not None:
        parts.append(f"m{_gib(hw.memory_bytes)}g")
    root = hw.disks[0] if hw.disks else None
    if root is not None and root.size_bytes is not None:
        parts.append(f"d{_gib(root.size_bytes)}g")
    if root is not None and root.type is not None:
        parts.append(root.type)
    return ".".join(parts) if len(parts) > 1 else DEFAULT_FLAVOR


def report_inexpressible(b: "HotBuild", hw: "Hardware") -> None:
    """RA601-RA604 (warnings) for the parts of ``hw`` that no flavor or HOT resource carries; each
    warning marks the facts it covers as reported in the ledger."""
    key = f"hardware:{hw.name}"
    if hw.raid not in _EXPRESSIBLE_RAID:
        b.sink.report(codes.RA601, f"hardware {hw.name}: RAID level {hw.raid} cannot be expressed by a Nova "
                                   "flavor; each server gets one virtual root disk", hw.span)
        b.ledger.reported(f"{key}.raid")
    if hw.bios:
        b.sink.report(codes.RA602, f"hardware {hw.name}: BIOS settings ({', '.join(hw.bios)}) cannot be "
                                   "expressed in a Heat template", hw.span,
                      hint="set them on the hypervisors, or in the image")
        b.ledger.reported_prefix(f"{key}.bios.")
    for i, disk in enumerate(hw.disks):
        label = f"disk group {disk.name}" if disk.name else "a disk group"
        extra = disk.count - 1 if i == 0 else disk.count
        if extra > 0:
            b.sink.report(codes.RA603, f"hardware {hw.name}, {label}: {extra} disk(s) beyond the flavor's single "
                                       "root disk cannot be expressed", disk.span,
                          hint="attach Cinder volumes after launch, or use a flavor with ephemeral disks")
            b.ledger.reported(f"{key}.disks")
    for nic in hw.nics:
        b.sink.report(codes.RA604, f"hardware {hw.name}: NIC count and speed cannot be expressed; each server "
                                   "gets one virtual port per network of its role", nic.span)
        b.ledger.reported(f"{key}.nics")


def _realised(b: "HotBuild", hw: "Hardware", where: str) -> None:
    """Mark what the flavor at ``where`` carries of ``hw`` (facts already reported stay reported)."""
    key = f"hardware:{hw.name}"
    if hw.cores is not None:
        b.realised(f"{key}.cores", where)
    if hw.memory_bytes is not None:
        b.realised(f"{key}.memory", where)
    if hw.disks:
        b.realised(f"{key}.disks", where + " (one root disk)")
    if hw.raid in _EXPRESSIBLE_RAID:
        b.realised(f"{key}.raid", where + f" (plain virtual disks, as {hw.raid} asks)")


def map_flavors(b: "HotBuild", mode: str) -> dict[str, dict]:
    """Per node role, the HOT expression for its flavor.

    ``parameter``: a parameter ``<role>_flavor`` defaults to the name derived from the role's
    hardware profile (the flavor must exist in the cloud); ``create``: one ``OS::Nova::Flavor``
    per hardware profile is made (needs the admin role); ``bound``: like ``parameter``, but the
    default is derived from the nodes bound to the role (``plan.binding``), which all satisfy it;
    RA610 without a binding.
    """
    binding = b.plan.binding
    if mode == "bound" and binding is None and b.model.roles:
        first = next(iter(b.model.roles.values()))
        b.sink.report(codes.RA610, "--heat-flavors bound derives the flavors from the nodes bound to each role, "
                                   "but this build has no inventory", first.span,
                      hint="build with --inventory INVENTORY, or use --heat-flavors parameter")
    out: dict[str, dict] = {}
    reported: set[str] = set()
    for role in b.model.roles.values():
        hw = b.model.hardware.get(role.hardware) if role.hardware else None
        if hw is not None and hw.name not in reported:
            reported.add(hw.name)
            report_inexpressible(b, hw)
        if mode == "create" and hw is not None and {"vcpus", "ram", "disk"} <= flavor_spec(hw).keys():
            res = f"flavor-{hw.name}"
            b.resources[res] = {"type": "OS::Nova::Flavor",
                                "properties": {"name": flavor_name(hw), "is_public": True, **flavor_spec(hw)}}
            out[role.name] = {"get_resource": res}
            _realised(b, hw, f"{res} (vcpus, ram, disk)")
            continue
        bound = binding.bound_hardware(role.name) if mode == "bound" and binding is not None else None
        if bound is not None and binding is not None:
            hw, what = bound, f"the {len(binding.roles[role.name])} node(s) bound to it"
        else:
            what = f"hardware profile {hw.name}" if hw else "no hardware profile, so a stock flavor"
        pname = f"{role.name}_flavor"
        b.add_parameter(pname, {
            "type": "string", "default": flavor_name(hw) if hw else DEFAULT_FLAVOR,
            "description": f"Nova flavor of the {role.name} servers (from {what})",
            "constraints": [{"custom_constraint": "nova.flavor"}]},
            f"the flavor parameter of role {role.name}", role.span)
        out[role.name] = {"get_param": pname}
        if role.hardware and role.hardware in b.model.hardware:
            profile = b.model.hardware[role.hardware]
            where = (f"parameter {pname} (flavor of {what}, each at least {profile.name})" if bound is not None
                     else f"parameter {pname} (default {flavor_name(profile)})")
            _realised(b, profile, where)
    return out
