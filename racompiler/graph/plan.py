"""The deployment plan: a deterministic topological order plus parallel waves."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from racompiler.diagnostics import DiagnosticSink
from racompiler.graph.cycles import report_cycles
from racompiler.graph.depgraph import DepGraph
from racompiler.records import field, record
from racompiler.semantic.model import Model

if TYPE_CHECKING:
    import networkx as nx

    from racompiler.binding.result import Binding


@record
class Plan:
    """What targets consume: the Model, the dependency graph, the order and the waves. Frozen:
    a target cannot change what the next target reads.

    ``waves[i]`` holds components that can be deployed in parallel once every earlier wave is
    done; ``order`` is the waves flattened. ``role_waves[c]`` orders the roles of component ``c``
    that this architecture runs (e.g. nova controller before compute). ``binding`` is set on the
    copy that late binding returns (:meth:`with_binding`), when used.
    """

    model: Model
    deps: DepGraph
    waves: list[list[str]]
    role_waves: dict[str, list[list[str]]]
    binding: "Binding | None" = None
    _graph: Any = field(default=None, repr=False, compare=False)  # made on first use of .graph

    @property
    def graph(self) -> "nx.DiGraph":
        """The dependency graph as a networkx DiGraph (edge provider -> consumer)."""
        if self._graph is None:
            object.__setattr__(self, "_graph", self.deps.to_networkx())
        return self._graph

    @property
    def order(self) -> list[str]:
        return [c for wave in self.waves for c in wave]

    def with_binding(self, binding: "Binding") -> "Plan":
        """A copy of this plan bound to real nodes (late binding); this plan is not changed."""
        return Plan(self.model, self.deps, self.waves, self.role_waves, binding)

    def wave_of(self, component: str) -> int:
        for i, wave in enumerate(self.waves):
            if component in wave:
                return i
        raise KeyError(component)


def _role_waves(model: Model, sink: DiagnosticSink) -> dict[str, list[list[str]]]:
    """Per deployed component, the roles it runs ordered by their ``after`` declarations."""
    out = {}
    idx = model.run_index()
    for name in idx.deployed:
        comp = model.components[name]
        used = {r for r in comp.roles if idx.roles_running(name, r)}
        rg = DepGraph()
        for role in comp.roles.values():
            rg.add_node(role.name)
            for before in role.after:
                rg.add_edge(before, role.name, interface=f"role {before}", span=role.span)
        if report_cycles(rg, sink, f"role order cycle in component {name}"):
            continue
        # Order over every declared role (so `after` chains through roles not deployed here),
        # then keep only the roles this architecture runs.
        waves = [[r for r in wave if r in used] for wave in rg.generations() or []]
        out[name] = [w for w in waves if w]
    return out


def make_plan(model: Model, deps: DepGraph, sink: DiagnosticSink) -> Plan | None:
    """The Plan, or None when the graph has a cycle (reported as RA402) or other errors."""
    role_waves = _role_waves(model, sink)
    if report_cycles(deps, sink) or sink.has_errors:
        return None
    return Plan(model, deps, deps.generations() or [], role_waves)
