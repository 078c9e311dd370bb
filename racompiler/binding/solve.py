"""Assign nodes to roles: a min-cost max-flow over classes of equivalent nodes.

Nodes with the same capability (see :class:`Capability`), rack and zone form one class, so
10,000 nodes of a dozen models in a hundred racks make about a thousand classes. The network,
built in sorted order so that the result is deterministic::

    source -> role r                  capacity count(r)
    role r -> pool(S)                 (no spread) S: the capabilities that fit r
    pool(S) -> capability k -> class  every class of every capability in S
    role r -> pool(S, rack|zone, g)   (spread) capacity ceil(count / groups with candidates)
    pool(S, rack|zone, g) -> class    the classes of group g whose capability is in S
    class c -> sink                   capacity: its node count; cost: its capability's size rank

Roles with the same eligible capabilities share their pools, so the network grows with the
distinct profiles and racks, not with roles times classes. Costs sit on the class edges only:
the cheapest maximum flow binds the smallest machines that fit and keeps the big ones for the
roles that need them. The flow is then turned into node names (see :func:`_names`).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from racompiler.binding.inventory import Capability, Node
from racompiler.binding.match import Requirement, fits
from racompiler.records import record

Vertex = tuple[Any, ...]  # ("role", name), ("class", i), ("cap", k), a pool, SOURCE or SINK
SOURCE: Vertex = ("source",)
SINK: Vertex = ("sink",)
NO_GROUP = ""  # nodes without a rack (or zone) share one anonymous group


@record
class Demand:
    """What one role asks for: ``count`` nodes meeting ``reqs``, spread over racks or zones."""

    role: str
    count: int
    reqs: tuple[Requirement, ...]
    spread: str | None = None  # "rack", "zone" or None
    profile: str | None = None  # the hardware profile's name, to share eligibility between roles


@dataclass(slots=True)
class NodeClass:
    cap_rank: int
    rack: str
    zone: str
    nodes: list[str]

    def group(self, spread: str) -> str:
        return self.rack if spread == "rack" else self.zone


@dataclass
class Outcome:
    """The assignment and the figures the explanations need.

    ``candidates[r]``: nodes that fit role r alone; ``placeable[r]``: of those, how many its spread
    limit lets it take; ``groups[r]``: for a spread role, how many candidates each rack (or zone)
    holds; ``served[r]``: nodes the flow gave r. When the flow falls short, ``contested``
    holds the roles on the source side of the minimum cut (they compete for the same saturated
    nodes or spread limits) and ``spread_bound`` tells whether a spread limit is in that cut.
    """

    assigned: dict[str, list[str]]
    unused: list[str]
    candidates: dict[str, int]
    placeable: dict[str, int]
    groups: dict[str, dict[str, int]]
    served: dict[str, int]
    contested: list[str] = field(default_factory=list)
    contested_supply: int = 0
    spread_bound: bool = False


def spread_limit(count: int, groups: int) -> int:
    """At most this many nodes of a spread role in one rack (or zone): an even share, rounded up."""
    return math.ceil(count / groups) if groups else 0


def node_classes(nodes: Sequence[Node]) -> tuple[list[Capability], list[NodeClass]]:
    """Distinct capabilities smallest first, and the classes (capability, rack, zone) of ``nodes``."""
    of_node = [n.capability for n in nodes]  # a property that builds a tuple: compute it once
    caps = sorted(set(of_node), key=Capability.size_key)
    rank = {c: i for i, c in enumerate(caps)}
    members: dict[tuple[int, str, str], list[str]] = defaultdict(list)
    for n, cap in zip(nodes, of_node):
        members[(rank[cap], n.rack or NO_GROUP, n.zone or NO_GROUP)].append(n.name)
    classes = [NodeClass(k, rack, zone, sorted(names)) for (k, rack, zone), names in sorted(members.items())]
    return caps, classes


def solve(demands: Sequence[Demand], nodes: Sequence[Node]) -> Outcome:
    """Bind ``nodes`` to ``demands``: each role gets at most its count, each node at most one role."""
    import networkx as nx

    caps, classes = node_classes(nodes)
    demands = sorted((d for d in demands if d.count > 0), key=lambda d: d.role)
    out = Outcome({d.role: [] for d in demands}, [], {}, {}, {}, {})
    by_cap: dict[int, list[int]] = defaultdict(list)
    for i, c in enumerate(classes):
        by_cap[c.cap_rank].append(i)
    g: nx.DiGraph[Vertex] = nx.DiGraph()
    eligible_by_profile: dict[object, tuple[int, ...]] = {}
    for d in demands:
        key = d.profile if d.profile is not None else d.reqs
        if key not in eligible_by_profile:
            eligible_by_profile[key] = tuple(k for k, cap in enumerate(caps) if fits(d.reqs, cap))
        _add_role(g, d, eligible_by_profile[key], classes, by_cap, out)
    for i, c in enumerate(classes):
        if g.has_node(("class", i)):
            g.add_edge(("class", i), SINK, capacity=len(c.nodes), weight=c.cap_rank)
    need = sum(d.count for d in demands)
    # One network simplex instead of a max flow then a min-cost flow: a bypass edge carries what
    # the nodes cannot, at a cost above any real path's (a path costs the rank of the one class
    # it ends in), so the cheapest flow is a maximum flow through the nodes.
    g.add_edge(SOURCE, SINK, capacity=need, weight=len(caps) + 1)
    g.nodes[SOURCE]["demand"], g.nodes[SINK]["demand"] = -need, need
    _cost, flow = nx.network_simplex(g)
    _names(g, flow, classes, out)
    bound = {n for names in out.assigned.values() for n in names}
    out.unused = sorted(n.name for n in nodes if n.name not in bound)
    if flow[SOURCE][SINK] > 0:
        _min_cut(g, flow, classes, out)
    return out


def _add_role(g, d: Demand, eligible: tuple[int, ...], classes: list[NodeClass], by_cap: dict[int, list[int]],
              out: Outcome) -> None:
    """The edges of one role. Roles with the same eligible capabilities share pool vertices, so
    the network grows with the number of distinct profiles, not roles times classes."""
    role = ("role", d.role)
    g.add_edge(SOURCE, role, capacity=d.count, weight=0)
    out.candidates[d.role] = sum(len(classes[i].nodes) for k in eligible for i in by_cap[k])
    if d.spread is None:
        out.placeable[d.role] = out.candidates[d.role]
        pool = ("pool", eligible, "", "")
        if not g.has_node(pool):
            for k in eligible:
                g.add_edge(pool, ("cap", k), weight=0)
                for i in by_cap[k]:
                    g.add_edge(("cap", k), ("class", i), weight=0)
        g.add_edge(role, pool, weight=0)
        return
    per_group: dict[str, list[int]] = defaultdict(list)
    for k in eligible:
        for i in by_cap[k]:
            per_group[classes[i].group(d.spread)].append(i)
    limit = spread_limit(d.count, len(per_group))
    out.groups[d.role] = {grp: sum(len(classes[i].nodes) for i in ids) for grp, ids in sorted(per_group.items())}
    out.placeable[d.role] = sum(min(limit, n) for n in out.groups[d.role].values())
    for grp, ids in sorted(per_group.items()):
        pool = ("pool", eligible, d.spread, grp)
        if not g.has_node(pool):
            for i in sorted(ids):
                g.add_edge(pool, ("class", i), weight=0)
        g.add_edge(role, pool, capacity=limit, weight=0)  # the spread limit, per role and group


_LAYERS = {"role": 0, "pool": 1, "cap": 2, "class": 3}


def _names(g, flow: dict, classes: list[NodeClass], out: Outcome) -> None:
    """Turn the flow into node names.

    Vertices are visited layer by layer; at each, the units that arrived (labelled by role, in
    role order) are dealt to its outgoing edges in vertex order, so every class ends up with a
    quota per role; the class's nodes then go, in name order, to the roles in name order. Any
    such split is a valid binding; this one is stable.
    """
    arrived: dict[tuple, list[tuple[str, int]]] = defaultdict(list)
    for v, units in flow[SOURCE].items():
        if v != SINK:
            out.served[v[1]] = units
            arrived[v].append((v[1], units))
    for v in sorted((v for v in g if v not in (SOURCE, SINK)), key=lambda v: (_LAYERS[v[0]], v)):
        if v[0] == "class":
            names = iter(classes[v[1]].nodes)
            for role, n in sorted(arrived[v]):
                out.assigned[role].extend(next(names) for _ in range(n))
            continue
        labels = sorted(arrived[v])
        for w, units in sorted(flow[v].items()):
            while units > 0:
                role, have = labels[0]
                take = min(units, have)
                arrived[w].append((role, take))
                units -= take
                labels[0] = (role, have - take)
                if labels[0][1] == 0:
                    labels.pop(0)
    for role in out.assigned:
        out.assigned[role].sort()


def _min_cut(g, flow: dict, classes: list[NodeClass], out: Outcome) -> None:
    """The roles reachable from the source in the residual network: the ones that compete."""
    seen: set[Vertex] = {SOURCE}
    todo: list[Vertex] = [SOURCE]
    while todo:
        u = todo.pop()
        for v, attrs in g.succ[u].items():
            if u == SOURCE and v == SINK:  # the bypass is not a way through the nodes
                continue
            if v not in seen and flow[u][v] < attrs.get("capacity", math.inf):
                seen.add(v)
                todo.append(v)
        for v in g.pred[u]:
            if v not in seen and flow[v][u] > 0:
                seen.add(v)
                todo.append(v)
    out.contested = sorted(v[1] for v in seen if v[0] == "role")
    out.contested_supply = sum(len(classes[v[1]].nodes) for v in seen if v[0] == "class")
    out.spread_bound = any(v[0] == "role" and w[0] == "pool" and w[2] and w not in seen
                           for v in seen for w in g.succ[v])
