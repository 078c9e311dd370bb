"""The Python API and the one place that knows the order of the pipeline.

    load (parse + decode + imports) -> resolve -> rules + graph -> plan
         -> bind (optional) -> target checks + emit (with the ledger) -> write (optional)

``compile_file`` runs the compiler stages; ``check_targets`` and ``build`` add the back end.
``racompiler check --target T`` is ``check_targets``; ``racompiler build`` is ``build``: the
same stages plus the atomic write, so a clean check means the build succeeds.

Each stage reports into one DiagnosticSink; the facade stops after a stage that found errors,
so later stages never work on a broken input. Exceptions escaping a stage are compiler bugs and
become RA901 diagnostics instead of tracebacks.
"""

from __future__ import annotations

import os
import traceback
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Sequence

from racompiler.diagnostics import Diagnostic, DiagnosticSink, Severity, Span
from racompiler.targets import InvalidTargetOption

if TYPE_CHECKING:
    from racompiler.graph.plan import Plan
    from racompiler.semantic.model import Model
    from racompiler.targets import Artifact


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


@dataclass
class BuildResult(CompileResult):
    """A :class:`CompileResult` plus the back end: the (bound) plan the targets read, the
    artifacts they produced and whether they were written to ``output``."""

    targets: tuple[str, ...] = ()
    artifacts: "list[Artifact]" = field(default_factory=list)
    output: str | None = None
    written: bool = False
    write_error: str | None = None


class UnknownTarget(ValueError):
    """A target name that is not registered (a usage error, not an RA diagnostic)."""


def check_targets(path: str, targets: Sequence[str], *, options: dict[str, Any] | None = None,
                  include_dirs: Sequence[str] = (), inventory: str | None = None) -> BuildResult:
    """Compile ``path`` and run every target's feasibility rules and ledger, writing nothing.

    The diagnostics are exactly those ``build`` reports for the same input: ``ok`` here means the
    build of these targets succeeds. Raises :class:`UnknownTarget` for an unregistered name and
    :class:`InvalidTargetOption` for an option value outside its choices (usage errors).
    """
    return build(path, targets, None, options=options, include_dirs=include_dirs, inventory=inventory)


def build(path: str, targets: Sequence[str], output: str | None, *, options: dict[str, Any] | None = None,
          include_dirs: Sequence[str] = (), inventory: str | None = None) -> BuildResult:
    """Compile, bind (with ``inventory``), run the targets and write their files into ``output``.

    Raises :class:`UnknownTarget` and :class:`InvalidTargetOption` as :func:`check_targets` does.

    Nothing is written when any stage reports an error, or when ``output`` is None. Each target's
    folder under ``output`` is swapped in whole; an ``output`` that holds anything racompiler did
    not write, or a file the build read, is refused with an RA8xx diagnostic (see
    :func:`racompiler.build.write_all`); an OS error sets ``write_error``.
    """
    from racompiler.targets import available_targets, check_options, get_target

    names = tuple(dict.fromkeys(targets))
    unknown = [t for t in names if t not in available_targets()]
    if unknown:
        raise UnknownTarget(", ".join(unknown))
    for name in names:  # before compiling: a usage error, not a finding about the RA
        check_options(name, options)
    compiled = compile_file(path, include_dirs)
    result = BuildResult(compiled.path, list(compiled.diagnostics), compiled.sources, compiled.model,
                         compiled.plan, targets=names, output=output)
    if not compiled.ok or compiled.plan is None:
        return result
    sink = DiagnosticSink()
    sink.extend(compiled.diagnostics)
    plan = compiled.plan
    if inventory is not None:
        from racompiler.binding.api import bind_plan

        bound = bind_plan(plan, inventory, sink, result.sources)
        if bound is None:
            result.diagnostics = sink.sorted()
            return result
        plan = result.plan = bound
    from racompiler.build import OutputRefused, UnsafePath, write_all
    from racompiler.emit import emit_targets

    try:
        result.artifacts = emit_targets(plan, [get_target(t, options) for t in names], sink)
    except RecursionError:
        sink.report("RA106", "input nested too deeply to analyse", Span.point(path))
    result.diagnostics = sink.sorted()
    if not result.ok or output is None:
        result.artifacts = result.artifacts if result.ok else []
        return result
    read = [path, *(f for f in result.sources if not f.startswith("<")), *([inventory] if inventory else [])]
    try:
        write_all(result.artifacts, output, inputs=read)
        result.written = True
    except OutputRefused as exc:  # not racompiler's folder to write: diagnostics, nothing written
        for r in exc.refusals:
            sink.report(r.code, r.message, Span.point(r.path), hint=r.hint)
        result.diagnostics = sink.sorted()
    except UnsafePath as exc:  # emit_targets vets paths; this is racompiler's own bookkeeping name
        sink.report("RA901", f"internal error: unsafe artifact path {exc}", Span.point(path))
        result.diagnostics = sink.sorted()
    except OSError as exc:
        result.write_error = str(exc.strerror or exc)
    return result


__all__ = ["BuildResult", "CompileResult", "InvalidTargetOption", "UnknownTarget", "build", "check_targets",
           "compile_file"]
