"""The canonical layout of an RA file (described for users in docs/fmt.md).

The layout is computed from the AST (which holds every value and, through its spans, where each
token was written) plus the comments, which the grammar ignores and :mod:`.comments` finds.
Literal tokens (strings, numbers) are copied from the source byte for byte, so formatting can
never change a value; everything between tokens is decided here:

- two spaces per nesting level; one statement per line; ``key = value`` with single spaces;
- a block with a body opens on its header line and closes on a line of its own; an empty block
  is ``{}`` on the header line;
- a list, map or call stays on one line when it fits in :data:`WIDTH` columns and was not
  written with a trailing comma (the "magic trailing comma", as in black and ruff) and holds no
  comment; otherwise it is exploded, one item per line, each followed by a comma;
- blank lines are kept (at most one in a row), never right after ``{``/``[`` or before the
  closer; at the top level a blank line separates a block written over several lines from its
  neighbours, and the import/extends lines from what follows;
- a comment on its own line stays on its own line above what follows it; a comment after code
  stays after the same code, two spaces away; a comment inside a construct that is printed on
  one line (a block header, between a key and its value) moves to its own line above it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Callable

from racompiler.fmt.comments import Comments
from racompiler.syntax import ast
from racompiler.syntax.source import blank_strings_and_comments

WIDTH = 100
INDENT = "  "


class LayoutError(Exception):
    """A formatter bug (a comment it could not place): the caller reports it, writes nothing."""


@dataclass(slots=True)
class Line:
    """One output line: code (with an optional trailing comment) or a comment of its own."""

    indent: int
    text: str
    comment: str | None = None
    own_comment: bool = False
    blank: bool = False

    def render(self) -> str:
        if self.blank:
            return ""
        lead = INDENT * self.indent
        return lead + self.text + (f"  {self.comment}" if self.comment else "")


@dataclass(slots=True)
class _Unit:
    """A statement, list item or map entry: its source range and how to print it at an indent."""

    start: int
    end: int
    render: Callable[[int], list[Line]]
    decl: bool = False  # import/extends: kept together, set apart from the blocks
    lines: list[Line] = field(default_factory=list)


def _code_lines(lines: list[Line]) -> int:
    return sum(1 + line.text.count("\n") for line in lines if not line.own_comment and not line.blank)


class Layout:
    """Prints one parsed module in the canonical layout."""

    def __init__(self, text: str, module: ast.Module) -> None:
        self.text = text
        self.module = module
        # Strings and comments blanked: punctuation ({ ( , ) found here is real punctuation.
        self.code = blank_strings_and_comments(text)
        self.comments = Comments(text)
        self._line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    # --- positions ---------------------------------------------------------------------------

    def _offset(self, line: int, column: int) -> int:
        return self._line_starts[line - 1] + column - 1

    def _start(self, span) -> int:
        return self._offset(span.line, span.column)

    def _end(self, span) -> int:
        return self._offset(span.end_line, span.end_column)

    def _line_of(self, offset: int) -> int:
        return bisect.bisect_right(self._line_starts, offset)

    def _raw(self, span) -> str:
        return self.text[self._start(span):self._end(span)]

    # --- entry point -------------------------------------------------------------------------

    def render(self) -> str:
        """The formatted text: LF line ends, one final newline (empty for an empty module)."""
        units = [self._statement_unit(item) for item in self.module.items]
        opener_comment, lines = self._sequence(units, 0, len(self.text), 0, "", top=True)
        if opener_comment is not None:  # cannot happen: nothing precedes the first comment
            lines.insert(0, Line(0, opener_comment, own_comment=True))
        left = self.comments.unplaced()
        if left:
            raise LayoutError(f"comment at line {left[0].line} could not be placed")
        while lines and lines[-1].blank:
            lines.pop()
        return "".join(line.render() + "\n" for line in lines)

    # --- sequences: bodies, list items, map entries -------------------------------------------

    def _sequence(self, units: list[_Unit], open_end: int, close_start: int, indent: int, sep: str,
                  top: bool) -> tuple[str | None, list[Line]]:
        """Print ``units`` found between an opener ending at ``open_end`` and a closer starting at
        ``close_start``, with the comments between them. Returns the comment that belongs on the
        opener's line (if any) and the lines."""
        out: list[Line] = []
        opener_comment: str | None = None
        prev: _Unit | None = None
        prev_line = self._line_of(max(open_end - 1, 0))
        prev_end = open_end

        def blank() -> None:
            if out and not out[-1].blank:
                out.append(Line(0, "", blank=True))

        for unit in [*units, None]:
            gap = self.comments.between(prev_end, unit.start if unit else close_start)
            if unit is not None:
                unit.lines = unit.render(indent)
            if gap and not gap[0].own_line and (prev is None or prev.lines[-1].comment is None):
                # Code precedes it on its line: it stays after that code (the opener or the
                # previous unit), whatever separator sits between them.
                if prev is None:
                    opener_comment = self.comments.take(gap[0])
                else:
                    last = prev.lines[-1]
                    last.comment = self.comments.take(gap[0])
                prev_line = gap[0].line
                gap = gap[1:]
            forced = top and prev is not None and unit is not None and (
                _code_lines(prev.lines) > 1 or _code_lines(unit.lines) > 1 or prev.decl != unit.decl)
            if forced:
                blank()
            for c in gap:
                if c.line - prev_line >= 2:
                    blank()
                out.append(Line(indent, self.comments.take(c), own_comment=True))
                prev_line = c.line
            if unit is None:
                break
            if self._line_of(unit.start) - prev_line >= 2:
                blank()
            if sep:
                unit.lines[-1].text += sep
            out.extend(unit.lines)
            prev, prev_end = unit, unit.end
            prev_line = self._line_of(unit.end - 1)
        return opener_comment, out

    def _hoisting(self, start: int, end: int, render: Callable[[int], list[Line]]) -> Callable[[int], list[Line]]:
        """``render``, preceded by the comments inside ``[start, end)`` it did not place
        (comments where the layout has no room for one), each on a line of its own."""

        def wrapped(indent: int) -> list[Line]:
            lines = render(indent)
            stray = [Line(indent, self.comments.take(c), own_comment=True)
                     for c in self.comments.between(start, end)]
            return stray + lines

        return wrapped

    # --- statements --------------------------------------------------------------------------

    def _statement_unit(self, item: ast.Item) -> _Unit:
        start, end = self._start(item.span), self._end(item.span)
        decl = isinstance(item, (ast.ImportDecl, ast.ExtendsDecl))
        return _Unit(start, end, self._hoisting(start, end, lambda indent: self._statement(item, indent)), decl)

    def _statement(self, item: ast.Item, indent: int) -> list[Line]:
        if isinstance(item, ast.ImportDecl):
            return [Line(indent, f"import {item.module}")]
        if isinstance(item, ast.ExtendsDecl):
            target = self._raw(item.module_span) if item.is_path else item.module
            return [Line(indent, f"extends {target}")]
        if isinstance(item, ast.Attribute):
            prefix = f"{item.name} {item.op} "
            lines = self._expr(item.value, indent, len(INDENT) * indent + len(prefix))
            lines[0].text = prefix + lines[0].text
            return lines
        return self._block(item, indent)

    def _block(self, block: ast.Block, indent: int) -> list[Line]:
        words = [block.kind] + [self._raw(lb.span) if lb.quoted else lb.value for lb in block.labels]
        header = " ".join(words)
        after_header = self._end(block.labels[-1].span if block.labels else block.kind_span)
        open_at = self.code.index("{", after_header)
        close_at = self._end(block.span) - 1
        if not block.body and not self.comments.any_between(open_at, close_at):
            return [Line(indent, header + " {}")]
        units = [self._statement_unit(item) for item in block.body]
        opener_comment, body = self._sequence(units, open_at + 1, close_at, indent + 1, "", top=False)
        return [Line(indent, header + " {", opener_comment), *body, Line(indent, "}")]

    # --- expressions -------------------------------------------------------------------------

    def _expr(self, e: ast.Expr, indent: int, column: int) -> list[Line]:
        """Lines for ``e`` starting at ``column`` of a line indented ``indent`` levels; the first
        line's text continues what the caller has already put on that line."""
        flat = self._flat(e)
        if flat is not None and (not isinstance(e, (ast.ListExpr, ast.MapExpr, ast.Call))
                                 or ("\n" not in flat and column + len(flat) <= WIDTH)):
            return [Line(indent, flat)]
        return self._explode(e, indent)

    def _brackets(self, e: ast.ListExpr | ast.MapExpr | ast.Call) -> tuple[int, int, list]:
        """Offsets of the opening and closing bracket of ``e``, and its items."""
        start, end = self._start(e.span), self._end(e.span)
        if isinstance(e, ast.Call):
            return self.code.index("(", start), end - 1, list(e.args)
        if isinstance(e, ast.MapExpr):
            return start, end - 1, list(e.entries)
        return start, end - 1, list(e.items)

    def _item_end(self, item) -> int:
        return self._end(item.value.span if isinstance(item, ast.MapEntry) else item.span)

    def _must_explode(self, e: ast.ListExpr | ast.MapExpr | ast.Call) -> bool:
        """A comment inside, or a trailing comma after the last item, keeps ``e`` exploded."""
        open_at, close_at, items = self._brackets(e)
        if self.comments.any_between(open_at, close_at):
            return True
        return bool(items) and self.code[self._item_end(items[-1]):close_at].strip() == ","

    def _flat(self, e: ast.Expr) -> str | None:
        """``e`` on one line, or None when it must be exploded."""
        if isinstance(e, (ast.ListExpr, ast.MapExpr, ast.Call)):
            if self._must_explode(e):
                return None
            _open, _close, items = self._brackets(e)
            parts = [self._flat_entry(i) if isinstance(i, ast.MapEntry) else self._flat(i) for i in items]
            if any(p is None for p in parts):
                return None
            inner = ", ".join(p for p in parts if p is not None)
            if isinstance(e, ast.ListExpr):
                return f"[{inner}]"
            if isinstance(e, ast.MapExpr):
                return f"{{ {inner} }}" if inner else "{}"
            return f"{e.name}({inner})"
        if isinstance(e, ast.Ref):
            return e.dotted
        if isinstance(e, ast.RangeExpr):
            return f"{self._raw(e.low.span)}..{self._raw(e.high.span)}"
        if isinstance(e, ast.Size):
            raw = self._raw(e.span)
            return f"{raw[:len(raw) - len(e.unit)].rstrip()} {e.unit}"
        if isinstance(e, ast.Bool):
            return "true" if e.value else "false"
        if isinstance(e, ast.Null):
            return "null"
        return self._raw(e.span)  # String, Number: exactly as written

    def _flat_entry(self, entry: ast.MapEntry) -> str | None:
        value = self._flat(entry.value)
        return None if value is None else f"{self._raw(entry.key_span)} = {value}"

    def _explode(self, e: ast.Expr, indent: int) -> list[Line]:
        """``e`` (a list, map or call) one item per line, each followed by a comma."""
        assert isinstance(e, (ast.ListExpr, ast.MapExpr, ast.Call))
        open_at, close_at, items = self._brackets(e)
        if isinstance(e, ast.Call):
            opener, closer = f"{e.name}(", ")"
        elif isinstance(e, ast.MapExpr):
            opener, closer = "{", "}"
        else:
            opener, closer = "[", "]"
        units = [self._item_unit(i) for i in items]
        opener_comment, body = self._sequence(units, open_at + 1, close_at, indent + 1, ",", top=False)
        return [Line(indent, opener, opener_comment), *body, Line(indent, closer)]

    def _item_unit(self, item) -> _Unit:
        if isinstance(item, ast.MapEntry):
            start, end = self._start(item.key_span), self._end(item.value.span)
            prefix = f"{self._raw(item.key_span)} = "
        else:
            start, end = self._start(item.span), self._end(item.span)
            prefix = ""

        value = item.value if isinstance(item, ast.MapEntry) else item

        def render(indent: int) -> list[Line]:
            # +1: the comma that follows every item of an exploded list
            lines = self._expr(value, indent, len(INDENT) * indent + len(prefix) + 1)
            lines[0].text = prefix + lines[0].text
            return lines

        return _Unit(start, end, self._hoisting(start, end, render))
