"""``racompiler catalog``: components, their roles, interfaces and typed attributes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

from racompiler.api import CompileResult, compile_file
from racompiler.assets import catalog_dir
from racompiler.diagnostics import Span, codes
from racompiler.jsonout import dump_json
from racompiler.semantic.model import Component, Model


def load_catalog(modules: Sequence[str], include_dirs: Sequence[str]) -> CompileResult:
    """Resolve catalog modules as if an RA imported them (nothing is deployed)."""
    merged: CompileResult | None = None
    for module in modules:
        rel = Path(*module.split(".")).with_suffix(".ra")
        path = next((Path(d) / rel for d in [*include_dirs, str(catalog_dir())] if (Path(d) / rel).is_file()), None)
        if path is None:
            from racompiler.diagnostics import DiagnosticSink

            sink = DiagnosticSink()
            sink.report(codes.RA203, f"catalog module '{module}' not found", Span.point(module))
            return CompileResult(module, sink.sorted())
        result = compile_file(str(path), include_dirs, until="model")
        if not result.ok:
            return result
        if merged is None:
            merged = result
        elif merged.model is not None and result.model is not None:  # both set: both compiled cleanly
            merged.model.components.update(result.model.components)
            merged.model.interfaces.update(result.model.interfaces)
    assert merged is not None
    return merged


def component_to_dict(model: Model, c: Component) -> dict:
    return {
        "name": c.name,
        "description": c.doc,
        "interop_project": c.interop_project,
        "provides": list(c.provides),
        "requires": [{"interface": r.interface, "cardinality": r.cardinality} for r in c.requires],
        "roles": {r.name: {"description": r.doc, "min": r.min, "max": r.max, "quorum": r.quorum,
                           "after": list(r.after), "conflicts": list(r.conflicts), "ports": list(r.ports)}
                  for r in c.roles.values()},
        "attributes": {a.name: {"type": a.type.to_json(), "default": a.default, "description": a.doc,
                                "range": list(a.range) if a.range else None,
                                "allowed": list(a.allowed) if a.allowed else None, "pattern": a.pattern,
                                "requires": {_value_text(v): i for v, i, _ in a.requires}}
                       for a in c.attributes.values()},
        "declared_at": f"{c.span.file}:{c.span.line}",
    }


def catalog_json(model: Model, name: str | None) -> str:
    comps = [model.components[name]] if name else [model.components[n] for n in sorted(model.components)]
    doc = {"version": 1, "components": [component_to_dict(model, c) for c in comps],
           "interfaces": {i.name: {"description": i.doc, "extends": i.extends}
                          for i in sorted(model.interfaces.values(), key=lambda i: i.name)} if not name else {}}
    return dump_json(doc)


def catalog_text(model: Model, name: str | None) -> str:
    if name is None:
        lines = [f"{len(model.components)} components:"]
        for c in sorted(model.components.values(), key=lambda c: c.name):
            lines.append(f"  {c.name:<12} {c.doc}")
        lines.append("")
        lines.append("run 'racompiler catalog NAME' for one component's roles, interfaces and attributes")
        return "\n".join(lines) + "\n"
    c = model.components[name]
    lines = [f"component {c.name}: {c.doc}", f"  declared at {c.span.file}:{c.span.line}"]
    if c.interop_project:
        lines.append(f"  interop project: {c.interop_project}")
    lines.append("  provides: " + (", ".join(c.provides) or "-"))
    lines.append("  requires: " + (", ".join(r.interface if r.cardinality == "one" else f"{r.cardinality}({r.interface})"
                                             for r in c.requires) or "-"))
    lines.append("  roles:")
    for r in c.roles.values():
        rule = f"min {r.min}" + (f", max {r.max}" if r.max is not None else "") + (", odd quorum" if r.quorum else "")
        extra = (f", after {', '.join(r.after)}" if r.after else "") + (
            f", ports {', '.join(map(str, r.ports))}" if r.ports else "")
        lines.append(f"    {r.name:<18} {rule}{extra}  {r.doc}")
    if c.attributes:
        lines.append("  attributes:")
        for a in c.attributes.values():
            default = "required" if a.default is None else f"= {json.dumps(a.default)}"
            lines.append(f"    {a.name:<28} {str(a.type):<14} {default}  {a.doc}")
            for v, i, _ in a.requires:
                lines.append(f"      when {_value_text(v)}: requires {i}")
    return "\n".join(lines) + "\n"


def _value_text(value: object) -> str:
    """An attribute value as the RA language writes it (true, not True)."""
    return json.dumps(value) if isinstance(value, bool) else str(value)
