"""Resolve the physical side of an RA: networks, hardware profiles and node roles."""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING, Any

from racompiler.diagnostics import Related, codes
from racompiler.records import replace
from racompiler.semantic import model as m
from racompiler.semantic.suggest import did_you_mean
from racompiler.semantic.types import SPEED_UNITS, Type, check_constraints, check_value
from racompiler.syntax import ast

if TYPE_CHECKING:
    from racompiler.semantic.resolve import Resolver

PURPOSES = ("admin", "public", "external", "internal", "management", "storage", "bmc", "tenant",
            "provisioning", "other")
RAID_LEVELS = ("none", "jbod", "raid0", "raid1", "raid5", "raid6", "raid10")
DISK_TYPES = ("hdd", "ssd", "nvme")
SPREADS = ("none", "rack", "zone")
MAX_ROLE_COUNT = 100_000

INT = Type("int")


def _int(r: "Resolver", expr: ast.Expr | None, what: str, lo: int, hi: int, default: Any = None) -> Any:
    """A literal (or parameter) whole number within lo..hi; RA308 past the compiler's limits."""
    if expr is None:
        return default
    c = check_value(INT, expr, r.sink, what, r.lookup_parameter)
    if c is None:
        return default
    if not check_constraints(c.value, INT, expr.span, r.sink, what, (lo, hi), None, None):
        return default
    return c.value


def _enum(r: "Resolver", name, choices: tuple[str, ...], what: str) -> str | None:
    if name is None:
        return None
    if name.value not in choices:
        r.sink.report(codes.RA304, f"{what}: '{name.value}' is not one of {', '.join(choices)}", name.span,
                      hint=did_you_mean(name.value, choices))
        return None
    return name.value


def resolve_networks(r: "Resolver") -> None:
    cidr_t, ip_t = Type("cidr"), Type("ip")
    vlans: dict[int, m.Network] = {}
    for name, n in r.sym.networks.items.items():
        what = f"network {name}"
        cidr = check_value(cidr_t, n.cidr, r.sink, f"the cidr of {what}", r.lookup_parameter) if n.cidr else None
        gateway = check_value(ip_t, n.gateway, r.sink, f"the gateway of {what}", r.lookup_parameter) \
            if n.gateway else None
        if cidr and gateway and n.gateway and ipaddress.ip_address(gateway.value) not in ipaddress.ip_network(cidr.value):
            r.sink.report(codes.RA305, f"gateway {gateway.value} of {what} is not inside {cidr.value}", n.gateway.span)
        net = m.Network(
            name, n.doc, cidr.value if cidr else None,
            _int(r, n.vlan, f"the vlan of {what}", 1, 4094),
            _int(r, n.mtu, f"the mtu of {what}", 576, 9216),
            _enum(r, n.purpose, PURPOSES, f"the purpose of {what}"),
            gateway.value if gateway else None, n.span)
        r.model.networks[name] = net
        if net.vlan is not None:
            first = vlans.get(net.vlan)
            if first is not None:
                r.sink.report(codes.RA307, f"network {name} uses VLAN {net.vlan}, already used by network {first.name}",
                              n.vlan.span if n.vlan else n.span,
                              related=[Related(first.span, f"network {first.name} defined here")])
            else:
                vlans[net.vlan] = net
    _check_overlaps(r)


def _check_overlaps(r: "Resolver") -> None:
    """Report every pair of overlapping subnets: a sort and a sweep, not a quadratic scan."""
    nets = sorted(
        ((ipaddress.ip_network(n.cidr), n) for n in r.model.networks.values() if n.cidr),
        key=lambda x: (x[0].version, int(x[0].network_address), -x[0].prefixlen, x[1].name),
    )
    open_nets: list[tuple[Any, m.Network]] = []  # networks whose range may still contain later ones
    for net, n in nets:
        open_nets = [(o, on) for o, on in open_nets
                     if o.version == net.version and int(o.broadcast_address) >= int(net.network_address)]
        for other, on in open_nets:
            decl = r.sym.networks.items[n.name]
            r.sink.report(codes.RA306, f"subnet {net} of network {n.name} overlaps {other} of network {on.name}",
                          decl.cidr.span if decl.cidr else n.span,
                          related=[Related(on.span, f"network {on.name} defined here")],
                          hint="give each network its own address range")
        open_nets.append((net, n))


def resolve_hardware(r: "Resolver") -> None:
    size_t = Type("size")
    for name, h in r.sym.hardware.items.items():
        what = f"hardware {name}"
        memory = None
        if h.memory is not None:
            c = check_value(size_t, h.memory, r.sink, f"the memory of {what}", r.lookup_parameter)
            memory = c.value if c else None
        disks = []
        for dk in h.disks:
            size = None
            if dk.size is not None:
                c = check_value(size_t, dk.size, r.sink, f"a disk size of {what}", r.lookup_parameter)
                size = c.value if c else None
            disks.append(m.Disk(dk.name, _int(r, dk.count, f"a disk count of {what}", 1, 1000, 1), size,
                                _enum(r, dk.type, DISK_TYPES, f"a disk type of {what}"), dk.span))
        nics = []
        for nc in h.nics:
            nics.append(m.Nic(nc.name, _int(r, nc.count, f"a nic count of {what}", 1, 64, 1),
                              _speed(r, nc.speed, f"a nic speed of {what}"), nc.span))
        bios: dict[str, Any] = {}
        for entry in (h.bios.entries if h.bios else ()):
            if isinstance(entry.value, (ast.String, ast.Number, ast.Bool)):
                bios[entry.key] = entry.value.value
            else:
                r.sink.report(codes.RA303, f"BIOS setting '{entry.key}' of {what} must be a string, number or boolean",
                              entry.value.span)
        r.model.hardware[name] = m.Hardware(
            name, h.doc, _int(r, h.cores, f"the cores of {what}", 1, 4096),
            memory, _enum(r, h.raid, RAID_LEVELS, f"the raid level of {what}"),
            tuple(disks), tuple(nics), dict(sorted(bios.items())), h.span)


def _speed(r: "Resolver", expr: ast.Expr | None, what: str) -> int | None:
    if expr is None:
        return None
    if isinstance(expr, ast.Size) and expr.unit in SPEED_UNITS:
        if expr.value <= 0:
            r.sink.report(codes.RA304, f"{what} must be positive", expr.span)
            return None
        return int(expr.value * SPEED_UNITS[expr.unit])
    if isinstance(expr, ast.Size):
        r.sink.report(codes.RA309, f"{what}: '{expr.unit}' is not a speed unit", expr.span, hint="use Mbps or Gbps")
    else:
        r.sink.report(codes.RA303, f"{what} must be a speed such as 10 Gbps, not {ast.describe(expr)}", expr.span)
    return None


def resolve_roles(r: "Resolver") -> None:
    off = r.model.switched_off
    for name, role in r.sym.roles.items.items():
        what = f"the count of role {name}"
        count = None
        if role.count is not None:
            count = r.value(INT, role.count, what, role.count.span, key="count",
                            prior=r.prior(f"roles.{name}.count"))
            if count is not None:
                if count.value > MAX_ROLE_COUNT:
                    r.sink.report(codes.RA308, f"{what} is {count.value}; at most {MAX_ROLE_COUNT} nodes per role "
                                               "are supported", role.count.span)
                    count = None
                elif count.value < 0:
                    r.sink.report(codes.RA304, f"{what} cannot be negative", role.count.span)
                    count = None
        if count is None:
            count = m.Value(0, INT, ())
        hardware = None
        if role.hardware is not None and r.sym.hardware.lookup(role.hardware, r.sink, f"role {name}"):
            hardware = role.hardware.value
        networks = tuple(n.value for n in role.networks if r.sym.networks.lookup(n, r.sink, f"role {name}"))
        runs = []
        seen: dict[str, Any] = {}
        switched: set[str] = set()
        for run in role.runs:
            rr = _role_run(r, run, name)
            if rr is None:
                continue
            if rr.component in off:
                switched.add(rr.component)
                continue
            if rr.qualified in seen:
                r.sink.report(codes.RA202, f"role {name} runs {rr.qualified} twice", run.span,
                              related=[Related(seen[rr.qualified], "first listed here")])
                continue
            seen[rr.qualified] = run.span
            runs.append(rr)
        if switched and not runs and role.runs:
            # The role existed for switched-off components only (Ceph's OSD nodes without Ceph).
            for comp in sorted(switched):
                s = r.model.switches[comp]
                r.model.switches[comp] = replace(s, dropped_roles=s.dropped_roles + (name,))
            continue
        r.model.roles[name] = m.Role(name, role.doc, count, hardware, networks, tuple(runs),
                                     _enum(r, role.spread, SPREADS, f"the spread of role {name}"), role.span,
                                     role.networks[0].span if role.networks else None)


def _role_run(r: "Resolver", run, role: str) -> m.RoleRun | None:
    comp_name, _, crole = run.value.partition(".")
    comp = r.model.components.get(comp_name)
    if comp is None:
        r.sink.report(codes.RA201, f"undefined component '{comp_name}' in role {role}", run.span,
                      hint=did_you_mean(comp_name, r.model.components) or r.sym.components.known_hint(
                          "components come from imports, e.g. import openstack"))
        return None
    if not crole:
        if len(comp.roles) == 1:
            return m.RoleRun(comp_name, next(iter(comp.roles)), run.span)
        r.sink.report(codes.RA201, f"component {comp_name} has several roles; say which one role {role} runs",
                      run.span, hint="one of: " + ", ".join(f"{comp_name}.{x}" for x in comp.roles))
        return None
    if crole not in comp.roles:
        r.sink.report(codes.RA201, f"component {comp_name} has no role '{crole}'", run.span,
                      hint=did_you_mean(crole, comp.roles) or "its roles: " + ", ".join(comp.roles))
        return None
    return m.RoleRun(comp_name, crole, run.span)
