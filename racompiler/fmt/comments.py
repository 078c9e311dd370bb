"""The comments of an RA file, which the grammar ignores and the formatter must keep.

The grammar drops comments (``%ignore COMMENT``), so the AST never sees them. They are found
here by one left-to-right scan that skips strings exactly as the lexer does (a ``#`` inside
``"a # b"`` is no comment), and placed back by the layout using their offsets.
"""

from __future__ import annotations

from racompiler.records import record

import bisect
import re

# Same alternatives, in the same order, as the lexer's LONG_STRING, STRING and COMMENT terminals.
_TOKENS = re.compile(r'"""(?:.|\n)*?"""|"(?:[^"\\\n]|\\.)*"|#[^\n]*|//[^\n]*')


@record
class Comment:
    """One comment: where it is (0-based offsets, 1-based line) and its text, trailing space cut."""

    start: int
    end: int
    line: int
    text: str
    own_line: bool  # nothing but white space before it on its line


class Comments:
    """Every comment of a text, ordered by offset, with a record of which were placed."""

    def __init__(self, text: str) -> None:
        self.items: list[Comment] = []
        for m in _TOKENS.finditer(text):
            if m.group().startswith('"'):
                continue
            bol = text.rfind("\n", 0, m.start()) + 1
            self.items.append(Comment(m.start(), m.end(), text.count("\n", 0, m.start()) + 1,
                                      m.group().rstrip(), not text[bol:m.start()].strip()))
        self._starts = [c.start for c in self.items]
        self.placed: set[int] = set()

    def between(self, start: int, end: int) -> list[Comment]:
        """Comments starting in ``[start, end)`` that have not been placed yet."""
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        return [c for c in self.items[lo:hi] if c.start not in self.placed]

    def any_between(self, start: int, end: int) -> bool:
        """Whether any comment (placed or not) starts in ``[start, end)``."""
        lo = bisect.bisect_left(self._starts, start)
        return lo < len(self._starts) and self._starts[lo] < end

    def take(self, comment: Comment) -> str:
        """Mark ``comment`` placed and return its text."""
        self.placed.add(comment.start)
        return comment.text

    def unplaced(self) -> list[Comment]:
        return [c for c in self.items if c.start not in self.placed]


def comment_texts(text: str) -> list[str]:
    """The text of every comment in ``text``, in order (what the formatter must keep)."""
    return [c.text for c in Comments(text).items]
