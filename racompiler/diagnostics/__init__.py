"""Diagnostics: the product's face for architects and CI.

Every stage reports problems into a :class:`DiagnosticSink` instead of raising; the facade
decides when to stop. A diagnostic has a stable code (see :mod:`racompiler.diagnostics.codes`),
a severity, a primary span, a message, an optional hint and related spans.
"""

from __future__ import annotations

from enum import Enum
from typing import Iterable, Iterator

from racompiler.diagnostics.codes import CODES
from racompiler.records import field, record


class Severity(str, Enum):
    """How bad a diagnostic is. Errors fail ``check``; warnings only with ``--strict``."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@record(order=True)
class Span:
    """A source range: 1-based lines and columns, end exclusive in column like Lark's meta."""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"

    @classmethod
    def point(cls, file: str, line: int = 1, column: int = 1) -> "Span":
        """A one-character span, for problems that have no better location."""
        return cls(file, line, column, line, column + 1)


@record
class Related:
    """A secondary location that explains the primary one ("first defined here")."""

    span: Span
    message: str


@record
class Diagnostic:
    """One problem found in the input."""

    code: str
    severity: Severity
    message: str
    span: Span
    hint: str | None = None
    related: tuple[Related, ...] = ()
    # The target build that raised it ("heat", "ansible (kolla)"), None for the compiler's own:
    # set by the emit stage and `verify`, shown as a [target] tag and a JSON "target" field.
    target: str | None = None

    def sort_key(self) -> tuple:
        return (self.span.file, self.span.line, self.span.column, self.code, self.message, self.target or "")


@record(frozen=False)
class DiagnosticSink:
    """Collects diagnostics from every stage, de-duplicated, in a stable order."""

    items: list[Diagnostic] = field(default_factory=list)
    _seen: set = field(default_factory=set)

    def report(
        self,
        code: str,
        message: str,
        span: Span,
        *,
        hint: str | None = None,
        related: Iterable[Related] = (),
        severity: Severity | None = None,
    ) -> Diagnostic:
        """Record a diagnostic; the severity defaults to the one registered for ``code``."""
        if code not in CODES:  # a typo in the compiler itself: fail loudly in tests
            raise KeyError(f"unregistered diagnostic code {code}")
        sev = severity or Severity(CODES[code].severity)
        diag = Diagnostic(code, sev, message, span, hint, tuple(related))
        self.extend((diag,))
        return diag

    def extend(self, diags: Iterable[Diagnostic]) -> None:
        """Add diagnostics, dropping exact repeats (same code, message, span and target)."""
        for d in diags:
            key = (d.code, d.message, d.span, d.target)
            if key not in self._seen:
                self._seen.add(key)
                self.items.append(d)

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.items)

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.items, key=Diagnostic.sort_key)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.sorted())

    def __len__(self) -> int:
        return len(self.items)


__all__ = ["Diagnostic", "DiagnosticSink", "Related", "Severity", "Span"]
