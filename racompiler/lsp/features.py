"""Hover, go-to-definition, completion and formatting answers, as plain functions of the text,
the position and the document's :class:`~racompiler.lsp.symbols.SymbolIndex`.

What the cursor names (see :func:`symbol_at`):

- a block header's label: the block's own declaration (``component nova {``, ``role aio {``, a
  ``role`` or ``attribute`` inside a component), or the component that ``configure``, ``optional``
  and ``connect`` blocks name;
- a key inside ``configure X { key = ... }``: the attribute of X; inside ``connect X { i = p }``, the
  interface ``i``, and its value the providing component ``p``;
- a value: ``component.role`` (in ``runs``, ``after``, ``conflicts`` or anywhere the first part is a
  component), a component (the first part), ``roles.NAME`` (a node role), the hardware profile of
  ``hardware = ...``, the networks of ``networks = [...]``, an interface in ``provides``,
  ``requires`` and ``extends``, otherwise a parameter (parameters may be used in any value);
- the module of an ``import`` or ``extends`` line.
"""

from __future__ import annotations

from typing import Callable, Mapping, Sequence

from lsprotocol import types as lsp

from racompiler.diagnostics import DiagnosticSink, Span
from racompiler.lsp.context import Cursor, read_cursor
from racompiler.lsp.convert import display_to_path, document_end, path_to_uri, span_range, to_client
from racompiler.lsp.symbols import Symbol, SymbolIndex

_HEADER_KINDS = {"component": "component", "parameter": "parameter", "network": "network", "hardware": "hardware",
                 "role": "node role", "interface": "interface", "output": "output", "configure": "component",
                 "optional": "component", "connect": "component"}
_RUN_KEYS = ("runs", "after", "conflicts")
_INTERFACE_KEYS = ("provides", "requires", "extends")


def symbol_at(cur: Cursor, index: SymbolIndex) -> Symbol | None:
    """The symbol the cursor is on (see the module docstring), or None."""
    if not cur.word:
        return None
    parts = cur.word.split(".")
    first = parts[0]
    if cur.module is not None:  # an import line: only its module name means something
        return index.named("module", cur.module) if cur.word == cur.module else None
    if cur.header:
        outer = cur.block
        if outer is not None and outer.kind == "component" and outer.labels:  # a role or an attribute in it
            if cur.header_kind == "role":
                return index.component_role(outer.labels[0], cur.word)
            if cur.header_kind == "attribute":
                return index.attribute(outer.labels[0], cur.word)
        kind = _HEADER_KINDS.get(cur.header_kind or "")
        return index.named(kind, cur.word) if kind else None
    if cur.at_key:
        block = cur.block
        if block is not None and block.kind == "configure" and block.labels:
            return index.attribute(block.labels[0], first)
        if block is not None and block.kind == "connect":  # connect nova { image = glance }
            return index.named("interface", first)
        return None
    if cur.block is not None and cur.block.kind == "connect" and len(parts) == 1:
        return index.component(first)
    if len(parts) > 1 or cur.key in _RUN_KEYS:
        if first == "roles" and len(parts) > 1:
            return index.named("node role", parts[1]) if cur.part == 1 else None
        if first in index.components:
            if cur.part == 0:
                return index.component(first)
            if cur.part == 1:
                return index.component_role(first, parts[1]) or index.attribute(first, parts[1])
            return None
    if len(parts) > 1:
        return None
    if cur.key == "hardware":
        return index.named("hardware", first)
    if cur.key == "networks":
        return index.named("network", first)
    if cur.key in _INTERFACE_KEYS:
        return index.named("interface", first)
    return index.named("parameter", first) or index.named("interface", first)


def _word_range(text_lines: Sequence[str], line: int, cur: Cursor, column: int, encoding: str) -> lsp.Range:
    src = text_lines[line] if 0 <= line < len(text_lines) else ""
    start = column - len(cur.prefix)
    end = start + len(cur.word)
    if src[start:end] != cur.word:  # the cursor sat just after the word: find it on the line
        start = max(0, src.rfind(cur.word, 0, column + 1))
        end = start + len(cur.word)
    return lsp.Range(to_client(text_lines, line, start, encoding), to_client(text_lines, line, end, encoding))


def hover(text: str, line: int, column: int, index: SymbolIndex, encoding: str) -> lsp.Hover | None:
    """The catalog's (or the file's) documentation of what the cursor is on."""
    cur = read_cursor(text, line, column)
    sym = symbol_at(cur, index)
    if sym is None:
        return None
    lines = text.split("\n")
    return lsp.Hover(lsp.MarkupContent(lsp.MarkupKind.Markdown, sym.doc),
                     _word_range(lines, line, cur, column, encoding))


def definition(text: str, line: int, column: int, index: SymbolIndex, locate: Callable[[Span], lsp.Location]
               ) -> lsp.Location | None:
    """Where what the cursor is on is declared (``locate`` turns a span into a location)."""
    sym = symbol_at(read_cursor(text, line, column), index)
    return None if sym is None else locate(sym.span)


def locator(root: str, uri: str, text: str, sources: Mapping[str, str], encoding: str
            ) -> Callable[[Span], lsp.Location]:
    """A function from spans to locations: in the document for its own name ``root``, else in the
    file the span names (its text from ``sources``, or read from disk for positions)."""

    def locate(span: Span) -> lsp.Location:
        if span.file == root:
            return lsp.Location(uri, span_range(span, text.split("\n"), encoding))
        file_text = sources.get(span.file)
        if file_text is None:
            try:
                with open(display_to_path(span.file), encoding="utf-8", errors="replace") as fh:
                    file_text = fh.read()
            except OSError:
                file_text = ""
        return lsp.Location(path_to_uri(display_to_path(span.file)), span_range(span, file_text.split("\n"), encoding))

    return locate


def _item(sym: Symbol, label: str, kind: lsp.CompletionItemKind) -> lsp.CompletionItem:
    return lsp.CompletionItem(label, kind=kind, detail=sym.detail or sym.kind,
                              documentation=lsp.MarkupContent(lsp.MarkupKind.Markdown, sym.doc))


def completion(text: str, line: int, column: int, index: SymbolIndex) -> list[lsp.CompletionItem]:
    """Component roles in ``runs = [...]`` (a component's own after ``component.``), attributes
    inside ``configure X { }``, components after ``configure``/``optional``/``connect``, hardware
    profiles, networks and parameters where those keys take them."""
    cur = read_cursor(text, line, column)
    if cur.module is not None:
        return []
    parts = cur.prefix.split(".")
    if cur.key in _RUN_KEYS or (len(parts) > 1 and parts[0] in index.components):
        if len(parts) > 1:
            return [_item(s, s.name.split(".", 1)[1], lsp.CompletionItemKind.EnumMember)
                    for s in index.role_symbols(parts[0])]
        return [_item(s, s.name, lsp.CompletionItemKind.EnumMember)
                for c in sorted(index.components) for s in index.role_symbols(c)]
    if cur.at_key:
        block = cur.block
        if block is not None and block.kind == "configure" and block.labels:
            return [_item(s, s.name.split(".", 1)[1], lsp.CompletionItemKind.Property)
                    for s in index.attribute_symbols(block.labels[0])]
        return []
    if cur.header and cur.header_kind in ("configure", "optional", "connect"):
        return [_item(s, s.name, lsp.CompletionItemKind.Module)
                for c in sorted(index.components) if (s := index.component(c))]
    # Values: what the key takes; parameters anywhere else a value is written.
    kind, names = {"hardware": ("hardware", list(index.hardware)), "networks": ("network", list(index.networks))}.get(
        cur.key or "", ("parameter", list(index.parameters) if cur.key else []))
    return [_item(s, s.name, lsp.CompletionItemKind.Variable) for n in sorted(names) if (s := index.named(kind, n))]


def formatting(text: str, display: str, encoding: str) -> list[lsp.TextEdit]:
    """The edit ``racompiler fmt`` would make: the whole document replaced by its canonical layout;
    no edit when it is already formatted or cannot be formatted (its diagnostics say why)."""
    from racompiler.fmt import format_source
    from racompiler.syntax.source import text_source

    if text_source(text, display, DiagnosticSink()) is None:  # too big, binary, not UTF-8
        return []
    result = format_source(text, display)
    if not result.changed or result.text is None:
        return []
    return [lsp.TextEdit(lsp.Range(lsp.Position(0, 0), document_end(text, encoding)), result.text)]


__all__ = ["completion", "definition", "formatting", "hover", "locator", "symbol_at"]
