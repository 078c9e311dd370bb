"""The interop report: the test list and the data behind it, built as plain data.

``build_report`` turns a :class:`Choice` into the sorted test-list lines and the document that
becomes ``interop.json`` (and feeds the README). With an inventory, each test is written under
its current Tempest name, and renamed or missing tests are recorded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from racompiler.semantic.model import Model
from racompiler.targets.interop.guidelines import ADDON_TITLES, PROGRAM_TITLES, Guideline
from racompiler.targets.interop.inventory import Inventory, parse_line, resolve
from racompiler.targets.interop.programs import Choice
from racompiler.targets.interop.selection import Picked, capability_view, counts, pick_tests, statuses
from racompiler.records import record


@record
class Settings:
    include_advisory: bool
    include_flagged: bool
    tempest_list: str | None


@dataclass
class Report:
    data: dict  # interop.json
    lines: list[str] = field(default_factory=list)  # test-list.txt, sorted
    missing: list[str] = field(default_factory=list)  # guideline tests not in the inventory


_DOTTED = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+")


def include_regexes(lines: list[str]) -> list[str]:
    """Test-list lines as anchored regexes, the form ``tempest run --include-list`` reads.

    stestr compiles each include-list line as a regex, and ``name[id-…]`` is not one (the
    brackets make a character class with bad ranges). Each regex selects exactly its line's test:
    the name and, when known, the idempotent id among the attributes (one name can carry two ids
    in a plugin, and one id several inherited tests).
    A guideline name that is not a dotted Python path (one guideline misspells a test as
    ``...test_res_group_with_nested_template:Wherej``) could never match Tempest's name for the
    test: such a line is selected by its idempotent id alone. A line with an id is matched by its
    class and id, whatever the method is called now: plugins rename test methods and keep their
    ids (designate's ``ZonesTest.test_list_zone`` became ``test_list_zones``), while another
    class (an inherited copy of the test) still does not match.
    """
    out = set()
    for line in lines:
        entry = parse_line(line)
        name, uuid = (entry.name, entry.uuid) if entry else (line, None)
        tail = rf"\[([^\]]*,)?id-{uuid}[,\]]" if uuid else r"(\[|$)"
        if uuid and not _DOTTED.fullmatch(name):
            out.add(tail)
            continue
        if uuid:
            out.add("^" + re.escape(name.rsplit(".", 1)[0]) + r"\.[A-Za-z_][A-Za-z0-9_]*" + tail)
            continue
        out.add("^" + re.escape(name) + tail)
    return sorted(out)


def _line(name: str, uuid: str | None) -> str:
    return f"{name}[id-{uuid}]" if uuid else name


def _sections(choice: Choice) -> list[tuple[str, Guideline, tuple[str, ...]]]:
    """(label, guideline, components) for the program and each add-on that applies."""
    out = [(choice.program, choice.guideline, choice.components)] if choice.program else []
    for a in choice.addons:
        if a.applies and a.guideline is not None:
            (comps,) = a.guideline.programs.values()
            out.append((a.name, a.guideline, comps))
    return out


def _component_view(g: Guideline, name: str, settings: Settings) -> dict:
    comp = g.components[name]
    required = capability_view(g, name, "required")
    flagged = [{"name": p.test.name, "idempotent_id": f"id-{p.test.uuid}" if p.test.uuid else None,
                "capabilities": list(p.capabilities), "reason": p.flag.reason}
               for p in sorted(pick_tests(g, (name,), ("required",)).values(), key=lambda p: p.test.name)
               if p.flag]
    return {
        "guideline": g.id,
        "services": list(comp.services),
        "counts": counts(g, (name,), settings.include_advisory),
        "admin_capabilities": sorted(c["name"] for c in required if c["admin"]),
        "required": required,
        "advisory": capability_view(g, name, "advisory"),
        "advisory_included": settings.include_advisory,
        "flagged_tests": flagged,
        "flagged_included": settings.include_flagged,
    }


def _emit_lines(picked: dict[str, Picked], settings: Settings, inv: Inventory | None,
                resolution: dict) -> set[str]:
    """Test-list lines for the picked tests; records each test's inventory resolution."""
    lines = set()
    for name, p in picked.items():
        if p.flag and not settings.include_flagged:
            continue
        if inv is None:
            lines.add(_line(name, p.test.uuid))
            continue
        res = resolve(inv, p.test)
        resolution[name] = (p, res)
        lines.update(_line(h.name, h.uuid) for h in res.hits)
    return lines


def _inventory_view(settings: Settings, inv: Inventory, resolution: dict) -> dict:
    by_status: dict[str, list] = {"found": [], "renamed": [], "by-name": [], "missing": []}
    for name, (p, res) in sorted(resolution.items()):
        by_status[res.status].append((name, p, res))
    ident = lambda p: f"id-{p.test.uuid}" if p.test.uuid else None  # noqa: E731
    return {
        "file": settings.tempest_list,
        "tests": len(inv.entries),
        "resolved": {k: len(v) for k, v in by_status.items()},
        "renamed": [{"name": n, "idempotent_id": ident(p), "current": [h.name for h in r.hits]}
                    for n, p, r in by_status["renamed"]],
        "by_name": [{"name": n, "current": r.hits[0].name} for n, p, r in by_status["by-name"]],
        "missing": [{"name": n, "idempotent_id": ident(p), "guideline": p.guideline}
                    for n, p, r in by_status["missing"]],
    }


def _summary(choice: Choice) -> str:
    if choice.program is None:
        if not choice.services:
            return ("no interop program applies: the architecture deploys no OpenStack service "
                    "(no deployed component has an interop_project)")
        need = "; ".join(f"{p} needs {', '.join(m)}" for p, m in choice.missing.items())
        return f"no interop program applies: {need}"
    extra = [ADDON_TITLES[a.name] for a in choice.addons if a.applies]
    return (f"{PROGRAM_TITLES[choice.program]}" + (f" with {', '.join(extra)}" if extra else "")
            + f", guideline {choice.guideline.id}")


def build_report(model: Model, choice: Choice, settings: Settings, inv: Inventory | None) -> Report:
    """The whole report: JSON data, sorted list lines, and the tests missing from ``inv``."""
    g = choice.guideline
    data: dict = {
        "architecture": model.name,
        "applies": choice.program is not None,
        "summary": _summary(choice),
        "guideline": {"id": g.id, "schema": g.schema, "status": g.status, "releases": list(g.releases),
                      "source": g.source, "chosen_by": choice.guideline_from,
                      "test_repositories": g.test_repositories},
        "services": choice.services,
        "programs": {p: {"title": PROGRAM_TITLES[p], "applies": not m, "missing_services": m}
                     for p, m in choice.missing.items()},
        "program": None if choice.program is None else {
            "name": choice.program, "title": PROGRAM_TITLES[choice.program], "chosen_by": choice.program_from,
            "components": list(choice.components)},
        "addons": {a.name: {"title": ADDON_TITLES[a.name], "applies": a.applies, "pinned": a.pinned,
                            "reason": a.reason, "guideline": a.guideline.id if a.guideline else None,
                            "test_repositories": a.guideline.test_repositories if a.guideline else {}}
                   for a in choice.addons},
        "options": {"include_advisory": settings.include_advisory, "include_flagged": settings.include_flagged,
                    "tempest_list": settings.tempest_list},
        "components": {},
        "counts": {},
        "inventory": None,
    }
    lines: set[str] = set()
    resolution: dict = {}
    for label, sg, comps in _sections(choice):
        for c in comps:
            data["components"][c] = _component_view(sg, c, settings)
        data["counts"][label] = counts(sg, comps, settings.include_advisory)
        lines |= _emit_lines(pick_tests(sg, comps, statuses(settings.include_advisory)), settings, inv,
                             resolution)
    report = Report(data, sorted(lines))
    data["counts"]["test_list"] = len(report.lines)
    if inv is not None:
        data["inventory"] = _inventory_view(settings, inv, resolution)
        report.missing = [m["name"] for m in data["inventory"]["missing"]]
    return report
