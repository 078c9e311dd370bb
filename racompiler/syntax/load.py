"""One entry point for the syntax stage: path to :class:`ast.Module` (or None on errors)."""

from __future__ import annotations

import gc

from racompiler.diagnostics import DiagnosticSink
from racompiler.syntax import ast
from racompiler.syntax.builder import build_module
from racompiler.syntax.parser import parse_tree
from racompiler.syntax.source import Source, check_nesting, read_source, text_source


def parse_source(source: Source, sink: DiagnosticSink) -> ast.Module | None:
    """Parse already-read text; None when it has syntax errors (they are in ``sink``)."""
    if not check_nesting(source, sink):
        return None
    # Parsing allocates a few hundred thousand small objects per MB that all stay alive; the
    # cyclic GC keeps re-scanning them (about 40% of parse time at 1 MB, growing with the file)
    # and frees nothing. Pause it for the parse.
    enabled = gc.isenabled()
    gc.disable()
    try:
        tree = parse_tree(source, sink)
        return None if tree is None else build_module(source, tree, sink)
    finally:
        if enabled:
            gc.enable()


def parse_file(path: str, display: str, sink: DiagnosticSink, sources: dict[str, str]) -> ast.Module | None:
    """Read and parse ``path``; its text is recorded in ``sources`` for caret excerpts."""
    source = read_source(path, display, sink)
    if source is None:
        return None
    sources[display] = source.text
    return parse_source(source, sink)


def parse_text(text: str, display: str, sink: DiagnosticSink, sources: dict[str, str]) -> ast.Module | None:
    """Parse an editor's unsaved buffer as if it were the file ``display`` (see
    :func:`~racompiler.syntax.source.text_source` for the checks); recorded in ``sources``."""
    source = text_source(text, display, sink)
    if source is None:
        return None
    sources[display] = source.text
    return parse_source(source, sink)
