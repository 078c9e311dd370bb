"""The emit and write stages: run targets over a Plan, write their artifacts atomically."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Sequence

from racompiler.diagnostics import DiagnosticSink, Span
from racompiler.targets import Artifact, Target

if TYPE_CHECKING:
    from racompiler.graph.plan import Plan


class UnsafePath(ValueError):
    """An artifact path that could land outside the output directory."""


def safe_relpath(relpath: str) -> PurePosixPath:
    """Validate an artifact path: relative, no '..', no empty or hidden-escape parts."""
    p = PurePosixPath(relpath)
    if p.is_absolute() or not p.parts or any(part in ("", ".", "..") for part in p.parts) or "\\" in relpath \
            or "\x00" in relpath:
        raise UnsafePath(relpath)
    return p


def write_all(artifacts: Sequence[Artifact], output: str) -> None:
    """Write every artifact into ``output``, replacing it only when all were written.

    Files go to a temporary directory beside ``output``; the old directory is moved aside and the
    new one renamed into place, so readers see either the old or the new output, never a mix.
    """
    out = Path(output)
    parent = out.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=parent))
    old: Path | None = None
    try:
        for art in artifacts:
            rel = safe_relpath(art.relpath)
            dest = tmp.joinpath(*rel.parts)
            dest.parent.mkdir(parents=True, exist_ok=True)
            with open(dest, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(art.text)
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=parent))
            os.rename(out, old / "previous")
        os.rename(tmp, out)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None:
            if (old / "previous").exists() and not out.exists():
                os.rename(old / "previous", out)  # the swap failed: put the previous output back
            with contextlib.suppress(OSError):
                old.rmdir()  # only when empty: never delete the previous output
        raise


def target_label(target: Target) -> str:
    """How diagnostics name a target build: its ``label`` ("crowbar (suse)") or its NAME."""
    return str(getattr(target, "label", None) or target.NAME)


def emit_targets(plan: "Plan", targets: Sequence[Target], sink: DiagnosticSink) -> list[Artifact]:
    """Run every target over ``plan`` with a consumption ledger each; pure (nothing is written).

    Each target reports what it cannot express; then its ledger reports (RA690) every explicit
    fact of the RA that it neither realised nor explained. A target that raises is a compiler
    bug, reported as RA901 at the RA's root file, never a traceback.
    """
    from racompiler.targets.ledger import KINDS, Ledger

    artifacts: list[Artifact] = []
    for target in targets:
        label = target_label(target)
        ledger = Ledger.for_model(plan.model, label, getattr(target, "LEDGER_SCOPE", KINDS))
        own = DiagnosticSink()
        try:
            arts = target.emit(plan, own, ledger)
        except Exception as exc:  # a target bug: say so, never a traceback
            own.report("RA901", f"internal error in target {label}: {type(exc).__name__}: {exc}",
                       Span.point(plan.model.root_file),
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
                own.report("RA901", f"target {label} produced an unsafe path {art.relpath!r}",
                           Span.point(plan.model.root_file))
        sink.extend(own.items)
        artifacts.extend(arts)
    return artifacts
