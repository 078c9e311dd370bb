"""The interop target against the real data: the shipped guidelines, their JSON Schemas, and the
test inventory of the real Tempest 47.0.0 (with the heat and designate plugins) listed offline.

Expected counts come from the independent measurements in the interop research (RefStack's
algorithm applied to the guideline files by hand), not from this code.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, GOLDENS, REPO, assert_golden, run_cli
from racompiler.api import compile_file
from racompiler.diagnostics import DiagnosticSink
from racompiler.targets import get_target
from racompiler.targets.interop.guidelines import (
    available_guidelines, guideline_dir, load_guideline,
)
from racompiler.targets.interop.inventory import parse_inventory, parse_line
from racompiler.targets.interop.selection import counts

OPENSTACK = [p for p in EXAMPLES if p.stem != "hadoop_cluster"]
INTEROP = REPO / "targets" / "interop"


# -- the real Tempest inventory --------------------------------------------------------------------
@pytest.fixture(scope="session")
def tempest_list(tmp_path_factory) -> Path:
    """`tempest run --list-tests` of the installed Tempest and plugins, by the reference's offline
    recipe (Tempest's own discovery; no cloud, no tempest.conf), listed once per session."""
    try:
        import tempest
    except ImportError:  # a failure, not a skip: these checks are the point of the suite
        pytest.fail("tempest is not installed: pip install -e '.[test]' (tempest==47.0.0 and plugins)")
    root = Path(tempest.__file__).parent
    proc = subprocess.run([sys.executable, "-m", "testtools.run", "discover", "-t", str(root),
                           "-s", str(root / "test_discover"), "--list"],
                          capture_output=True, text=True, timeout=300, check=True)
    path = tmp_path_factory.mktemp("tempest") / "tempest-tests.txt"
    path.write_text("".join(f"{line}\n" for line in proc.stdout.splitlines()
                            if re.match(r"^(tempest|heat_tempest_plugin|designate_tempest_plugin)\.", line)))
    return path


@pytest.fixture(scope="session")
def inventory(tempest_list):
    inv = parse_inventory(tempest_list.read_text())
    # Tempest 47.0.0 alone lists 1,575 tests; the heat and designate plugins add 139 and 413.
    assert sum(1 for e in inv.entries if e.name.startswith("tempest.")) == 1575
    assert sum(1 for e in inv.entries if e.name.startswith("heat_tempest_plugin.")) == 139
    assert sum(1 for e in inv.entries if e.name.startswith("designate_tempest_plugin.")) == 413
    return inv


# -- helpers ------------------------------------------------------------------------------------------
def build(path: Path | str, **options) -> tuple[dict[str, str], DiagnosticSink]:
    """Compile ``path`` and emit the interop target in process: {relpath: text} and its sink."""
    result = compile_file(str(path))
    assert result.ok and result.plan is not None, result.diagnostics
    sink = DiagnosticSink()
    arts = get_target("interop", options).emit(result.plan, sink)
    return {a.relpath: a.text for a in arts}, sink


def lines(files: dict[str, str]) -> list[str]:
    return files["interop/test-list.txt"].splitlines()


CLOUD = """import openstack

architecture t "test cloud" {{}}

{extra}
network mgmt {{
  cidr = "10.0.0.0/24"
}}

role controller {{
  count = 1
  networks = [mgmt]
  runs = [{runs}]
}}
{interop}
"""
COMPUTE = ("database.server, rabbitmq.server, keystone.server, glance.server, cinder.controller, cinder.volume, "
           "neutron.server, neutron.l3, nova.controller, nova.compute")
SWIFT = "swift.storage, swift.ring_compute, swift.proxy"
def cloud(tmp_path: Path, runs: str, interop: str = "", extra: str = "") -> Path:
    path = tmp_path / "cloud.ra"
    path.write_text(CLOUD.format(runs=runs, interop=interop, extra=extra), encoding="utf-8")
    return path


# -- the counts match the guidelines ------------------------------------------------------------------
# (guideline, program, required caps, required tests, flagged, must-pass): reference tables §6/§7.
REFERENCE_COUNTS = [
    ("2020.06", "platform", 78, 284, 11, 273),
    ("2020.06", "compute", 60, 228, 11, 217),
    ("2020.06", "storage", 20, 58, 0, 58),
    ("2019.11", "platform", 78, 284, 11, 273),
    ("2019.06", "platform", 78, 284, 11, 273),
    ("2018.11", "platform", 75, 281, 11, 270),
    ("2017.09", "platform", 68, 259, 29, 230),
    ("2016.01", "platform", 44, 124, 28, 96),
    ("2015.07", "platform", 46, 129, 31, 98),
    ("2015.03", "platform", 10, 127, 9, 118),
]


@pytest.mark.parametrize(("gid", "program", "caps", "tests", "flagged", "must"), REFERENCE_COUNTS,
                         ids=[f"{g}-{p}" for g, p, *_ in REFERENCE_COUNTS])
def test_counts_match_the_guideline(gid, program, caps, tests, flagged, must):
    g = load_guideline(gid)
    c = counts(g, g.programs[program])
    assert (c["required_capabilities"], c["required_tests"], c["flagged_tests"], c["must_pass_tests"]) == \
        (caps, tests, flagged, must)


@pytest.mark.parametrize(("addon", "caps", "tests"), [("dns", 2, 10), ("orchestration", 23, 60)])
def test_addon_counts_match_the_guideline(addon, caps, tests):
    g = load_guideline("2020.06", addon)
    c = counts(g, g.programs[addon])
    assert (c["required_capabilities"], c["required_tests"], c["must_pass_tests"]) == (caps, tests, tests)


@pytest.mark.parametrize(("example", "program", "core_lines"), [
    ("dell_openstack", "platform", 273), ("ha_openstack", "compute", 217), ("allinone", "compute", 217)])
def test_examples_get_their_program_and_must_pass_tests(example, program, core_lines):
    files, sink = build(REPO / "architectures" / f"{example}.ra")
    data = json.loads(files["interop/interop.json"])
    assert not sink.items and data["applies"] and data["program"]["name"] == program
    assert data["guideline"]["id"] == "2020.06" == available_guidelines()[-1]
    assert sum(1 for line in lines(files) if line.startswith("tempest.")) == core_lines
    # Each example deploys heat: the Orchestration add-on's 60 tests come on top.
    assert data["addons"]["orchestration"]["applies"] and data["counts"]["orchestration"]["must_pass_tests"] == 60
    assert len(lines(files)) == core_lines + 60 == data["counts"]["test_list"]


# -- every emitted test exists in the real Tempest -------------------------------------------------------
@pytest.mark.parametrize("example", OPENSTACK, ids=[p.stem for p in OPENSTACK])
def test_every_emitted_test_resolves_by_id_in_real_tempest(example, inventory):
    emitted = lines(build(example)[0])
    assert emitted
    for line in emitted:
        entry = parse_line(line)
        assert entry is not None and entry.uuid, line
        assert entry.uuid in inventory.by_uuid, f"{line} is not in Tempest 47.0.0 (+ plugins)"


def test_include_list_selects_exactly_the_list_with_stestr(tempest_list, inventory, tmp_path):
    """Resolved against the real inventory, the include-list read by stestr's own include-list
    parser (what `tempest run --include-list` calls) selects exactly the listed tests."""
    from stestr.selection import _get_regex_from_include_list, filter_tests

    files, sink = build(REPO / "architectures" / "dell_openstack.ra", tempest_list=str(tempest_list))
    assert not sink.items
    include = tmp_path / "include-list.txt"
    include.write_text(files["interop/include-list.txt"])
    ids = tempest_list.read_text().split()
    selected = filter_tests(_get_regex_from_include_list(str(include)), ids)
    as_listed = sorted(f"{e.name}[id-{e.uuid}]" for e in map(parse_line, selected))
    assert as_listed == lines(files)
    # The RefStack lines themselves are no regexes for stestr: hence the separate include list.
    with pytest.raises(re.error):
        re.compile(lines(files)[0])


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_default_include_list_selects_one_real_test_per_line(example, tempest_list, inventory, tmp_path):
    """Built without an inventory (the README's main job), stestr's own include-list reading
    selects from the real Tempest exactly one test per test-list line, with that line's id: none
    is lost to a guideline's misspelt name (the orchestration add-on's `...:Wherej`)."""
    from stestr.selection import _get_regex_from_include_list, filter_tests

    files, _sink = build(example)
    if "interop/test-list.txt" not in files:
        assert example.stem == "hadoop_cluster"  # no program applies: nothing to select
        return
    wanted = [parse_line(line) for line in lines(files)]
    include = tmp_path / "include-list.txt"
    include.write_text(files["interop/include-list.txt"])
    selected = [parse_line(t) for t in filter_tests(_get_regex_from_include_list(str(include)),
                                                   tempest_list.read_text().split())]
    assert sorted(e.uuid for e in selected) == sorted(e.uuid for e in wanted)
    by_uuid = {e.uuid: e for e in selected}
    for e in wanted:  # the real test is in the listed class (its method may have been renamed, as
        # designate's ZonesTest.test_list_zone -> test_list_zones), or the listed name is no test name
        assert by_uuid[e.uuid].name.rsplit(".", 1)[0] == e.name.rsplit(".", 1)[0] or ":" in e.name, e


def test_resolving_against_real_tempest_renames_and_reports(tempest_list, inventory):
    files, sink = build(REPO / "architectures" / "dell_openstack.ra", tempest_list=str(tempest_list),
                        include_flagged=True)
    inv = json.loads(files["interop/interop.json"])["inventory"]
    # The one test removed from Tempest (flagged D406) is reported, as a warning, and not listed.
    assert [m["idempotent_id"] for m in inv["missing"]] == ["id-bd2363bc-de92-48a4-bc98-28943c6e4be1"]
    assert [d.code for d in sink.items] == ["RA665"]
    renamed = {r["name"]: r["current"] for r in inv["renamed"]}
    assert renamed["tempest.api.network.test_routers.RoutersTest.test_update_router_unset_gateway"] == [
        "tempest.api.network.admin.test_routers.RoutersAdminTest.test_update_router_unset_gateway",
        "tempest.api.network.admin.test_routers.RoutersIpV6AdminTest.test_update_router_unset_gateway"]
    heat_typo = "heat_tempest_plugin.tests.functional.test_preview.StackPreviewTest.test_res_group_with_nested_template"
    assert renamed[heat_typo + ":Wherej"] == [heat_typo]
    listed = {parse_line(line).name for line in lines(files)}
    assert heat_typo in listed and heat_typo + ":Wherej" not in listed
    assert all(parse_line(line).name in inventory.by_name for line in lines(files))


# Platform must-pass tests resolving in Tempest 47.0.0: (guideline, by id, by name only, neither),
# reference table §6 (1.2 files have no ids, so they resolve by name).
RESOLUTION = [("2020.06", 273, 0, 0), ("2018.11", 270, 0, 0), ("2017.09", 230, 0, 0),
              ("2016.01", 95, 0, 1), ("2015.07", 95, 0, 3), ("2015.03", 0, 105, 13)]


@pytest.mark.parametrize(("gid", "by_id", "by_name", "neither"), RESOLUTION, ids=[r[0] for r in RESOLUTION])
def test_must_pass_tests_resolve_in_real_tempest_as_measured(gid, by_id, by_name, neither, inventory):
    from racompiler.targets.interop.inventory import resolve
    from racompiler.targets.interop.selection import pick_tests

    g = load_guideline(gid)
    must = [p.test for p in pick_tests(g, g.programs["platform"], ("required",)).values() if not p.flag]
    status = [resolve(inventory, t).status for t in must]
    assert (sum(s in ("found", "renamed") for s in status), status.count("by-name"), status.count("missing")) \
        == (by_id, by_name, neither)


def test_plain_tempest_lacks_the_addon_tests(tmp_path):
    """Against Tempest without plugins (the shipped fixture holds three real lines) the add-on
    tests are missing: the warning names them."""
    files, sink = build(REPO / "architectures" / "allinone.ra",
                        tempest_list=str(REPO / "tests" / "fixtures" / "interop" / "partial-inventory.txt"))
    (diag,) = sink.items
    assert diag.code == "RA665" and "276 test(s)" in diag.message
    assert lines(files) == ["tempest.api.compute.servers.test_create_server.ServersTestJSON.test_list_servers"
                            "[id-9a438d88-10c6-4bcd-8b5b-5b6e25e1346f]"]


# -- guideline loading -----------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["fifo", "device", "directory", "too-large"])
def test_tempest_list_must_be_a_bounded_regular_file(tmp_path, kind, monkeypatch):
    # --tempest-list /dev/zero read until the memory ran out; a named pipe blocked the build for
    # ever. Found by benchmarks/fuzz.py (the interop target's own options).
    import os
    import time

    import racompiler.targets.interop as interop

    if kind == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs here")
        path = tmp_path / "list.txt"
        os.mkfifo(path)
    elif kind == "device":
        path = Path("/dev/zero")
        if not path.exists():
            pytest.skip("no /dev/zero here")
    elif kind == "directory":
        path = tmp_path
    else:
        monkeypatch.setattr(interop, "MAX_TEMPEST_LIST_BYTES", 1000)
        path = tmp_path / "list.txt"
        path.write_text((REPO / "tests" / "fixtures" / "interop" / "partial-inventory.txt").read_text() * 10)
    start = time.monotonic()
    files, sink = build(REPO / "architectures" / "allinone.ra", tempest_list=str(path))
    assert time.monotonic() - start < 10
    assert [d.code for d in sink.items] == ["RA664"] and not files
    assert {"fifo": "named pipe", "device": "character device", "directory": "directory",
            "too-large": "larger than"}[kind] in sink.items[0].message


def test_schema_1_2_loads_without_ids():
    g = load_guideline("2015.03")
    assert g.schema == "1.2" and set(g.programs) == {"platform", "compute", "storage"}
    tests = [t for c in g.capabilities.values() for t in c.tests]
    assert tests and all(t.uuid is None for t in tests)
    assert any(t.flag for t in tests)


def test_schema_1_5_loads_with_ids_and_flag_reasons():
    g = load_guideline("2015.07")
    assert g.schema == "1.5" and g.programs["storage"] == ("object",)
    assert g.programs["platform"] == ("compute", "object")
    tests = [t for c in g.capabilities.values() for t in c.tests]
    assert all(t.uuid and re.fullmatch(r"[0-9a-f-]{36}", t.uuid) for t in tests)
    assert any(t.flag and t.flag.reason.startswith("D406") for t in tests)


def test_schema_2_0_loads_programs_and_designated_sections():
    g = load_guideline("2020.06")
    assert g.schema == "2.0"
    assert g.programs == {"platform": ("os_powered_compute", "os_powered_storage"),
                          "compute": ("os_powered_compute",), "storage": ("os_powered_storage",)}
    assert g.components["os_powered_compute"].services == ("cinder", "glance", "keystone", "neutron", "nova")
    assert g.components["os_powered_storage"].services == ("keystone", "swift")


@pytest.mark.parametrize("addon", ["dns", "orchestration"])
def test_addon_ids_are_normalised(addon):
    raw = json.loads((guideline_dir() / "add-ons" / f"{addon}.2020.06.json").read_text())
    raw_ids = {t["idempotent_id"] for c in raw["capabilities"].values() for t in c["tests"].values()}
    assert raw_ids and not any(i.startswith("id-") for i in raw_ids)  # the upstream quirk
    g = load_guideline("2020.06", addon)
    assert {t.uuid for c in g.capabilities.values() for t in c.tests} == raw_ids
    assert g.requires_components == ("os_powered_compute",)


def test_the_addon_file_that_misnames_itself_loads_by_file_name():
    assert load_guideline("2018.02", "orchestration").id == "orchestration.2018.02"


def _schema_validator(schema: dict):
    import jsonschema

    cls = jsonschema.validators.validator_for(schema)
    # 1.6.json's required-since pattern is not a valid Python regex (see SOURCES.md): skip it.
    checks = {k: v for k, v in cls.VALIDATORS.items() if k != "pattern"}
    return jsonschema.validators.create(meta_schema=cls.META_SCHEMA, validators=checks)(schema)


SHIPPED = sorted(p.relative_to(guideline_dir()).as_posix() for p in guideline_dir().rglob("*.json"))


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_guideline_validates_against_its_shipped_schema(name):
    data = json.loads((guideline_dir() / name).read_text())
    version = str(data.get("metadata", {}).get("schema") or data["schema"])
    if version == "1.2":  # 1.2 has no JSON Schema upstream; it is the three 2015 files
        assert name in {"2015.03.json", "2015.04.json", "2015.05.json"}
        return
    schema = json.loads((INTEROP / "schemas" / f"{version}.json").read_text())
    errors = list(_schema_validator(schema).iter_errors(data))
    assert not errors, [e.message for e in errors[:3]]


def test_drafts_are_not_shipped():
    assert not list(guideline_dir().rglob("*next*"))
    assert (INTEROP / "SOURCES.md").is_file()


# -- programs derived from the services ---------------------------------------------------------------
def test_hadoop_gets_no_program_and_no_failure(tmp_path):
    proc = run_cli("build", "architectures/hadoop_cluster.ra", "-t", "interop", "-o", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr.decode()
    out = tmp_path / "out" / "interop"
    # (beside them, the marker that tells a later build the folder is racompiler's)
    assert sorted(p.name for p in out.iterdir() if p.name != ".racompiler-output") == ["README.md", "interop.json"]
    data = json.loads((out / "interop.json").read_text())
    assert data["applies"] is False and data["program"] is None
    assert data["summary"].startswith("no interop program applies")
    assert data["programs"]["storage"]["missing_services"] == ["keystone", "swift"]
    assert "no interop program applies" in (out / "README.md").read_text()


def test_partial_openstack_names_the_missing_services(tmp_path):
    files, sink = build(cloud(tmp_path, "database.server, rabbitmq.server, keystone.server, glance.server"))
    data = json.loads(files["interop/interop.json"])
    assert not sink.items and not data["applies"] and "interop/test-list.txt" not in files
    assert data["programs"]["compute"]["missing_services"] == ["cinder", "neutron", "nova"]
    assert data["programs"]["storage"]["missing_services"] == ["swift"]


def test_storage_only_cloud_gets_storage_and_no_addon(tmp_path):
    files, _ = build(cloud(tmp_path, f"database.server, rabbitmq.server, keystone.server, {SWIFT}"))
    data = json.loads(files["interop/interop.json"])
    assert data["program"]["name"] == "storage" and len(lines(files)) == 58
    assert all(line.startswith("tempest.api.") for line in lines(files))


def test_designate_brings_the_dns_addon_and_its_tests_exist(tmp_path, inventory):
    # The catalog's designate (interop_project "designate") brings the DNS add-on.
    path = cloud(tmp_path, f"{COMPUTE}, designate.server, designate.mdns")
    files, sink = build(path)
    data = json.loads(files["interop/interop.json"])
    assert not sink.items and data["addons"]["dns"]["applies"]
    dns = [line for line in lines(files) if line.startswith("designate_tempest_plugin.")]
    assert len(dns) == 10 == data["counts"]["dns"]["must_pass_tests"]
    assert all(parse_line(line).uuid in inventory.by_uuid for line in dns)
    assert "designate-tempest-plugin" in files["interop/README.md"]


def test_options_override_and_extend(tmp_path):
    files, _ = build(REPO / "architectures" / "dell_openstack.ra", program="compute", include_flagged=True)
    data = json.loads(files["interop/interop.json"])
    assert data["program"] == {"name": "compute", "title": "OpenStack Powered Compute", "chosen_by": "option",
                               "components": ["os_powered_compute"]}
    assert sum(1 for line in lines(files) if line.startswith("tempest.")) == 228
    plain = lines(build(REPO / "architectures" / "ha_openstack.ra", guideline="2017.09")[0])
    files, _ = build(REPO / "architectures" / "ha_openstack.ra", guideline="2017.09", include_advisory=True)
    data = json.loads(files["interop/interop.json"])
    c = data["counts"]["compute"]
    assert (c["advisory_capabilities"], c["advisory_tests"], len(plain)) == (16, 22, c["must_pass_tests"])
    assert set(plain) < set(lines(files))
    assert not data["addons"]["orchestration"]["applies"]  # no add-on guidelines before 2018.02


@pytest.mark.parametrize(("interop", "code"), [
    ('interop { program = platform }', "RA661"),
    ('interop { program = storage }', "RA661"),
    ('interop { addons = [dns] }', "RA662"),
    ('interop { guideline = "2014.07" }', "RA660"),
])
def test_pins_that_cannot_be_satisfied_fail_at_the_interop_block(tmp_path, interop, code):
    path = cloud(tmp_path, COMPUTE, interop=interop)
    files, sink = build(path)
    assert files == {} and [d.code for d in sink.items] == [code]
    line = path.read_text().splitlines().index(interop) + 1
    assert sink.items[0].span.line == line


def test_failed_pin_leaves_the_output_untouched(tmp_path):
    path = cloud(tmp_path, COMPUTE, interop="interop { program = platform }")
    out = tmp_path / "out"
    proc = run_cli("build", str(path), "-t", "interop", "-o", str(out))
    assert proc.returncode == 1 and b"error[RA661]" in proc.stderr and not out.exists()


# -- goldens, determinism, CLI and verify ------------------------------------------------------------------
@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_golden(example, update_goldens):
    files, _ = build(example.relative_to(REPO))
    for rel, text in sorted(files.items()):
        assert_golden(GOLDENS / "interop" / example.stem / Path(rel).name, text, update_goldens)


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_output_is_deterministic(example):
    first, second = build(example)[0], build(example)[0]
    assert first == second and all(text.endswith("\n") for text in first.values())


def test_cli_build_then_verify(tmp_path):
    out = tmp_path / "out"
    proc = run_cli("build", "architectures/dell_openstack.ra", "-t", "interop", "-o", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    assert (out / "interop" / "test-list.txt").read_text() == build(REPO / "architectures" / "dell_openstack.ra")[
        0]["interop/test-list.txt"]
    proc = run_cli("verify", str(out))
    assert proc.returncode == 0 and b"verified: interop" in proc.stderr, proc.stderr.decode()


def test_verify_catches_a_tampered_list(tmp_path):
    out = tmp_path / "out"
    assert run_cli("build", "architectures/ha_openstack.ra", "-t", "interop", "-o", str(out)).returncode == 0
    listing = out / "interop" / "test-list.txt"
    listing.write_text(listing.read_text() + "tempest.api.compute.test_gone.GoneTest.test_x[id-00000000-0000-0000-"
                                             "0000-000000000000]\n")
    proc = run_cli("verify", str(out))
    assert proc.returncode == 1 and b"error[RA664]" in proc.stderr


def test_verify_warns_about_tests_the_installed_tempest_lacks(tmp_path, tempest_list, monkeypatch):
    """In process, with the session's listing of the installed Tempest (the CLI test above lists
    it the slow way): a consistent folder naming a test Tempest lacks gets RA665."""
    import racompiler.targets.interop.verify as verify
    from racompiler.targets.interop import InteropTarget
    from racompiler.targets.interop.report import include_regexes

    out = tmp_path / "out"
    assert run_cli("build", "architectures/ha_openstack.ra", "-t", "interop", "-o", str(out)).returncode == 0
    folder = out / "interop"
    fake = "tempest.api.compute.test_gone.GoneTest.test_x[id-00000000-0000-0000-0000-000000000000]"
    listed = sorted((folder / "test-list.txt").read_text().splitlines() + [fake])
    (folder / "test-list.txt").write_text("".join(f"{line}\n" for line in listed))
    (folder / "include-list.txt").write_text("".join(f"{rx}\n" for rx in include_regexes(listed)))
    data = json.loads((folder / "interop.json").read_text())
    data["counts"]["test_list"] = len(listed)
    (folder / "interop.json").write_text(json.dumps(data))
    monkeypatch.setattr(verify, "list_installed_tempest", lambda: tempest_list.read_text())
    sink = DiagnosticSink()
    InteropTarget.verify(folder, sink)
    (diag,) = sink.items
    assert diag.code == "RA665" and diag.message.startswith("1 listed test(s)") and "test_gone" in diag.message
    assert diag.span.line == listed.index(fake) + 1


def test_a_misspelt_guideline_name_is_selected_by_its_id() -> None:
    """The orchestration add-on names one test `...test_res_group_with_nested_template:Wherej`: a
    regex anchored on that name would select nothing in Tempest, so that line is selected by its
    idempotent id alone (stestr searches each include-list regex in the test ids)."""
    from racompiler.targets.interop.report import include_regexes

    bad = ("heat_tempest_plugin.tests.functional.test_preview.StackPreviewTest."
           "test_res_group_with_nested_template:Wherej[id-6ca8ddfc-106f-4ecc-83f7-fca31d0c85ca]")
    good = "heat_tempest_plugin.tests.functional.test_preview.StackPreviewTest.test_basic_pass[id-4c2c062d-4723-42c0-a113-3307dd4ceb12]"
    real_ids = ["heat_tempest_plugin.tests.functional.test_preview.StackPreviewTest."
                "test_res_group_with_nested_template[id-6ca8ddfc-106f-4ecc-83f7-fca31d0c85ca]", good,
                "heat_tempest_plugin.tests.functional.test_preview.StackPreviewTest.test_nested_pass"
                "[id-0449113c-ff90-4f2b-8825-27ea35c1983f]"]
    regexes = [re.compile(rx) for rx in include_regexes([bad, good])]
    selected = sorted(t for t in real_ids if any(rx.search(t) for rx in regexes))
    assert selected == sorted(real_ids[:2])
