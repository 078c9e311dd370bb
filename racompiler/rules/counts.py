"""RA501-RA503: how many nodes run each component role, against the component's count rules."""

from __future__ import annotations

from racompiler.diagnostics import DiagnosticSink, Related, codes
from racompiler.semantic.model import Model, origin_notes


def check_component_role_counts(model: Model, sink: DiagnosticSink) -> None:
    """min/max per component role, and odd counts for clustered quorum roles."""
    idx = model.run_index()
    for comp_name in idx.deployed:
        comp = model.components[comp_name]
        first_run = idx.first_run[comp_name]
        for crole in comp.roles.values():
            if not model.exists(crole.releases):
                continue  # a role the targeted release lacks has no count to meet (RA317 if it is run)
            runners = idx.roles_running(comp_name, crole.name)
            total = sum(int(r.count.value or 0) for r in runners)
            counted = ", ".join(f"{r.name} ({r.count.value})" for r in runners) or "no role runs it"
            where = runners[0].count.chain[-1].span if runners and runners[0].count.chain else first_run.span
            related = [Related(crole.span, f"{crole.qualified} is declared here")]
            # Where the counts came from when a parameter or an overlay set them.
            related += [n for r in runners for n in origin_notes(r.count)]
            if total < crole.min:
                hint = (f"add {crole.qualified} to a role's runs" if not runners
                        else "raise the count of a role that runs it")
                sink.report(codes.RA501, f"{crole.qualified} needs at least {crole.min} node(s), has {total} "
                                         f"({counted})", where if runners else first_run.span, related=related, hint=hint)
            elif crole.max is not None and total > crole.max:
                sink.report(codes.RA502, f"{crole.qualified} allows at most {crole.max} node(s), has {total} "
                                         f"({counted})", where, related=related,
                            hint="lower the count, or run it on a smaller role")
            elif crole.quorum and total > 1 and total % 2 == 0:
                sink.report(codes.RA503, f"{crole.qualified} is a clustered quorum service and needs an odd node "
                                         f"count, has {total} ({counted})", where, related=related,
                            hint=f"use {total - 1} or {total + 1} nodes so a partition keeps a majority")
