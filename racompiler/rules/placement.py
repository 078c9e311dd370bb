"""RA504: component roles that must not share a node."""

from __future__ import annotations

from racompiler.diagnostics import DiagnosticSink, Related, codes
from racompiler.semantic.model import Model


def check_conflicts(model: Model, sink: DiagnosticSink) -> None:
    """A node role may not run two component roles declared as conflicting (in either direction)."""
    for role in model.roles.values():
        runs = {run.qualified: run for run in role.runs}
        reported: set[frozenset[str]] = set()
        for run in role.runs:
            crole = model.components[run.component].roles[run.role]
            for other in crole.conflicts:
                pair = frozenset((run.qualified, other))
                if other not in runs or pair in reported:
                    continue
                reported.add(pair)
                first, second = sorted((run, runs[other]), key=lambda x: (x.span.line, x.span.column))
                sink.report(codes.RA504, f"role {role.name} runs {first.qualified} and {second.qualified}, which "
                                         "conflict", second.span,
                            related=[Related(first.span, f"{first.qualified} listed here"),
                                     Related(crole.span, "the conflict is declared here")],
                            hint="run them on different roles")
