"""Helpers for the formatter tests: compile with every RA file read through the formatter, and
compare compiled results with source positions left out."""

from __future__ import annotations

import contextlib
import enum
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any, Callable, Iterator
from unittest import mock

from racompiler.api import CompileResult, compile_file
from racompiler.diagnostics import Span
from racompiler.fmt import format_source
from racompiler.syntax import load
from racompiler.syntax.source import Source

REPO = Path(__file__).resolve().parent.parent


def positionless(obj: Any) -> Any:
    """``obj`` (a Model, a Plan, diagnostics...) as plain data without spans, lines or columns."""
    if isinstance(obj, Span):
        return None
    if isinstance(obj, enum.Enum):
        return obj.value
    if is_dataclass(obj) and not isinstance(obj, type):
        return (type(obj).__name__,) + tuple(
            (f.name, positionless(getattr(obj, f.name))) for f in fields(obj) if not f.name.startswith("_"))
    if isinstance(obj, dict):
        return tuple((positionless(k), positionless(v)) for k, v in obj.items())
    if isinstance(obj, (list, tuple)):
        return tuple(positionless(x) for x in obj)
    if isinstance(obj, (set, frozenset)):
        return tuple(sorted(repr(positionless(x)) for x in obj))
    return obj


@contextlib.contextmanager
def reading_formatted(rewrite: Callable[[str, str], str] | None = None) -> Iterator[list[str]]:
    """Within the block, every RA file the compiler reads is formatted first (``rewrite(path,
    text)``, by default :func:`format_source`). Yields the paths that were rewritten."""
    real = load.read_source
    seen: list[str] = []

    def fmt(path: str, text: str) -> str:
        result = format_source(text, path)
        assert result.text is not None, f"{path}: {[d.message for d in result.diagnostics]}"
        return result.text

    change = rewrite or fmt

    def read_source(path, display, sink):
        source = real(path, display, sink)
        if source is None:
            return None
        seen.append(display)
        return Source(source.path, change(str(path), source.text))

    with mock.patch.object(load, "read_source", read_source):
        yield seen


def compiled_shape(result: CompileResult) -> Any:
    """What a compile produced, positions aside: the model, the plan's order and waves, and
    every diagnostic's code, severity and message."""
    plan = result.plan
    return (
        positionless(result.model),
        None if plan is None else (plan.waves, plan.role_waves, positionless(plan.deps)),
        sorted((d.code, d.severity.value, d.message) for d in result.diagnostics),
    )


def compile_both(path: Path) -> tuple[Any, Any, list[str]]:
    """The compiled shape of ``path`` as written and with every file read formatted."""
    before = compiled_shape(compile_file(str(path)))
    with reading_formatted() as seen:
        after = compiled_shape(compile_file(str(path)))
    return before, after, seen
