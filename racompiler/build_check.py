"""``build --check``: compare an existing output folder with what a build would write.

Only the folders of the targets being built are compared (a build replaces exactly those and
keeps the others); racompiler's own bookkeeping file (:data:`racompiler.build.MARKER`) is not
part of the comparison. Nothing is written.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from racompiler.build import MARKER
from racompiler.targets import Artifact


@dataclass
class OutputDiff:
    """Files a build would add, remove or change (``changed`` holds each file's unified diff)."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[tuple[str, str]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def text(self) -> str:
        """The unified diffs, then ``added:``/``removed:`` lines; empty when equal."""
        out = [diff for _path, diff in self.changed]
        out += [f"added: {p}\n" for p in self.added]
        out += [f"removed: {p}\n" for p in self.removed]
        return "".join(out)

    def summary(self, output: str) -> str:
        if not self:
            return f"{output} is up to date"
        return (f"{output} is out of date: {len(self.changed)} changed, {len(self.added)} added, "
                f"{len(self.removed)} removed file(s)")


def _existing(root: Path, unit: str) -> dict[str, Path]:
    """Every file under ``root/unit`` (or ``root/unit`` itself when a file), by its relpath."""
    top = root / unit
    if top.is_file() or top.is_symlink():
        return {unit: top}
    found: dict[str, Path] = {}
    for folder, dirs, files in os.walk(top):  # symlinks are not followed: they are files here
        dirs.sort()
        for name in files + [d for d in dirs if (Path(folder) / d).is_symlink()]:
            path = Path(folder) / name
            rel = path.relative_to(root).as_posix()
            if rel != f"{unit}/{MARKER}":
                found[rel] = path
    return found


def _read(path: Path) -> str | None:
    """The file's text, or None when it is not a readable UTF-8 regular file."""
    if path.is_symlink() or not path.is_file():
        return None
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def compare_output(artifacts: Sequence[Artifact], output: str) -> OutputDiff:
    """What writing ``artifacts`` into ``output`` would change, per file, in a stable order."""
    root = Path(output)
    wanted = {a.relpath: a.text for a in artifacts}
    units = sorted({a.relpath.split("/", 1)[0] for a in artifacts})
    existing: dict[str, Path] = {}
    for unit in units:
        existing.update(_existing(root, unit))
    diff = OutputDiff()
    for rel in sorted(set(wanted) | set(existing)):
        if rel not in existing:
            diff.added.append(rel)
        elif rel not in wanted:
            diff.removed.append(rel)
        else:
            old = _read(existing[rel])
            new = wanted[rel]
            if old == new:
                continue
            if old is None:
                text = f"--- a/{rel}\n+++ b/{rel}\n(not a readable UTF-8 file: replaced whole)\n"
            else:
                text = "".join(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                                    f"a/{rel}", f"b/{rel}"))
                if not text.endswith("\n"):  # a file without a final newline
                    text += "\n\\ No newline at end of file\n"
            diff.changed.append((rel, text))
    return diff
