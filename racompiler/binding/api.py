"""Late binding for the rest of racompiler: bind a Plan's roles to an inventory file.

``bind_plan`` returns a new Plan whose ``binding`` (a :class:`~racompiler.binding.result.Binding`)
lets targets put real node names, host facts and bound hardware in their output; the compiled
plan itself is never changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from racompiler.binding.explain import explain
from racompiler.binding.inventory import Inventory, load_inventory
from racompiler.binding.match import requirements
from racompiler.binding.result import Binding
from racompiler.binding.solve import Demand, solve
from racompiler.diagnostics import DiagnosticSink, Severity
from racompiler.gcpause import paused_gc
from racompiler.semantic.model import Model

if TYPE_CHECKING:
    from racompiler.graph.plan import Plan


def demands(model: Model) -> list[Demand]:
    """What each node role of ``model`` asks of the inventory, in role name order."""
    out = []
    for name, role in sorted(model.roles.items()):
        hw = model.hardware.get(role.hardware) if role.hardware else None
        out.append(Demand(name, int(role.count.value or 0), tuple(requirements(hw)),
                          role.spread if role.spread in ("rack", "zone") else None, hw.name if hw else None))
    return out


def bind(model: Model, inventory: Inventory, sink: DiagnosticSink) -> Binding | None:
    """Bind the roles of ``model`` to the nodes of ``inventory``; None (errors reported) if impossible."""
    wanted = demands(model)
    outcome = solve(wanted, inventory.nodes)
    before = len(sink.items)
    explain(model, wanted, inventory.nodes, outcome, sink)
    if any(d.severity is Severity.ERROR for d in sink.items[before:]):
        return None
    roles = {r: tuple(names) for r, names in sorted(outcome.assigned.items())}
    roles.update({d.role: () for d in wanted if d.role not in roles})
    return Binding(
        architecture=model.name, inventory=inventory.path, roles=dict(sorted(roles.items())),
        node_role={n: r for r, names in roles.items() for n in names}, unused=tuple(outcome.unused),
        nodes={n.name: n for n in inventory.nodes},
        profiles={name: model.hardware.get(role.hardware) if role.hardware else None
                  for name, role in sorted(model.roles.items())})


def bind_plan(plan: "Plan", inventory_path: str, sink: DiagnosticSink,
              sources: dict[str, str] | None = None) -> "Plan | None":
    """Load ``inventory_path`` and bind ``plan``'s roles: a new Plan carrying the binding.

    Returns None when the inventory is invalid or a role cannot be filled (every problem is
    reported into ``sink``). ``plan`` is left as it was. ``sources`` receives the inventory's
    text, for rendering diagnostics with excerpts.
    """
    with paused_gc():  # a big inventory is ~1 M live YAML nodes and values: see racompiler.gcpause
        inventory = load_inventory(inventory_path, sink, sources)
        if inventory is None:
            return None
        binding = bind(plan.model, inventory, sink)
        if binding is None:
            return None
        return plan.with_binding(binding)
