"""The node layout every flavour shares: host names, addresses, interfaces, VIPs, group names.

Hosts are the real nodes bound to each role when the build has an inventory (``plan.binding``:
node names, the node's own ``address`` to connect to, its facts); without one they are
placeholders derived from the node roles (``compute-001``, ``compute-002``...). Network
addresses are derived deterministically from each network's CIDR either way: hosts are numbered
from the 10th address of the network in role declaration order, skipping the gateway; the last
usable address is kept for a virtual IP. A bound node keeps its own ``address`` or
``bmc_address`` on the network that contains it, and the numbering skips every inventory node's
addresses. Interface names are placeholders too: a role's n-th network is ``eth<n>``.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from racompiler.binding.result import node_json
from racompiler.diagnostics import DiagnosticSink, Span, codes
from racompiler.graph.plan import Plan
from racompiler.semantic.model import OUT_OF_BAND_PURPOSES
from racompiler.records import record

if TYPE_CHECKING:
    from racompiler.binding.inventory import Node

FIRST_HOST_OFFSET = 10
RESERVED_GROUPS = ("all", "ungrouped")


@record
class Host:
    name: str
    role: str
    index: int  # 1-based within its role
    ips: dict[str, str]  # network -> address (networks with a CIDR only)
    address: str | None = None  # the bound node's own address, from the inventory
    facts: dict[str, Any] | None = None  # everything the inventory says about the bound node

    @property
    def primary_ip(self) -> str | None:
        """The address on the role's first network with a CIDR."""
        return next(iter(self.ips.values()), None)

    @property
    def connect_ip(self) -> str | None:
        """The address Ansible connects to (``ansible_host``): the bound node's own address, else
        the primary one."""
        return self.address or self.primary_ip


@dataclass
class Layout:
    """Hosts per node role, VIPs per network, interface names per role, HA flag."""

    hosts: dict[str, list[Host]] = field(default_factory=dict)  # node role -> hosts
    vips: dict[str, str] = field(default_factory=dict)  # network -> virtual IP (HA only)
    interfaces: dict[str, dict[str, str]] = field(default_factory=dict)  # role -> network -> ethN
    ha: bool = False

    def all_hosts(self) -> list[Host]:
        return [h for hosts in self.hosts.values() for h in hosts]


def host_label(role: str) -> str:
    """The DNS-label form of a role name: lower case, ``_`` -> ``-``, no leading, trailing or
    doubled dashes (``_aio`` -> ``aio``; a label may not start with one), ``node`` if nothing is left."""
    label = _DASHES.sub("-", _NOT_LABEL.sub("-", role.lower())).strip("-")
    return label or "node"


_NOT_LABEL = re.compile(r"[^a-z0-9]")
_DASHES = re.compile(r"-+")


def host_name(role: str, index: int, width: int) -> str:
    """``compute-001``: a valid DNS label (see :func:`host_label`) of at most 63 characters."""
    suffix = f"-{index:0{width}d}"
    return host_label(role)[: 63 - len(suffix)].rstrip("-") + suffix


def role_group(role: str) -> str:
    """The inventory group of one node role, e.g. ``compute_nodes`` (never a component's name)."""
    return f"{role}_nodes"


def component_group(component: str, role: str) -> str:
    """The inventory group of one component role, e.g. ``nova_compute``."""
    return f"{component}_{role}"


def is_ha(plan: Plan) -> bool:
    """HA when some quorum component role (a clustered service) runs on more than one node."""
    model = plan.model
    for name in model.deployed:
        for crole in model.components[name].roles.values():
            if crole.quorum and model.component_role_count(name, crole.name) > 1:
                return True
    return False


class _Pool:
    """Sequential addresses of one network, skipping the gateway and the reserved VIP."""

    def __init__(self, cidr: str, gateway: str | None) -> None:
        self.net = ipaddress.ip_network(cidr, strict=False)
        last = self.net.broadcast_address - 1 if self.net.version == 4 else self.net.broadcast_address
        self.vip = last if self.net.num_addresses > 4 else None
        self.skip = {ipaddress.ip_address(gateway)} if gateway else set()
        if self.vip is not None:
            self.skip.add(self.vip)
        self.next = self.net.network_address + min(FIRST_HOST_OFFSET, max(self.net.num_addresses // 4, 1))
        self.last = last
        self.known: set[ipaddress.IPv4Address | ipaddress.IPv6Address] = set()  # inventory addresses

    def reserve(self, addresses: Iterable[str]) -> None:
        """Keep the inventory's node addresses out of the numbering: they belong to those nodes."""
        inside = {a for a in map(ipaddress.ip_address, addresses) if a in self.net} - self.skip
        self.known |= inside
        self.skip |= inside

    def own(self, addresses: Iterable[str]) -> str | None:
        """The first of a node's own addresses inside this network (each one handed out once)."""
        for addr in map(ipaddress.ip_address, addresses):
            if addr in self.known:
                self.known.discard(addr)
                return str(addr)
        return None

    def take(self) -> str | None:
        # compared as integers: next and last are of the network's one IP version
        while int(self.next) <= int(self.last) and self.next in self.skip:
            self.next += 1
        if int(self.next) > int(self.last):
            return None
        addr = self.next
        self.next += 1
        return str(addr)


def build_layout(plan: Plan, sink: DiagnosticSink) -> Layout | None:
    """The layout of ``plan``; None after reporting RA643 (names) or RA644 (addresses)."""
    model = plan.model
    layout = Layout(ha=is_ha(plan))
    pools = {n: _Pool(net.cidr, net.gateway) for n, net in model.networks.items() if net.cidr}
    if plan.binding is not None:
        for pool in pools.values():
            pool.reserve(a for node in plan.binding.nodes.values() for a in _own_addresses(node))
    exhausted: set[str] = set()
    ok = _check_names(plan, sink)
    bases = _host_bases(plan)  # once: it looks at every role
    for role in model.roles.values():
        # An out-of-band network (purpose = bmc) reaches the nodes' management controllers, not
        # their operating systems: no host interface and no host address on it.
        host_nets = [n for n in role.networks if model.networks[n].purpose not in OUT_OF_BAND_PURPOSES]
        layout.interfaces[role.name] = {net: f"eth{i}" for i, net in enumerate(host_nets)}
        hosts = []
        for i, (name, node) in enumerate(_role_nodes(plan, role.name, bases), start=1):
            ips = {}
            for net in host_nets:
                if net not in pools:
                    continue
                addr = (pools[net].own(_own_addresses(node)) if node is not None else None) or pools[net].take()
                if addr is None:
                    exhausted.add(net)
                    continue
                ips[net] = addr
            hosts.append(Host(name, role.name, i, ips, node.address, node_json(node)) if node is not None
                         else Host(name, role.name, i, ips))
        layout.hosts[role.name] = hosts
    for net in sorted(exhausted):
        n = model.networks[net]
        sink.report(codes.RA644, f"network '{net}' ({n.cidr}) is too small for the addresses of its nodes",
                    n.span, hint=f"hosts are numbered from the network's {FIRST_HOST_OFFSET}th address (fewer on "
                                 "small networks), skipping the gateway and one virtual IP; widen the CIDR")
    if exhausted or not ok:
        return None
    if layout.ha:
        for role in model.roles.values():
            if _runs_quorum(plan, role.name):
                for net in role.networks:
                    if net in pools and pools[net].vip is not None:
                        layout.vips[net] = str(pools[net].vip)
    return layout


def _role_nodes(plan: Plan, role_name: str, bases: dict[str, str]) -> list[tuple[str, Node | None]]:
    """(host name, bound node) of each host of a node role: the bound nodes, or placeholders
    named after ``bases`` (:func:`_host_bases`)."""
    if plan.binding is not None:
        return [(node.name, node) for node in plan.binding.nodes_of(role_name)]
    count = int(plan.model.roles[role_name].count.value or 0)
    width = max(3, len(str(count)))
    base = bases[role_name]
    return [(host_name(base, i, width), None) for i in range(1, count + 1)]


def _host_bases(plan: Plan) -> dict[str, str]:
    """Per node role, the label its placeholder hosts are named after: :func:`host_label`, made
    unique: a role whose name needed no change keeps its label, the others take ``-2``, ``-3``...
    in declaration order (``aio`` and ``_aio`` would both be ``aio``: ``_aio`` becomes ``aio-2``)."""
    used: set[str] = set()
    out: dict[str, str] = {}
    names = list(plan.model.roles)
    plain = [n for n in names if n.lower().replace("_", "-") == host_label(n) and len(n) <= 50]
    plain_set = set(plain)
    for name in plain + [n for n in names if n not in plain_set]:
        label = host_label(name)[:50].rstrip("-")
        base, n = label, 2
        while base in used:
            base, n = f"{label}-{n}", n + 1
        used.add(base)
        out[name] = base
    return {name: out[name] for name in names}


def _own_addresses(node: Node) -> list[str]:
    return [a for a in (node.address, node.bmc_address) if a]


def _runs_quorum(plan: Plan, role_name: str) -> bool:
    model = plan.model
    return any(model.components[r.component].roles[r.role].quorum for r in model.roles[role_name].runs)


def _check_names(plan: Plan, sink: DiagnosticSink) -> bool:
    """RA643 when two inventory groups would get the same name (or a reserved one)."""
    model = plan.model
    owners: dict[str, tuple[str, Span]] = {}
    ok = True

    def claim(name: str, what: str, span: Span) -> None:
        nonlocal ok
        if name in RESERVED_GROUPS:
            sink.report(codes.RA643, f"{what} would be the inventory group '{name}', which Ansible reserves", span)
            ok = False
        elif name in owners and owners[name][0] != what:
            sink.report(codes.RA643, f"{what} and {owners[name][0]} would both be the inventory group '{name}'",
                        span, hint="rename one of them")
            ok = False
        else:
            owners.setdefault(name, (what, span))

    for role in model.roles.values():
        claim(role_group(role.name), f"node role '{role.name}'", role.span)
    for comp in model.deployed:
        runs = [run for r in model.roles.values() for run in r.runs if run.component == comp]
        claim(comp, f"component '{comp}'", runs[0].span)
        for run in runs:
            claim(component_group(comp, run.role), f"component role '{run.qualified}'", run.span)
    return ok
