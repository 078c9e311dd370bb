"""``racompiler fmt``: one canonical layout for RA files (see docs/fmt.md).

:func:`format_source` formats text in memory; :mod:`racompiler.fmt.files` reads, compares and
writes files for the command line. Formatting refuses a text with syntax errors (it reports them,
as ``check`` does) and checks its own output before handing it back: the result must parse to the
same syntax tree, spans aside, and hold the same comments. A formatter bug therefore shows up as
an RA901 diagnostic, never as a changed file.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

from racompiler.diagnostics import Diagnostic, DiagnosticSink, Severity, Span, codes
from racompiler.fmt.comments import comment_texts
from racompiler.fmt.layout import WIDTH, Layout, LayoutError
from racompiler.syntax import ast
from racompiler.syntax.load import parse_source
from racompiler.syntax.source import Source

__all__ = ["WIDTH", "FormatResult", "format_source", "syntax_shape"]


@dataclass
class FormatResult:
    """The formatted text (None when the input could not be formatted) and the diagnostics."""

    path: str
    original: str
    text: str | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.text is not None

    @property
    def changed(self) -> bool:
        return self.text is not None and self.text != self.original


def syntax_shape(node: Any) -> Any:
    """``node`` (an AST module or any part of it) as plain tuples with every span left out: two
    texts that differ only in layout have equal shapes."""
    if isinstance(node, Span):
        return None
    if is_dataclass(node):
        return (type(node).__name__,) + tuple(
            syntax_shape(getattr(node, f.name)) for f in fields(node) if f.name != "path")
    if isinstance(node, (tuple, list)):
        return tuple(syntax_shape(x) for x in node)
    return node


def _parse(text: str, path: str, sink: DiagnosticSink) -> ast.Module | None:
    module = parse_source(Source(path, text), sink)
    return None if module is None or sink.has_errors else module


def format_source(text: str, path: str = "<stdin>") -> FormatResult:
    """Format ``text`` (the contents of ``path``, named in diagnostics).

    Returns the formatted text, or None with the syntax diagnostics when ``text`` does not parse
    (or, for a formatter bug, an RA901 diagnostic). Deterministic: the same text always gives
    the same bytes, and formatting the result again changes nothing.
    """
    sink = DiagnosticSink()
    module = _parse(text, path, sink)
    result = FormatResult(path, text, None)
    if module is not None:
        try:
            out = Layout(text, module).render()
        except (LayoutError, ValueError, RecursionError) as exc:
            sink.report(codes.RA901, f"internal formatter error: {exc}", Span.point(path),
                        hint="the file was left unchanged; please report this with the input file")
        else:
            problem = _self_check(text, module, out, path)
            if problem:
                sink.report(codes.RA901, f"internal formatter error: {problem}", Span.point(path),
                            hint="the file was left unchanged; please report this with the input file")
            else:
                result.text = out
    result.diagnostics = sink.sorted()
    return result


def _self_check(original: str, module: ast.Module, out: str, path: str) -> str | None:
    """Why ``out`` is not a faithful layout of ``original`` (None when it is)."""
    check = DiagnosticSink()
    again = _parse(out, path, check)
    if again is None:
        first = next((d for d in check.items if d.severity is Severity.ERROR), None)
        return "the formatted text does not parse" + (f" ({first.message})" if first else "")
    if syntax_shape(again) != syntax_shape(module):
        return "the formatted text means something else"
    if sorted(comment_texts(out)) != sorted(comment_texts(original)):
        return "a comment was lost"
    return None
