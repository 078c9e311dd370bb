"""Capability and test selection: RefStack's algorithm over the normalised guidelines.

For each guideline component of the program (and of each add-on), the capabilities of the
chosen statuses (``required``, plus ``advisory`` when asked) are collected; their tests are
deduplicated by name across capabilities and components (a capability can sit in two
components of Platform). Flagged tests stay in the data and leave the list unless asked for.
"""

from __future__ import annotations


from racompiler.targets.interop.guidelines import Flag, GTest, Guideline
from racompiler.records import record


@record
class Picked:
    """One selected test: its guideline entry and where it came from."""

    test: GTest
    guideline: str
    status: str  # "required" or "advisory"
    capabilities: tuple[str, ...]
    flag: Flag | None  # set only when flagged in every capability that lists it


def statuses(include_advisory: bool) -> tuple[str, ...]:
    """Capability statuses whose tests are selected."""
    return ("required", "advisory") if include_advisory else ("required",)


def pick_tests(g: Guideline, components: tuple[str, ...], wanted: tuple[str, ...]) -> dict[str, Picked]:
    """Tests of the ``wanted`` statuses of ``components``, deduplicated by name, name -> Picked.

    A test listed by a required and an advisory capability counts as required; it counts as
    flagged only if every capability listing it flags it (RefStack keeps it otherwise).
    """
    out: dict[str, Picked] = {}
    for status in wanted:
        for comp in components:
            for cap in g.components[comp].capabilities[status]:
                for t in g.capabilities[cap].tests:
                    old = out.get(t.name)
                    if old is None:
                        out[t.name] = Picked(t, g.id, status, (cap,), t.flag)
                    elif cap not in old.capabilities:
                        out[t.name] = Picked(old.test, g.id, old.status, old.capabilities + (cap,),
                                             old.flag if t.flag else None)
    return out


def counts(g: Guideline, components: tuple[str, ...], include_advisory: bool = False) -> dict[str, int]:
    """Capability and test counts of some components: required (and advisory) caps and tests,
    flagged tests, and must-pass tests (required, not flagged), each deduplicated."""
    req = pick_tests(g, components, ("required",))
    caps = {s: len({c for comp in components for c in g.components[comp].capabilities[s]})
            for s in ("required", "advisory")}
    out = {
        "required_capabilities": caps["required"],
        "advisory_capabilities": caps["advisory"],
        "required_tests": len(req),
        "flagged_tests": sum(1 for p in req.values() if p.flag),
        "must_pass_tests": sum(1 for p in req.values() if not p.flag),
        "advisory_tests": len(set(pick_tests(g, components, ("advisory",))) - set(req)),
    }
    if include_advisory:
        out["selected_tests"] = len(pick_tests(g, components, statuses(True)))
    return out


def capability_view(g: Guideline, component: str, status: str) -> list[dict]:
    """The JSON view of one component's capabilities of one status, in file order."""
    out = []
    for name in g.components[component].capabilities[status]:
        cap = g.capabilities[name]
        out.append({
            "name": name,
            "project": cap.project,
            "admin": cap.admin,
            "description": cap.description,
            "tests": [test_view(t) for t in cap.tests],
        })
    return out


def test_view(t: GTest) -> dict:
    """The JSON view of one guideline test (idempotent id with its ``id-`` prefix)."""
    out: dict = {"name": t.name, "idempotent_id": f"id-{t.uuid}" if t.uuid else None}
    if t.aliases:
        out["aliases"] = list(t.aliases)
    if t.flag:
        out["flagged"] = {"reason": t.flag.reason, "date": t.flag.date, "action": t.flag.action}
    return out
