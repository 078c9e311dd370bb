"""What the commands print, for every fuzz input: the product's face must not crash either.

``check`` prints its diagnostics in four formats (human with caret excerpts, json, sarif,
github); a clean RA can also be shown as a plan, a graph (dot, mermaid, json; focused, grouped),
explained path by path, diffed against its overlay base, and a bound plan printed as a binding.
Each view is rendered in process, with the same functions the CLI calls; json and sarif must
parse back. The views are cheap next to the targets, so every input gets them.
"""

from __future__ import annotations

import json
import random
from typing import Any

PATH_SUFFIXES = {"roles": ("count", "hardware", "networks", "runs", "zz"),
                 "networks": ("cidr", "vlan", "mtu", "purpose", "gateway", "zz")}
ODD_PATHS = ["", ".", "roles", "roles..count", "params.", "a.b.c.d.e", "nova", "\u00e9.x", "roles.*.count",
             "hardware.x.disk.y.count", "networks.." + "x" * 300]


def render_diagnostics(diagnostics: list, sources: dict[str, str]) -> None:
    """Every ``check`` format; json and sarif must be JSON."""
    from racompiler.diagnostics.render import render

    for fmt in ("human", "json", "sarif", "github"):
        text = render(fmt, diagnostics, sources)
        if fmt in ("json", "sarif"):
            json.loads(text)


def _paths(model: Any, rng: random.Random) -> list[str]:
    """Some paths of ``model`` that exist, and some that do not."""
    out = [f"{kind}.{name}.{rng.choice(PATH_SUFFIXES[kind])}"
           for kind, table in (("roles", model.roles), ("networks", model.networks)) for name in table]
    out += [f"params.{p}" for p in model.parameters] + list(model.parameters)
    for comp, values in model.config.items():
        out += [f"{comp}.{a}" for a in values]
    for comp in model.deployed:
        out += [f"{comp}.{r}.count" for r in model.components[comp].roles]
    for hw in model.hardware.values():
        out += [f"hardware.{hw.name}.{k}" for k in ("cores", "memory", "raid", "bios")]
        out += [f"hardware.{hw.name}.disk.{d.name}.size" for d in hw.disks if d.name]
    rng.shuffle(out)
    return out[:6] + rng.sample(ODD_PATHS, 2)


def render_views(plan: Any, rng: random.Random) -> None:
    """Plan, graph and explain views of a clean ``plan``."""
    from racompiler.explain import explain_json, explain_text
    from racompiler.graph.export import GraphView, plan_json, plan_text, render_graph
    from racompiler.semantic.paths import PathError, lookup_path

    plan_text(plan)
    json.loads(plan_json(plan))
    nodes = sorted(plan.graph.nodes)
    for fmt in ("dot", "mermaid", "json"):
        focus = rng.choice(nodes) if nodes and rng.random() < 0.5 else None
        text = render_graph(plan, fmt, GraphView(focus, rng.choice([0, 1, 2, 1000]), rng.choice(["none", "role"])))
        if fmt == "json":
            json.loads(text)
    for path in _paths(plan.model, rng):
        try:
            pv = lookup_path(plan.model, path)
        except PathError:
            continue  # the CLI prints it as an error: a path that does not exist is not a crash
        explain_text(pv)
        json.loads(explain_json(pv))


def render_diff(base_plan: Any, plan: Any) -> None:
    """``racompiler diff base.ra site.ra``, both ways."""
    from racompiler.diff import diff_json, diff_plans, diff_text

    for old, new in ((base_plan, plan), (plan, base_plan)):
        changes = diff_plans(old, new)
        diff_text(changes, "base.ra", "main.ra")
        json.loads(diff_json(changes, "base.ra", "main.ra"))


def render_binding(bound_plan: Any) -> None:
    """``racompiler bind`` output, text and json."""
    from racompiler.binding.render import binding_json, binding_text

    binding_text(bound_plan.binding)
    json.loads(binding_json(bound_plan.binding))
