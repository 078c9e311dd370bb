"""Plan and graph exports: text, JSON (versioned, golden-tested), DOT and Mermaid.

All output is deterministic: nodes, edges and keys are sorted; no clocks, no absolute paths of
the machine (the built-in catalog is shown as ``<catalog>/...``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from racompiler.jsonout import dump_json

if TYPE_CHECKING:
    from racompiler.graph.plan import Plan

EXPORT_VERSION = 1


def _loc(span) -> str:
    return f"{span.file}:{span.line}:{span.column}" if span else ""


def plan_to_dict(plan: "Plan") -> dict:
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
    return dump_json(plan_to_dict(plan))


def plan_text(plan: "Plan") -> str:
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
    focus: str | None = None
    depth: int = 1
    group_by: str = "none"


def _view_nodes(plan: "Plan", view: GraphView) -> list[str]:
    g = plan.graph
    if view.focus is None:
        return sorted(g.nodes)
    import networkx as nx

    und = g.to_undirected(as_view=True)
    return sorted(nx.single_source_shortest_path_length(und, view.focus, cutoff=view.depth))


def graph_to_dict(plan: "Plan", view: GraphView = GraphView()) -> dict:
    g = plan.graph
    nodes = _view_nodes(plan, view)
    keep = set(nodes)
    return {
        "version": EXPORT_VERSION,
        "architecture": plan.model.name,
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
        } for u, v, d in sorted(g.edges(data=True)) if u in keep and v in keep],
    }


def _primary_role(plan: "Plan", node: str) -> str:
    roles = plan.graph.nodes[node]["node_roles"]
    return roles[0] if roles else "(none)"


def _role_groups(plan: "Plan", data: dict) -> list[tuple[str, list[str]]]:
    """Nodes grouped by node role, sorted. A component on several node roles is drawn in the
    first one (declaration order): DOT clusters and Mermaid subgraphs cannot share nodes."""
    groups: dict[str, list[str]] = {}
    for n in data["nodes"]:
        groups.setdefault(_primary_role(plan, n["id"]), []).append(n["id"])
    return sorted(groups.items())


def _dot_id(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_dot(plan: "Plan", view: GraphView) -> str:
    data = graph_to_dict(plan, view)
    lines = [f"digraph {_dot_id(plan.model.name)} {{", "  rankdir=LR;", "  node [shape=box];"]
    if view.group_by == "role":
        for i, (role, members) in enumerate(_role_groups(plan, data)):
            lines.append(f"  subgraph cluster_{i} {{")
            lines.append(f"    label={_dot_id('role ' + role)};")
            lines.extend(f"    {_dot_id(m)};" for m in members)
            lines.append("  }")
    else:
        lines.extend(f"  {_dot_id(n['id'])} [label={_dot_id(n['id'] + ' (wave ' + str(n['wave']) + ')')}];"
                     for n in data["nodes"])
    lines.extend(f"  {_dot_id(e['from'])} -> {_dot_id(e['to'])} [label={_dot_id(e['interface'])}];"
                 for e in data["edges"])
    lines.append("}")
    return "\n".join(lines) + "\n"


def render_mermaid(plan: "Plan", view: GraphView) -> str:
    data = graph_to_dict(plan, view)
    lines = ["flowchart LR"]
    if view.group_by == "role":
        for role, members in _role_groups(plan, data):
            lines.append(f"  subgraph role_{role}[role {role}]")
            lines.extend(f"    {m}[{m}]" for m in members)
            lines.append("  end")
    else:
        lines.extend(f"  {n['id']}[{n['id']}]" for n in data["nodes"])
    lines.extend(f"  {e['from']} -->|{e['interface']}| {e['to']}" for e in data["edges"])
    return "\n".join(lines) + "\n"


def render_graph(plan: "Plan", fmt: str, view: GraphView = GraphView()) -> str:
    if fmt == "json":
        return dump_json(graph_to_dict(plan, view))
    if fmt == "mermaid":
        return render_mermaid(plan, view)
    return render_dot(plan, view)
