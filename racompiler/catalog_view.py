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
from racompiler.semantic.releases import ReleaseRange


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
        "releases": _releases(c.releases),
        "roles": {r.name: {"description": r.doc, "min": r.min, "max": r.max, "quorum": r.quorum,
                           "after": list(r.after), "conflicts": list(r.conflicts), "ports": list(r.ports),
                           "releases": _releases(r.releases)}
                  for r in c.roles.values()},
        "attributes": {a.name: {"type": a.type.to_json(), "default": a.default, "description": a.doc,
                                "range": list(a.range) if a.range else None,
                                "allowed": list(a.allowed) if a.allowed else None, "pattern": a.pattern,
                                "requires": {_value_text(v): i for v, i, _ in a.requires},
                                "releases": _releases(a.releases),
                                "value_releases": {_value_text(v): rng.to_json() for v, rng, _ in a.value_releases}}
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
    lines.append(f"  releases: {_releases_text(c.releases)}")
    lines.append("  provides: " + (", ".join(c.provides) or "-"))
    lines.append("  requires: " + (", ".join(r.interface if r.cardinality == "one" else f"{r.cardinality}({r.interface})"
                                             for r in c.requires) or "-"))
    lines.append("  roles:")
    for r in c.roles.values():
        rule = f"min {r.min}" + (f", max {r.max}" if r.max is not None else "") + (", odd quorum" if r.quorum else "")
        extra = (f", after {', '.join(r.after)}" if r.after else "") + (
            f", ports {', '.join(map(str, r.ports))}" if r.ports else "")
        lines.append(f"    {r.name:<18} {rule}{extra}  {r.doc}")
        if r.releases is not None:
            lines.append(f"      releases: {_releases_text(r.releases)}")
    if c.attributes:
        lines.append("  attributes:")
        for a in c.attributes.values():
            default = "required" if a.default is None else f"= {json.dumps(a.default)}"
            lines.append(f"    {a.name:<28} {str(a.type):<14} {default}  {a.doc}")
            for v, i, _ in a.requires:
                lines.append(f"      when {_value_text(v)}: requires {i}")
            if a.releases is not None:
                lines.append(f"      releases: {_releases_text(a.releases)}")
            for v, rng, _ in a.value_releases:
                lines.append(f"      {_value_text(v)}: {_releases_text(rng)}")
    return "\n".join(lines) + "\n"


def _releases(rng: ReleaseRange | None) -> dict | None:
    """A release range for the JSON view; None (null) when it exists in every release."""
    return rng.to_json() if rng is not None else None


def _releases_text(rng: ReleaseRange | None) -> str:
    """``stein.. (stein and later)``, or ``every release`` when the catalog states none."""
    return f"{rng.text} ({rng.words()})" if rng is not None else "every release"


def _value_text(value: object) -> str:
    """An attribute value as the RA language writes it (true, not True)."""
    return json.dumps(value) if isinstance(value, bool) else str(value)


def _support(component: str) -> list[str]:
    """Per deployer flavour, whether it deploys ``component``: from the shipped mappings."""
    import yaml

    from racompiler.assets import asset_dir
    from racompiler.targets.mapping import _package_mapping

    cells = []
    for folder, key in (("kolla", "kolla"), ("openstack-ansible", "openstack-ansible")):
        entry = _package_mapping(folder, key).get(component)
        cells.append("no" if entry is None else "outside" if entry.outside else "yes")
    crowbar = yaml.safe_load((asset_dir("targets") / "crowbar" / "mapping.yaml").read_text(encoding="utf-8"))
    barclamps = (crowbar["components"].get(component) or {}).get("barclamp") or {}
    cells += [f"yes ({barclamps[f]})" if f in barclamps else "no" for f in ("dell-1.x", "suse")]
    return cells


def _md(text: object) -> str:
    return str(text).replace("|", "\\|")


def catalog_markdown(model: Model) -> str:
    """The catalog reference (docs/catalog.md): every component with its interfaces, roles, count
    rules and typed attributes, and which deployer flavours deploy it. Generated; a test keeps
    the committed page equal to this output."""
    out = ["# Component catalog", "",
           "Generated by `racompiler catalog --format markdown` from `architectures/catalog/openstack.ra`;",
           "do not edit by hand (`tests/test_catalog_reference.py` fails when it is stale).", "",
           "Heat and the generic Ansible flavour deploy every component. kolla and openstack-ansible deploy",
           "what their mappings place (`outside`: the deployer leaves it to another tool, RA641; `no`:",
           "RA640). Crowbar deploys the components its flavour has a barclamp for (`no`: RA620).", "",
           "| component | description | kolla | openstack-ansible | crowbar dell-1.x | crowbar suse |",
           "|---|---|---|---|---|---|"]
    comps = sorted(model.components.values(), key=lambda c: c.name)
    for c in comps:
        out.append(f"| [`{c.name}`](#{c.name}) | {_md(c.doc)} | " + " | ".join(_support(c.name)) + " |")
    out += ["", "## Interfaces", "", "| interface | description | extends |", "|---|---|---|"]
    for i in sorted(model.interfaces.values(), key=lambda i: i.name):
        out.append(f"| `{i.name}` | {_md(i.doc)} | {i.extends or ''} |")
    for c in comps:
        out += ["", f"## {c.name}", "", _md(c.doc), ""]
        if c.interop_project:
            out.append(f"- interop project: `{c.interop_project}`")
        out.append("- provides: " + (", ".join(f"`{p}`" for p in c.provides) or "nothing"))
        reqs = [f"`{r.interface}`" if r.cardinality == "one" else f"{r.cardinality}(`{r.interface}`)"
                for r in c.requires]
        out.append("- requires: " + (", ".join(reqs) or "nothing"))
        out += ["", "| role | nodes | after | ports | description |", "|---|---|---|---|---|"]
        for r in c.roles.values():
            nodes = f"{r.min}.." + ("" if r.max is None else str(r.max)) + (", odd (quorum)" if r.quorum else "")
            out.append(f"| `{r.name}` | {nodes} | {', '.join(r.after)} | {', '.join(map(str, r.ports))} | {_md(r.doc)} |")
        if c.attributes:
            out += ["", "| attribute | type | default | constraints | description |", "|---|---|---|---|---|"]
            for a in c.attributes.values():
                rules = []
                if a.range:
                    rules.append(f"{a.range[0]:g}..{a.range[1]:g}")
                if a.allowed:
                    rules.append("one of " + ", ".join(map(_value_text, a.allowed)))
                if a.pattern:
                    rules.append(f"matches `{_md(a.pattern)}`")
                rules += [f"{_value_text(v)} requires `{i}`" for v, i, _ in a.requires]
                default = "(required)" if a.default is None else f"`{_md(json.dumps(a.default))}`"
                out.append(f"| `{a.name}` | `{_md(a.type)}` | {default} | {'; '.join(rules)} | {_md(a.doc)} |")
    return "\n".join(out) + "\n"
