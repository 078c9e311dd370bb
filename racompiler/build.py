"""Run targets over a Plan and write their artifacts atomically."""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
from pathlib import Path, PurePosixPath
from typing import Sequence

import click

from racompiler.diagnostics import DiagnosticSink, Span
from racompiler.targets import Artifact, Target


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


def build_targets(result, targets: Sequence[Target], output: str) -> bool:
    """Emit every target; write all of them atomically only if none reported an error."""
    from racompiler.diagnostics.render import render

    sink = DiagnosticSink()
    artifacts: list[Artifact] = []
    for target in targets:
        artifacts.extend(target.emit(result.plan, sink))
    for art in artifacts:
        try:
            safe_relpath(art.relpath)
        except UnsafePath:
            sink.report("RA901", f"target produced an unsafe path {art.relpath!r}", Span.point(result.path))
    if sink.items:
        click.echo(render("human", sink.sorted(), result.sources), nl=False, file=sys.stderr)
    if sink.has_errors:
        click.echo(f"build failed; {output} was left untouched", err=True)
        return False
    try:
        write_all(artifacts, output)
    except OSError as exc:
        click.echo(f"error: cannot write {output}: {exc.strerror or exc}; nothing was changed", err=True)
        return False
    click.echo(f"wrote {len(artifacts)} file(s) to {output}", err=True)
    return True
