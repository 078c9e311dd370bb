"""One entry point for the syntax stage: path to :class:`ast.Module` (or None on errors)."""

from __future__ import annotations

from racompiler.assets import CATALOG_PREFIX
from racompiler.diagnostics import Diagnostic, DiagnosticSink
from racompiler.gcpause import paused_gc
from racompiler.syntax import ast
from racompiler.syntax.fastparse import FAILED, parse_module
from racompiler.syntax.source import Source, check_nesting, decode_source, read_source


def parse_source(source: Source, sink: DiagnosticSink) -> ast.Module | None:
    """Parse already-read text; None when it has syntax errors (they are in ``sink``)."""
    if not check_nesting(source, sink):
        return None
    # Parsing allocates a few hundred thousand small objects per MB that all stay alive; the
    # cyclic GC would keep re-scanning them and free nothing (see racompiler.gcpause).
    with paused_gc():
        module = parse_module(source, sink)
        return parse_with_lark(source, sink) if module is FAILED else module


# The built-in catalog is imported by almost every RA: parse it once per process, keyed by its
# display name and its text (dict lookup hashes and compares the content, so an edited catalog is
# parsed afresh). ASTs are immutable, so sharing one is safe; its diagnostics are replayed.
_CATALOG_CACHE: dict[tuple[str, str], tuple[ast.Module | None, tuple[Diagnostic, ...]]] = {}
_CATALOG_CACHE_SIZE = 16


def parse_file(path: str, display: str, sink: DiagnosticSink, sources: dict[str, str]) -> ast.Module | None:
    """Read and parse ``path``; its text is recorded in ``sources`` for caret excerpts."""
    return _parse_recorded(read_source(path, display, sink), sink, sources)


def parse_bytes(data: bytes, display: str, sink: DiagnosticSink, sources: dict[str, str]) -> ast.Module | None:
    """Parse RA text given in memory (``compile_source``, an editor's buffer), named ``display``."""
    return _parse_recorded(decode_source(data, display, sink), sink, sources)


def _parse_recorded(source: Source | None, sink: DiagnosticSink, sources: dict[str, str]) -> ast.Module | None:
    """Record the text of a vetted source for caret excerpts and parse it (the built-in catalog
    from the per-process cache); None when it could not be read or has syntax errors."""
    if source is None:
        return None
    display = source.path
    sources[display] = source.text
    if not display.startswith(CATALOG_PREFIX):
        return parse_source(source, sink)
    key = (display, source.text)
    cached = _CATALOG_CACHE.get(key)
    if cached is None:
        scratch = DiagnosticSink()
        cached = (parse_source(source, scratch), tuple(scratch.items))
        if len(_CATALOG_CACHE) >= _CATALOG_CACHE_SIZE:
            _CATALOG_CACHE.clear()
        _CATALOG_CACHE[key] = cached
    sink.extend(cached[1])
    return cached[0]


def parse_with_lark(source: Source, sink: DiagnosticSink) -> ast.Module | None:
    """The reference path: Lark's tree (with error recovery and syntax diagnostics), then the AST.

    :func:`parse_source` takes it only when the fast parser declines the text; the tests run both
    on every example, fixture and fuzz input and require the same AST and diagnostics.
    """
    from racompiler.syntax.builder import build_module
    from racompiler.syntax.parser import parse_tree

    tree = parse_tree(source, sink)
    return None if tree is None else build_module(source, tree, sink)

