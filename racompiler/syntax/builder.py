"""Lark tree to the generic AST (:mod:`racompiler.syntax.ast`).

Method names match the grammar rules. Literals are checked here (number range, string escapes)
because only here do we still see the text as written.
"""

from __future__ import annotations

import json
import math

from racompiler.diagnostics import DiagnosticSink, Span, codes
from racompiler.syntax import ast
from racompiler.syntax.source import Source

# Integers beyond this are almost certainly typos, and they are not exact in JSON consumers.
MAX_ABS_INT = 2**53


def _span(path: str, meta_or_token) -> Span:
    """The single place where Lark positions become a Span."""
    m = meta_or_token
    line = getattr(m, "line", None) or 1
    col = getattr(m, "column", None) or 1
    end_line = getattr(m, "end_line", None) or line
    end_col = getattr(m, "end_column", None) or col + 1
    return Span(path, line, col, end_line, end_col)


def build_module(source: Source, tree, sink: DiagnosticSink) -> ast.Module:
    """Turn a parsed tree into an :class:`ast.Module`; bad literals are reported, not raised."""
    from lark import Token, Transformer, v_args

    path = source.path

    def sp(x) -> Span:
        return _span(path, x)

    @v_args(meta=True)
    class Builder(Transformer):
        def start(self, meta, items):
            return ast.Module(path, tuple(items), sp(meta) if not meta.empty else Span.point(path))

        def module_name(self, meta, parts):
            return (".".join(str(p) for p in parts), sp(meta))

        def import_decl(self, meta, children):
            (name, name_span) = children[0]
            return ast.ImportDecl(name, sp(meta), name_span)

        def extends_decl(self, meta, children):
            (target,) = children
            if isinstance(target, ast.String):  # a path, relative to the overlay file
                return ast.ExtendsDecl(target.value, sp(meta), target.span, is_path=True)
            name, name_span = target
            return ast.ExtendsDecl(name, sp(meta), name_span)

        def label(self, meta, children):
            (child,) = children
            if isinstance(child, ast.String):
                return ast.Label(child.value, True, child.span)
            return ast.Label(str(child), False, sp(child))

        def block(self, meta, children):
            kind, *rest = children
            labels = tuple(c for c in rest if isinstance(c, ast.Label))
            body = tuple(c for c in rest if not isinstance(c, ast.Label))
            return ast.Block(str(kind), sp(kind), labels, body, sp(meta))

        def attribute(self, meta, children):
            name, op, value = children
            return ast.Attribute(str(name), sp(name), str(op), value, sp(meta))

        def string(self, meta, children):
            (tok,) = children
            return ast.String(_unquote(tok, sp(tok), sink), sp(meta))

        def number(self, meta, children):
            (tok,) = children
            return ast.Number(_number(str(tok), sp(tok), sink), sp(meta))

        def size(self, meta, children):
            (tok,) = children
            text = str(tok)
            i = len(text)
            while i > 0 and text[i - 1].isalpha():
                i -= 1
            return ast.Size(_number(text[:i].strip(), sp(tok), sink), text[i:], sp(meta))

        def true(self, meta, children):
            return ast.Bool(True, sp(meta))

        def false(self, meta, children):
            return ast.Bool(False, sp(meta))

        def null(self, meta, children):
            return ast.Null(sp(meta))

        def list_expr(self, meta, children):
            return ast.ListExpr(tuple(c for c in children if c is not None), sp(meta))

        def map_entry(self, meta, children):
            key, value = children
            if isinstance(key, ast.String):
                return ast.MapEntry(key.value, key.span, value)
            return ast.MapEntry(str(key), sp(key), value)

        def map_expr(self, meta, children):
            return ast.MapExpr(tuple(c for c in children if c is not None), sp(meta))

        def call(self, meta, children):
            name, *args = children
            return ast.Call(str(name), tuple(a for a in args if a is not None), sp(meta))

        def ref(self, meta, children):
            return ast.Ref(tuple(str(c) for c in children), sp(meta))

        def range_expr(self, meta, children):
            low, _dots, high = children
            return ast.RangeExpr(low, high, sp(meta))

    del Token  # only the transformer's types are needed
    return Builder().transform(tree)


def _unquote(tok, span: Span, sink: DiagnosticSink) -> str:
    text = str(tok)
    if text.startswith('"""'):
        return text[3:-3]
    try:
        # JSON string escapes are a well-known, documented subset (\n, \t, \", \\, \uXXXX).
        value = json.loads(text)
    except ValueError:
        sink.report(
            codes.RA107,
            f"invalid escape sequence in string {text[:40]}",
            span,
            hint=r'allowed escapes: \" \\ \n \t \uXXXX',
        )
        return text[1:-1]
    if any("\ud800" <= ch <= "\udfff" for ch in value):
        # A lone surrogate (\ud800-\udfff not in a pair) is no character: no output file could hold it.
        sink.report(codes.RA107, f"string {text[:40]} escapes a lone UTF-16 surrogate, which is no character",
                    span, hint=r"write the character itself, or a \uXXXX pair that forms one")
        return value.encode("utf-8", "replace").decode("utf-8")
    return value


def _number(text: str, span: Span, sink: DiagnosticSink) -> int | float:
    try:
        if any(c in text for c in ".eE"):
            value: int | float = float(text)
            if not math.isfinite(value) or abs(value) > 1e18:
                raise OverflowError
            return value
        value = int(text)
        if abs(value) > MAX_ABS_INT:
            raise OverflowError
        return value
    except (OverflowError, ValueError):
        is_float = any(c in text for c in ".eE")
        sink.report(
            codes.RA107,
            f"number {text[:40]} is out of range",
            span,
            hint="decimal numbers must lie within ±1e18" if is_float else f"whole numbers must lie within ±{MAX_ABS_INT}",
        )
        return 0
