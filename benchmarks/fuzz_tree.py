"""A tiny RA syntax tree for the fuzzer: blocks of ``key op value`` lines, rendered to text.

The generator builds valid RAs as these trees (so a tree-level mutation can drop a block, swap two
values or retarget a reference and still produce well-formed text), then renders them. Values are
kept as the RA text they render to: the tree knows the language's shape, not its meaning.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field


@dataclass
class Attr:
    """One ``key op value`` line."""

    key: str
    value: str
    op: str = "="


@dataclass
class Block:
    """``kind labels { attrs children }``; ``kind`` may be two words (``modify role``)."""

    kind: str
    labels: list[str] = field(default_factory=list)
    attrs: list[Attr] = field(default_factory=list)
    children: list["Block"] = field(default_factory=list)
    comment: str = ""

    def render(self, out: list[str], indent: str = "", one_line: bool = False) -> None:
        """Append this block's lines to ``out`` (``one_line``: the whole block on one line)."""
        if self.comment:
            out.append(f"{indent}# {self.comment}")
        head = " ".join([self.kind, *self.labels])
        if one_line and not self.children:
            inner = " ".join(f"{a.key} {a.op} {a.value}" for a in self.attrs)
            out.append(f"{indent}{head} {{ {inner} }}" if inner else f"{indent}{head} {{}}")
            return
        out.append(f"{indent}{head} {{")
        for a in self.attrs:
            out.append(f"{indent}  {a.key} {a.op} {a.value}")
        for c in self.children:
            c.render(out, indent + "  ")
        out.append(f"{indent}}}")


@dataclass
class RaFile:
    """A file: ``import``/``extends`` lines, then blocks."""

    headers: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)

    def render(self, rng: random.Random | None = None) -> str:
        """The file's text; with ``rng``, some blocks are written on one line (both are valid)."""
        out = list(self.headers)
        for b in self.blocks:
            if out:
                out.append("")
            b.render(out, one_line=bool(rng and rng.random() < 0.15))
        return "\n".join(out) + "\n"


def q(text: str) -> str:
    """``text`` as an RA string literal (JSON escapes are the language's escapes)."""
    return json.dumps(text, ensure_ascii=False)


def ra_list(items: list[str], rng: random.Random | None = None) -> str:
    """``[a, b]``, sometimes with a trailing comma or over several lines."""
    if rng is not None and items and rng.random() < 0.2:
        return "[\n    " + ",\n    ".join(items) + ",\n  ]"
    return "[" + ", ".join(items) + "]"


def walk(blocks: list[Block]):
    """Every block of ``blocks``, depth first, with the list that holds it."""
    for b in blocks:
        yield b, blocks
        yield from walk(b.children)


@dataclass
class Case:
    """One fuzz input: the files of a small project folder, which one to compile, an inventory.

    ``kind`` names the generator (and mutation) that made it, for the report and reproducers.
    """

    kind: str
    files: dict[str, str | bytes]
    root: str = "main.ra"
    inventory: str | None = None  # a relative path in ``files``
    include: tuple[str, ...] = ()  # -I folders, relative to the case folder
    fifos: tuple[str, ...] = ()  # named pipes to create (relative paths): nobody ever writes to them
