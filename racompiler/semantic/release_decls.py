"""Reading release declarations: an architecture's ``release`` and the catalog's ranges.

The resolver calls these while it builds the Model; problems are RA316 (unknown release, with a
did-you-mean) and RA318 (a range or a ``value_releases`` map that cannot be read). Whether what
an architecture uses exists in its release is checked later, by
:mod:`racompiler.rules.releases`.
"""

from __future__ import annotations

from typing import Any

from racompiler.diagnostics import DiagnosticSink, Span, codes
from racompiler.semantic.releases import RangeError, Release, ReleaseRange, lookup, parse_range, unknown_hint
from racompiler.semantic.suggest import did_you_mean
from racompiler.semantic.types import Type
from racompiler.syntax import ast


def architecture_release(expr: ast.Expr | None, sink: DiagnosticSink) -> tuple[Release | None, Span | None]:
    """The release named by ``release = "2024.1"`` (or ``release = caracal``), and its span."""
    if expr is None:
        return None, None
    if isinstance(expr, ast.String):
        text = expr.value
    elif isinstance(expr, ast.Ref) and len(expr.parts) == 1:
        text = expr.dotted
    else:
        # 2024.1 unquoted is a number: say how to write it rather than guess at float text.
        sink.report(codes.RA303, f"'release' must be a release name or a quoted number, not {ast.describe(expr)}",
                    expr.span, hint='for example: release = "2024.1", or release = caracal')
        return None, None
    release = lookup(text)
    if release is None:
        sink.report(codes.RA316, f"unknown OpenStack release '{text}'", expr.span, hint=unknown_hint(text))
        return None, None
    return release, expr.span


def release_range(expr: ast.String | None, sink: DiagnosticSink, what: str) -> ReleaseRange | None:
    """The range a catalog entity declares with ``releases = "..."`` (None: every release)."""
    if expr is None:
        return None
    return _parse(expr.value, expr.span, sink, what)


def _parse(text: str, span: Span, sink: DiagnosticSink, what: str) -> ReleaseRange | None:
    try:
        return parse_range(text)
    except RangeError as exc:
        sink.report(codes.RA316 if exc.unknown else codes.RA318, f"{exc} (releases of {what})", span, hint=exc.hint)
        return None


def value_ranges(decl: ast.MapExpr | None, t: Type, sink: DiagnosticSink, what: str,
                 ) -> tuple[tuple[Any, ReleaseRange, Span], ...]:
    """An attribute's ``value_releases = { pki = "..ocata" }``, checked against its type."""
    if decl is None:
        return ()
    choices: tuple[str, ...] = t.choices if t.kind == "enum" else ("true", "false") if t.kind == "bool" else ()
    out = []
    for entry in decl.entries:
        if entry.key not in choices:
            sink.report(codes.RA318, f"'{entry.key}' is not a value of {what} ({t})" if choices else
                        f"value_releases applies to enum and bool attributes, and {what} is {t}",
                        entry.key_span, hint=did_you_mean(entry.key, choices) if choices else None)
            continue
        if not isinstance(entry.value, ast.String):
            sink.report(codes.RA318, f"the releases of {what} = {entry.key} must be a quoted range such as "
                                 f'"..ocata", not {ast.describe(entry.value)}', entry.value.span)
            continue
        rng = _parse(entry.value.value, entry.value.span, sink, f"{what} = {entry.key}")
        if rng is not None:
            value: Any = entry.key if t.kind == "enum" else entry.key == "true"
            out.append((value, rng, entry.key_span))
    return tuple(out)
