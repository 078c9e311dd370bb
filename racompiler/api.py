"""The Python API and the one place that knows the order of the pipeline.

    load (parse + decode + imports) -> resolve -> rules + graph -> plan
         -> bind (optional) -> target checks + emit (with the ledger) -> write (optional)

Each command has its function here, typed and returning a result object (never printing,
never exiting):

=====================  ==========================================  ===========================
function               what                                        command
=====================  ==========================================  ===========================
``compile_file``       compile a file (up to ``until``)            ``racompiler check FILE``
``compile_source``     compile text or a buffer                    (editors, tests, services)
``check``              compile, plus target checks with targets    ``racompiler check [-t T]``
``check_targets``      target feasibility and ledger, no writing   ``racompiler check -t T``
``build``              compile, bind, emit and write               ``racompiler build``
``bind``               bind the roles to an inventory              ``racompiler bind``
``diff``               compare two architectures                   ``racompiler diff``
``explain``            a value and every place that set it         ``racompiler explain``
``verify``             judge a build output with upstream tools    ``racompiler verify``
=====================  ==========================================  ===========================

``racompiler check --target T`` is ``check_targets``; ``racompiler build`` is ``build``: the
same stages plus the atomic write, so a clean check means the build succeeds.

Each stage reports into one DiagnosticSink; the facade stops after a stage that found errors,
so later stages never work on a broken input. Exceptions escaping a stage are compiler bugs and
become RA901 diagnostics instead of tracebacks.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Sequence

from racompiler.diagnostics import Diagnostic, DiagnosticSink, Severity, Span, codes
from racompiler.gcpause import paused_gc
from racompiler.records import field, record
from racompiler.targets import InvalidTargetOption

if TYPE_CHECKING:
    from racompiler.binding.result import Binding
    from racompiler.diagnostics.policy import Policy
    from racompiler.diff import Change
    from racompiler.graph.plan import Plan
    from racompiler.semantic.loader import Program
    from racompiler.semantic.model import Model
    from racompiler.semantic.paths import PathValue
    from racompiler.targets import Artifact
    from racompiler.verify import VerifyResult

# What compile_source accepts: RA text, its UTF-8 bytes, or an open file (text or binary).
SourceInput = str | bytes | bytearray | IO[str] | IO[bytes]


@record(frozen=False)
class CompileResult:
    """Diagnostics (sorted), the source texts (for excerpts) and whatever stages succeeded.

    ``program`` (the declarations of every module read) and ``links`` (which file each import
    and extends found: see :attr:`~racompiler.semantic.loader.Program.links`) serve editors.
    """

    path: str
    diagnostics: list[Diagnostic]
    sources: dict[str, str] = field(default_factory=dict)
    model: "Model | None" = None
    plan: "Plan | None" = None
    program: "Program | None" = None
    links: dict[Span, str] = field(default_factory=dict)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors


def compile_file(path: str, include_dirs: Sequence[str] = (), *, until: str = "plan",
                 policy: "Policy | None" = None, text: str | None = None) -> CompileResult:
    """Compile one RA file up to ``until`` (``"model"`` or ``"plan"``).

    Never raises for bad input: every problem is a diagnostic in the result. The source's
    suppression comments apply, then ``policy`` (ignored and promoted codes: see
    :mod:`racompiler.diagnostics.policy`). ``text``, when given, is the file's contents (an
    editor's unsaved buffer) instead of what is on disk; imports are still found from ``path``'s
    folder and read from disk.
    """
    result = _compile(path, include_dirs, until, _buffer_bytes(text))
    result.diagnostics = _finish(result, policy, complete=until == "plan", targets_ran=False)
    return result


def compile_source(source: SourceInput, path: str = "<string>", *, include_dirs: Sequence[str] = (),
                   until: str = "plan", policy: "Policy | None" = None) -> CompileResult:
    """Compile RA text given in memory: a ``str``, UTF-8 ``bytes``, or an open file to read.

    ``path`` is where the text is taken to live: diagnostics name it, its folder is the first
    module search root (``import`` and a relative ``extends`` look there) and targets look beside
    it for a user mapping. It need not exist; when it does, ``source`` is compiled instead of its
    content (an editor's unsaved buffer). The default, ``<string>``, places the text in the
    working directory. The same limits as for a file apply (RA104, RA105, RA108). Suppression
    comments in the text and ``policy`` apply as for :func:`compile_file`.
    """
    raw = source.read() if hasattr(source, "read") else source
    data = raw.encode("utf-8") if isinstance(raw, str) else bytes(raw)
    result = _compile(path, include_dirs, until, data)
    result.diagnostics = _finish(result, policy, complete=until == "plan", targets_ran=False)
    return result


def _buffer_bytes(text: str | None) -> bytes | None:
    """An editor's buffer (decoded text) as the bytes the loader vets: bytes a client decoded
    leniently come back as lone surrogates and are restored (``surrogateescape``), so a file that is
    not UTF-8 gets RA104 at the bad byte, as on disk; any other lone surrogate is kept as it is."""
    if text is None:
        return None
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")


def _finish(result: CompileResult, policy: "Policy | None", *, complete: bool, targets_ran: bool) -> list[Diagnostic]:
    from racompiler.diagnostics.policy import finish

    return finish(result.diagnostics, result.sources, policy, complete=complete, targets_ran=targets_ran)


def _compile(path: str, include_dirs: Sequence[str], until: str, text: bytes | None) -> CompileResult:
    """The compiler stages alone: diagnostics as the stages reported them (no policy)."""
    sink = DiagnosticSink()
    result = CompileResult(path, [])
    try:
        with paused_gc():  # the compile's objects all live to its end: see racompiler.gcpause
            _run(path, include_dirs, until, sink, result, text)
    except RecursionError:
        sink.report(codes.RA106, "input nested too deeply to analyse", Span.point(path))
    except Exception as exc:  # a compiler bug: report it, never a traceback for the user
        import traceback  # only on this path: it costs a cold start ~10 ms

        detail = traceback.format_exc() if os.environ.get("RACOMPILER_DEBUG") else f"{type(exc).__name__}: {exc}"
        sink.report(codes.RA901, f"internal compiler error: {detail}", Span.point(path),
                    hint="please report this with the input file; set RACOMPILER_DEBUG=1 for a traceback")
    result.diagnostics = sink.sorted()
    return result


def _run(path: str, include_dirs: Sequence[str], until: str, sink: DiagnosticSink, result: CompileResult,
         text: bytes | None = None) -> None:
    from racompiler.semantic.loader import load_program

    program = load_program(path, include_dirs, sink, sources=result.sources, text=text, links=result.links)
    result.program = program
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


@record(frozen=False)
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
                  include_dirs: Sequence[str] = (), inventory: str | None = None,
                  policy: "Policy | None" = None, text: str | None = None) -> BuildResult:
    """Compile ``path`` and run every target's feasibility rules and ledger, writing nothing.

    The diagnostics are exactly those ``build`` reports for the same input: ``ok`` here means the
    build of these targets succeeds. Raises :class:`UnknownTarget` for an unregistered name and
    :class:`InvalidTargetOption` for an option value outside its choices (usage errors).
    ``text`` is the file's unsaved contents, as for :func:`compile_file`.
    """
    return build(path, targets, None, options=options, include_dirs=include_dirs, inventory=inventory,
                 policy=policy, text=text)


def build(path: str, targets: Sequence[str], output: str | None, *, options: dict[str, Any] | None = None,
          include_dirs: Sequence[str] = (), inventory: str | None = None,
          policy: "Policy | None" = None, text: str | None = None) -> BuildResult:
    """Compile, bind (with ``inventory``), run the targets and write their files into ``output``.

    Raises :class:`UnknownTarget` and :class:`InvalidTargetOption` as :func:`check_targets` does.

    Nothing is written when any stage reports an error, or when ``output`` is None. Each target's
    folder under ``output`` is swapped in whole; an ``output`` that holds anything racompiler did
    not write, or a file the build read, is refused with an RA8xx diagnostic (see
    :func:`racompiler.build.write_all`); an OS error sets ``write_error``. Suppression comments
    and ``policy`` apply before anything is written: a warning promoted to an error fails the build.
    ``text`` is the file's unsaved contents, as for :func:`compile_file`.
    """
    from racompiler.targets import available_targets, check_options, get_target

    names = tuple(dict.fromkeys(targets))
    unknown = [t for t in names if t not in available_targets()]
    if unknown:
        raise UnknownTarget(", ".join(unknown))
    for name in names:  # before compiling: a usage error, not a finding about the RA
        check_options(name, options)
    compiled = _compile(path, include_dirs, "plan", _buffer_bytes(text))
    result = BuildResult(compiled.path, list(compiled.diagnostics), compiled.sources, compiled.model,
                         compiled.plan, compiled.program, compiled.links, targets=names, output=output)
    if not compiled.ok or compiled.plan is None:
        result.diagnostics = _finish(result, policy, complete=False, targets_ran=False)
        return result
    sink = DiagnosticSink()
    sink.extend(compiled.diagnostics)
    plan = compiled.plan
    if inventory is not None:
        from racompiler.binding.api import bind_plan

        bound = bind_plan(plan, inventory, sink, result.sources)
        if bound is None:
            result.diagnostics = sink.sorted()
            result.diagnostics = _finish(result, policy, complete=False, targets_ran=False)
            return result
        plan = result.plan = bound
    from racompiler.build import OutputRefused, UnsafePath, write_all
    from racompiler.emit import emit_targets

    try:
        with paused_gc():  # the plan and artifacts live to the end too
            result.artifacts = emit_targets(plan, [get_target(t, options) for t in names], sink)
    except RecursionError:
        sink.report(codes.RA106, "input nested too deeply to analyse", Span.point(path))
    result.diagnostics = sink.sorted()
    result.diagnostics = _finish(result, policy, complete=True, targets_ran=True)
    if not result.ok or output is None:
        result.artifacts = result.artifacts if result.ok else []
        return result
    read = [path, *(f for f in result.sources if not f.startswith("<")), *([inventory] if inventory else [])]
    try:
        write_all(result.artifacts, output, inputs=read)
        result.written = True
    except OutputRefused as exc:  # not racompiler's folder to write: diagnostics, nothing written
        extra = DiagnosticSink()
        for r in exc.refusals:
            extra.report(r.code, r.message, Span.point(r.path), hint=r.hint)
        result.diagnostics = sorted([*result.diagnostics, *extra.items], key=Diagnostic.sort_key)
    except UnsafePath as exc:  # emit_targets vets paths; this is racompiler's own bookkeeping name
        extra = DiagnosticSink()
        extra.report(codes.RA901, f"internal error: unsafe artifact path {exc}", Span.point(path))
        result.diagnostics = sorted([*result.diagnostics, *extra.items], key=Diagnostic.sort_key)
    except OSError as exc:
        result.write_error = str(exc.strerror or exc)
    return result


def check(path: str, targets: Sequence[str] = (), *, options: dict[str, Any] | None = None,
          include_dirs: Sequence[str] = (), inventory: str | None = None,
          policy: "Policy | None" = None) -> CompileResult:
    """What ``racompiler check [-t TARGET...] FILE`` reports for one file: the compiler's
    diagnostics, plus with ``targets`` everything :func:`check_targets` adds (a
    :class:`BuildResult` then), after suppression comments and ``policy``. Raises
    :class:`UnknownTarget` for an unregistered target."""
    if targets or inventory is not None:
        return check_targets(path, targets, options=options, include_dirs=include_dirs, inventory=inventory,
                             policy=policy)
    return compile_file(path, include_dirs, policy=policy)


@record(frozen=False)
class BindResult(CompileResult):
    """A :class:`CompileResult` whose ``plan``, when ``ok``, is bound to ``inventory``'s nodes."""

    inventory: str = ""

    @property
    def binding(self) -> "Binding | None":
        """Which node plays which role (``binding.json`` is its ``to_json``); None unless ok."""
        return self.plan.binding if self.plan is not None and self.ok else None


def bind(path: str, inventory: str, *, include_dirs: Sequence[str] = ()) -> BindResult:
    """Compile ``path`` and bind its roles to the nodes of the ``inventory`` file (YAML or JSON):
    ``racompiler bind``. When a role cannot be filled, the diagnostics say which requirement
    excludes the nodes and ``binding`` is None."""
    compiled = compile_file(path, include_dirs)
    result = BindResult(compiled.path, compiled.diagnostics, compiled.sources, compiled.model, compiled.plan,
                        inventory=inventory)
    if not compiled.ok or compiled.plan is None:
        return result
    from racompiler.binding.api import bind_plan

    sink = DiagnosticSink()
    sink.extend(compiled.diagnostics)
    bound = bind_plan(compiled.plan, inventory, sink, result.sources)
    result.diagnostics = sink.sorted()
    if bound is not None:
        result.plan = bound
    return result


@record(frozen=False)
class DiffResult:
    """The two compiled sides and every change from ``old`` to ``new`` (``racompiler diff``)."""

    old: CompileResult
    new: CompileResult
    changes: "list[Change]" = field(default_factory=list)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return self.old.diagnostics + self.new.diagnostics

    @property
    def ok(self) -> bool:
        """Both sides compiled without error (only then are ``changes`` meaningful)."""
        return self.old.ok and self.new.ok and self.old.plan is not None and self.new.plan is not None

    @property
    def equal(self) -> bool:
        return self.ok and not self.changes


def diff(old: str, new: str, *, include_dirs: Sequence[str] = ()) -> DiffResult:
    """Compile two RAs (two architectures, or a base and its site overlay) and compare the
    resolved architectures: roles, counts, networks, hardware, attributes, edges and waves."""
    result = DiffResult(compile_file(old, include_dirs), compile_file(new, include_dirs))
    if result.ok and result.old.plan is not None and result.new.plan is not None:
        from racompiler.diff import diff_plans

        result.changes = diff_plans(result.old.plan, result.new.plan)
    return result


@record(frozen=False)
class ExplainResult(CompileResult):
    """A compiled model and the answer for ``query``: its value and every layer that set it, or
    why the path names nothing (``error``, with a ``hint``)."""

    query: str = ""
    value: "PathValue | None" = None
    error: str | None = None
    hint: str | None = None

    @property
    def ok(self) -> bool:
        return not self.errors and self.value is not None


def explain(path: str, query: str, *, include_dirs: Sequence[str] = ()) -> ExplainResult:
    """The value at ``query`` (``nova.cpu_allocation_ratio``, ``roles.compute.count``,
    ``networks.NAME.cidr``, ``params.NAME``, ``COMPONENT.ROLE.count``) in ``path``'s resolved
    model, with every place that set it (``racompiler explain``)."""
    compiled = compile_file(path, include_dirs, until="model")
    result = ExplainResult(compiled.path, compiled.diagnostics, compiled.sources, compiled.model, compiled.plan,
                           query=query)
    if compiled.errors or compiled.model is None:
        return result
    from racompiler.semantic.paths import PathError, lookup_path

    try:
        result.value = lookup_path(compiled.model, query)
    except PathError as exc:
        result.error, result.hint = str(exc), exc.hint
    return result


def verify(directory: str | Path) -> "VerifyResult":
    """Judge a build output folder with each target's real upstream tools (``racompiler verify``):
    per target, which tool judged what, and what could not be verified and why."""
    from racompiler.verify import verify_directory

    return verify_directory(directory)


__all__ = ["BindResult", "BuildResult", "CompileResult", "DiffResult", "ExplainResult", "SourceInput",
           "UnknownTarget", "bind", "build", "check", "check_targets", "compile_file", "compile_source", "diff",
           "explain", "verify"]
