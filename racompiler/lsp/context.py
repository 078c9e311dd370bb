"""What the cursor is on, read from the text around it.

A parser-free reading on purpose: completion is asked for in the middle of typing (``runs = [nova.``),
when the buffer does not parse. Strings and comments are blanked first (with the lexer's own
pattern, :func:`~racompiler.syntax.source.blank_strings_and_comments`), then the brackets before
the cursor tell which blocks enclose it and which ``key = [ ... ]`` value it is inside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from racompiler.records import record
from racompiler.syntax.source import blank_strings_and_comments

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_KEY_BEFORE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*[+-]?=\s*(?:[A-Za-z_][A-Za-z0-9_]*\s*)?$")
_IMPORT = re.compile(r"^\s*(import|extends)\s+([A-Za-z_][A-Za-z0-9_.]*)")
_OPEN, _CLOSE = "{[(", "}])"
# An overlay's ``modify role web {`` and ``remove network x {`` name the kind after the keyword.
_OVERLAY = ("modify", "remove")


def _header_words(head: str) -> list[str]:
    """The kind and labels a block header writes, an overlay keyword left out."""
    words = _IDENT.findall(head)
    return words[1:] if len(words) > 1 and words[0] in _OVERLAY else words


@record
class Block:
    """An enclosing ``kind label... {`` block."""

    kind: str
    labels: tuple[str, ...]


@dataclass
class Cursor:
    """The reading of one position (``line``/``column`` 0-based, in characters)."""

    word: str = ""  # the dotted name the cursor is on or just after ("nova.compute"), "" if none
    part: int = 0  # which dotted part of ``word`` the cursor is on
    prefix: str = ""  # ``word`` up to the cursor, for completion ("nova." while typing)
    blocks: list[Block] = field(default_factory=list)  # enclosing blocks, outermost first
    key: str | None = None  # the ``key = ...`` whose value the cursor is in
    at_key: bool = False  # the word is (or would be) the key of a ``key = value`` line
    header: bool = False  # the word is a label of a block header (``configure nova {``)
    header_kind: str | None = None
    module: str | None = None  # the module of an ``import``/``extends`` line the cursor is on

    @property
    def block(self) -> Block | None:
        return self.blocks[-1] if self.blocks else None


def _segment_start(text: str, end: int) -> int:
    """Where the statement that ends at ``end`` starts on its line (after a bracket or newline)."""
    i = end
    while i > 0 and text[i - 1] not in "\n{}[]();":
        i -= 1
    return i


def read_cursor(text: str, line: int, column: int) -> Cursor:
    """The :class:`Cursor` at 0-based ``line`` and character ``column`` of ``text``."""
    lines = text.split("\n")
    if not 0 <= line < len(lines):
        return Cursor()
    src = lines[line]
    column = min(max(column, 0), len(src))
    offset = sum(len(x) + 1 for x in lines[:line]) + column
    blank = blank_strings_and_comments(text[:offset] + text[offset:].split("\n", 1)[0])
    cur = Cursor()
    m = _IMPORT.match(src)
    if m:
        cur.module = m.group(2)
    # The word under the cursor (in the line as written, blanked: no name inside a string).
    bline = blank.split("\n")[line] if line < blank.count("\n") + 1 else src
    for w in _WORD.finditer(bline):
        if w.start() <= column <= w.end():
            cur.word = w.group()
            cur.prefix = w.group()[: column - w.start()]
            cur.part = cur.prefix.count(".")
            break
    else:
        tail = re.search(r"[A-Za-z0-9_.]*$", bline[:column])
        cur.prefix = tail.group() if tail else ""
        cur.word = cur.prefix
        cur.part = cur.prefix.count(".")
    # Enclosing brackets, each with the text that precedes it in its statement.
    stack: list[tuple[str, str]] = []
    for i, ch in enumerate(blank[:offset]):
        if ch in _OPEN:
            stack.append((ch, blank[_segment_start(blank, i):i]))
        elif ch in _CLOSE and stack:
            stack.pop()
    for ch, head in stack:
        if ch == "{" and "=" not in head:
            words = _header_words(head)
            if words:
                cur.blocks.append(Block(words[0], tuple(words[1:])))
    word_start = column - len(cur.prefix)
    statement = blank[_segment_start(blank, offset - len(cur.prefix)):offset - len(cur.prefix)]
    rest = bline[word_start + len(cur.word):]
    if stack and stack[-1][0] in "[(":
        km = _KEY_BEFORE.search(stack[-1][1])
        cur.key = km.group(1) if km else None
    else:
        km = _KEY_BEFORE.search(statement)
        if km:
            cur.key = km.group(1)
        elif not statement.strip():
            cur.at_key = True
        elif re.fullmatch(r"\s*[A-Za-z_][A-Za-z0-9_]*(\s+[A-Za-z_][A-Za-z0-9_]*)*\s*", statement) and \
                re.match(r"[\sA-Za-z0-9_]*(\{|$)", rest):  # the brace may not be typed yet
            cur.header = True
            cur.header_kind = next(iter(_header_words(statement)), None)
        if cur.at_key and re.match(r"\s*\{", rest) is not None:  # `component nova {`: a header label...
            cur.at_key = False
            cur.header = True
            cur.header_kind = None  # ...the kind itself
    return cur


__all__ = ["Block", "Cursor", "read_cursor"]
