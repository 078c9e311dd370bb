"""Scoring a Tempest run against a build's guideline: per test, per capability, per program.

Each guideline test is looked up in the run by idempotent id first (ids survive renames and
moves), then by name or alias; among several tests sharing an id (inherited IPv4/IPv6 or
microversion variants) the one with the guideline's name or an alias wins, otherwise all of them
count and any failure fails the test. A test that did not report but whose class or module
fixture failed or skipped takes that outcome (Tempest skips a whole class from ``setUpClass``
when a service is disabled). A flagged test (waived by the interop working group) is reported
with its outcome but never counts.

A capability passes when every test it lists that is not flagged passed. A program qualifies
when every required capability of its guideline components passes; an add-on when its own
required capabilities and those of the core components it builds on pass. The result is a plain
document (the JSON output; see ``targets/interop/schemas/score.schema.json``) that the renderers
turn into text and Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath
from typing import BinaryIO

from racompiler.diagnostics import DiagnosticSink, Span, codes
from racompiler.targets.interop.folder import BuildFolder, load_for, read_folder
from racompiler.targets.interop.guidelines import (
    ADDON_TITLES, PROGRAM_TITLES, GTest, Guideline, available_addons, load_guideline,
)
from racompiler.targets.interop.results import FAILED, PASSED, SKIPPED, RunResults, RunTest, read_results

SCORE_FORMAT_VERSION = 1
NOT_RUN, FLAGGED = "not_run", "flagged"
TEST_STATUSES = (PASSED, FAILED, SKIPPED, NOT_RUN, FLAGGED)
# A capability is as bad as its worst must-pass test.
_WORST = (FAILED, SKIPPED, NOT_RUN)


@dataclass
class _Index:
    by_uuid: dict[str, list[RunTest]] = field(default_factory=dict)
    by_name: dict[str, RunTest] = field(default_factory=dict)
    matched: set[str] = field(default_factory=set)  # run ids (tests and fixtures) some guideline test used


def _index(run: RunResults) -> _Index:
    idx = _Index()
    for test in run.tests.values():  # sorted by id: the first of two same-named tests is stable
        if test.uuid:
            idx.by_uuid.setdefault(test.uuid, []).append(test)
        idx.by_name.setdefault(test.name, test)
    return idx


def _combined(hits: list[RunTest]) -> str:
    """One outcome for several run tests standing for one guideline test: any failure fails it."""
    outcomes = {h.outcome for h in hits}
    return FAILED if FAILED in outcomes else PASSED if PASSED in outcomes else SKIPPED


def _fixture(test: GTest, run: RunResults) -> tuple[str, str, str] | None:
    """(fixture id, outcome, kind) of a failed or skipped class/module fixture over ``test``."""
    for name in (test.name, *test.aliases):
        cls = name.rsplit(".", 1)[0]
        for key, kind in ((cls, "setUpClass"), (cls.rsplit(".", 1)[0], "setUpModule")):
            hit = run.fixtures.get(key)
            if hit is not None and hit[0].startswith(kind):
                return hit[0], hit[1], kind
    return None


def match(test: GTest, idx: _Index, run: RunResults) -> tuple[str | None, list[str], str | None]:
    """The run's outcome for a guideline test (None: not run), the run ids it came from, and how
    they were found: id, renamed (id only, under another name), name, alias, setUpClass, setUpModule."""
    hits = idx.by_uuid.get(test.uuid or "", [])
    if hits:
        for wanted in ((test.name,), test.aliases):
            exact = [h for h in hits if h.name in wanted]
            if exact:
                return _combined(exact), [h.id for h in exact], "id"
        return _combined(hits), [h.id for h in hits], "renamed"
    for names, how in (((test.name,), "name"), (test.aliases, "alias")):
        named = next((idx.by_name[n] for n in names if n in idx.by_name), None)
        if named is not None:
            return named.outcome, [named.id], how
    fixture = _fixture(test, run)
    if fixture is not None:
        return fixture[1], [fixture[0]], fixture[2]
    return None, [], None


def _test_view(test: GTest, idx: _Index, run: RunResults) -> dict:
    outcome, ids, how = match(test, idx, run)
    idx.matched.update(ids)
    status = FLAGGED if test.flag else outcome or NOT_RUN
    return {"name": test.name, "idempotent_id": f"id-{test.uuid}" if test.uuid else None, "status": status,
            "outcome": outcome, "matched_by": how, "run_ids": ids,
            "flag_reason": test.flag.reason if test.flag else None}


def _capability_view(g: Guideline, name: str, idx: _Index, run: RunResults) -> dict:
    cap = g.capabilities[name]
    tests = [_test_view(t, idx, run) for t in sorted(cap.tests, key=lambda t: t.name)]
    counts = {s: sum(1 for t in tests if t["status"] == s) for s in TEST_STATUSES}
    status = next((s for s in _WORST if counts[s]), PASSED)
    return {"name": name, "project": cap.project, "admin": cap.admin, "status": status, "counts": counts,
            "tests": tests}


def _components_view(g: Guideline, idx: _Index, run: RunResults) -> dict[str, dict]:
    """Per guideline component its required capabilities scored, and its advisory ones (the
    candidates for the next guideline: reported, never counted)."""
    return {c: {"guideline": g.id,
                "capabilities": [_capability_view(g, cap, idx, run) for cap in g.components[c].capabilities["required"]],
                "advisory": [_capability_view(g, cap, idx, run) for cap in g.components[c].capabilities["advisory"]]}
            for c in sorted(g.components)}


def _verdict(components: dict[str, dict], names: tuple[str, ...]) -> tuple[int, list[str]]:
    """(required capabilities of ``names``, sorted names of those that do not pass)."""
    status = {cap["name"]: cap["status"] for c in names for cap in components[c]["capabilities"]}
    return len(status), sorted(n for n, s in status.items() if s != PASSED)


def _program_views(core: Guideline, components: dict, build_program: str) -> dict[str, dict]:
    out = {}
    for name, comps in sorted(core.programs.items()):
        total, failing = _verdict(components, comps)
        out[name] = {"title": PROGRAM_TITLES[name], "components": list(comps), "in_build": name == build_program,
                     "qualifies": not failing, "capabilities": {"required": total, "passed": total - len(failing)},
                     "failing": failing}
    return out


def _addon_views(core: Guideline, components: dict, build_addons: tuple[str, ...]) -> dict[str, dict]:
    out = {}
    for name in available_addons(core.id):
        g = load_guideline(core.id, name)
        (comps,) = g.programs.values()
        total, failing = _verdict(components, comps)
        base = tuple(c for c in g.requires_components if c in core.components)
        _n, base_failing = _verdict(components, base)
        out[name] = {"title": ADDON_TITLES[name], "guideline": g.id, "components": list(comps), "requires": list(base),
                     "in_build": name in build_addons, "qualifies": not failing and not base_failing,
                     "capabilities": {"required": total, "passed": total - len(failing)},
                     "failing": failing, "requires_failing": base_failing}
    return out


def _results_view(run: RunResults, idx: _Index) -> dict:
    outcomes = {s: sum(1 for t in run.tests.values() if t.outcome == s) for s in (PASSED, FAILED, SKIPPED)}
    fixtures = sorted(fid for fid, _o in run.fixtures.values())
    return {"file": run.source, "format": run.format, "tests": len(run.tests), "outcomes": outcomes,
            "fixtures": fixtures, "matched": len(idx.matched & set(run.tests)),
            "unmatched": sorted(set(run.tests) - idx.matched)}


def score(folder: BuildFolder, core: Guideline, run: RunResults, program: str | None = None,
          with_addons: bool = False) -> dict:
    """The score document of ``run`` against the build ``folder`` (whose core guideline is
    ``core``); ``program`` overrides the build's program for the verdict, and ``with_addons``
    makes the verdict require the build's add-ons too."""
    idx = _index(run)
    components = _components_view(core, idx, run)
    for name in available_addons(core.id):
        components.update(_components_view(load_guideline(core.id, name), idx, run))
    programs = _program_views(core, components, folder.program)
    chosen = program or folder.program
    addons = _addon_views(core, components, folder.addons)
    qualifies = programs[chosen]["qualifies"] and (
        not with_addons or all(a["qualifies"] for a in addons.values() if a["in_build"]))
    return {
        "version": SCORE_FORMAT_VERSION,
        "architecture": folder.architecture,
        "folder": str(PurePath(folder.path).parent),
        "guideline": {"id": core.id, "status": core.status, "releases": list(core.releases)},
        "results": _results_view(run, idx),
        "program": {"name": chosen, "title": PROGRAM_TITLES[chosen], "chosen_by": "option" if program else "build",
                    "qualifies": programs[chosen]["qualifies"]},
        "addons_required": with_addons,
        "verdict": "qualifies" if qualifies else "does not qualify",
        "programs": programs,
        "addons": addons,
        "components": components,
    }


def matched_anything(doc: dict) -> bool:
    """Whether any guideline test found a result in the run (else it is another suite's run)."""
    return any(t["run_ids"] for c in doc["components"].values() for cap in c["capabilities"] + c["advisory"]
               for t in cap["tests"])


def score_files(interop_dir: str, results: str, sink: DiagnosticSink, program: str | None = None,
                with_addons: bool = False, stdin: BinaryIO | None = None) -> dict | None:
    """``racompiler interop score``: the score document of the results file ``results`` (``-``:
    standard input, or ``stdin``) against the build folder ``interop_dir``, or None when either
    cannot be read or the results hold no test of the guideline (every problem reported)."""
    folder = read_folder(interop_dir, sink)
    loaded = load_for(folder, sink) if folder else None
    run = read_results(results, sink, stdin)  # read even when the folder is bad: report both
    if folder is None or loaded is None or run is None or sink.has_errors:
        return None
    doc = score(folder, loaded[0], run, program, with_addons)
    if not matched_anything(doc):
        quoted = ", ".join(list(run.tests)[:3]) or "none"
        listing = PurePath(folder.path).parent / "include-list.txt"
        sink.report(codes.RA674, f"none of the {len(run.tests)} result(s) in {run.source} is a test of guideline "
                                 f"{loaded[0].id} or its add-ons (first: {quoted})", Span.point(run.source),
                    hint=f"score the run of this folder's list: `tempest run --include-list {listing}`, then "
                         "`stestr last --subunit > run.subunit`")
        return None
    return doc
