"""Why a role cannot be filled: diagnostics RA524-RA527 with per-requirement counts.

- RA524: too few nodes meet the profile. The message walks the profile's requirements in order
  and says how many nodes are left after each one that excludes some ("12 of 40 nodes have 16+
  cores, only 3 of those have 128 GiB+ memory"); the hint names the requirement that alone
  excludes the most nodes.
- RA525: enough nodes fit, but the spread limit (an even share per rack or zone) leaves too few.
- RA526: each role could be filled alone, but not all together: they compete for the same nodes
  (or spread limits), as the minimum cut of the flow shows.
- RA527 (warning): a spread role whose candidates all sit in one rack or zone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from racompiler.binding.inventory import Capability, Node
from racompiler.binding.match import Requirement
from racompiler.binding.solve import NO_GROUP, Demand, Outcome, spread_limit
from racompiler.diagnostics import DiagnosticSink, Related, Span, codes
from racompiler.semantic.model import Model


def _nodes(n: int) -> str:
    return f"{n} node{'s' if n != 1 else ''}"


def _group(name: str, spread: str | None) -> str:
    return f"{spread} {name}" if name != NO_GROUP else f"no {spread}"


def requirement_walk(reqs: Sequence[Requirement], caps: Counter[Capability]) -> tuple[str, str | None]:
    """(the narrowing chain, a hint naming the requirement that alone excludes the most nodes)."""
    total = sum(caps.values())
    left = dict(caps)
    steps: list[str] = []
    for req in reqs:
        kept = {c: n for c, n in left.items() if req.test(c)}
        before, after = sum(left.values()), sum(kept.values())
        if after < before:
            if not steps:
                steps.append(f"{after} of {_nodes(total)} have {req.label}")
            else:
                steps.append(f"only {after} of those have {req.label}" if after else f"none of those has {req.label}")
        left = kept
    if not reqs or not steps:
        return f"the inventory has only {_nodes(total)}", None
    alone = [(sum(n for c, n in caps.items() if r.test(c)), i, r) for i, r in enumerate(reqs)]
    met, _i, worst = min(alone, key=lambda x: (x[0], x[1]))
    return ", ".join(steps), f"the requirement that excludes the most nodes is {worst.label}: " \
                             f"{met} of {_nodes(total)} meet it"


def _where(model: Model, role: str) -> tuple[Span, list[Related]]:
    """The span of the role's hardware profile (the role itself when it has none), and the role."""
    r = model.roles[role]
    hw = model.hardware.get(r.hardware) if r.hardware else None
    if hw is None:
        return r.span, []
    return hw.span, [Related(r.span, f"role {role} uses hardware {hw.name}")]


def explain(model: Model, demands: Sequence[Demand], nodes: Sequence[Node], out: Outcome,
            sink: DiagnosticSink) -> None:
    """Report every role the outcome leaves short (errors) and every spread that cannot spread."""
    caps = Counter(n.capability for n in nodes)
    alone_short = set()
    for d in demands:
        if d.count <= 0:
            continue
        span, related = _where(model, d.role)
        if out.candidates[d.role] < d.count:
            alone_short.add(d.role)
            chain, hint = requirement_walk(d.reqs, caps)
            sink.report(codes.RA524, f"role {d.role} needs {_nodes(d.count)}, {out.candidates[d.role]} can be found: "
                        f"{chain}", span, hint=hint, related=related)
        elif out.placeable[d.role] < d.count:
            alone_short.add(d.role)
            groups = out.groups[d.role]
            detail = ", ".join(f"{_group(g, d.spread)}: {n}" for g, n in groups.items())
            sink.report(codes.RA525, f"role {d.role} needs {_nodes(d.count)} spread over {d.spread}s, "
                        f"{out.placeable[d.role]} can be placed: {_nodes(out.candidates[d.role])} fit in "
                        f"{len(groups)} {d.spread}(s) ({detail}) and spread = {d.spread} allows at most "
                        f"{spread_limit(d.count, len(groups))} per {d.spread}", span, related=related,
                        hint=f"add nodes that fit in other {d.spread}s, or lower the count")
        if d.spread and d.count > 1 and len(out.groups.get(d.role, {})) == 1:
            (only,) = out.groups[d.role]
            sink.report(codes.RA527, f"role {d.role} asks for spread = {d.spread} but every node that fits it "
                        f"is in {_group(only, d.spread)}", model.roles[d.role].span,
                        hint=f"give the nodes their {d.spread} in the inventory, or add nodes in other {d.spread}s")
    _competition(model, demands, out, alone_short, sink)


def _competition(model: Model, demands: Sequence[Demand], out: Outcome, alone_short: set[str],
                 sink: DiagnosticSink) -> None:
    """RA526 for each role left short only because other roles (or spread limits) took its nodes."""
    count = {d.role: d.count for d in demands}
    group = out.contested
    need = sum(count[r] for r in group)
    served = sum(out.served[r] for r in group)
    for d in demands:
        if d.count <= 0 or d.role in alone_short or out.served[d.role] >= d.count:
            continue
        span, related = _where(model, d.role)
        others = [r for r in group if r != d.role]
        related = related + [Related(model.roles[r].span, f"role {r} competes for the same nodes") for r in others]
        together = (f"roles {', '.join(group)} need {_nodes(need)} together and "
                    f"{_nodes(out.contested_supply)} fit any of them") if others else \
            f"it needs {_nodes(need)} and {_nodes(out.contested_supply)} fit it"
        limits = " within their spread limits" if out.spread_bound else ""
        sink.report(codes.RA526, f"role {d.role} needs {_nodes(d.count)} and {out.candidates[d.role]} fit its profile, "
                    f"but only {out.served[d.role]} can be bound with the other roles: {together}; the maximum "
                    f"flow binds {served} of {need}{limits}", span, related=related,
                    hint="add nodes that fit these profiles, or lower a count")
