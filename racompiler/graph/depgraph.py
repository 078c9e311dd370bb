"""A small directed graph with attributed edges: the compiled dependency graph.

Why not networkx directly: ``racompiler check`` must start fast, and importing networkx costs
more than the rest of a check. So the analysis builds this light structure, computes waves
with Kahn's algorithm, and only converts to a ``networkx.DiGraph`` (:meth:`DepGraph.to_networkx`)
for cycle analysis and for the consumers that want the full graph API (exports, targets, the
Python API). Tests compare its results with networkx's own algorithms.
"""

from __future__ import annotations

from typing import Any, Iterator
from racompiler.records import field, record


@record(frozen=False)
class DepGraph:
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    edges: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    _succ: dict[str, list[str]] = field(default_factory=dict)
    _pred: dict[str, list[str]] = field(default_factory=dict)

    def add_node(self, name: str, **attrs: Any) -> None:
        self.nodes.setdefault(name, {}).update(attrs)
        self._succ.setdefault(name, [])
        self._pred.setdefault(name, [])

    def add_edge(self, u: str, v: str, **attrs: Any) -> None:
        """Add ``u -> v`` (u must come first); a repeated edge keeps its first reason."""
        for n in (u, v):
            if n not in self.nodes:
                self.add_node(n)
        if (u, v) in self.edges:
            return
        self.edges[(u, v)] = attrs
        self._succ[u].append(v)
        self._pred[v].append(u)

    def successors(self, n: str) -> list[str]:
        return self._succ.get(n, [])

    def predecessors(self, n: str) -> list[str]:
        return self._pred.get(n, [])

    def __contains__(self, n: object) -> bool:
        return n in self.nodes

    def __iter__(self) -> Iterator[str]:
        return iter(self.nodes)

    def generations(self) -> list[list[str]] | None:
        """Topological generations (sorted within each), or None when there is a cycle.

        Generation i holds the nodes whose longest chain of predecessors has length i, so each
        generation can be deployed in parallel once the earlier ones are done. Linear time.
        """
        indeg = {n: len(self._pred[n]) for n in self.nodes}
        current = sorted(n for n, d in indeg.items() if d == 0)
        out: list[list[str]] = []
        seen = 0
        while current:
            out.append(current)
            seen += len(current)
            nxt = []
            for n in current:
                for s in self._succ[n]:
                    indeg[s] -= 1
                    if indeg[s] == 0:
                        nxt.append(s)
            current = sorted(nxt)
        return out if seen == len(self.nodes) else None

    def to_networkx(self):
        """The same graph as a ``networkx.DiGraph`` (node and edge attributes kept)."""
        import networkx as nx

        g = nx.DiGraph()
        for n in sorted(self.nodes):
            g.add_node(n, **self.nodes[n])
        for (u, v) in sorted(self.edges):
            g.add_edge(u, v, **self.edges[(u, v)])
        return g
