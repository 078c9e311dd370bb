"""One fuzz input, from its seed to its outcome: draw it (:func:`make_case`), run it (:func:`run_case`).

:func:`make_case` is a pure function of ``(seed, index)``: the same pair always gives the same
files, so a run is reproducible and any input can be drawn again by its index.

:func:`run_case` writes the case into a folder and runs what a user would: ``check``
(``compile_file``); for a clean compile, every target in every flavour over the plan (the
in-memory emit stage with its ledger, as ``check --target`` runs it); for a sample, the full
``check_targets`` and ``build`` API into a temporary folder (the writer: every artifact must be on
disk, byte for byte); and ``bind`` with a drawn inventory (fitting or hostile), then targets over
the bound plan. A crash is an exception escaping the API, an RA901 diagnostic, a diagnostic with
an impossible span, or a file a build reported but did not write.
"""

from __future__ import annotations

import os
import random
import shutil
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fuzz_mutate import mutate_text, mutate_tree, noise
from fuzz_ra import REPO, valid_case
from fuzz_tree import Case, RaFile

# Every target and flavour: the "reached every target" figure counts inputs that went through all.
FLAVOURS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("ansible", {"ansible_flavor": "generic"}),
    ("ansible", {"ansible_flavor": "kolla"}),
    ("ansible", {"ansible_flavor": "openstack-ansible"}),
    ("crowbar", {"crowbar_flavor": "dell-1.x"}),
    ("crowbar", {"crowbar_flavor": "suse"}),
    ("heat", {"heat_flavors": "parameter"}),
    ("heat", {"heat_flavors": "create"}),
    ("interop", {}),
)
ALL_TARGETS = ["ansible", "crowbar", "heat", "interop"]
# The flavour groups a full ``check_targets``/``build`` call takes (one option per target).
GROUPS = [{"ansible_flavor": a, "crowbar_flavor": c, "heat_flavors": h}
          for a, c, h in (("generic", "dell-1.x", "parameter"), ("kolla", "suse", "create"),
                          ("openstack-ansible", "suse", "parameter"))]
EXAMPLES = {p.name: p.read_text(encoding="utf-8") for p in sorted((REPO / "architectures").glob("*.ra"))}
# Shares of the input mix (the rest is noise): valid as drawn, mutated valid, mutated examples.
MIX = (("valid", 0.32), ("mutated", 0.56), ("example", 0.06))


def memoise_catalog_parse() -> None:
    """Parse the shipped catalog once per process instead of once per input.

    Every input that imports ``openstack`` re-parses the same catalog text, which is most of a
    small RA's compile time; the fuzzer spends its time on the inputs instead. Only files under
    the catalog folder whose parse reported nothing are memoised (by path and text, so an
    edited catalog is parsed again); every generated file is parsed for real, every time.
    """
    import racompiler.semantic.loader as loader
    from racompiler.assets import catalog_dir

    if getattr(loader.parse_file, "fuzz_memo", False):
        return
    real, root = loader.parse_file, str(catalog_dir())
    memo: dict[tuple[str, str, str], Any] = {}

    def parse_file(path: str, display: str, sink: Any, sources: dict[str, str]) -> Any:
        if not str(path).startswith(root):
            return real(path, display, sink, sources)
        text = Path(path).read_text(encoding="utf-8")
        key = (str(path), display, text)
        if key in memo:
            sources[display] = text
            return memo[key]
        before = len(sink.items)
        module = real(path, display, sink, sources)
        if module is not None and len(sink.items) == before:
            memo[key] = module
        return module

    parse_file.fuzz_memo = True  # type: ignore[attr-defined]
    loader.parse_file = parse_file


def make_case(seed: int, index: int) -> Case:
    """The ``index``-th input of the run seeded ``seed`` (deterministic)."""
    rng = random.Random(f"racompiler-fuzz:{seed}:{index}")
    roll, edge = rng.random(), 0.0
    kind = "noise"
    for name, share in MIX:
        edge += share
        if roll < edge:
            kind = name
            break
    if kind == "valid":
        return valid_case(rng)[0]
    if kind == "mutated":
        case, d = valid_case(rng)
        how = rng.random()
        if how < 0.55:  # structural: re-render the mutated trees
            trees: list[RaFile] = [d.main] + ([d.module] if d.module else [])
            mutate_tree(rng, trees)
            if case.kind == "overlay":  # the overlay's base is main's tree; mutate the site text too
                case.files["base.ra"] = d.main.render(rng)
                case.files["main.ra"] = mutate_text(rng, str(case.files["main.ra"]), 1)
            else:
                case.files["main.ra"] = d.main.render(rng)
            if d.module:
                case.files["lib/ext.ra"] = d.module.render(rng)
            case.kind = f"{case.kind}+tree"
        else:
            names = sorted(case.files)
            target = rng.choice(names) if rng.random() < 0.3 else case.root
            case.files[target] = mutate_text(rng, str(case.files[target]))
            case.kind = f"{case.kind}+token" + ("" if target == case.root else f"({Path(target).suffix})")
        return case
    if kind == "example":
        name = rng.choice(sorted(EXAMPLES))
        files: dict[str, str | bytes] = {n: t for n, t in EXAMPLES.items() if n != name}
        files[name] = mutate_text(rng, EXAMPLES[name])
        return Case("example+token", files, root=name)
    if rng.random() < 0.05:  # not a file at all: a named pipe where the RA or a module should be
        fifo = rng.choice(["main.ra", "lib/ext.ra"])
        files = {} if fifo == "main.ra" else {"main.ra": "import lib.ext\n"}
        return Case("special", files, fifos=(fifo,))
    return Case("noise", {"main.ra": noise(rng)})


def write_case(case: Case, folder: Path) -> None:
    """Write the case's files under ``folder`` (emptied first)."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for rel, content in case.files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        # surrogatepass: noise may hold lone surrogates, which are still bytes a file can hold
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
    for rel in case.fifos:
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(folder / rel)


@dataclass
class Outcome:
    """What one input did: its diagnostic codes, how far it got, and any crash."""

    kind: str
    codes: Counter = field(default_factory=Counter)
    clean: bool = False
    reached: bool = False
    built: bool = False
    bound: bool | None = None  # None: no inventory drawn
    crashes: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"kind": self.kind, "codes": dict(self.codes), "clean": self.clean, "reached": self.reached,
                "built": self.built, "bound": self.bound, "crashes": self.crashes}


def _note(out: Outcome, diagnostics: list, stage: str) -> None:
    for d in diagnostics:
        out.codes[d.code] += 1
        if d.code == "RA901":
            out.crashes.append(f"RA901 at {stage}: {d.message}")
        for span in [d.span] + [r.span for r in d.related]:
            if not (span.file and span.line >= 1 and span.column >= 1
                    and (span.end_line, span.end_column) >= (span.line, span.column)):
                out.crashes.append(f"bad span at {stage}: {d.code} {d.message} {span!r}")


def run_case(case: Case, folder: Path, rng: random.Random, sample: bool) -> Outcome:
    """Run ``case`` (see the module docstring) in ``folder``; never raises."""
    out = Outcome(case.kind)
    try:
        write_case(case, folder)
        _run(case, folder, rng, sample, out)
    except Exception:  # the API must never raise for an input: this is the finding
        out.crashes.append(f"traceback in {case.kind}:\n{traceback.format_exc()}")
    return out


def _run(case: Case, folder: Path, rng: random.Random, sample: bool, out: Outcome) -> None:
    from racompiler.api import check_targets, compile_file
    from racompiler.binding.api import bind_plan
    from racompiler.diagnostics import DiagnosticSink
    from racompiler.emit import emit_targets
    from racompiler.targets import get_target

    import fuzz_views as views

    root = str(folder / case.root)
    include = [str(folder / i) for i in case.include]
    result = compile_file(root, include)
    _note(out, result.diagnostics, "check")
    views.render_diagnostics(result.diagnostics, result.sources)
    if not result.ok or result.plan is None:
        return
    out.clean = True
    plan = result.plan
    views.render_views(plan, rng)
    if case.kind == "overlay":
        base = compile_file(str(folder / "base.ra"), include)
        _note(out, base.diagnostics, "check base")
        if base.plan is not None:
            views.render_diff(base.plan, plan)
    for name, options in FLAVOURS:
        if name == "interop" and rng.random() < 0.4:
            options = _interop_options(rng, folder)
        sink = DiagnosticSink()
        emit_targets(plan, [get_target(name, options)], sink)
        _note(out, sink.items, f"{name} {options}")
    out.reached = True
    if rng.random() < 0.05:
        _probe_bad_option(rng, out)
    if sample:
        _build_sample(root, include, folder, rng, out)
    if rng.random() < 0.3:
        from fuzz_inventory import inventory_for

        inv_name, content = inventory_for(rng, plan.model)
        inv = folder / inv_name
        inv.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        if rng.random() < 0.02:  # not a regular file: a named pipe, a device, a folder
            inv = _special_path(rng, folder)
        sink = DiagnosticSink()
        bound = bind_plan(plan, str(inv), sink, dict(result.sources))
        _note(out, sink.items, "bind")
        out.bound = bound is not None
        views.render_diagnostics(sink.items, {**result.sources, **{str(inv): _text(content)}})
        if bound is not None:
            views.render_binding(bound)
            # heat's bound flavour needs the binding; one other flavour now and then sees bound nodes
            again = [("heat", {"heat_flavors": "bound"})] + ([rng.choice(FLAVOURS)] if rng.random() < 0.3 else [])
            for name, options in again:
                sink = DiagnosticSink()
                emit_targets(bound, [get_target(name, options)], sink)
                _note(out, sink.items, f"bound {name} {options}")
            if sample:
                checked = check_targets(root, ALL_TARGETS, options=rng.choice(GROUPS), include_dirs=include,
                                        inventory=str(inv))
                _note(out, checked.diagnostics, "check_targets --inventory")


TEMPEST_LINES = (REPO / "tests" / "fixtures" / "interop" / "partial-inventory.txt").read_text(encoding="utf-8").splitlines()


def _interop_options(rng: random.Random, folder: Path) -> dict[str, Any]:
    """The interop target's own options: a guideline and program (maybe unknown), the advisory
    and flagged switches, and a Tempest inventory (real lines, damaged lines, log noise)."""
    from fuzz_ra import GUIDELINES

    options: dict[str, Any] = {"include_advisory": rng.random() < 0.5, "include_flagged": rng.random() < 0.5}
    if rng.random() < 0.5:
        options["guideline"] = rng.choice(GUIDELINES + ["next", "2099.01", "", "../x", "2020.06\n"])
    if rng.random() < 0.5:
        options["program"] = rng.choice(["auto", "platform", "compute", "storage"])
    if rng.random() < 0.05:
        options["tempest_list"] = str(_special_path(rng, folder))
    elif rng.random() < 0.5:
        lines = [rng.choice(TEMPEST_LINES) for _ in range(rng.randint(0, 8))]
        lines += rng.sample(["", "x", "tempest.", "a.b[", "a.b[id-]", "a.b[id-XYZ,id-abc]", "[id-1]",
                             "a.b[smoke](x)", "\u00e9.t[id-%s]" % ("0" * 36), "a.b " * 50], 3)
        path = folder / "tempest-list.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        options["tempest_list"] = str(path)
    return options


BAD_OPTIONS = [("interop", "program", "zz"), ("heat", "heat_flavors", "nova"), ("ansible", "ansible_flavor", ""),
               ("crowbar", "crowbar_flavor", "2.x"), ("heat", "heat_flavors", None)]


def _probe_bad_option(rng: random.Random, out: Outcome) -> None:
    """An option value outside its choices is a usage error through the API (it raises
    InvalidTargetOption before any target runs); None means "the default" and is accepted."""
    from racompiler.targets import InvalidTargetOption, get_target

    target, key, value = rng.choice(BAD_OPTIONS)
    try:
        get_target(target, {key: value})
    except InvalidTargetOption:
        if value is None:
            out.crashes.append(f"crash: {target} refused {key}=None (the default)")
        return
    if value is not None:
        out.crashes.append(f"crash: {target} accepted {key}={value!r}, not one of its choices")


def _special_path(rng: random.Random, folder: Path) -> Path:
    """A path that names no regular file: a fresh named pipe, /dev/zero or a folder."""
    kind = rng.randrange(3)
    if kind == 0:
        fifo = folder / f"pipe{rng.randrange(10**6)}"
        os.mkfifo(fifo)
        return fifo
    return Path("/dev/zero") if kind == 1 else folder


def _text(content: str | bytes) -> str:
    return content if isinstance(content, str) else content.decode("utf-8", "replace")


def _build_sample(root: str, include: list[str], folder: Path, rng: random.Random, out: Outcome) -> None:
    """``check_targets`` of each target, then ``build`` of those that passed into ``folder/out``,
    twice (the second build replaces the first): the same verdict as the check, and every
    artifact on disk as emitted."""
    from fuzz_views import render_diagnostics
    from racompiler.api import build, check_targets

    options = rng.choice(GROUPS)
    passed = []
    for target in ALL_TARGETS:
        checked = check_targets(root, [target], options=options, include_dirs=include)
        _note(out, checked.diagnostics, f"check_targets {target}")
        render_diagnostics(checked.diagnostics, checked.sources)
        if checked.ok:
            passed.append(target)
    if not passed:
        return
    dest = folder / "out"
    for _ in range(2):
        built = build(root, passed, str(dest), options=options, include_dirs=include)
        _note(out, built.diagnostics, "build")
        if not built.written:
            out.crashes.append(f"check_targets passed {passed} but build did not write: "
                               f"{built.write_error or [d.message for d in built.errors]} ({options})")
            return
        for art in built.artifacts:
            path = dest / art.relpath
            if not path.is_file() or path.read_text(encoding="utf-8") != art.text:
                out.crashes.append(f"lost file: {art.relpath} not written as emitted ({options})")
                return
    out.built = True
