"""Resolve ``output`` blocks: literals, or paths into the Model evaluated at compile time."""

from __future__ import annotations

from typing import TYPE_CHECKING

from racompiler.diagnostics import codes
from racompiler.semantic import model as m
from racompiler.semantic.paths import PathError, lookup_path
from racompiler.syntax import ast

if TYPE_CHECKING:
    from racompiler.semantic.resolve import Resolver


def _literal(e: ast.Expr):
    if isinstance(e, (ast.String, ast.Number, ast.Bool)):
        return e.value
    if isinstance(e, ast.ListExpr):
        return [_literal(x) for x in e.items]
    raise ValueError


def resolve_outputs(r: "Resolver") -> None:
    for name, o in r.sym.outputs.items.items():
        e = o.value
        if isinstance(e, ast.Ref):
            param = e.parts[-1] if e.parts[0] == "params" else e.parts[0]
            if len(e.parts) <= 2 and param in r.model.parameters:
                r.used_parameters.add(param)
            try:
                pv = lookup_path(r.model, e.dotted)
            except PathError as exc:
                r.sink.report(codes.RA506, f"output {name}: {exc}", e.span, hint=exc.hint)
                continue
            r.model.outputs[name] = m.Output(name, o.doc, e.dotted, pv.value, o.span)
            continue
        try:
            value = _literal(e)
        except ValueError:
            r.sink.report(codes.RA303, f"output {name} must be a literal or a path such as roles.compute.count, "
                                       f"not {ast.describe(e)}", e.span)
            continue
        r.model.outputs[name] = m.Output(name, o.doc, "", value, o.span)
