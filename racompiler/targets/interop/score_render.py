"""The score document as text for a terminal and as Markdown (a CI summary, a ticket).

Both are computed from the JSON document alone, so the three outputs cannot disagree. Detail
goes to the capabilities that decide the verdict: the chosen program's and those of the add-ons
the build listed.
"""

from __future__ import annotations

import textwrap

from racompiler.diagnostics.render import escape_terminal
from racompiler.targets.interop.guidelines import PROGRAM_TITLES
from racompiler.targets.interop.score import FAILED, FLAGGED, NOT_RUN, PASSED, SKIPPED

_LABEL = {PASSED: "passed", FAILED: "failed", SKIPPED: "skipped", NOT_RUN: "not run", FLAGGED: "flagged"}
# How many tests of a failing capability are named before "and N more".
_SHOW = 5


def _programs(doc: dict) -> list[tuple[str, dict]]:
    """The programs largest first (Platform, Compute, Storage), whatever order the document has."""
    return [(p, doc["programs"][p]) for p in PROGRAM_TITLES if p in doc["programs"]]


def _qualifies(v: dict) -> str:
    return "qualifies" if v["qualifies"] else "does not qualify"


def _sections(doc: dict) -> list[tuple[str, list[tuple[str, dict]]]]:
    """(title, [(component, capability view)]) for the chosen program, then each add-on of the
    build; a capability shared by two components (identity tokens in Platform) appears once."""
    prog = doc["program"]
    parts = [(prog["title"], doc["programs"][prog["name"]]["components"])]
    parts += [(a["title"], a["components"]) for a in doc["addons"].values() if a["in_build"]]
    seen: set[str] = set()
    out = []
    for title, comps in parts:
        caps = []
        for c in comps:
            for cap in doc["components"][c]["capabilities"]:
                if cap["name"] not in seen:
                    seen.add(cap["name"])
                    caps.append((c, cap))
        out.append((title, caps))
    return out


def _decisive(doc: dict) -> list[tuple[str, dict]]:
    """(component, capability view) of the chosen program and the build's add-ons, each once."""
    return [pair for _title, caps in _sections(doc) for pair in caps]


def _nothing_ran(caps: list[tuple[str, dict]]) -> bool:
    """Whether none of the tests of these capabilities (flagged ones aside) has a result."""
    return all(t["outcome"] is None for _c, cap in caps for t in cap["tests"] if t["status"] != FLAGGED)


def _must_pass(caps: list[tuple[str, dict]]) -> int:
    return len({t["name"] for _c, cap in caps for t in cap["tests"] if t["status"] != FLAGGED})


def _run_line(doc: dict) -> str:
    r = doc["results"]
    fmt = "subunit v2 stream" if r["format"] == "subunit" else "RefStack results (passed tests only)"
    o = r["outcomes"]
    line = (f"{r['file']}: {fmt}, {r['tests']} test(s): {o[PASSED]} passed, {o[FAILED]} failed, "
            f"{o[SKIPPED]} skipped")
    if r["fixtures"]:
        line += f"; {len(r['fixtures'])} class/module fixture(s) failed or skipped"
    return line


def _tests_of(cap: dict, status: str) -> list[tuple[str, str]]:
    """The tests of ``cap`` with ``status``: (``name[id-…]``, a note when the outcome is the
    class or module fixture's, the test itself never having started)."""
    out = []
    for t in cap["tests"]:
        if t["status"] == status:
            via = f" (its {t['matched_by']} {t['outcome']})" if t["matched_by"] in ("setUpClass", "setUpModule") else ""
            out.append((t["name"] + (f"[{t['idempotent_id']}]" if t["idempotent_id"] else ""), via))
    return out


def _renamed(doc: dict) -> list[dict]:
    return sorted({t["name"]: t for _c, cap in _decisive(doc) for t in cap["tests"]
                   if t["matched_by"] == "renamed"}.values(), key=lambda t: t["name"])


def _advisory(doc: dict) -> list[dict]:
    """The advisory capabilities of the decisive components, each once, by name."""
    comps = {c for c, _cap in _decisive(doc)}
    return sorted({cap["name"]: cap for c in comps for cap in doc["components"][c]["advisory"]}.values(),
                  key=lambda cap: cap["name"])


def _flagged(doc: dict) -> list[dict]:
    return sorted({t["name"]: t for _c, cap in _decisive(doc) for t in cap["tests"]
                   if t["status"] == FLAGGED}.values(), key=lambda t: t["name"])


def _failing_lines(comp: str, cap: dict) -> list[str]:
    """A capability that does not pass, with the tests that keep it from passing."""
    esc = escape_terminal
    n = cap["counts"]
    out = [f"  {cap['name']} ({cap['project']}, {comp}): {_LABEL[cap['status']]} - "
           + ", ".join(f"{n[s]} {_LABEL[s]}" for s in (PASSED, FAILED, SKIPPED, NOT_RUN, FLAGGED) if n[s])]
    for status in (FAILED, SKIPPED, NOT_RUN):
        names = _tests_of(cap, status)
        out += [f"    {_LABEL[status]}: {esc(name)}{via}" for name, via in names[:_SHOW]]
        if len(names) > _SHOW:
            out.append(f"    ... and {len(names) - _SHOW} more {_LABEL[status]}")
    return out


def render_text(doc: dict) -> str:
    """The score for a terminal: the verdict first, then what fails and why."""
    esc = escape_terminal
    prog = doc["program"]
    chosen = "the build's program" if prog["chosen_by"] == "build" else "chosen with --program"
    judged = prog["title"] + (" with the build's add-ons" if doc["addons_required"] else "")
    out = [f"{esc(doc['architecture'])}: interop guideline {doc['guideline']['id']}, results {esc(_run_line(doc))}",
           f"{judged} ({chosen}): {doc['verdict'].upper()}", "", "programs:"]
    for name, v in _programs(doc):
        c = v["capabilities"]
        out.append(f"  {name:<14} {_qualifies(v):<17} {c['passed']}/{c['required']} capabilities"
                   + ("  (the build's program)" if v["in_build"] else ""))
    out.append("add-ons:" if doc["addons"] else f"add-ons: none published for {doc['guideline']['id']}")
    for name, v in doc["addons"].items():
        c = v["capabilities"]
        notes = ([] if v["in_build"] else ["not in the build's test list"]) + (
            [f"needs {', '.join(v['requires'])}, which fails"] if v["requires_failing"] else [])
        out.append(f"  {name:<14} {_qualifies(v):<17} {c['passed']}/{c['required']} capabilities"
                   + (f"  ({'; '.join(notes)})" if notes else ""))
    for title, caps in _sections(doc):
        failing = [(c, cap) for c, cap in caps if cap["status"] != PASSED]
        out += ["", f"{title}: " + (f"{len(failing)} of {len(caps)} capabilities do not pass" if failing
                                    else f"all {len(caps)} capabilities pass")]
        if failing and _nothing_ran(caps):
            # A whole part missing from the run (its plugin not installed, its tests not selected)
            # is one fact, not dozens of "not run" lines.
            out.append(f"  none of its {_must_pass(caps)} must-pass tests is in the results: was it run "
                       "(and its Tempest plugin installed)?")
            continue
        # A capability none of whose tests reported is named on one line; those that ran and
        # did not pass get their tests listed.
        silent = [cap["name"] for c, cap in failing if _nothing_ran([(c, cap)])]
        for comp, cap in failing:
            if cap["name"] not in silent:
                out += _failing_lines(comp, cap)
        if silent:
            out += textwrap.wrap(f"no result for any test of {len(silent)} capabilities: {', '.join(silent)}",
                                 width=100, initial_indent="  ", subsequent_indent="    ", break_on_hyphens=False)
    advisory = _advisory(doc)
    if advisory:
        passed = sum(1 for cap in advisory if cap["status"] == PASSED)
        out += ["", f"advisory capabilities (candidates for the next guideline, never counted): {passed} of "
                    f"{len(advisory)} pass"]
    flagged = _flagged(doc)
    if flagged:
        ran = {s: sum(1 for t in flagged if (t["outcome"] or NOT_RUN) == s) for s in (PASSED, FAILED, SKIPPED, NOT_RUN)}
        out += ["", f"flagged tests (waived by the interop working group, never counted): {len(flagged)} - "
                    + ", ".join(f"{n} {_LABEL[s]}" for s, n in ran.items() if n)]
    renamed = _renamed(doc)
    if renamed:
        out.append(f"matched by idempotent id under another name: {len(renamed)}")
        out += [f"  {esc(t['name'])} -> {esc(', '.join(t['run_ids']))}" for t in renamed]
    unmatched = doc["results"]["unmatched"]
    if unmatched:
        out.append(f"results that are not tests of the guideline (ignored): {len(unmatched)}")
    if doc["results"]["format"] == "refstack":
        out.append("note: RefStack results list passed tests only, so failed and skipped tests show as not run")
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return escape_terminal(text).replace("|", "\\|")


def render_markdown(doc: dict) -> str:
    """The score as a Markdown report: verdict, program and add-on tables, failing capabilities
    with their tests, and every capability of the chosen program and the build's add-ons."""
    prog = doc["program"]
    judged = prog["title"] + (" with the build's add-ons" if doc["addons_required"] else "")
    out = [f"# Interop score: {_md(doc['architecture'])}", "",
           f"**{judged}: {doc['verdict']}** (guideline {doc['guideline']['id']}; "
           f"results: {_md(_run_line(doc))})", "",
           "| program | verdict | capabilities passed | |", "|---|---|---|---|"]
    for _name, v in _programs(doc):
        c = v["capabilities"]
        out.append(f"| {v['title']} | {_qualifies(v)} | {c['passed']} / {c['required']} | "
                   f"{'the build' if v['in_build'] else ''} |")
    out += ["", "| add-on | verdict | capabilities passed | |", "|---|---|---|---|"]
    for name, v in doc["addons"].items():
        c = v["capabilities"]
        out.append(f"| {v['title']} | {_qualifies(v)} | {c['passed']} / {c['required']} | "
                   f"{'the build' if v['in_build'] else 'not in the build'} |")
    for title, caps in _sections(doc):
        failing = [(c, cap) for c, cap in caps if cap["status"] != PASSED]
        if not failing:
            continue
        out += ["", f"## {title}: {len(failing)} of {len(caps)} capabilities do not pass", ""]
        if _nothing_ran(caps):
            out.append(f"None of its {_must_pass(caps)} must-pass tests is in the results: was it run (and its "
                       "Tempest plugin installed)?")
            continue
        silent = [cap["name"] for c, cap in failing if _nothing_ran([(c, cap)])]
        for comp, cap in failing:
            if cap["name"] in silent:
                continue
            out.append(f"- **{cap['name']}** ({cap['project']}, {comp}): {_LABEL[cap['status']]}")
            for status in (FAILED, SKIPPED, NOT_RUN):
                out += [f"  - {_LABEL[status]}: `{escape_terminal(name)}`{via}" for name, via in _tests_of(cap, status)]
        if silent:
            out.append(f"- no result for any test of {len(silent)} capabilities: {', '.join(silent)}")
    out += ["", "## Capabilities", "", "| capability | project | status | passed | failed | skipped | not run | flagged |",
            "|---|---|---|---|---|---|---|---|"]
    for _comp, cap in sorted(_decisive(doc), key=lambda x: x[1]["name"]):
        n = cap["counts"]
        out.append(f"| {cap['name']} | {cap['project']} | {_LABEL[cap['status']]} | {n[PASSED]} | {n[FAILED]} | "
                   f"{n[SKIPPED]} | {n[NOT_RUN]} | {n[FLAGGED]} |")
    advisory = _advisory(doc)
    if advisory:
        out += ["", "## Advisory capabilities (never counted)", "", "| capability | project | status |", "|---|---|---|"]
        out += [f"| {cap['name']} | {cap['project']} | {_LABEL[cap['status']]} |" for cap in advisory]
    renamed = _renamed(doc)
    if renamed:
        out += ["", "## Matched by idempotent id under another name", ""]
        out += [f"- `{t['name']}` ran as `{', '.join(t['run_ids'])}`" for t in renamed]
    flagged = _flagged(doc)
    if flagged:
        out += ["", "## Flagged tests (never counted)", ""]
        out += [f"- `{t['name']}`: {_LABEL.get(t['outcome'] or NOT_RUN)}; {_md(t['flag_reason'] or '')}" for t in flagged]
    if doc["results"]["format"] == "refstack":
        out += ["", "RefStack results list passed tests only: failed and skipped tests show as not run."]
    return "\n".join(out) + "\n"
