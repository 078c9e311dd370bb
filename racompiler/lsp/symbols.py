"""What an RA file can name: the declarations of the file and every module it reads.

Built from the loader's declarations (:class:`~racompiler.semantic.loader.Program`), not from the
resolved model, so that hover, definition and completion still work while the architecture has
errors (a dangling reference, a failed rule); only a file that does not parse has no declarations,
and the server then keeps the last index it built for that document. Pure data and text: no
protocol types here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

from racompiler.records import record
from racompiler.diagnostics import Span
from racompiler.semantic import decl as d
from racompiler.syntax import ast

if TYPE_CHECKING:
    from racompiler.semantic.loader import Program


@record
class Symbol:
    """One named thing: its kind (``component``, ``role`` for a component role, ``attribute``,
    ``parameter``, ``network``, ``hardware``, ``node role``, ``interface``, ``output``,
    ``module``), its qualified name, where it is declared and its hover text (Markdown)."""

    kind: str
    name: str
    span: Span
    doc: str
    detail: str = ""  # one line for completion lists: a type, a role's bounds


@dataclass
class SymbolIndex:
    """Every symbol of a program, by kind and name."""

    components: dict[str, d.ComponentDecl] = field(default_factory=dict)
    interfaces: dict[str, d.InterfaceDecl] = field(default_factory=dict)
    parameters: dict[str, d.AttributeDecl] = field(default_factory=dict)
    networks: dict[str, d.NetworkDecl] = field(default_factory=dict)
    hardware: dict[str, d.HardwareDecl] = field(default_factory=dict)
    roles: dict[str, d.RoleDecl] = field(default_factory=dict)
    outputs: dict[str, d.OutputDecl] = field(default_factory=dict)
    modules: dict[str, str] = field(default_factory=dict)  # import/extends name -> the file's display name

    @classmethod
    def from_program(cls, program: "Program") -> "SymbolIndex":
        """The index of a loaded program (dependencies first, so the root's own names win)."""
        index = cls()
        for module in program.modules:
            index.add(module)
        index.add(program.root)
        # Modules by the name an import or extends wrote (the span's text), first one first.
        for span, target in sorted(program.links.items()):
            lines = program.sources.get(span.file, "").split("\n")
            if span.line == span.end_line and 0 < span.line <= len(lines):
                name = lines[span.line - 1][span.column - 1:span.end_column - 1]
                if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*", name):
                    index.modules.setdefault(name, target)
        return index

    def add(self, module: d.ModuleDecls) -> None:
        for c in module.components or ():
            self.components[c.name.value] = c
        for i in module.interfaces or ():
            self.interfaces[i.name.value] = i
        for p in module.parameters or ():
            self.parameters[p.name.value] = p
        for n in module.networks or ():
            self.networks[n.name.value] = n
        for h in module.hardware or ():
            self.hardware[h.name.value] = h
        for r in module.roles or ():
            self.roles[r.name.value] = r
        for o in module.outputs or ():
            self.outputs[o.name.value] = o

    # --- lookups ------------------------------------------------------------------------------

    def component(self, name: str) -> Symbol | None:
        c = self.components.get(name)
        return None if c is None else Symbol("component", name, c.name.span, component_doc(c))

    def component_role(self, component: str, role: str) -> Symbol | None:
        c = self.components.get(component)
        r = next((r for r in c.roles if r.name.value == role), None) if c is not None else None
        if c is None or r is None:
            return None
        return Symbol("role", f"{component}.{role}", r.name.span, role_doc(c, r), role_detail(r))

    def attribute(self, component: str, name: str) -> Symbol | None:
        c = self.components.get(component)
        a = next((a for a in c.attributes if a.name.value == name), None) if c is not None else None
        return None if a is None else Symbol("attribute", f"{component}.{name}", a.name.span,
                                             attribute_doc(f"{component}.{name}", a, "attribute"),
                                             type_text(a.type_expr))

    def named(self, kind: str, name: str) -> Symbol | None:
        """A top-level declaration of ``kind`` (``parameter``, ``network``, ``hardware``, ``node
        role``, ``interface``, ``output``) or a ``module`` by import name."""
        if kind == "parameter" and name in self.parameters:
            p = self.parameters[name]
            return Symbol(kind, name, p.name.span, attribute_doc(name, p, "parameter"), type_text(p.type_expr))
        if kind == "network" and name in self.networks:
            n = self.networks[name]
            return Symbol(kind, name, n.name.span, network_doc(n))
        if kind == "hardware" and name in self.hardware:
            h = self.hardware[name]
            return Symbol(kind, name, h.name.span, hardware_doc(h))
        if kind == "node role" and name in self.roles:
            r = self.roles[name]
            return Symbol(kind, name, r.name.span, node_role_doc(r))
        if kind == "interface" and name in self.interfaces:
            i = self.interfaces[name]
            return Symbol(kind, name, i.name.span, _heading("interface", name, i.doc)
                          + (f"\n\nextends `{i.extends.value}`" if i.extends else ""))
        if kind == "output" and name in self.outputs:
            o = self.outputs[name]
            return Symbol(kind, name, o.name.span, _heading("output", name, o.doc)
                          + f"\n\n`value = {expr_source(o.value)}`")
        if kind == "component":
            return self.component(name)
        if kind == "module" and name in self.modules:
            return Symbol(kind, name, Span.point(self.modules[name]), f"**module** `{name}`: `{self.modules[name]}`")
        return None

    def role_symbols(self, component: str) -> list[Symbol]:
        c = self.components.get(component)
        return [s for r in (c.roles if c else ()) if (s := self.component_role(component, r.name.value))]

    def attribute_symbols(self, component: str) -> list[Symbol]:
        c = self.components.get(component)
        return [s for a in (c.attributes if c else ()) if (s := self.attribute(component, a.name.value))]


@lru_cache(maxsize=1)
def catalog_index() -> SymbolIndex:
    """The built-in catalog alone: what a document that has never parsed can still complete."""
    from racompiler.diagnostics import DiagnosticSink
    from racompiler.semantic.loader import load_program

    program = load_program("<catalog index>.ra", (), DiagnosticSink(), text=b"import openstack\n")
    return SymbolIndex.from_program(program) if program is not None else SymbolIndex()


# --- hover texts (Markdown) --------------------------------------------------------------------


def _heading(kind: str, name: str, doc: str) -> str:
    return f"**{kind}** `{name}`" + (f"\n\n{doc}" if doc else "")


def _where(span: Span) -> str:
    return f"\n\n*declared at* `{span}`"


def component_doc(c: d.ComponentDecl) -> str:
    lines = [_heading("component", c.name.value, c.doc)]
    facts = []
    if c.provides:
        facts.append("provides " + ", ".join(f"`{p.value}`" for p in c.provides))
    if c.requires:
        facts.append("requires " + ", ".join(f"`{_requirement(r)}`" for r in c.requires))
    if c.interop_project:
        facts.append(f"interop project `{c.interop_project}`")
    if facts:
        lines.append("; ".join(facts))
    if c.roles:
        lines.append("roles:\n" + "\n".join(f"- `{r.name.value}` ({role_detail(r)})" + (f": {r.doc}" if r.doc else "")
                                          for r in c.roles))
    if c.attributes:
        lines.append("attributes: " + ", ".join(f"`{a.name.value}`" for a in c.attributes))
    return "\n\n".join(lines) + _where(c.name.span)


def _requirement(r: d.Requirement) -> str:
    return r.interface.value if r.cardinality == "one" else f"{r.cardinality}({r.interface.value})"


def role_detail(r: d.ComponentRoleDecl) -> str:
    bounds = f"{r.min}..{r.max}" if r.max is not None else f"at least {r.min}"
    return f"count {bounds}" + (", odd quorum when clustered" if r.quorum else "")


def role_doc(c: d.ComponentDecl, r: d.ComponentRoleDecl) -> str:
    lines = [_heading("component role", f"{c.name.value}.{r.name.value}", r.doc), role_detail(r)]
    if r.ports:
        lines.append("ports " + ", ".join(str(p) for p in r.ports))
    if c.doc:
        lines.append(f"of `{c.name.value}`: {c.doc}")
    return "\n\n".join(lines) + _where(r.name.span)


def attribute_doc(name: str, a: d.AttributeDecl, kind: str) -> str:
    sig = f"`{name}`: `{type_text(a.type_expr)}`" + (f" = `{expr_source(a.default)}`" if a.default else "")
    lines = [f"**{kind}** {sig}"]
    if a.doc:
        lines.append(a.doc)
    limits = []
    if a.range is not None:
        limits.append(f"range `{expr_source(a.range)}`")
    if a.allowed is not None:
        limits.append(f"allowed `{expr_source(a.allowed)}`")
    if a.pattern is not None:
        limits.append(f"pattern `{a.pattern.value}`")
    if a.releases is not None:
        limits.append(f"releases `{a.releases.value}`")
    if limits:
        lines.append("; ".join(limits))
    return "\n\n".join(lines) + _where(a.name.span)


def network_doc(n: d.NetworkDecl) -> str:
    facts = [f"{k} `{expr_source(v)}`" for k, v in (("cidr", n.cidr), ("vlan", n.vlan), ("mtu", n.mtu),
                                                   ("gateway", n.gateway)) if v is not None]
    if n.purpose is not None:
        facts.append(f"purpose `{n.purpose.value}`")
    return _heading("network", n.name.value, n.doc) + ("\n\n" + "; ".join(facts) if facts else "") + _where(n.name.span)


def hardware_doc(h: d.HardwareDecl) -> str:
    facts = [f"{k} `{expr_source(v)}`" for k, v in (("cores", h.cores), ("memory", h.memory)) if v is not None]
    if h.raid is not None:
        facts.append(f"raid `{h.raid.value}`")
    facts += [f"disk {k.name or ''} {expr_source(k.count) if k.count else 1} x "
              f"{expr_source(k.size) if k.size else '?'}{' ' + k.type.value if k.type else ''}".replace("  ", " ")
              for k in h.disks]
    facts += [f"nic {expr_source(n.count) if n.count else 1} x {expr_source(n.speed) if n.speed else '?'}"
              for n in h.nics]
    return (_heading("hardware", h.name.value, h.doc) + ("\n\n" + "; ".join(facts) if facts else "")
            + _where(h.name.span))


def node_role_doc(r: d.RoleDecl) -> str:
    facts = []
    if r.count is not None:
        facts.append(f"count `{expr_source(r.count)}`")
    if r.hardware is not None:
        facts.append(f"hardware `{r.hardware.value}`")
    if r.runs:
        facts.append("runs " + ", ".join(f"`{n.value}`" for n in r.runs))
    return _heading("role", r.name.value, r.doc) + ("\n\n" + "; ".join(facts) if facts else "") + _where(r.name.span)


# --- expressions as written ---------------------------------------------------------------------


def type_text(e: ast.Expr) -> str:
    """A type expression as written: ``int``, ``enum(kvm, qemu)``, ``list(string)``."""
    return expr_source(e)


def expr_source(e: ast.Expr | None) -> str:
    """An expression in RA syntax (for hover texts)."""
    if e is None:
        return ""
    if isinstance(e, ast.String):
        return '"' + e.value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(e, ast.Bool):
        return "true" if e.value else "false"
    if isinstance(e, ast.Null):
        return "null"
    if isinstance(e, ast.Number):
        return str(e.value)
    if isinstance(e, ast.Size):
        return f"{e.value} {e.unit}"
    if isinstance(e, ast.Ref):
        return e.dotted
    if isinstance(e, ast.RangeExpr):
        return f"{expr_source(e.low)}..{expr_source(e.high)}"
    if isinstance(e, ast.ListExpr):
        return "[" + ", ".join(_items(e.items)) + "]"
    if isinstance(e, ast.MapExpr):
        return "{ " + ", ".join(f"{m.key} = {expr_source(m.value)}" for m in e.entries) + " }"
    if isinstance(e, ast.Call):
        return f"{e.name}(" + ", ".join(_items(e.args)) + ")"
    return ast.describe(e)


def _items(items: Iterable[ast.Expr]) -> list[str]:
    return [expr_source(x) for x in items]


__all__ = ["Symbol", "SymbolIndex", "catalog_index", "expr_source", "type_text"]
