"""The emit stage: run every target over a Plan with its own consumption ledger.

Pure: targets write nothing; :mod:`racompiler.build` writes what they return.
"""

from __future__ import annotations

import dataclasses
import os
from typing import TYPE_CHECKING, Sequence

from racompiler.build import UnsafePath, safe_relpath
from racompiler.diagnostics import DiagnosticSink, codes
from racompiler.targets import Artifact, Target

if TYPE_CHECKING:
    from racompiler.graph.plan import Plan


def target_label(target: Target) -> str:
    """How diagnostics name a target build: its ``label`` ("crowbar (suse)") or its NAME."""
    return str(getattr(target, "label", None) or target.NAME)


def check_release(plan: "Plan", target: Target, label: str, sink: DiagnosticSink) -> None:
    """RA668: the target (its flavour) deploys other OpenStack releases than the architecture's.

    A target states what it serves with a ``served_releases`` attribute: a release range such as
    ``"havana"`` or ``"2026.1.."``, or None (absent) for any release (Heat, generic Ansible). A
    warning: the files are still written, but settings and service layouts follow the flavour's
    release, not the architecture's.
    """
    from racompiler.semantic.releases import parse_range

    model = plan.model
    served = getattr(target, "served_releases", None)
    if model.release is None or served is None:
        return
    rng = parse_range(served)  # the target's own data: a malformed range is a bug, shown as RA901
    if model.release in rng:
        return
    sink.report(codes.RA668, f"{label} serves OpenStack {rng.words()}; this architecture targets {model.release}",
                model.release_span or model.root_span,
                hint=f"build with a target or flavour that serves {model.release}, or check every setting the "
                     f"output makes against {rng.words()}")


def emit_targets(plan: "Plan", targets: Sequence[Target], sink: DiagnosticSink) -> list[Artifact]:
    """Run every target over ``plan`` with a consumption ledger each; pure (nothing is written).

    Each target reports what it cannot express; then its ledger reports (RA690) every explicit
    fact of the RA that it neither realised nor explained. Every diagnostic a target reports
    carries its :func:`target_label` in ``Diagnostic.target``. A target that raises is a compiler
    bug, reported as RA901 at the RA's root file, never a traceback.
    """
    from racompiler.targets.ledger import KINDS, Ledger

    artifacts: list[Artifact] = []
    for target in targets:
        label = target_label(target)
        ledger = Ledger.for_model(plan.model, label, getattr(target, "LEDGER_SCOPE", KINDS))
        own = DiagnosticSink()
        try:
            check_release(plan, target, label, own)
            arts = target.emit(plan, own, ledger)
        except Exception as exc:  # a target bug: say so, never a traceback
            own.report(codes.RA901, f"internal error in target {label}: {type(exc).__name__}: {exc}",
                       plan.model.root_span,
                       hint="please report this with the input file; set RACOMPILER_DEBUG=1 for a traceback")
            if os.environ.get("RACOMPILER_DEBUG"):
                raise
            arts = []
        if not own.has_errors:
            ledger.close(own)
        for art in arts:
            try:
                safe_relpath(art.relpath)
            except UnsafePath:
                own.report(codes.RA901, f"target {label} produced an unsafe path {art.relpath!r}",
                           plan.model.root_span)
        # Tag each diagnostic with the build that raised it: the renderers show it as [label].
        sink.extend(dataclasses.replace(d, target=label) for d in own.items)
        artifacts.extend(arts)
    return artifacts
