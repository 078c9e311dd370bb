"""Plan and graph exports: text, JSON (versioned, golden-tested), DOT and Mermaid.

All output is deterministic: nodes, edges and keys are sorted; no clocks, no absolute paths of
the machine (the built-in catalog is shown as ``<catalog>/...``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from racompiler.jsonout import dump_json

if TYPE_CHECKING:
    from racompiler.diagnostics import Span
    from racompiler.graph.plan import Plan

EXPORT_VERSION = 1  # plan --format json
# graph --format json. 2: the edges are the transitive reduction unless --full; adds reduced and
# hidden_edges.
GRAPH_VERSION = 2


def _loc(span: "Span | None") -> str:
    return f"{span.file}:{span.line}:{span.column}" if span else ""


def plan_to_dict(plan: "Plan") -> dict[str, Any]:
    """The ``plan --format json`` document (schema: ``racompiler schema plan``)."""
    model = plan.model
    comps = {}
    for name in plan.order:
        comps[name] = {
            "wave": plan.wave_of(name),
            "after": sorted(plan.deps.predecessors(name)),
            "role_order": plan.role_waves.get(name, []),
            "runs_on": {r: [n.name for n in model.roles_running(name, r)]
                        for r in model.components[name].roles if model.roles_running(name, r)},
        }
    return {
        "version": EXPORT_VERSION,
        "architecture": model.name,
        "order": plan.order,
        "waves": [{"wave": i, "components": wave} for i, wave in enumerate(plan.waves)],
        "components": comps,
        "roles": {r.name: {"count": r.count.value, "hardware": r.hardware, "networks": list(r.networks),
                           "runs": [x.qualified for x in r.runs]} for r in model.roles.values()},
    }


def plan_json(plan: "Plan") -> str:
    """The plan as JSON text (sorted keys, final newline)."""
    return dump_json(plan_to_dict(plan))


def plan_text(plan: "Plan") -> str:
    """The plan for people: one block per wave, each component with its roles and node roles."""
    model = plan.model
    lines = [f"architecture {model.name}: {len(plan.order)} components in {len(plan.waves)} waves"]
    for i, wave in enumerate(plan.waves):
        lines.append(f"wave {i}:")
        for name in wave:
            deps = sorted(plan.deps.predecessors(name))
            roles = " -> ".join("+".join(w) for w in plan.role_waves.get(name, []))
            on = ", ".join(sorted({r.name for r in model.roles_running(name)}))
            lines.append(f"  {name:<14} roles {roles:<34} on {on}" + (f"  (after {', '.join(deps)})" if deps else ""))
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class GraphView:
    """What ``racompiler graph`` shows: everything, or ``focus`` and the components within
    ``depth`` dependency steps of it; clusters per node role (``group_by="role"``); and only the
    edges no other path implies (the transitive reduction), unless ``full``."""

    focus: str | None = None
    depth: int = 1
    group_by: str = "none"
    full: bool = False


def _view_nodes(plan: "Plan", view: GraphView) -> list[str]:
    g = plan.graph
    if view.focus is None:
        return sorted(g.nodes)
    import networkx as nx

    und = g.to_undirected(as_view=True)
    return sorted(nx.single_source_shortest_path_length(und, view.focus, cutoff=view.depth))


def shown_edges(plan: "Plan", nodes: list[str], full: bool = False) -> list[tuple[str, str, dict[str, Any]]]:
    """The edges drawn between ``nodes``, sorted, each with its attributes (interface, reason,
    spans). Unless ``full``: the transitive reduction of the graph ``nodes`` induce, i.e. an edge
    u -> v is left out when another path from u to v is drawn (it would say nothing the picture
    does not already say, and the deployment order is the same). The reduction of a DAG is unique,
    so the result is deterministic."""
    import networkx as nx

    sub = plan.graph.subgraph(nodes)
    keep = set(sub.edges) if full else set(nx.transitive_reduction(sub).edges)
    return [(u, v, d) for u, v, d in sorted(sub.edges(data=True)) if (u, v) in keep]


def graph_to_dict(plan: "Plan", view: GraphView = GraphView()) -> dict[str, Any]:
    """The ``graph --format json`` document (schema: ``racompiler schema graph``)."""
    g = plan.graph
    nodes = _view_nodes(plan, view)
    edges = shown_edges(plan, nodes, view.full)
    return {
        "version": GRAPH_VERSION,
        "architecture": plan.model.name,
        "reduced": not view.full,
        "hidden_edges": g.subgraph(nodes).number_of_edges() - len(edges),
        "nodes": [{
            "id": n,
            "kind": g.nodes[n]["kind"],
            "wave": plan.wave_of(n),
            "component_roles": g.nodes[n]["component_roles"],
            "node_roles": g.nodes[n]["node_roles"],
            "declared_at": _loc(g.nodes[n]["span"]),
        } for n in nodes],
        "edges": [{
            "from": u,
            "to": v,
            "interface": d["interface"],
            "cardinality": d["cardinality"],
            "reason": d["reason"],
            "declared_at": _loc(d["span"]),
            "connected_at": _loc(d["connect_span"]),
        } for u, v, d in edges],
    }


def render_graph(plan: "Plan", fmt: str, view: GraphView = GraphView()) -> str:
    """The graph in ``fmt``: ``json``, ``mermaid`` or ``dot``."""
    data = graph_to_dict(plan, view)
    if fmt == "json":
        return dump_json(data)
    from racompiler.graph.draw import render_dot, render_mermaid

    return render_mermaid(data, view) if fmt == "mermaid" else render_dot(data, view)
