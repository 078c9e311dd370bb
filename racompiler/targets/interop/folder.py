"""A build's ``interop/`` folder, read back for ``racompiler interop score`` and ``compare``.

The build recorded its choices in ``interop.json``: the guideline id, the program and its
guideline components, and each add-on with whether it applies. Scoring reloads those guidelines
from the shipped files (the one loader, :mod:`guidelines`) and checks that they still say what
the build saw, so a folder from another racompiler or an edited one is refused (RA673), not
scored against different capabilities.
"""

from __future__ import annotations

import json
from pathlib import Path

from racompiler.diagnostics import DiagnosticSink, Span, codes
from racompiler.targets.interop.guidelines import Guideline, available_guidelines, load_guideline
from racompiler.records import record

_HINT = "build it again with `racompiler build FILE -t interop -o DIR` and pass DIR/interop"


@record
class BuildFolder:
    """What a build decided: the architecture, its guideline, program and applying add-ons."""

    path: str  # interop.json, as named in diagnostics
    architecture: str
    guideline_id: str
    program: str
    addons: tuple[str, ...]  # add-ons whose tests the build listed, sorted
    components: dict[str, dict]  # interop.json's view of each guideline component


def _meta_path(path: Path) -> Path:
    """interop.json of ``path``: the interop folder itself or a build output holding one."""
    nested = path / "interop" / "interop.json"
    return nested if not (path / "interop.json").exists() and nested.exists() else path / "interop.json"


def read_folder(path: str, sink: DiagnosticSink) -> BuildFolder | None:
    """The choices recorded in ``path`` (an ``interop/`` folder or the build output above it),
    or None when it is not a scorable build (reported as RA673)."""
    meta = _meta_path(Path(path))
    where = Span.point(str(meta))
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc.__class__.__name__
        sink.report(codes.RA673, f"{path} is not a build's interop folder: cannot read {meta.name} ({why})", where,
                    hint=_HINT)
        return None
    try:
        if not data["applies"]:
            sink.report(codes.RA673, f"no interop program applies to {data['architecture']}: there is nothing to score",
                        where, hint=str(data.get("summary", "")))
            return None
        addons = tuple(sorted(n for n, a in data["addons"].items() if a["applies"]))
        return BuildFolder(str(meta), str(data["architecture"]), str(data["guideline"]["id"]),
                           str(data["program"]["name"]), addons, dict(data["components"]))
    except (KeyError, TypeError, AttributeError) as exc:
        sink.report(codes.RA673, f"{meta} is not an interop report: {exc.__class__.__name__} {exc}", where, hint=_HINT)
        return None


def load_for(folder: BuildFolder, sink: DiagnosticSink) -> tuple[Guideline, dict[str, Guideline]] | None:
    """The build's core guideline and its add-on guidelines, checked against what interop.json
    recorded (the program's components, each component's required capabilities); None (RA673)
    when this racompiler does not ship them or they differ."""
    where = Span.point(folder.path)
    try:
        core = load_guideline(folder.guideline_id)
        addons = {name: load_guideline(folder.guideline_id, name) for name in folder.addons}
    except KeyError as exc:
        sink.report(codes.RA673, f"the folder was built with guideline {exc.args[0]}, which this racompiler does not ship",
                    where, hint=f"shipped guidelines: {', '.join(available_guidelines())}; " + _HINT)
        return None
    if folder.program not in core.programs:
        sink.report(codes.RA673, f"guideline {core.id} has no program '{folder.program}'", where, hint=_HINT)
        return None
    by_id = {core.id: core, **{g.id: g for g in addons.values()}}
    for name, view in sorted(folder.components.items()):
        gid = view.get("guideline") if isinstance(view, dict) else None
        g = by_id.get(gid) if isinstance(gid, str) else None
        recorded = [c.get("name") for c in view.get("required", ()) if isinstance(c, dict)] if g else None
        if g is None or name not in g.components or recorded != list(g.components[name].capabilities["required"]):
            sink.report(codes.RA673, f"interop.json does not match the shipped guideline {folder.guideline_id}: the "
                                     f"required capabilities of {name} differ", where,
                        hint="the folder was edited or built by another racompiler release; " + _HINT)
            return None
    return core, addons
