"""Loading the shipped interop guidelines (schemas 1.2 to 2.0) into one normalised shape.

The guideline files differ by schema: 1.x files are flat with hyphenated keys and name their
components ``compute`` and ``object``; 2.0 files nest ``metadata`` and name programs ("OpenStack
Powered Compute") made of components (``os_powered_compute``). 1.2 files list test names with no
idempotent ids; add-on files write ids without the ``id-`` prefix. Everything downstream sees
only :class:`Guideline`, whatever the schema.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from racompiler.assets import asset_dir
from racompiler.records import record

# The RA's program names (the interop block and --program) and add-on names, mapped to the
# names the guideline files use. 1.x has no "Storage" program: its component is "object".
PROGRAM_TITLES = {
    "platform": "OpenStack Powered Platform",
    "compute": "OpenStack Powered Compute",
    "storage": "OpenStack Powered Storage",
}
PROGRAMS_1X = {"platform": None, "compute": ("compute",), "storage": ("object",)}
ADDON_TITLES = {"dns": "DNS", "orchestration": "Orchestration"}
STATUSES = ("required", "advisory", "deprecated", "removed")


@record
class Flag:
    """Why a test was waived after approval (it stays listed but need not pass)."""

    reason: str
    date: str
    action: str


@record
class GTest:
    """One test of a capability: canonical name, bare UUID (None in 1.2), flag, aliases."""

    name: str
    uuid: str | None
    flag: Flag | None
    aliases: tuple[str, ...]


@record
class Capability:
    name: str
    project: str | None
    admin: bool
    description: str
    tests: tuple[GTest, ...]


@record
class GComponent:
    """A guideline component (``os_powered_compute``, 1.x ``compute``) and what it needs."""

    name: str
    capabilities: dict[str, tuple[str, ...]]  # status -> capability names, file order
    services: tuple[str, ...]  # interop projects (designated sections) it needs, sorted


@record
class Guideline:
    """A core or add-on guideline, schema-independent."""

    id: str  # "2020.06", or "orchestration.2020.06" for an add-on
    schema: str
    status: str
    releases: tuple[str, ...]
    source: str
    programs: dict[str, tuple[str, ...]]  # "compute"/"dns"... -> component names
    components: dict[str, GComponent]
    capabilities: dict[str, Capability]
    requires_components: tuple[str, ...]  # add-ons: the core components they build on
    test_repositories: dict[str, dict[str, str]]


def guideline_dir() -> Path:
    """Where the shipped guideline JSON files live."""
    return asset_dir("targets") / "interop" / "guidelines"


def available_guidelines() -> list[str]:
    """Ids of the shipped core guidelines, oldest first (ids sort chronologically)."""
    return sorted(p.stem for p in guideline_dir().glob("*.json"))


def available_addons(guideline_id: str) -> list[str]:
    """Add-on names (``dns``, ``orchestration``) published for a core guideline id."""
    return sorted(name for name in ADDON_TITLES
                  if (guideline_dir() / "add-ons" / f"{name}.{guideline_id}.json").is_file())


def normalise_uuid(raw: str | None) -> str | None:
    """The bare lower-case UUID of an idempotent id, with or without its ``id-`` prefix."""
    if not raw:
        return None
    raw = raw.strip().lower()
    return raw[3:] if raw.startswith("id-") else raw


def _flag(raw: dict | None) -> Flag | None:
    if not raw:
        return None
    return Flag(str(raw.get("reason", "")), str(raw.get("date", "")), str(raw.get("action", "")))


def _tests(raw: dict) -> tuple[GTest, ...]:
    """Tests of one capability: a dict (1.3+) or a plain list of names plus a flagged list (1.2)."""
    tests = raw.get("tests", {})
    if isinstance(tests, list):
        flagged = set(raw.get("flagged", []))
        # 1.2 flags carry no reason in the file; say so rather than invent one.
        return tuple(GTest(n, None, Flag("flagged in the guideline (schema 1.2 gives no reason)", "", "")
                           if n in flagged else None, ()) for n in tests)
    return tuple(GTest(name, normalise_uuid(t.get("idempotent_id")), _flag(t.get("flagged")),
                       tuple(t.get("aliases", ()))) for name, t in tests.items())


def _capabilities(raw: dict) -> dict[str, Capability]:
    return {name: Capability(name, c.get("project"), bool(c.get("admin", False)), c.get("description", ""),
                             _tests(c))
            for name, c in raw.items()}


def _caps_by_status(raw: dict) -> dict[str, tuple[str, ...]]:
    return {s: tuple(raw.get(s, ())) for s in STATUSES}


def _load_v2(gid: str, data: dict) -> Guideline:
    meta = data["metadata"]
    approval = meta.get("os_trademark_approval", {})
    caps = _capabilities(data["capabilities"])
    components = {}
    for name, c in data["components"].items():
        sections = c.get("designated_sections", {})
        services = sections.get("required", ()) or [s for v in sections.values() for s in v]
        components[name] = GComponent(name, _caps_by_status(c["capabilities"]), tuple(sorted(services)))
    if "add-ons" in data:
        addon = gid.split(".", 1)[0]
        (entry,) = data["add-ons"].values()
        programs = {addon: tuple(x["name"] for x in entry["components"])}
        requires = tuple(x["name"] for x in entry.get("required_platform_components", ()))
    else:
        titles = {v: k for k, v in PROGRAM_TITLES.items()}
        programs = {titles[t]: tuple(x["name"] for x in p["components"])
                    for t, p in data["platforms"].items() if t in titles}
        requires = ()
    repos = {k: {"repository": v.get("repository", ""), "reference": v.get("reference", "")}
             for k, v in data.get("test_repositories", {}).items()}
    return Guideline(gid, meta["schema"], approval.get("status", ""), tuple(approval.get("releases", ())),
                     meta.get("source", ""), programs, components, caps, requires, repos)


def _load_v1(gid: str, data: dict) -> Guideline:
    caps = _capabilities(data["capabilities"])
    components = {}
    for name, by_status in data["components"].items():
        required = by_status.get("required", ())
        # 1.x gives designated sections per guideline, not per component: a component needs the
        # projects its required capabilities test, plus keystone, which every API test logs in to.
        services = {p for c in required if (p := caps[c].project)} | {"keystone"}
        components[name] = GComponent(name, _caps_by_status(by_status), tuple(sorted(services)))
    programs = {p: comps or tuple(data["platform"]["required"]) for p, comps in PROGRAMS_1X.items()}
    repos = {k: {"repository": v.get("url", ""), "reference": v.get("git-sha", "")}
             for k, v in data.get("test-repositories", {}).items()}
    return Guideline(gid, str(data["schema"]), data.get("status", ""), tuple(data.get("releases", ())),
                     data.get("source", ""), programs, components, caps, (), repos)


def parse_guideline(gid: str, data: dict) -> Guideline:
    """Normalise one guideline document (already parsed JSON) of any supported schema."""
    schema = str(data.get("metadata", {}).get("schema") or data.get("schema", ""))
    return _load_v2(gid, data) if schema.startswith("2.") else _load_v1(gid, data)


@lru_cache(maxsize=None)
def load_guideline(gid: str, addon: str | None = None) -> Guideline:
    """The shipped core guideline ``gid``, or its add-on ``addon``; KeyError if not shipped.

    The id comes from the file name: one add-on file's metadata names itself ``.next``.
    """
    full = f"{addon}.{gid}" if addon else gid
    path = guideline_dir() / ("add-ons" if addon else "") / f"{full}.json"
    if not path.is_file():
        raise KeyError(full)
    return parse_guideline(full, json.loads(path.read_text(encoding="utf-8")))
