"""The generic AST of an RA file: imports, blocks, attributes and expressions.

Every node carries the :class:`~racompiler.diagnostics.Span` it was parsed from. The AST knows
nothing about what a ``role`` or a ``component`` is; the schema-driven decoder gives blocks their
meaning. Class names match the grammar rules in ``grammar/ra.lark``.
"""

from __future__ import annotations

from typing import Union

from racompiler.diagnostics import Span
from racompiler.records import record


@record
class String:
    value: str
    span: Span


@record
class Number:
    value: int | float
    span: Span


@record
class Size:
    """A quantity with a unit as written (``128 GiB``); the decoder normalises it."""

    value: int | float
    unit: str
    span: Span


@record
class Bool:
    value: bool
    span: Span


@record
class Null:
    span: Span


@record
class ListExpr:
    items: tuple["Expr", ...]
    span: Span


@record
class MapEntry:
    key: str
    key_span: Span
    value: "Expr"


@record
class MapExpr:
    entries: tuple[MapEntry, ...]
    span: Span


@record
class Call:
    name: str
    args: tuple["Expr", ...]
    span: Span


@record
class Ref:
    """A dotted name (``compute_count``, ``nova.compute``); bound by the resolver."""

    parts: tuple[str, ...]
    span: Span

    @property
    def dotted(self) -> str:
        return ".".join(self.parts)


@record
class RangeExpr:
    low: Number
    high: Number
    span: Span


Expr = Union[String, Number, Size, Bool, Null, ListExpr, MapExpr, Call, Ref, RangeExpr]


@record
class Label:
    value: str
    quoted: bool
    span: Span


@record
class Attribute:
    name: str
    name_span: Span
    op: str  # "=", "+=" or "-="
    value: Expr
    span: Span


@record
class Block:
    kind: str
    kind_span: Span
    labels: tuple[Label, ...]
    body: tuple[Union["Block", Attribute], ...]
    span: Span

    @property
    def attributes(self) -> tuple[Attribute, ...]:
        return tuple(i for i in self.body if isinstance(i, Attribute))

    @property
    def blocks(self) -> tuple["Block", ...]:
        return tuple(i for i in self.body if isinstance(i, Block))


@record
class ImportDecl:
    module: str
    span: Span
    module_span: Span


@record
class ExtendsDecl:
    """``extends base_module`` or ``extends "path/to/base.ra"``: this file is an overlay."""

    module: str
    span: Span
    module_span: Span
    is_path: bool = False


Item = Union[ImportDecl, ExtendsDecl, Block, Attribute]


@record
class Module:
    """One parsed file."""

    path: str
    items: tuple[Item, ...]
    span: Span


def expr_text(e: Expr) -> str:
    """A short rendering of a value expression as written, for provenance notes."""
    if isinstance(e, String):
        return repr(e.value)
    if isinstance(e, Bool):
        return "true" if e.value else "false"
    if isinstance(e, Number):
        return str(e.value)
    if isinstance(e, Size):
        return f"{e.value} {e.unit}"
    if isinstance(e, Ref):
        return e.dotted
    if isinstance(e, ListExpr):
        return "[" + ", ".join(expr_text(x) for x in e.items) + "]"
    return describe(e)


def describe(expr: Expr) -> str:
    """A short phrase naming an expression's kind, for type-mismatch messages."""
    return {
        String: "a string",
        Number: "a number",
        Size: "a quantity with a unit",
        Bool: "a boolean",
        Null: "null",
        ListExpr: "a list",
        MapExpr: "a map",
        Call: "a call",
        Ref: "a name",
        RangeExpr: "a range",
    }[type(expr)]
