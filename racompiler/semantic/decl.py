"""Declarations: what each block of an RA file says, before names are bound.

Produced by :mod:`racompiler.semantic.decode` from the generic AST. Values that depend on other
declarations (types, references, parameter uses) are kept as AST expressions and bound by the
resolver, which knows every module.
"""

from __future__ import annotations

from dataclasses import dataclass

from racompiler.diagnostics import Span
from racompiler.syntax import ast
from racompiler.records import record


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


@dataclass(slots=True)
class ModuleDecls:
    """Everything one file declares."""

    path: str
    imports: list[ImportRef]
    architecture: ArchitectureDecl | None = None
    interfaces: list[InterfaceDecl] | None = None
    components: list[ComponentDecl] | None = None
    parameters: list[AttributeDecl] | None = None
    networks: list[NetworkDecl] | None = None
    hardware: list[HardwareDecl] | None = None
    roles: list[RoleDecl] | None = None
    configures: list[ConfigureDecl] | None = None
    connects: list[ConnectDecl] | None = None
    optionals: list[OptionalDecl] | None = None
    interop: InteropDecl | None = None
    outputs: list[OutputDecl] | None = None

    def __post_init__(self) -> None:
        for f in ("interfaces", "components", "parameters", "networks", "hardware", "roles",
                  "configures", "connects", "outputs", "optionals"):
            if getattr(self, f) is None:
                setattr(self, f, [])
