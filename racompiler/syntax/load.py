"""One entry point for the syntax stage: path to :class:`ast.Module` (or None on errors)."""

from __future__ import annotations

from racompiler.diagnostics import DiagnosticSink
from racompiler.gcpause import paused_gc
from racompiler.syntax import ast
from racompiler.syntax.fastparse import FAILED, parse_module
from racompiler.syntax.source import Source, check_nesting, read_source


def parse_source(source: Source, sink: DiagnosticSink) -> ast.Module | None:
    """Parse already-read text; None when it has syntax errors (they are in ``sink``)."""
    if not check_nesting(source, sink):
        return None
    # Parsing allocates a few hundred thousand small objects per MB that all stay alive; the
    # cyclic GC would keep re-scanning them and free nothing (see racompiler.gcpause).
    with paused_gc():
        module = parse_module(source, sink)
        return parse_with_lark(source, sink) if module is FAILED else module


def parse_file(path: str, display: str, sink: DiagnosticSink, sources: dict[str, str]) -> ast.Module | None:
    """Read and parse ``path``; its text is recorded in ``sources`` for caret excerpts."""
    source = read_source(path, display, sink)
    if source is None:
        return None
    sources[display] = source.text
    return parse_source(source, sink)


def parse_with_lark(source: Source, sink: DiagnosticSink) -> ast.Module | None:
    """The reference path: Lark's tree (with error recovery and syntax diagnostics), then the AST.

    :func:`parse_source` takes it only when the fast parser declines the text; the tests run both
    on every example, fixture and fuzz input and require the same AST and diagnostics.
    """
    from racompiler.syntax.builder import build_module
    from racompiler.syntax.parser import parse_tree

    tree = parse_tree(source, sink)
    return None if tree is None else build_module(source, tree, sink)
