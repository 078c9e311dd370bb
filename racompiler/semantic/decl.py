"""Declarations: what each block of an RA file says, before names are bound.

Produced by :mod:`racompiler.semantic.decode` from the generic AST. Values that depend on other
declarations (types, references, parameter uses) are kept as AST expressions and bound by the
resolver, which knows every module.
"""

from __future__ import annotations


from racompiler.diagnostics import Span
from racompiler.records import field, record
from racompiler.syntax import ast


@record
class Name:
    """A name as written, with where it was written."""

    value: str
    span: Span


@record
class ArchitectureDecl:
    name: Name
    doc: str
    version: str | None
    span: Span
    # The OpenStack release the architecture targets: a string ("2024.1") or a bare name (caracal).
    release: ast.Expr | None = None


@record
class InterfaceDecl:
    name: Name
    doc: str
    extends: Name | None
    span: Span


@record
class AttributeDecl:
    """A typed setting of a component (or a parameter): type, default and constraints."""

    name: Name
    doc: str
    type_expr: ast.Expr
    default: ast.Expr | None
    range: ast.RangeExpr | None
    allowed: ast.ListExpr | None
    pattern: ast.String | None
    span: Span
    # Conditional requirements: attribute value -> interface the component then requires.
    requires: ast.MapExpr | None = None
    # The OpenStack releases the attribute exists in ("stein.."), and those of some of its enum
    # values ({ pki = "..ocata" }); component attributes only.
    releases: ast.String | None = None
    value_releases: ast.MapExpr | None = None


@record
class Requirement:
    interface: Name
    cardinality: str  # "one", "optional" or "many"
    span: Span


@record
class ComponentRoleDecl:
    name: Name
    doc: str
    min: int
    max: int | None
    quorum: bool
    after: tuple[Name, ...]
    conflicts: tuple[Name, ...]  # "component.role" or a role of the same component
    ports: tuple[int, ...]
    span: Span
    releases: ast.String | None = None  # the OpenStack releases the role exists in


@record
class ComponentDecl:
    name: Name
    doc: str
    interop_project: str | None
    provides: tuple[Name, ...]
    requires: tuple[Requirement, ...]
    roles: tuple[ComponentRoleDecl, ...]
    attributes: tuple[AttributeDecl, ...]
    span: Span
    releases: ast.String | None = None  # the OpenStack releases the component exists in


@record
class NetworkDecl:
    name: Name
    doc: str
    cidr: ast.Expr | None
    vlan: ast.Expr | None
    mtu: ast.Expr | None
    purpose: Name | None
    gateway: ast.Expr | None
    span: Span


@record
class DiskDecl:
    name: str | None
    count: ast.Expr | None
    size: ast.Expr | None
    type: Name | None
    span: Span


@record
class NicDecl:
    name: str | None
    count: ast.Expr | None
    speed: ast.Expr | None
    span: Span


@record
class HardwareDecl:
    name: Name
    doc: str
    cores: ast.Expr | None
    memory: ast.Expr | None
    raid: Name | None
    disks: tuple[DiskDecl, ...]
    nics: tuple[NicDecl, ...]
    bios: ast.MapExpr | None
    span: Span


@record
class RoleDecl:
    name: Name
    doc: str
    count: ast.Expr | None
    hardware: Name | None
    networks: tuple[Name, ...]
    runs: tuple[Name, ...]  # "component.role"
    spread: Name | None
    span: Span


@record
class Setting:
    """One ``key = value`` inside a ``configure`` block."""

    key: Name
    op: str
    value: ast.Expr
    span: Span


@record
class ConfigureDecl:
    component: Name
    settings: tuple[Setting, ...]
    span: Span
    sealed: tuple[Name, ...] = ()


@record
class OptionalDecl:
    """``optional COMPONENT { when = bool }``: the component is deployed only when ``when`` holds."""

    component: Name
    doc: str
    when: ast.Expr | None
    span: Span


@record
class ConnectDecl:
    consumer: Name
    links: tuple[tuple[Name, Name], ...]  # (interface, provider component)
    span: Span


@record
class InteropDecl:
    guideline: ast.String | None
    program: Name | None
    addons: tuple[Name, ...] | None  # None when the key is absent
    span: Span


@record
class OutputDecl:
    name: Name
    doc: str
    value: ast.Expr
    span: Span


@record
class ImportRef:
    module: str
    span: Span


@record(frozen=False)
class ModuleDecls:
    """Everything one file declares."""

    path: str
    imports: list[ImportRef]
    architecture: ArchitectureDecl | None = None
    interfaces: list[InterfaceDecl] = field(default_factory=list)
    components: list[ComponentDecl] = field(default_factory=list)
    parameters: list[AttributeDecl] = field(default_factory=list)
    networks: list[NetworkDecl] = field(default_factory=list)
    hardware: list[HardwareDecl] = field(default_factory=list)
    roles: list[RoleDecl] = field(default_factory=list)
    configures: list[ConfigureDecl] = field(default_factory=list)
    connects: list[ConnectDecl] = field(default_factory=list)
    optionals: list[OptionalDecl] = field(default_factory=list)
    interop: InteropDecl | None = None
    outputs: list[OutputDecl] = field(default_factory=list)
