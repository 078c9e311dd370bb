"""Decode a generic AST module into declarations (:mod:`racompiler.semantic.decl`).

One function per block kind, registered in :data:`TOP_LEVEL`. Each reads the keys it knows
through a :class:`BlockReader`, which then reports any key nobody read (RA301).
"""

from __future__ import annotations

from typing import Callable, TypeVar

from racompiler.diagnostics import DiagnosticSink, codes
from racompiler.semantic import decl as d
from racompiler.semantic.reader import BlockReader
from racompiler.semantic.suggest import did_you_mean
from racompiler.syntax import ast

CARDINALITIES = {"optional": "optional", "many": "many", "one": "one"}
E = TypeVar("E", bound=ast.Expr)


def _architecture(b: ast.Block, sink: DiagnosticSink, out: d.ModuleDecls) -> None:
    r = BlockReader(b, sink, "architecture")
    name = r.name_label()
    doc = r.doc()
    version = r.string("version")
    release = r.expr("release")
    r.finish()
    if name is None:
        return
    if out.architecture is not None:
        from racompiler.diagnostics import Related

        sink.report(codes.RA202, "a file declares at most one architecture", name.span,
                    related=[Related(out.architecture.name.span, "first declared here")])
        return
    out.architecture = d.ArchitectureDecl(name, doc, version, b.span, release)


def _interface(b: ast.Block, sink: DiagnosticSink, out: d.ModuleDecls) -> None:
    r = BlockReader(b, sink, f"interface {_label(b)}")
    name = r.name_label()
    # Read every key even when the name is broken, so keys are not also reported as unknown.
    fields = (r.doc(), r.name("extends"))
    decl = d.InterfaceDecl(name, *fields, b.span) if name else None
    r.finish()
    if decl:
        out.interfaces.append(decl)


def _typed_attribute(b: ast.Block, sink: DiagnosticSink, what: str) -> d.AttributeDecl | None:
    """An ``attribute`` of a component or a ``parameter``: both are typed values."""
    r = BlockReader(b, sink, f"{what} {_label(b)}")
    name = r.name_label()
    doc = r.doc()
    type_expr = r.expr("type")
    default = r.expr("default")
    rng = _shaped(r, "range", ast.RangeExpr, codes.RA303, "'range' must be written low..high", sink)
    allowed = _shaped(r, "allowed", ast.ListExpr, codes.RA303, "'allowed' must be a list", sink)
    pattern = r.string_expr("pattern")
    requires: ast.MapExpr | None = None
    value_releases: ast.MapExpr | None = None
    releases = None
    if what == "parameter":
        r.sealed()
    else:
        releases = r.string_expr("releases")
        value_releases = _shaped(r, "value_releases", ast.MapExpr, codes.RA318, "'value_releases' maps enum "
                                 'values to release ranges, such as { pki = "..ocata" }', sink)
        requires = _shaped(r, "requires", ast.MapExpr, codes.RA303, "an attribute's 'requires' maps values to "
                           "interfaces, such as { swift = object_store }", sink)
    r.finish()
    if name is None:
        return None
    if type_expr is None:
        sink.report(codes.RA302, f"{what} '{name.value}' needs a 'type'", name.span,
                    hint="for example: type = int")
        return None
    return d.AttributeDecl(name, doc, type_expr, default, rng, allowed, pattern, b.span, requires, releases,
                           value_releases)


def _shaped(r: BlockReader, key: str, shape: type[E], code: str, expected: str, sink: DiagnosticSink) -> E | None:
    """The value of ``key`` when it has the expression ``shape``; else None, reporting ``code``:
    "<expected>, not <what was written>"."""
    value = r.expr(key)
    if value is not None and not isinstance(value, shape):
        sink.report(code, f"{expected}, not {ast.describe(value)}", value.span)
        return None
    return value


def _requirement(e: ast.Expr, sink: DiagnosticSink) -> d.Requirement | None:
    if isinstance(e, ast.Ref) and len(e.parts) == 1:
        return d.Requirement(d.Name(e.dotted, e.span), "one", e.span)
    if isinstance(e, ast.Call) and len(e.args) == 1 and isinstance(e.args[0], ast.Ref):
        if e.name not in CARDINALITIES:
            sink.report(codes.RA301, f"unknown cardinality '{e.name}'", e.span,
                        hint=did_you_mean(e.name, CARDINALITIES) or "use optional(x) or many(x)")
            return None
        arg = e.args[0]
        return d.Requirement(d.Name(arg.dotted, arg.span), CARDINALITIES[e.name], e.span)
    sink.report(codes.RA303, f"a requirement is an interface name, optional(name) or many(name), not {ast.describe(e)}",
                e.span)
    return None


def _component_role(b: ast.Block, sink: DiagnosticSink, component: str) -> d.ComponentRoleDecl | None:
    r = BlockReader(b, sink, f"role {_label(b)} of component {component}")
    name = r.name_label()
    doc = r.doc()
    minimum = r.int("min", minimum=0)
    maximum = r.int("max", minimum=0)
    quorum = r.bool("quorum")
    after = r.names("after")
    conflicts = r.names("conflicts", dotted=True)
    ports_expr = r.expr("ports")
    releases = r.string_expr("releases")
    r.finish()
    ports: list[int] = []
    if ports_expr is not None:
        items = ports_expr.items if isinstance(ports_expr, ast.ListExpr) else (ports_expr,)
        for p in items:
            if isinstance(p, ast.Number) and isinstance(p.value, int) and 1 <= p.value <= 65535:
                ports.append(p.value)
            else:
                sink.report(codes.RA304, "a port is a whole number from 1 to 65535", p.span)
    if name is None:
        return None
    lo = 0 if minimum is None else minimum
    if maximum is not None and maximum < lo:
        sink.report(codes.RA304, f"role {name.value} of {component}: max ({maximum}) is below min ({lo})", b.kind_span)
    return d.ComponentRoleDecl(name, doc, lo, maximum, bool(quorum), after, conflicts, tuple(ports), b.span,
                               releases)


def _component(b: ast.Block, sink: DiagnosticSink, out: d.ModuleDecls) -> None:
    label = _label(b)
    r = BlockReader(b, sink, f"component {label}")
    name = r.name_label()
    doc = r.doc()
    project = r.string("interop_project")
    provides = r.names("provides")
    req_expr = r.expr("requires")
    releases = r.string_expr("releases")
    roles = [x for x in (_component_role(rb, sink, label) for rb in r.blocks("role")) if x]
    attrs = [x for x in (_typed_attribute(ab, sink, f"attribute of {label}") for ab in r.blocks("attribute")) if x]
    r.finish()
    requires: list[d.Requirement] = []
    if req_expr is not None:
        items = req_expr.items if isinstance(req_expr, ast.ListExpr) else (req_expr,)
        requires = [x for x in (_requirement(e, sink) for e in items) if x]
    if name is None:
        return
    if not roles:
        sink.report(codes.RA302, f"component '{name.value}' declares no role", name.span,
                    hint="add at least one: role server { min = 1 }")
    out.components.append(d.ComponentDecl(name, doc, project, provides, tuple(requires), tuple(roles),
                                          tuple(attrs), b.span, releases))


def _parameter(b: ast.Block, sink: DiagnosticSink, out: d.ModuleDecls) -> None:
    p = _typed_attribute(b, sink, "parameter")
    if p:
        out.parameters.append(p)


def _network(b: ast.Block, sink: DiagnosticSink, out: d.ModuleDecls) -> None:
    r = BlockReader(b, sink, f"network {_label(b)}")
    name = r.name_label()
    fields = (r.doc(), r.expr("cidr"), r.expr("vlan"), r.expr("mtu"), r.name("purpose"), r.expr("gateway"))
    decl = d.NetworkDecl(name, *fields, b.span) if name else None
    r.sealed()
    r.finish()
    if decl:
        out.networks.append(decl)


def _disk(b: ast.Block, sink: DiagnosticSink, hw: str) -> d.DiskDecl:
    r = BlockReader(b, sink, f"disk of hardware {hw}")
    labels = r.labels(0, 1, "[NAME]")
    disk = d.DiskDecl(labels[0].value if labels else None, r.expr("count"), r.expr("size"), r.name("type"), b.span)
    r.finish()
    return disk


def _nic(b: ast.Block, sink: DiagnosticSink, hw: str) -> d.NicDecl:
    r = BlockReader(b, sink, f"nic of hardware {hw}")
    labels = r.labels(0, 1, "[NAME]")
    nic = d.NicDecl(labels[0].value if labels else None, r.expr("count"), r.expr("speed"), b.span)
    r.finish()
    return nic


def _hardware(b: ast.Block, sink: DiagnosticSink, out: d.ModuleDecls) -> None:
    label = _label(b)
    r = BlockReader(b, sink, f"hardware {label}")
    name = r.name_label()
    doc = r.doc()
    cores = r.expr("cores")
    memory = r.expr("memory")
    raid = r.name("raid")
    bios = r.expr("bios")
    if bios is not None and not isinstance(bios, ast.MapExpr):
        sink.report(codes.RA303, f"'bios' must be a map such as {{ virtualization = \"enabled\" }}, "
                                 f"not {ast.describe(bios)}", bios.span)
        bios = None
    disks = tuple(_disk(x, sink, label) for x in r.blocks("disk"))
    nics = tuple(_nic(x, sink, label) for x in r.blocks("nic"))
    r.sealed()
    r.finish()
    if name:
        out.hardware.append(d.HardwareDecl(name, doc, cores, memory, raid, disks, nics, bios, b.span))


def _role(b: ast.Block, sink: DiagnosticSink, out: d.ModuleDecls) -> None:
    r = BlockReader(b, sink, f"role {_label(b)}")
    name = r.name_label()
    fields = (r.doc(), r.expr("count"), r.name("hardware"), r.names("networks"), r.names("runs", dotted=True),
              r.name("spread"))
    decl = d.RoleDecl(name, *fields, b.span) if name else None
    r.sealed()
    r.finish()
    if decl:
        if decl.count is None and not r.mentioned("count"):
            sink.report(codes.RA302, f"role '{decl.name.value}' needs a 'count'", decl.name.span,
                        hint="for example: count = 3, or count = a_parameter")
        out.roles.append(decl)


def _configure(b: ast.Block, sink: DiagnosticSink, out: d.ModuleDecls) -> None:
    r = BlockReader(b, sink, f"configure {_label(b)}")
    labels = r.labels(1, 1, "COMPONENT")
    for nested in b.blocks:
        sink.report(codes.RA301, f"unexpected block '{nested.kind}' in configure {_label(b)}", nested.kind_span,
                    hint="a configure block holds only 'attribute = value' lines")
    if not labels:
        return
    settings = tuple(d.Setting(d.Name(a.name, a.name_span), a.op, a.value, a.span) for a in b.attributes
                     if a.name != "sealed")
    sealed = r.names("sealed")  # attribute names a later overlay may not change
    out.configures.append(d.ConfigureDecl(d.Name(labels[0].value, labels[0].span), settings, b.span, sealed))


def _optional(b: ast.Block, sink: DiagnosticSink, out: d.ModuleDecls) -> None:
    r = BlockReader(b, sink, f"optional {_label(b)}")
    name = r.name_label("COMPONENT")
    doc = r.doc()
    when = r.expr("when")
    r.finish()
    if name is None:
        return
    if when is None:
        sink.report(codes.RA302, f"optional {name.value} needs a 'when'", name.span,
                    hint="for example: when = use_" + name.value + " (a bool parameter)")
        return
    out.optionals.append(d.OptionalDecl(name, doc, when, b.span))


def _connect(b: ast.Block, sink: DiagnosticSink, out: d.ModuleDecls) -> None:
    r = BlockReader(b, sink, f"connect {_label(b)}")
    labels = r.labels(1, 1, "COMPONENT")
    for nested in b.blocks:
        sink.report(codes.RA301, f"unexpected block '{nested.kind}' in connect {_label(b)}", nested.kind_span,
                    hint="a connect block holds 'interface = provider_component' lines")
    links = []
    for a in b.attributes:
        if isinstance(a.value, ast.Ref) and len(a.value.parts) == 1:
            links.append((d.Name(a.name, a.name_span), d.Name(a.value.dotted, a.value.span)))
        else:
            sink.report(codes.RA303, f"'{a.name}' in connect must name a component, not {ast.describe(a.value)}",
                        a.value.span)
    if labels:
        out.connects.append(d.ConnectDecl(d.Name(labels[0].value, labels[0].span), tuple(links), b.span))


def _interop(b: ast.Block, sink: DiagnosticSink, out: d.ModuleDecls) -> None:
    r = BlockReader(b, sink, "interop")
    r.labels(0, 0, "")
    addons = r.names("addons") if r.expr("addons") is not None else None
    decl = d.InteropDecl(r.string_expr("guideline"), r.name("program"), addons, b.span)
    r.finish()
    out.interop = decl


def _output(b: ast.Block, sink: DiagnosticSink, out: d.ModuleDecls) -> None:
    r = BlockReader(b, sink, f"output {_label(b)}")
    name = r.name_label()
    doc = r.doc()
    value = r.expr("value")
    r.sealed()
    r.finish()
    if name is None:
        return
    if value is None:
        sink.report(codes.RA302, f"output '{name.value}' needs a 'value'", name.span,
                    hint="for example: value = roles.compute.count")
        return
    out.outputs.append(d.OutputDecl(name, doc, value, b.span))


TOP_LEVEL: dict[str, Callable[[ast.Block, DiagnosticSink, d.ModuleDecls], None]] = {
    "architecture": _architecture,
    "interface": _interface,
    "component": _component,
    "parameter": _parameter,
    "network": _network,
    "hardware": _hardware,
    "role": _role,
    "configure": _configure,
    "connect": _connect,
    "optional": _optional,
    "interop": _interop,
    "output": _output,
}


def _label(b: ast.Block) -> str:
    return b.labels[0].value if b.labels else "(unnamed)"


def decode_module(module: ast.Module, sink: DiagnosticSink) -> d.ModuleDecls:
    """Every declaration of one file, with structural problems reported to ``sink``."""
    out = d.ModuleDecls(module.path, [])
    for item in module.items:
        if isinstance(item, ast.ImportDecl):
            out.imports.append(d.ImportRef(item.module, item.module_span))
        elif isinstance(item, ast.ExtendsDecl):
            pass  # applied by the loader (semantic/overlay.py) before decoding
        elif isinstance(item, ast.Attribute):
            sink.report(codes.RA301, f"'{item.name} = ...' cannot stand at the top level of a file", item.name_span,
                        hint="attributes belong inside a block such as role, network or configure")
        else:
            handler = TOP_LEVEL.get(item.kind)
            if handler is None:
                sink.report(codes.RA301, f"unknown block '{item.kind}'", item.kind_span,
                            hint=did_you_mean(item.kind, TOP_LEVEL) or f"known blocks: {', '.join(sorted(TOP_LEVEL))}")
                continue
            handler(item, sink, out)
    return out
