"""Drawing the dependency graph: DOT (Graphviz) and Mermaid, from the ``graph`` JSON document.

Both draw exactly the nodes and edges of the document (so ``--focus`` and the transitive
reduction apply alike). DOT puts each plan wave on one rank, so the picture reads left to right
in deployment order. With ``--group-by role`` every node role is a cluster, and a component run
by several node roles is drawn once in each (node id ``ROLE/COMPONENT``): a consumer's copy is
fed by the provider's copy on the same node role when there is one (they talk over loopback),
otherwise by every copy of the provider.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from racompiler.graph.export import GraphView

NO_ROLE = "(none)"  # a component no node role runs (not deployed, but the graph may show it)


def _quote(text: str) -> str:
    """A DOT ID: always quoted, so any name is safe."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _roles(node: dict[str, Any]) -> list[str]:
    return list(node["node_roles"]) or [NO_ROLE]


def _copies(data: dict[str, Any]) -> dict[str, list[tuple[str, str]]]:
    """Per component, its (node role, drawn id) copies, in node-role declaration order."""
    return {n["id"]: [(r, f"{r}/{n['id']}") for r in _roles(n)] for n in data["nodes"]}


def _grouped_edges(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(from id, to id, interface) between role copies, sorted (see the module docstring)."""
    copies = _copies(data)
    out: set[tuple[str, str, str]] = set()
    for e in data["edges"]:
        providers = dict(copies[e["from"]])
        for role, consumer in copies[e["to"]]:
            sources = [providers[role]] if role in providers else list(providers.values())
            out.update((src, consumer, e["interface"]) for src in sources)
    return sorted(out)


def _clusters(data: dict[str, Any]) -> list[tuple[str, list[tuple[str, str]]]]:
    """(node role, [(drawn id, component)]) sorted by role, members sorted by component."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for comp, copies in _copies(data).items():
        for role, ident in copies:
            groups.setdefault(role, []).append((ident, comp))
    return [(role, sorted(members, key=lambda m: m[1])) for role, members in sorted(groups.items())]


def _label(node: dict[str, Any]) -> str:
    return f"{node['id']} (wave {node['wave']})"


def render_dot(data: dict[str, Any], view: "GraphView") -> str:
    """Graphviz DOT: left to right, one rank per wave, clusters per node role when grouped."""
    by_id = {n["id"]: n for n in data["nodes"]}
    grouped = view.group_by == "role"
    # newrank: rank=same may then hold nodes of different clusters (dot's default ranking cannot)
    lines = [f"digraph {_quote(data['architecture'])} {{", "  rankdir=LR;", "  newrank=true;",
             "  node [shape=box];"]
    if grouped:
        for i, (role, members) in enumerate(_clusters(data)):
            lines.append(f"  subgraph cluster_{i} {{")
            lines.append(f"    label={_quote('role ' + role)};")
            lines.extend(f"    {_quote(ident)} [label={_quote(_label(by_id[comp]))}];" for ident, comp in members)
            lines.append("  }")
    else:
        lines.extend(f"  {_quote(n['id'])} [label={_quote(_label(n))}];" for n in data["nodes"])
    ids = {c: [i for _, i in copies] for c, copies in _copies(data).items()} if grouped \
        else {n["id"]: [n["id"]] for n in data["nodes"]}
    waves: dict[int, list[str]] = {}
    for n in data["nodes"]:
        waves.setdefault(n["wave"], []).extend(ids[n["id"]])
    for wave, drawn in sorted(waves.items()):
        lines.append(f"  {{ rank=same; {' '.join(_quote(m) + ';' for m in sorted(drawn))} }}  // wave {wave}")
    edges = _grouped_edges(data) if grouped else [(e["from"], e["to"], e["interface"]) for e in data["edges"]]
    lines.extend(f"  {_quote(u)} -> {_quote(v)} [label={_quote(i)}];" for u, v, i in edges)
    lines.append("}")
    return "\n".join(lines) + "\n"


def _mermaid_id(ident: str) -> str:
    # RA names are identifiers; the "/" of a role copy and the parentheses of NO_ROLE are not
    # allowed in a Mermaid id
    return re.sub(r"\W", "_", ident.replace("/", "__"))


def render_mermaid(data: dict[str, Any], view: "GraphView") -> str:
    """A Mermaid flowchart, with a subgraph per node role when grouped."""
    lines = ["flowchart LR"]
    if view.group_by == "role":
        for role, members in _clusters(data):
            lines.append(f"  subgraph role_{_mermaid_id(role)}[role {role}]")
            lines.extend(f"    {_mermaid_id(ident)}[{comp}]" for ident, comp in members)
            lines.append("  end")
        edges = _grouped_edges(data)
    else:
        lines.extend(f"  {n['id']}[{n['id']}]" for n in data["nodes"])
        edges = [(e["from"], e["to"], e["interface"]) for e in data["edges"]]
    lines.extend(f"  {_mermaid_id(u)} -->|{i}| {_mermaid_id(v)}" for u, v, i in edges)
    return "\n".join(lines) + "\n"
