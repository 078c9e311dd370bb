"""The Python API and the one place that knows the order of the pipeline.

    load (parse + decode + imports) -> resolve -> rules + graph -> plan -> targets

Each stage reports into one DiagnosticSink; the facade stops after a stage that found errors,
so later stages never work on a broken input. Exceptions escaping a stage are compiler bugs and
become RA901 diagnostics instead of tracebacks.
"""

from __future__ import annotations

import os
import traceback
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Sequence

from racompiler.diagnostics import Diagnostic, DiagnosticSink, Severity, Span

if TYPE_CHECKING:
    from racompiler.graph.plan import Plan
    from racompiler.semantic.model import Model


@dataclass
class CompileResult:
    """Diagnostics (sorted), the source texts (for excerpts) and whatever stages succeeded."""

    path: str
    diagnostics: list[Diagnostic]
    sources: dict[str, str] = field(default_factory=dict)
    model: "Model | None" = None
    plan: "Plan | None" = None

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors


def compile_file(path: str, include_dirs: Sequence[str] = (), *, until: str = "plan") -> CompileResult:
    """Compile one RA file up to ``until`` (``"model"`` or ``"plan"``).

    Never raises for bad input: every problem is a diagnostic in the result.
    """
    sink = DiagnosticSink()
    result = CompileResult(path, [])
    try:
        _run(path, include_dirs, until, sink, result)
    except RecursionError:
        sink.report("RA106", "input nested too deeply to analyse", Span.point(path))
    except Exception as exc:  # a compiler bug: report it, never a traceback for the user
        detail = traceback.format_exc() if os.environ.get("RACOMPILER_DEBUG") else f"{type(exc).__name__}: {exc}"
        sink.report("RA901", f"internal compiler error: {detail}", Span.point(path),
                    hint="please report this with the input file; set RACOMPILER_DEBUG=1 for a traceback")
    result.diagnostics = sink.sorted()
    return result


def _run(path: str, include_dirs: Sequence[str], until: str, sink: DiagnosticSink, result: CompileResult) -> None:
    from racompiler.semantic.loader import load_program

    program = load_program(path, include_dirs, sink, sources=result.sources)
    if program is None or sink.has_errors:
        return
    from racompiler.semantic.resolve import resolve

    model = resolve(program, sink)
    if sink.has_errors:
        return
    from racompiler.rules import run_rules

    run_rules(model, sink)
    result.model = model
    if until == "model":
        return
    from racompiler.graph.build import build_graph
    from racompiler.graph.plan import make_plan

    graph = build_graph(model, sink)
    plan = make_plan(model, graph, sink)
    if not sink.has_errors:
        result.plan = plan


__all__ = ["CompileResult", "compile_file"]
