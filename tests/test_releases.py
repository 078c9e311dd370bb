"""Release awareness: the release list and ranges, the RA317 check, the interop guideline chosen
for a release (checked against the guideline files' own release lists, read here independently)
and the flavours' served releases (RA668)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import REPO, run_cli
from racompiler.api import compile_file
from racompiler.diagnostics import DiagnosticSink
from racompiler.emit import check_release
from racompiler.semantic.releases import RELEASES, RangeError, lookup, parse_range
from racompiler.targets import get_target
from racompiler.targets.interop.programs import choose

GUIDELINES = REPO / "targets" / "interop" / "guidelines"

RA = """import openstack

architecture t "test cloud" {{
  {release}
}}

network mgmt {{
  cidr = "10.0.0.0/24"
}}

role controller {{
  count = 1
  networks = [mgmt]
  runs = [{runs}]
}}
{extra}
"""


def write(tmp_path: Path, release: str | None, runs: str = "database.server", extra: str = "") -> Path:
    path = tmp_path / "t.ra"
    path.write_text(RA.format(release=f"release = {release}" if release else "", runs=runs, extra=extra),
                    encoding="utf-8")
    return path


def codes(path: Path) -> list[str]:
    return [d.code for d in compile_file(str(path)).diagnostics]


# -- the list and the ranges ----------------------------------------------------------------------
def test_the_list_is_ordered_and_dated_releases_have_both_names():
    names = [r.name for r in RELEASES]
    assert names[:3] == ["austin", "bexar", "cactus"] and names.index("zed") == 25
    assert lookup("2024.1") is lookup("Caracal") is lookup("caracal")
    assert lookup("2024.1").number == "2024.1" and lookup("zed").number is None
    assert lookup("ocata") < lookup("pike") < lookup("2023.1")
    assert lookup("2024.3") is None and lookup("") is None


@pytest.mark.parametrize("text, first, last", [
    ("stein..", "stein", None), ("..ocata", None, "ocata"), ("grizzly..rocky", "grizzly", "rocky"),
    ("havana", "havana", "havana"), ("2023.1..2024.2", "2023.1", "2024.2"), ("zed..caracal", "zed", "2024.1"),
])
def test_ranges_parse(text, first, last):
    rng = parse_range(text)
    assert (rng.first.id if rng.first else None, rng.last.id if rng.last else None) == (first, last)


def test_range_membership_is_inclusive():
    rng = parse_range("newton..queens")
    assert lookup("newton") in rng and lookup("queens") in rng
    assert lookup("mitaka") not in rng and lookup("rocky") not in rng


@pytest.mark.parametrize("text, unknown", [
    ("rocky..grizzly", False), ("stein-rocky", False), ("..", False), ("a..b..c", False), ("", False),
    ("stien..", True), ("..2024.3", True),
])
def test_bad_ranges_are_refused(text, unknown):
    with pytest.raises(RangeError) as exc:
        parse_range(text)
    assert exc.value.unknown is unknown


# -- RA317 --------------------------------------------------------------------------------------------
def test_no_release_no_check(tmp_path):
    # PKI tokens are long gone, but an architecture without a release is not checked.
    path = write(tmp_path, None, "database.server, rabbitmq.server, keystone.server",
                 "configure keystone {\n  token_format = pki\n}\n")
    assert codes(path) == []


def test_a_value_inside_its_range_passes(tmp_path):
    path = write(tmp_path, "newton", "database.server, rabbitmq.server, keystone.server",
                 "configure keystone {\n  token_format = pki\n}\n")
    assert codes(path) == []


def test_the_value_is_reported_after_its_removal(tmp_path):
    path = write(tmp_path, "ocata", "database.server, rabbitmq.server, keystone.server",
                 "configure keystone {\n  token_format = pki\n}\n")
    (d,) = compile_file(str(path)).diagnostics
    line = path.read_text().splitlines().index("  token_format = pki") + 1
    assert d.code == "RA317" and d.span.line == line
    assert d.message == "keystone.token_format = pki exists until newton (removed in ocata); this architecture " \
                        "targets ocata"


def test_a_role_the_release_lacks_has_no_count_to_meet(tmp_path):
    runs = "database.server, rabbitmq.server, keystone.server, ceilometer.central_agent, gnocchi.server"
    # Without a release, ceilometer.server (min 1) is missing; in 2024.1 it no longer exists (the
    # samples go to Gnocchi: without it RA510 says they go nowhere).
    assert "RA501" in codes(write(tmp_path, None, runs))
    assert codes(write(tmp_path, '"2024.1"', runs)) == []
    assert codes(write(tmp_path, '"2024.1"', runs.removesuffix(", gnocchi.server"))) == ["RA510"]


def test_a_site_overlay_restates_the_release(tmp_path):
    base = write(tmp_path, '"2024.1"', "database.server, rabbitmq.server, keystone.server")
    site = tmp_path / "site.ra"
    site.write_text('extends t\n\narchitecture site "site" {\n  release = pike\n}\n\n'
                    'configure keystone {\n  token_format = pki\n}\n', encoding="utf-8")
    assert base.is_file() and codes(site) == ["RA317"]


def test_a_site_overlay_keeps_the_base_release_when_it_renames(tmp_path):
    write(tmp_path, "ocata", "database.server, rabbitmq.server, keystone.server")
    site = tmp_path / "site.ra"
    site.write_text('extends t\n\narchitecture site "site" {}\n\nconfigure keystone {\n  token_format = pki\n}\n',
                    encoding="utf-8")
    result = compile_file(str(site))
    assert result.model is not None and result.model.name == "site"
    assert [d.code for d in result.diagnostics] == ["RA317"]


# -- interop: the guideline for a release ------------------------------------------------------------
def _covering() -> dict[str, list[str]]:
    """Release name -> the shipped core guidelines that list it, read from the files themselves."""
    out: dict[str, list[str]] = {}
    for path in sorted(GUIDELINES.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        releases = (data.get("metadata", {}).get("os_trademark_approval", {}).get("releases")
                    or data.get("releases") or [])
        for name in releases:
            out.setdefault(name.lower(), []).append(path.stem)
    return out


COVERING = _covering()
NEWEST = sorted(p.stem for p in GUIDELINES.glob("*.json"))[-1]


def test_the_guideline_files_list_releases():
    # The derivation test below would prove nothing if no file listed a release.
    assert len(COVERING) >= 10 and "havana" in COVERING and "victoria" in COVERING


@pytest.mark.parametrize("release", sorted(COVERING) + ["austin", "wallaby", "zed", "caracal"])
def test_derivation_picks_the_newest_guideline_listing_the_release(release, tmp_path):
    result = compile_file(str(write(tmp_path, release)))
    assert result.ok and result.model is not None, result.diagnostics
    sink = DiagnosticSink()
    choice = choose(result.model, {}, sink)
    assert choice is not None
    if release in COVERING:
        assert choice.guideline.id == max(COVERING[release])
        assert choice.guideline_from == "release" and not sink.items
    else:
        assert choice.guideline.id == NEWEST and [d.code for d in sink.items] == ["RA667"]


def test_a_release_number_derives_like_its_name(tmp_path):
    by_number = choose(compile_file(str(write(tmp_path, '"2024.1"'))).model, {}, DiagnosticSink())
    by_name = choose(compile_file(str(write(tmp_path, "caracal"))).model, {}, DiagnosticSink())
    assert by_number.guideline.id == by_name.guideline.id


def test_a_pinned_guideline_that_covers_the_release_is_quiet(tmp_path):
    model = compile_file(str(write(tmp_path, "rocky"))).model
    sink = DiagnosticSink()
    assert choose(model, {"guideline": "2019.11"}, sink).guideline.id == "2019.11" and not sink.items
    choose(model, {"guideline": "2020.06"}, sink)
    assert [d.code for d in sink.items] == ["RA666"]


# -- flavours -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("target, options, serves, other", [
    ("crowbar", {"crowbar_flavor": "dell-1.x"}, "havana", "rocky"),
    ("crowbar", {"crowbar_flavor": "suse"}, "rocky", "havana"),
    ("ansible", {"ansible_flavor": "kolla"}, '"2026.1"', '"2024.1"'),
    ("ansible", {"ansible_flavor": "openstack-ansible"}, "hibiscus", "gazpacho"),
])
def test_a_flavour_warns_outside_its_releases(target, options, serves, other, tmp_path):
    t = get_target(target, options)
    for release, expected in ((serves, []), (other, ["RA668"])):
        plan = compile_file(str(write(tmp_path, release))).plan
        sink = DiagnosticSink()
        check_release(plan, t, t.label, sink)
        assert [d.code for d in sink.items] == expected, release


@pytest.mark.parametrize("target, options", [("heat", {}), ("ansible", {"ansible_flavor": "generic"}),
                                             ("interop", {})])
def test_targets_for_any_release_never_warn(target, options, tmp_path):
    plan = compile_file(str(write(tmp_path, "austin"))).plan
    sink = DiagnosticSink()
    t = get_target(target, options)
    check_release(plan, t, target, sink)
    assert not sink.items


# -- the catalog view ------------------------------------------------------------------------------------
def test_the_catalog_shows_release_ranges():
    proc = run_cli("catalog", "keystone", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    (keystone,) = json.loads(proc.stdout)["components"]
    assert keystone["releases"] == {"first": "essex", "last": None, "text": "essex.."}
    assert keystone["attributes"]["token_format"]["value_releases"]["pki"] == \
        {"first": None, "last": "newton", "text": "..newton"}
    assert keystone["attributes"]["region"]["releases"] is None
    text = run_cli("catalog", "ceilometer").stdout.decode()
    assert "releases: ..pike (pike and earlier)" in text


# Catalog component -> its deliverable in openstack/releases, and where the catalog's first
# release differs from the first deliverable file on purpose.
DELIVERABLES = {"nova": "nova", "swift": "swift", "glance": "glance", "keystone": "keystone", "horizon": "horizon",
                "neutron": "neutron", "cinder": "cinder", "heat": "heat", "ceilometer": "ceilometer",
                "ironic": "ironic", "designate": "designate", "barbican": "barbican", "manila": "manila",
                "octavia": "octavia", "aodh": "aodh", "placement": "placement", "ovn": "networking-ovn"}
SINCE_ON_PURPOSE = {"placement": "newton"}  # inside nova from Newton; its own deliverable from Stein
UNANNOTATED_ON_PURPOSE = {"nova", "swift",  # in every release the list knows
                          "designate", "barbican", "manila"}  # the data starts at liberty; each is older


def test_catalog_ranges_agree_with_openstack_releases():
    """Each OpenStack project's range starts where openstack/releases' deliverable files do
    (tests/fixtures/releases/deliverables.yaml, derived from that repository), and none ends."""
    import yaml

    table = yaml.safe_load((REPO / "tests" / "fixtures" / "releases" / "deliverables.yaml").read_text(encoding="utf-8"))
    doc = json.loads(run_cli("catalog", "--format", "json").stdout)
    ranges = {c["name"]: c["releases"] for c in doc["components"]}
    for comp, deliverable in DELIVERABLES.items():
        first = table[deliverable]["first"]
        if comp in UNANNOTATED_ON_PURPOSE:
            assert ranges[comp] is None, comp
            continue
        assert ranges[comp] is not None, f"{comp}: no release range; openstack/releases starts it at {first}"
        assert ranges[comp]["first"] == SINCE_ON_PURPOSE.get(comp, first), comp
        assert ranges[comp]["last"] is None, comp
    assert {"hibiscus"} >= {table[d]["last"] for c, d in DELIVERABLES.items() if c != "ovn"}  # none retired
