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
MIX = (("valid", 0.42), ("mutated", 0.46), ("example", 0.06))


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

    root = str(folder / case.root)
    include = [str(folder / i) for i in case.include]
    result = compile_file(root, include)
    _note(out, result.diagnostics, "check")
    if not result.ok or result.plan is None:
        return
    out.clean = True
    plan = result.plan
    for name, options in FLAVOURS:
        sink = DiagnosticSink()
        emit_targets(plan, [get_target(name, options)], sink)
        _note(out, sink.items, f"{name} {options}")
    out.reached = True
    if sample:
        _build_sample(root, include, folder, rng, out)
    if rng.random() < 0.4:
        from fuzz_inventory import inventory_for

        inv_name, content = inventory_for(rng, plan.model)
        inv = folder / inv_name
        inv.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        sink = DiagnosticSink()
        bound = bind_plan(plan, str(inv), sink, dict(result.sources))
        _note(out, sink.items, "bind")
        out.bound = bound is not None
        if bound is not None:
            for name, options in [("heat", {"heat_flavors": "bound"}), rng.choice(FLAVOURS)]:
                sink = DiagnosticSink()
                emit_targets(bound, [get_target(name, options)], sink)
                _note(out, sink.items, f"bound {name} {options}")
            if sample:
                checked = check_targets(root, ALL_TARGETS, options=rng.choice(GROUPS), include_dirs=include,
                                        inventory=str(inv))
                _note(out, checked.diagnostics, "check_targets --inventory")


def _build_sample(root: str, include: list[str], folder: Path, rng: random.Random, out: Outcome) -> None:
    """``check_targets`` of each target, then ``build`` of those that passed into ``folder/out``,
    twice (the second build replaces the first): the same verdict as the check, and every
    artifact on disk as emitted."""
    from racompiler.api import build, check_targets

    options = rng.choice(GROUPS)
    passed = []
    for target in ALL_TARGETS:
        checked = check_targets(root, [target], options=options, include_dirs=include)
        _note(out, checked.diagnostics, f"check_targets {target}")
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
