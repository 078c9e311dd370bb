"""The happy path of the parser: text to AST in one pass, without Lark.

One compiled pattern tokenizes (in Lark's terminal order, keywords retyped by parser state as
Lark's contextual lexer does), the grammar's own LALR tables drive the parse, and each reduction
builds its AST node at once, its span taken from the first and last tokens it covers (what Lark's
``propagate_positions`` computes). Building during the parse halves its cost and never makes the
million short-lived tree objects that the Lark path does.

Anything unexpected (a character no terminal matches, a token the state does not accept) is not
diagnosed here: :func:`parse_module` returns :data:`FAILED` and the caller parses again with Lark,
whose error reporting and recovery stay the only source of syntax diagnostics. So a file that
parses here parses the same with Lark (the tests compare ASTs and diagnostics on every example,
fixture and a fuzz corpus), and a file that does not gets byte-identical diagnostics.
"""

from __future__ import annotations

import re
from itertools import chain
from typing import Any

from racompiler.diagnostics import DiagnosticSink, Span
from racompiler.syntax import ast
from racompiler.syntax.builder import _number, _unquote
from racompiler.syntax.lalr import BUILD, EXPAND1, INLINE, Rule, Tables, load_tables
from racompiler.syntax.source import Source

# A string literal json.loads returns unchanged but for its quotes (it rejects raw control characters).
_PLAIN_STRING = re.compile(r'"[^"\\\x00-\x1f]*"')

#: Returned by :func:`parse_module` when the text needs Lark (a syntax error, or tables missing).
FAILED: Any = object()


class _Reject(Exception):
    """The fast path cannot parse this text; Lark must."""


class _Builder:
    """AST constructors named after the grammar rules, as :func:`builder.build_module`'s are.

    Token children are indexes into the token arrays (texts and positions), so a token costs no
    object until a node needs its text or span. ``first``/``last`` are the indexes of the first
    and last tokens a rule covers (-1 for an empty rule).
    """

    __slots__ = ("path", "sink", "text", "line", "col", "eline", "ecol")

    def __init__(self, path: str, sink: DiagnosticSink) -> None:
        self.path = path
        self.sink = sink
        self.text: list[str] = []
        self.line: list[int] = []
        self.col: list[int] = []
        self.eline: list[int] = []
        self.ecol: list[int] = []

    def span(self, first: int, last: int) -> Span:
        if first < 0:
            return Span.point(self.path)
        return Span(self.path, self.line[first], self.col[first], self.eline[last], self.ecol[last])

    def tspan(self, i: int) -> Span:
        return Span(self.path, self.line[i], self.col[i], self.eline[i], self.ecol[i])

    def start(self, c: list, first: int, last: int) -> ast.Module:
        return ast.Module(self.path, tuple(c), self.span(first, last))

    def module_name(self, c: list, first: int, last: int) -> tuple[str, Span]:
        text = self.text
        return ".".join([text[p] for p in c]), self.span(first, last)

    def import_decl(self, c: list, first: int, last: int) -> ast.ImportDecl:
        name, name_span = c[0]
        return ast.ImportDecl(name, self.span(first, last), name_span)

    def extends_decl(self, c: list, first: int, last: int) -> ast.ExtendsDecl:
        (target,) = c
        if isinstance(target, ast.String):  # a path, relative to the overlay file
            return ast.ExtendsDecl(target.value, self.span(first, last), target.span, is_path=True)
        name, name_span = target
        return ast.ExtendsDecl(name, self.span(first, last), name_span)

    def label(self, c: list, first: int, last: int) -> ast.Label:
        (child,) = c
        if isinstance(child, ast.String):
            return ast.Label(child.value, True, child.span)
        return ast.Label(self.text[child], False, self.tspan(child))

    def block(self, c: list, first: int, last: int) -> ast.Block:
        kind = c[0]
        labels = tuple([x for x in c[1:] if type(x) is ast.Label])
        body = tuple([x for x in c[1:] if type(x) is not ast.Label])
        return ast.Block(self.text[kind], self.tspan(kind), labels, body, self.span(first, last))

    def attribute(self, c: list, first: int, last: int) -> ast.Attribute:
        name, op, value = c
        return ast.Attribute(self.text[name], self.tspan(name), self.text[op], value, self.span(first, last))

    def string(self, c: list, first: int, last: int) -> ast.String:
        (tok,) = c
        text = self.text[tok]
        if text.startswith('"""'):
            value = text[3:-3]
        elif _PLAIN_STRING.fullmatch(text):
            value = text[1:-1]  # no escape, no control character: what json.loads returns
        else:
            value = _unquote(text, self.tspan(tok), self.sink)
        return ast.String(value, self.span(first, last))

    def number(self, c: list, first: int, last: int) -> ast.Number:
        (tok,) = c
        return ast.Number(_number(self.text[tok], self.tspan(tok), self.sink), self.span(first, last))

    def size(self, c: list, first: int, last: int) -> ast.Size:
        (tok,) = c
        text = self.text[tok]
        i = len(text)
        while i > 0 and text[i - 1].isalpha():
            i -= 1
        return ast.Size(_number(text[:i].strip(), self.tspan(tok), self.sink), text[i:], self.span(first, last))

    def true(self, c: list, first: int, last: int) -> ast.Bool:
        return ast.Bool(True, self.span(first, last))

    def false(self, c: list, first: int, last: int) -> ast.Bool:
        return ast.Bool(False, self.span(first, last))

    def null(self, c: list, first: int, last: int) -> ast.Null:
        return ast.Null(self.span(first, last))

    def list_expr(self, c: list, first: int, last: int) -> ast.ListExpr:
        return ast.ListExpr(tuple(c), self.span(first, last))

    def map_entry(self, c: list, first: int, last: int) -> ast.MapEntry:
        key, value = c
        if isinstance(key, ast.String):
            return ast.MapEntry(key.value, key.span, value)
        return ast.MapEntry(self.text[key], self.tspan(key), value)

    def map_expr(self, c: list, first: int, last: int) -> ast.MapExpr:
        return ast.MapExpr(tuple(c), self.span(first, last))

    def call(self, c: list, first: int, last: int) -> ast.Call:
        return ast.Call(self.text[c[0]], tuple(c[1:]), self.span(first, last))

    def ref(self, c: list, first: int, last: int) -> ast.Ref:
        text = self.text
        return ast.Ref(tuple([text[p] for p in c]), self.span(first, last))

    def range_expr(self, c: list, first: int, last: int) -> ast.RangeExpr:
        low, _dots, high = c
        return ast.RangeExpr(low, high, self.span(first, last))


def parse_module(source: Source, sink: DiagnosticSink) -> ast.Module | Any:
    """Parse ``source`` to its AST, reporting literal problems (RA107) into ``sink``.

    Returns :data:`FAILED`, having reported nothing, when the text has a syntax error or the
    tables are unavailable: the caller then runs the Lark path, which reports it.
    """
    tables = load_tables()
    if tables is None:
        return FAILED
    scratch = DiagnosticSink()  # literal diagnostics count only if the whole file parses
    try:
        module = _parse(tables, source, scratch)
    except _Reject:
        return FAILED
    sink.extend(scratch.items)
    return module


# How each reduction is carried out, cheapest first. Most reductions are unit rules (``expr ->
# string``, ``_body_item -> block``) or list growth (``__block_star_3 -> __block_star_3
# _body_item``); they get their own cases so the generic child splicing runs only for the rest.
_PASS, _WRAP, _APPEND, _GENERIC = range(4)


def _plan(rule: Rule) -> tuple[int, int, str, int, tuple[tuple[int, bool], ...], str, int]:
    """(op, length, origin, kind, include, name, k) for one rule; ``k`` is _APPEND's item index."""
    inc = rule.include
    op, k = _GENERIC, 0
    if rule.length == 1 and len(inc) == 1:
        expand = inc[0][1]
        if (rule.kind == INLINE and expand) or (rule.kind == EXPAND1 and not expand):
            op = _PASS  # the child's value, list or node, is the rule's value
        elif rule.kind == INLINE:
            op = _WRAP
    elif rule.kind == INLINE and len(inc) == 2 and inc[0] == (0, True) and not inc[1][1]:
        op, k = _APPEND, inc[1][0]
    return op, rule.length, rule.origin, rule.kind, inc, rule.name, k


def _parse(tables: Tables, source: Source, sink: DiagnosticSink) -> ast.Module:
    """The LALR loop (Lark's ``feed_token``) with the tokenizer inlined; raises :class:`_Reject`.

    Token positions are computed once, as the pattern meets them; a reduction's span is the first
    and last token it covers (an empty reduction has -1 for both).
    """
    b = _Builder(source.path, sink)
    texts, lines, cols, elines, ecols = b.text, b.line, b.col, b.eline, b.ecol
    actions = tables.actions
    plans = [_plan(r) for r in tables.rules]
    builders = {r.name: getattr(b, r.name) for r in tables.rules if r.kind == BUILD}
    ignore, newline_types, retype = tables.ignore, tables.newline_types, tables.retype
    end_state = tables.end_state
    text = source.text

    states = [tables.start_state]
    table = actions[tables.start_state]  # the top state's actions, kept at hand
    values: list[Any] = []
    firsts: list[int] = []
    lasts: list[int] = []

    pos = 0
    line = 1
    line_start = 0
    skip = tables.skip
    # scanner().match matches at the current position only, never searching ahead: finditer
    # would, after a bad character, retry from every later position, and with whitespace folded
    # into each match a long run of it before a bad character would cost its length squared.
    scanner = tables.pattern.scanner(text)  # type: ignore[attr-defined]  # undocumented, stable since 2.x
    for m in chain(iter(scanner.match, None), (None,)):
        if m is None:  # end of text: reduce with $END as the lookahead
            if pos != len(text) and not (skip is not None and skip.fullmatch(text, pos)):
                raise _Reject  # trailing characters no terminal matches
            ttype, index = "$END", -1
        else:
            ttype = m.lastgroup
            start = m.start(ttype)
            if start != pos:  # the folded whitespace before the token
                nl = text.count("\n", pos, start)
                if nl:
                    line += nl
                    line_start = text.rindex("\n", pos, start) + 1
            value = m.group(ttype)
            pos = m.end()
            if ttype in ignore:
                if ttype in newline_types:
                    nl = value.count("\n")
                    if nl:
                        line += nl
                        line_start = start + value.rindex("\n") + 1
                continue
            alternatives = retype.get(ttype)
            if alternatives is not None and value in alternatives:
                # Lark's contextual lexer: the keyword where the state accepts it, else the plain token.
                for alt in alternatives[value]:
                    if alt in table:
                        ttype = alt
                        break
            index = len(texts)
            texts.append(value)
            lines.append(line)
            cols.append(start - line_start + 1)
            if ttype in newline_types:
                nl = value.count("\n")
                if nl:
                    line += nl
                    line_start = start + value.rindex("\n") + 1
            elines.append(line)
            ecols.append(pos - line_start + 1)
        while True:
            act = table.get(ttype)
            if act is None:
                raise _Reject  # a syntax error: Lark reports it
            if act >= 0:
                if index < 0:
                    raise _Reject  # $END is never shifted
                states.append(act)
                table = actions[act]
                values.append(index)
                firsts.append(index)
                lasts.append(index)
                break
            op, n, origin, kind, include, name, k = plans[-act - 1]
            if op <= _WRAP:  # one symbol in, one out: the state changes, the value at most wraps
                if op == _WRAP:
                    values[-1] = [values[-1]]
                goto = states[-1] = actions[states[-2]][origin]
                table = actions[goto]
                if index < 0 and goto == end_state:
                    break
                continue
            if op == _APPEND:
                item = values[-n + k]
                last = lasts[-1]  # a token or a non-empty node: never -1
                del states[-n:], values[-n + 1:], firsts[-n + 1:], lasts[-n + 1:]
                values[-1].append(item)
                lasts[-1] = last
            else:
                if n:
                    vals = values[-n:]
                    fs = firsts[-n:]
                    ls = lasts[-n:]
                    del states[-n:], values[-n:], firsts[-n:], lasts[-n:]
                    first = fs[0] if fs[0] >= 0 else next((f for f in fs if f >= 0), -1)
                    last = ls[-1] if ls[-1] >= 0 else next((x for x in reversed(ls) if x >= 0), -1)
                else:
                    vals = []
                    first = last = -1
                children: list[Any] = []
                for i, expand in include:
                    if expand:
                        if children:
                            children += vals[i]
                        else:
                            children = vals[i]  # LALR values are used once: reuse the list
                    else:
                        children.append(vals[i])
                if kind == INLINE:
                    result: Any = children
                elif kind == EXPAND1 and len(children) == 1:
                    result = children[0]
                else:
                    result = builders[name](children, first, last)
                values.append(result)
                firsts.append(first)
                lasts.append(last)
            goto = actions[states[-1]][origin]
            states.append(goto)
            table = actions[goto]
            if index < 0 and goto == end_state:
                break
    if len(values) != 1 or states[-1] != end_state:
        raise _Reject
    return values[0]
