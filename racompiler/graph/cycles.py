"""RA402: dependency cycles, each reported as its shortest cycle with every edge's source line."""

from __future__ import annotations

from collections import deque

from racompiler.diagnostics import DiagnosticSink, Related, codes
from racompiler.graph.depgraph import DepGraph


def shortest_cycle(g: DepGraph, members: set[str]) -> list[str]:
    """The shortest cycle inside one strongly connected component, as a node list (closed)."""
    best: list[str] | None = None
    for start in sorted(members, key=str):
        # BFS from start back to start, restricted to the component.
        parent: dict[str, str | None] = {start: None}
        queue = deque([start])
        found: str | None = None
        while queue and found is None:
            node = queue.popleft()
            for nxt in sorted(g.successors(node), key=str):
                if nxt not in members:
                    continue
                if nxt == start:
                    found = node
                    break
                if nxt not in parent:
                    parent[nxt] = node
                    queue.append(nxt)
        if found is None:
            continue
        path = [found]
        while (up := parent[path[-1]]) is not None:
            path.append(up)
        path.reverse()  # start ... found
        cycle = path + [start]
        if best is None or len(cycle) < len(best):
            best = cycle
    return best or []


def find_cycles(g: DepGraph) -> list[list[str]]:
    """One shortest cycle per strongly connected component that has a cycle, in a stable order."""
    if g.generations() is not None:
        return []  # acyclic: the common case never imports networkx
    import networkx as nx

    cycles: list[list[str]] = []
    for scc in nx.strongly_connected_components(g.to_networkx()):
        if len(scc) == 1:
            (node,) = scc
            if (node, node) not in g.edges:
                continue
        cycles.append(shortest_cycle(g, set(scc)))
    return sorted(cycles, key=lambda c: [str(x) for x in c])


def report_cycles(g: DepGraph, sink: DiagnosticSink, what: str = "dependency cycle") -> bool:
    """Report every cycle of ``g`` (edges point provider -> consumer); True if there was one."""
    found = False
    for cycle in find_cycles(g):
        found = True
        # Show it in "requires" direction: consumer -> provider, as the architect reads it.
        consumers = list(reversed(cycle))
        edges = [(consumers[i + 1], consumers[i]) for i in range(len(consumers) - 1)]  # provider, consumer
        related = [Related(g.edges[(p, c)]["span"], f"{c} requires {g.edges[(p, c)]['interface']} from {p}")
                   for p, c in edges]
        first = g.edges[edges[0]]
        sink.report(codes.RA402, f"{what}: " + " -> ".join(str(x) for x in consumers), first["span"],
                    related=related,
                    hint="remove one of these requirements, or split a component so the cycle opens")
    return found
