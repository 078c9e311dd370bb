"""Target plug-ins: the registry and the contract every target follows.

A target is a class with a ``NAME``, a short ``DESCRIPTION`` and ``emit(plan, sink)`` returning
:class:`Artifact` objects (relative path + text). Targets are pure: no file writes, no clocks,
sorted keys, stable order, a final newline. Built-in targets are listed in :data:`BUILTIN`;
third parties register more through the ``racompiler.targets`` entry-point group. Shared code
never branches on a target's name.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import import_module
from typing import TYPE_CHECKING, ClassVar, Protocol

if TYPE_CHECKING:
    from racompiler.diagnostics import DiagnosticSink
    from racompiler.graph.plan import Plan

ENTRY_POINT_GROUP = "racompiler.targets"

# name -> "module:Class"; imported only when the target is used.
BUILTIN: dict[str, str] = {}


@dataclass(frozen=True, slots=True)
class Artifact:
    """One generated file: a path relative to the output directory, and its text."""

    relpath: str
    text: str


class Target(Protocol):
    NAME: ClassVar[str]
    DESCRIPTION: ClassVar[str]

    def emit(self, plan: "Plan", sink: "DiagnosticSink") -> list[Artifact]:
        """Generate the artifacts for ``plan``; report RA6xx for what cannot be expressed."""


@lru_cache(maxsize=1)
def _registry() -> dict[str, str]:
    reg = dict(BUILTIN)
    from importlib.metadata import entry_points

    for ep in entry_points(group=ENTRY_POINT_GROUP):
        reg.setdefault(ep.name, ep.value)
    return reg


def available_targets() -> list[str]:
    """Names of every registered target, sorted."""
    return sorted(_registry())


def get_target(name: str) -> Target:
    """An instance of the target called ``name`` (KeyError if unknown)."""
    module, _, cls = _registry()[name].partition(":")
    return getattr(import_module(module), cls)()
