"""`racompiler interop score` and `compare` on real streams and the shipped guideline data.

Streams are written with python-subunit's own writer (StreamResultToBytes), the way a Tempest
worker writes them: test ids carry Tempest's sorted attributes (``name[id-<uuid>,smoke]``), each
test goes inprogress, gets an attachment and reaches its final status. Expected verdicts are
computed here from the guideline JSON files with plain ``json`` (RefStack's algorithm written out
again), never by calling the code under test.
"""

from __future__ import annotations

import datetime
import gzip
import io
import json
from pathlib import Path

import jsonschema
import pytest
import subunit

from conftest import REPO, run_cli

GUIDELINES = REPO / "targets" / "interop" / "guidelines"
SCHEMAS = REPO / "targets" / "interop" / "schemas"
TITLES = {"platform": "OpenStack Powered Platform", "compute": "OpenStack Powered Compute",
          "storage": "OpenStack Powered Storage"}
T0 = datetime.datetime(2026, 11, 28, 12, 0, tzinfo=datetime.timezone.utc)


# -- the guideline data, read independently ------------------------------------------------------------
def raw(name: str) -> dict:
    return json.loads((GUIDELINES / f"{name}.json").read_text(encoding="utf-8"))


def bare(uuid: str) -> str:
    return uuid.lower().removeprefix("id-")


def required_caps(doc: dict, components: list[str]) -> dict[str, dict]:
    """Required capability name -> {test name: test entry} for schema 2.0 ``components``."""
    caps = {c for comp in components for c in doc["components"][comp]["capabilities"]["required"]}
    return {c: doc["capabilities"][c]["tests"] for c in sorted(caps)}


def program_components(doc: dict, program: str) -> list[str]:
    return [c["name"] for c in doc["platforms"][TITLES[program]]["components"]]


def must_pass(caps: dict[str, dict]) -> dict[str, str]:
    """Test name -> bare uuid of every test some capability requires and does not flag."""
    return {n: bare(t["idempotent_id"]) for tests in caps.values() for n, t in tests.items() if not t.get("flagged")}


def flagged(caps: dict[str, dict]) -> dict[str, str]:
    return {n: bare(t["idempotent_id"]) for tests in caps.values() for n, t in tests.items() if t.get("flagged")}


def tempest_id(name: str, uuid: str, *tags: str) -> str:
    """A test id as Tempest writes it: attributes sorted, the id among them."""
    return f"{name}[{','.join(sorted([f'id-{uuid}', *tags]))}]"


# -- streams, written with python-subunit's writer ------------------------------------------------------
def stream(results: list[tuple[str, str]]) -> bytes:
    """A subunit v2 stream: for each (test id, final status) an inprogress event, a traceback
    attachment for failures and the final status, one second apart."""
    buf = io.BytesIO()
    out = subunit.StreamResultToBytes(buf)
    for i, (test_id, status) in enumerate(results):
        at = T0 + datetime.timedelta(seconds=i)
        out.status(test_id=test_id, test_status="inprogress", timestamp=at)
        if status == "fail":
            out.status(test_id=test_id, file_name="traceback", file_bytes=b"Traceback: AssertionError",
                       mime_type="text/x-traceback;charset=utf8", eof=True, timestamp=at)
        out.status(test_id=test_id, test_status=status, timestamp=at)
    return buf.getvalue()


def passing(tests: dict[str, str], status: str = "success") -> list[tuple[str, str]]:
    return [(tempest_id(n, u, "smoke"), status) for n, u in sorted(tests.items())]


# -- the build under test ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """dell_openstack's interop folder: Platform with Orchestration, guideline 2020.06."""
    out = tmp_path_factory.mktemp("build") / "out"
    proc = run_cli("build", "architectures/dell_openstack.ra", "-t", "interop", "-o", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    data = json.loads((out / "interop" / "interop.json").read_text())
    assert (data["guideline"]["id"], data["program"]["name"]) == ("2020.06", "platform")
    assert [a for a, v in data["addons"].items() if v["applies"]] == ["orchestration"]
    return out / "interop"


@pytest.fixture(scope="module")
def g2020() -> dict:
    return raw("2020.06")


@pytest.fixture(scope="module")
def platform(g2020) -> dict[str, dict]:
    return required_caps(g2020, program_components(g2020, "platform"))


def score(folder: Path, data: bytes, *args: str, name: str = "run.subunit", tmp: Path):
    path = tmp / name
    path.write_bytes(data)
    return run_cli("interop", "score", str(folder), str(path), *args)


def score_json(folder: Path, data: bytes, tmp: Path, *args: str) -> tuple[int, dict]:
    proc = score(folder, data, "--format", "json", *args, tmp=tmp)
    assert proc.returncode in (0, 1), proc.stderr.decode()
    doc = json.loads(proc.stdout)
    validate(doc, "score")
    return proc.returncode, doc


def validate(doc: dict, name: str) -> None:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(doc)


def caps_of(doc: dict) -> dict[str, dict]:
    return {cap["name"]: cap for comp in doc["components"].values() for cap in comp["capabilities"]}


def no_traceback(proc) -> None:
    assert b"Traceback" not in proc.stderr and b"Traceback" not in proc.stdout


# -- verdicts ---------------------------------------------------------------------------------------------------
def test_every_must_pass_platform_test_passing_qualifies(folder, platform, g2020, tmp_path):
    tests = must_pass(platform)
    assert len(tests) == 273  # the research's count for 2020.06 Platform, computed from the file above
    code, doc = score_json(folder, stream(passing(tests)), tmp_path)
    assert code == 0 and doc["verdict"] == "qualifies" and doc["program"] == {
        "name": "platform", "title": TITLES["platform"], "chosen_by": "build", "qualifies": True}
    assert {p: v["qualifies"] for p, v in doc["programs"].items()} == {"platform": True, "compute": True, "storage": True}
    assert doc["programs"]["platform"]["capabilities"] == {"required": len(platform), "passed": len(platform)}
    # The Orchestration tests did not run: the add-on does not qualify, and the exit code follows the program.
    assert not doc["addons"]["orchestration"]["qualifies"] and doc["addons"]["orchestration"]["in_build"]
    for name, cap in caps_of(doc).items():
        if name in platform:
            assert cap["status"] == "passed", name
            assert cap["counts"]["passed"] == sum(1 for t in platform[name].values() if not t.get("flagged"))
            assert cap["counts"]["flagged"] == sum(1 for t in platform[name].values() if t.get("flagged"))
    assert doc["results"]["matched"] == len(tests) and doc["results"]["unmatched"] == []


def test_one_required_failure_flips_its_capability_and_the_exit_code(folder, platform, g2020, tmp_path):
    tests = must_pass(platform)
    victim = "tempest.api.compute.servers.test_create_server.ServersTestJSON.test_list_servers"
    owners = sorted(c for c, t in platform.items() if victim in t and not t[victim].get("flagged"))
    assert owners == ["compute-servers-list"]
    results = [(tid, "fail" if tid.startswith(victim + "[") else st) for tid, st in passing(tests)]
    proc = score(folder, stream(results), tmp=tmp_path)
    assert proc.returncode == 1, proc.stderr.decode()
    text = proc.stdout.decode()
    assert "OpenStack Powered Platform (the build's program): DOES NOT QUALIFY" in text
    assert "compute-servers-list (nova, os_powered_compute): failed" in text
    assert f"failed: {victim}[id-{tests[victim]}]" in text
    code, doc = score_json(folder, stream(results), tmp_path)
    compute_caps = required_caps(g2020, program_components(g2020, "compute"))
    storage_caps = required_caps(g2020, program_components(g2020, "storage"))
    assert code == 1 and doc["programs"]["platform"]["failing"] == owners
    assert doc["programs"]["compute"]["qualifies"] is not any(c in compute_caps for c in owners)
    assert doc["programs"]["storage"]["qualifies"] is not any(c in storage_caps for c in owners)
    cap = caps_of(doc)["compute-servers-list"]
    assert cap["status"] == "failed" and cap["counts"]["failed"] == 1
    # Judged as Storage instead, the same run qualifies (the failure is outside it).
    assert score(folder, stream(results), "--program", "storage", tmp=tmp_path).returncode == 0
    # Without its result at all (the test left out of the run), the capability is "not run".
    absent = [(tid, st) for tid, st in passing(tests) if not tid.startswith(victim + "[")]
    code, doc = score_json(folder, stream(absent), tmp_path)
    assert code == 1 and doc["programs"]["platform"]["failing"] == owners
    assert caps_of(doc)["compute-servers-list"]["status"] == "not_run"


def test_inherited_variants_sharing_the_id_do_not_stand_in_for_the_named_test(folder, platform, tmp_path):
    """Tempest 47 runs test_list_servers (one idempotent id) in ServersTestJSON and in its
    ServersTestBootFromVolume and ServersTestManualDisk subclasses; the guideline names the first."""
    tests = must_pass(platform)
    named = "tempest.api.compute.servers.test_create_server.ServersTestJSON.test_list_servers"
    variant = "tempest.api.compute.servers.test_create_server.ServersTestBootFromVolume.test_list_servers"
    extra = [(tempest_id(variant, tests[named], "smoke"), "fail")]
    code, doc = score_json(folder, stream(passing(tests) + extra), tmp_path)
    assert code == 0 and doc["results"]["unmatched"] == [extra[0][0]]
    # and the other way round: the named one failing is not rescued by a passing variant
    flipped = [(tid, "fail" if tid.startswith(named + "[") else st) for tid, st in passing(tests)]
    code, doc = score_json(folder, stream(flipped + [(extra[0][0], "success")]), tmp_path)
    assert code == 1 and doc["programs"]["platform"]["failing"] == ["compute-servers-list"]


def test_flagged_tests_never_fail_a_program(folder, platform, tmp_path):
    waived = flagged(platform)
    assert len(waived) == 11
    results = passing(must_pass(platform)) + passing(waived, "fail")
    code, doc = score_json(folder, stream(results), tmp_path)
    assert code == 0 and doc["programs"]["platform"]["qualifies"]
    seen = {t["name"]: t for cap in caps_of(doc).values() for t in cap["tests"] if t["name"] in waived}
    assert set(seen) == set(waived)
    assert all(t["status"] == "flagged" and t["outcome"] == "failed" and t["flag_reason"] for t in seen.values())


def test_a_renamed_test_is_matched_by_its_id(folder, platform, tmp_path):
    tests = must_pass(platform)
    old = "tempest.api.compute.servers.test_create_server.ServersTestJSON.test_list_servers"
    new = "tempest.api.compute.servers.test_list_servers.ListServersTestJSON.test_list_servers_after_rename"
    results = [(tempest_id(new if n == old else n, u, "smoke"), "success") for n, u in sorted(tests.items())]
    code, doc = score_json(folder, stream(results), tmp_path)
    assert code == 0
    (hit,) = [t for t in caps_of(doc)["compute-servers-list"]["tests"] if t["name"] == old]
    assert hit["matched_by"] == "renamed" and hit["run_ids"] == [tempest_id(new, tests[old], "smoke")]
    assert f"{old} -> {tempest_id(new, tests[old], 'smoke')}" in score(folder, stream(results), tmp=tmp_path).stdout.decode()


def test_a_test_absent_from_the_guideline_counts_for_nothing(folder, platform, tmp_path):
    extra = tempest_id("tempest.api.compute.admin.test_extra.ExtraTest.test_not_in_any_guideline",
                       "0badc0de-0000-4000-8000-000000000000")
    results = passing(must_pass(platform)) + [(extra, "fail")]
    code, doc = score_json(folder, stream(results), tmp_path)
    assert code == 0 and doc["results"]["unmatched"] == [extra] and doc["results"]["outcomes"]["failed"] == 1


def test_a_skipped_test_and_a_skipped_class_fail_their_capabilities(folder, platform, tmp_path):
    tests = must_pass(platform)
    skipped = "tempest.api.identity.v3.test_catalog.IdentityCatalogTest.test_catalog_standardization"
    cls = "tempest.api.object_storage.test_container_acl.ObjectTestACLs"
    in_class = {n for n in tests if n.startswith(cls + ".")}
    assert in_class  # the class holds required tests
    results = [(tid, "skip" if tid.startswith(skipped + "[") else st)
               for tid, st in passing({n: u for n, u in tests.items() if n not in in_class})]
    results.append((f"setUpClass ({cls})", "skip"))  # as unittest reports a class skipped in setUpClass
    code, doc = score_json(folder, stream(results), tmp_path)
    expected = sorted({c for c, t in platform.items() if any(n in t and not t[n].get("flagged")
                                                             for n in in_class | {skipped})})
    assert code == 1 and doc["programs"]["platform"]["failing"] == expected
    caps = caps_of(doc)
    for c in expected:
        assert caps[c]["status"] == "skipped"
    by_fixture = [t for cap in caps.values() for t in cap["tests"] if t["name"] in in_class]
    assert by_fixture and all(t["matched_by"] == "setUpClass" and t["status"] == "skipped" for t in by_fixture)
    assert doc["results"]["fixtures"] == [f"setUpClass ({cls})"]


def test_a_rerun_counts_by_its_last_result(folder, platform, tmp_path):
    tests = must_pass(platform)
    first = [(tid, "fail") for tid, _ in passing(tests)[:5]]
    assert score(folder, stream(first) + stream(passing(tests)), tmp=tmp_path).returncode == 0
    assert score(folder, stream(passing(tests)) + stream(first), tmp=tmp_path).returncode == 1


def test_the_add_on_qualifies_with_its_own_tests_and_its_base(folder, platform, tmp_path):
    orch = raw("add-ons/orchestration.2020.06")
    addon = required_caps(orch, [c["name"] for c in orch["add-ons"]["Orchestration"]["components"]])
    tests = {**must_pass(platform), **must_pass(addon)}
    code, doc = score_json(folder, stream(passing(tests)), tmp_path)
    assert code == 0 and doc["addons"]["orchestration"]["qualifies"]
    assert doc["addons"]["orchestration"]["capabilities"] == {"required": len(addon), "passed": len(addon)}
    assert doc["results"]["matched"] == len(tests) == 273 + 60


# -- the two input formats -------------------------------------------------------------------------------------
def test_refstack_json_is_scored_by_uuid_and_by_name(folder, platform, tmp_path):
    tests = must_pass(platform)
    renamed = "tempest.api.compute.servers.test_create_server.ServersTestJSON.test_list_servers"
    entries = [{"name": ("tempest.api.compute.moved.Moved.test_x" if n == renamed else n), "uuid": u}
               for n, u in sorted(tests.items())]
    doc = {"cpid": "7bc6b0e7d8e44b0a8da7a7bd1ab59d5d", "duration_seconds": 4242, "results": entries}
    code, out = score_json(folder, json.dumps(doc).encode(), tmp_path)
    assert code == 0 and out["results"]["format"] == "refstack" and out["results"]["tests"] == len(tests)
    # The RefStack API's own form (and older clients'): plain names, no uuid; the moved one is lost.
    names = {"cpid": "x", "duration_seconds": 1, "results": [e["name"] for e in entries]}
    code, out = score_json(folder, json.dumps(names).encode(), tmp_path)
    assert code == 1 and out["programs"]["platform"]["failing"] == ["compute-servers-list"]
    text = score(folder, json.dumps(names).encode(), tmp=tmp_path).stdout.decode()
    assert "not run: " + renamed in text and "RefStack results list passed tests only" in text


def test_results_from_standard_input(folder, platform):
    proc = run_cli("interop", "score", str(folder), "-", input=stream(passing(must_pass(platform))))
    assert proc.returncode == 0 and b"QUALIFIES" in proc.stdout, proc.stderr.decode()


# -- unreadable input: a diagnostic and exit 2, never a traceback -------------------------------------------------
def test_a_truncated_stream_is_ra671(folder, platform, tmp_path):
    data = stream(passing(must_pass(platform)))
    proc = score(folder, data[:-7], tmp=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 2 and b"error[RA671]" in proc.stderr and b"truncated or corrupt" in proc.stderr
    assert proc.stdout == b""
    # Cut between packets while a test runs: the run itself was cut short.
    running = data + stream([])
    buf = io.BytesIO()
    subunit.StreamResultToBytes(buf).status(test_id=tempest_id("tempest.api.compute.x.Y.test_z", "1" * 32),
                                             test_status="inprogress", timestamp=T0)
    proc = score(folder, running + buf.getvalue(), tmp=tmp_path)
    assert proc.returncode == 2 and b"error[RA671]" in proc.stderr and b"still running" in proc.stderr


def test_a_foreign_stream_is_ra674(folder, tmp_path):
    unit = [("racompiler_tests.test_parser.ParserTest.test_empty", "success"),
            ("racompiler_tests.test_parser.ParserTest.test_bad", "fail")]
    proc = score(folder, stream(unit), tmp=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 2 and b"error[RA674]" in proc.stderr and b"none of the 2 result(s)" in proc.stderr


@pytest.mark.parametrize(("data", "words"), [
    (b"", b"are empty"),
    (b"test: tempest.api.a.B.test_c\nsuccess: tempest.api.a.B.test_c\n", b"subunit v1"),
    (b"PASSED tempest.api.compute.test_x\n", b"neither a subunit v2 stream nor a RefStack results JSON"),
    (gzip.compress(b"\xb3anything"), b"gzip-compressed"),
], ids=["empty", "subunit-v1", "text", "gzip"])
def test_input_that_is_not_results_is_ra670(folder, tmp_path, data, words):
    proc = score(folder, data, tmp=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 2 and b"error[RA670]" in proc.stderr and words in proc.stderr, proc.stderr


def test_a_missing_results_file_is_ra670(folder, tmp_path):
    proc = run_cli("interop", "score", str(folder), str(tmp_path / "nope.subunit"))
    assert proc.returncode == 2 and b"error[RA670]" in proc.stderr and b"No such file" in proc.stderr


@pytest.mark.parametrize(("doc", "words"), [
    (b'{"results": [', b"not valid JSON"),
    (b'{"cpid": "x", "results": [42]}', b"results[0] is neither a test name"),
    ((GUIDELINES / "2020.06.json").read_bytes(), b"it is an interop guideline"),
], ids=["broken", "bad-entry", "a-guideline"])
def test_json_that_is_not_refstack_results_is_ra672(folder, tmp_path, doc, words):
    proc = score(folder, doc, name="results.json", tmp=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 2 and b"error[RA672]" in proc.stderr and words in proc.stderr, proc.stderr


def test_a_folder_that_cannot_be_scored_is_ra673(folder, platform, tmp_path):
    data = stream(passing(must_pass(platform)))
    assert b"error[RA673]" in score(tmp_path / "nowhere", data, tmp=tmp_path).stderr
    bad = tmp_path / "bad"
    bad.mkdir()
    meta = json.loads((folder / "interop.json").read_text())
    for change, words in [(lambda d: d["guideline"].update(id="2031.01"), b"which this racompiler does not ship"),
                          (lambda d: d["components"]["os_powered_compute"]["required"].pop(), b"does not match"),
                          (lambda d: d.update(applies=False), b"nothing to score")]:
        edited = json.loads(json.dumps(meta))
        change(edited)
        (bad / "interop.json").write_text(json.dumps(edited))
        proc = score(bad, data, tmp=tmp_path)
        no_traceback(proc)
        assert proc.returncode == 2 and b"error[RA673]" in proc.stderr and words in proc.stderr, proc.stderr
    # The build output above the interop folder is accepted too.
    assert score(folder.parent, data, tmp=tmp_path).returncode == 0


# -- outputs ----------------------------------------------------------------------------------------------------------
def test_outputs_are_deterministic_and_markdown_names_the_failure(folder, platform, tmp_path):
    tests = must_pass(platform)
    results = passing(tests)
    results[0] = (results[0][0], "fail")
    runs = [score(folder, stream(results), "--format", fmt, tmp=tmp_path) for fmt in ("json", "json", "markdown")]
    assert runs[0].stdout == runs[1].stdout and runs[0].returncode == 1
    doc = json.loads(runs[0].stdout)
    assert list(doc) == sorted(doc)
    first = sorted(tests)[0]
    (cap,) = sorted(c for c, t in platform.items() if first in t and not t[first].get("flagged"))
    md = runs[2].stdout.decode()
    assert f"**{TITLES['platform']}: does not qualify**" in md and f"- **{cap}**" in md and f"failed: `{first}" in md


# -- guideline change -------------------------------------------------------------------------------------------------
def _raw_section(old: dict, new: dict, comps_old: list[str], comps_new: list[str]) -> tuple[set, set, set, set]:
    """(capabilities added to required, removed from required, test uuids added, removed)."""
    ro, rn = required_caps(old, comps_old), required_caps(new, comps_new)
    ids = lambda caps: {bare(t["idempotent_id"]) for tests in caps.values() for t in tests.values()}  # noqa: E731
    return set(rn) - set(ro), set(ro) - set(rn), ids(rn) - ids(ro), ids(ro) - ids(rn)


def test_compare_lists_exactly_the_capability_changes(folder, tmp_path):
    proc = run_cli("interop", "compare", str(folder), "--from", "2018.02", "--to", "2018.11", "--format", "json")
    assert proc.returncode == 0, proc.stderr.decode()
    doc = json.loads(proc.stdout)
    validate(doc, "compare")
    old, new = raw("2018.02"), raw("2018.11")
    program, addon = doc["sections"]
    added, removed, t_added, t_removed = _raw_section(old, new, program_components(old, "platform"),
                                                      program_components(new, "platform"))
    assert {c["name"] for c in program["capabilities"]["added"]} == added and len(added) == 5
    assert {c["name"] for c in program["capabilities"]["removed"]} == removed and len(removed) == 14
    # what a removed capability became in the new file, read from the file
    status = {c: s for s, caps in new["components"]["os_powered_compute"]["capabilities"].items() for c in caps}
    assert all(c["now"] == status.get(c["name"]) for c in program["capabilities"]["removed"])
    assert {bare(t["idempotent_id"]) for t in program["tests"]["added"]} == t_added
    assert {bare(t["idempotent_id"]) for t in program["tests"]["removed"]} == t_removed
    assert program["counts"]["to"]["must_pass_tests"] == len(must_pass(required_caps(new, program_components(new, "platform"))))
    oo, on = raw("add-ons/orchestration.2018.02"), raw("add-ons/orchestration.2018.11")
    comps = ["os_powered_orchestration"]
    a_added, a_removed, _ta, _tr = _raw_section(oo, on, comps, comps)
    assert addon["name"] == "orchestration" and {c["name"] for c in addon["capabilities"]["added"]} == a_added
    assert all(c["was"] == "advisory" for c in addon["capabilities"]["added"]) and not a_removed


def test_compare_of_two_identical_guidelines_says_so(folder):
    proc = run_cli("interop", "compare", str(folder), "--from", "2019.11", "--to", "2020.06", "--format", "json")
    doc = json.loads(proc.stdout)
    validate(doc, "compare")
    a, b = raw("2019.11"), raw("2020.06")
    same = _raw_section(a, b, program_components(a, "platform"), program_components(b, "platform"))
    assert same == (set(), set(), set(), set()) and doc["changed"] is False
    # the test-list count is the build's own list
    meta = json.loads((folder / "interop.json").read_text())
    assert doc["test_list"] == {"from": meta["counts"]["test_list"], "to": meta["counts"]["test_list"]}
    text = run_cli("interop", "compare", str(folder), "--from", "2019.11").stdout.decode()
    assert "no capability or test changes" in text


def test_compare_refuses_an_unknown_guideline(folder):
    proc = run_cli("interop", "compare", str(folder), "--to", "2031.01")
    assert proc.returncode == 2 and b"not a shipped guideline" in proc.stderr


# -- the documented example is the real output ------------------------------------------------------------------
def test_the_documented_example_is_what_the_command_prints(folder, tmp_path):
    """docs/targets/interop.md shows the text output for dell_openstack's list run with one
    failure, one skip and no Orchestration plugin; the same run must print exactly that."""
    results = []
    for line in (folder / "test-list.txt").read_text().splitlines():
        if line.startswith("heat_tempest_plugin."):
            continue
        name, uuid = line.split("[id-")
        status = {"tempest.api.compute.servers.test_create_server.ServersTestJSON.test_list_servers": "fail",
                  "tempest.api.identity.v3.test_catalog.IdentityCatalogTest.test_catalog_standardization": "skip",
                  }.get(name, "success")
        results.append((tempest_id(name, uuid.rstrip("]"), "smoke"), status))
    (tmp_path / "run.subunit").write_bytes(stream(results))
    (tmp_path / "interop").symlink_to(folder, target_is_directory=True)
    # (run from tmp_path: import racompiler from this checkout, as run_cli does from the repository)
    proc = run_cli("interop", "score", "interop", "run.subunit", cwd=tmp_path, env={"PYTHONPATH": str(REPO)})
    assert proc.returncode == 1, proc.stderr.decode()
    docs = (REPO / "docs" / "targets" / "interop.md").read_text()
    start = docs.index("```text\ndell_openstack: interop guideline") + len("```text\n")
    assert proc.stdout.decode() == docs[start:docs.index("```", start)]


def test_scoring_needs_only_the_core_dependencies(folder, platform, tmp_path):
    """`pip install racompiler` (python-subunit is a core dependency) scores a run with neither
    Tempest nor stestr installed: block them and score in a fresh interpreter."""
    import subprocess
    import sys

    (tmp_path / "run.subunit").write_bytes(stream(passing(must_pass(platform))))
    code = f"""
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("tempest", "stestr", "heat_tempest_plugin", "designate_tempest_plugin"):
            raise ImportError(name + " is not a core dependency")
sys.meta_path.insert(0, Block())
sys.argv = ["racompiler", "interop", "score", {str(folder)!r}, "run.subunit", "--format", "json"]
from racompiler.cli import main
main()
"""
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, timeout=120,
                          env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr.decode()
    assert json.loads(proc.stdout)["verdict"] == "qualifies"


def test_with_addons_the_verdict_needs_the_build_s_addons(folder, platform, tmp_path):
    orch = raw("add-ons/orchestration.2020.06")
    addon = required_caps(orch, [c["name"] for c in orch["add-ons"]["Orchestration"]["components"]])
    core_only = stream(passing(must_pass(platform)))
    proc = score(folder, core_only, "--with-addons", tmp=tmp_path)
    assert proc.returncode == 1
    assert b"OpenStack Powered Platform with the build's add-ons (the build's program): DOES NOT QUALIFY" in proc.stdout
    code, doc = score_json(folder, stream(passing({**must_pass(platform), **must_pass(addon)})), tmp_path,
                           "--with-addons")
    assert code == 0 and doc["addons_required"] and doc["addons"]["orchestration"]["qualifies"]


def test_advisory_capabilities_are_reported_and_never_counted(tmp_path):
    """2018.02 still had advisory capabilities; a Compute build pinned to it scores them apart."""
    out = tmp_path / "out"
    proc = run_cli("build", "architectures/allinone.ra", "-t", "interop", "--guideline", "2018.02", "-o", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    g = raw("2018.02")
    comps = program_components(g, "compute")
    code, doc = score_json(out / "interop", stream(passing(must_pass(required_caps(g, comps)))), tmp_path)
    assert code == 0 and doc["guideline"]["id"] == "2018.02"
    advisory = {c for comp in comps for c in g["components"][comp]["capabilities"]["advisory"]}
    assert advisory  # compute-servers-create-multiple, identity-v3-tokens-delete, volumes-v3-upload...
    scored = {cap["name"]: cap["status"] for comp in comps for cap in doc["components"][comp]["advisory"]}
    assert set(scored) == advisory and set(scored.values()) == {"not_run"}
    # The text counts those of the build's add-on too (allinone also gets Orchestration).
    assert json.loads((out / "interop" / "interop.json").read_text())["addons"]["orchestration"]["applies"]
    orch = raw("add-ons/orchestration.2018.02")
    both = advisory | {c for comp in orch["components"].values() for c in comp["capabilities"]["advisory"]}
    text = score(out / "interop", stream(passing(must_pass(required_caps(g, comps)))), tmp=tmp_path).stdout.decode()
    assert f"advisory capabilities (candidates for the next guideline, never counted): 0 of {len(both)} pass" in text


# -- no input makes the reader raise ----------------------------------------------------------------------------
_VALID = stream([(tempest_id("tempest.api.compute.a.B.test_c", "9a438d88-10c6-4bcd-8b5b-5b6e25e1346f", "smoke"),
                  "success"), ("setUpClass (tempest.api.compute.a.D)", "skip"),
                 (tempest_id("tempest.api.compute.a.B.test_d", "56b57ced-22b8-4127-9b8a-565dfb0207e2"), "fail")])


def _read(data: bytes):
    from racompiler.diagnostics import DiagnosticSink
    from racompiler.targets.interop.results import read_results

    sink = DiagnosticSink()
    run = read_results("-", sink, stdin=io.BytesIO(data))
    codes = {d.code for d in sink.items if d.severity.value == "error"}
    assert (run is None) == bool(codes) and codes <= {"RA670", "RA671", "RA672"}, sink.items
    return run


def test_the_valid_fuzz_seed_reads_back():
    run = _read(_VALID)
    assert [t.outcome for t in run.tests.values()] == ["passed", "failed"] and list(run.fixtures) == ["tempest.api.compute.a.D"]


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_FUZZ = settings(derandomize=True, deadline=None, database=None, max_examples=300,
                 suppress_health_check=[HealthCheck.too_slow])


@_FUZZ
@given(st.binary(max_size=400))
def test_any_bytes_give_results_or_a_diagnostic(data):
    _read(data)


@_FUZZ
@given(st.lists(st.tuples(st.integers(0, len(_VALID) - 1), st.integers(0, 255)), max_size=4),
       st.integers(1, len(_VALID)))
def test_a_damaged_stream_gives_results_or_a_diagnostic(edits, keep):
    data = bytearray(_VALID)
    for pos, value in edits:
        data[pos] = value
    _read(bytes(data[:keep]))


@_FUZZ
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(
                        ["results", "name", "uuid", "cpid", "capabilities", "metadata"]), inner, max_size=4),
                    max_leaves=20))
def test_any_json_gives_results_or_a_diagnostic(doc):
    _read(json.dumps({"results": doc} if isinstance(doc, list) else doc).encode())


def test_a_bad_folder_and_bad_results_are_both_reported(tmp_path):
    proc = score(tmp_path / "nowhere", b"not a stream", tmp=tmp_path)
    assert proc.returncode == 2 and b"error[RA673]" in proc.stderr and b"error[RA670]" in proc.stderr


def test_a_schema_1_2_guideline_without_ids_is_scored_by_name(tmp_path):
    """2015.03 lists test names only (no idempotent ids); its run is matched by name."""
    out = tmp_path / "out"
    proc = run_cli("build", "architectures/dell_lab.ra", "-t", "interop", "--guideline", "2015.03", "-o", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    g = raw("2015.03")
    caps = g["components"]["compute"]["required"]
    must = sorted({n for c in caps for n in g["capabilities"][c]["tests"] if n not in g["capabilities"][c].get("flagged", [])})
    results = [(f"{n}[smoke]", "success") for n in must]
    code, doc = score_json(out / "interop", stream(results), tmp_path)
    assert code == 0 and doc["programs"]["compute"]["capabilities"] == {"required": len(caps), "passed": len(caps)}
    assert {t["matched_by"] for comp in doc["components"].values() for cap in comp["capabilities"]
            for t in cap["tests"] if t["run_ids"]} == {"name"}
    # one required test failing flips its capability, named by the guideline file
    victim = must[0]
    owner = sorted(c for c in caps if victim in g["capabilities"][c]["tests"])
    code, doc = score_json(out / "interop", stream([(t, "fail" if t == f"{victim}[smoke]" else s) for t, s in results]),
                           tmp_path)
    assert code == 1 and doc["programs"]["compute"]["failing"] == owner
    assert "add-ons: none published for 2015.03" in score(out / "interop", stream(results), tmp=tmp_path).stdout.decode()


# -- a stream from the real Tempest -------------------------------------------------------------------------------
def test_a_real_tempest_stream_with_class_failures(folder, platform, tmp_path):
    """Tempest 47's own classes run through python-subunit's runner, with a tempest.conf naming no
    credentials: each class fails in setUpClass (as when the cloud refuses the credentials), the
    stream carries Tempest's log line before the packets, and every test of those classes is
    scored failed through its class fixture."""
    import subprocess
    import sys

    pytest.importorskip("tempest")  # (a test extra; test_target_interop.py fails loudly without it)
    classes = ["tempest.api.compute.servers.test_create_server.ServersTestJSON",
               "tempest.api.identity.v3.test_catalog.IdentityCatalogTest"]
    (tmp_path / "tempest.conf").write_text("[DEFAULT]\n")
    env = {"TEMPEST_CONFIG_DIR": str(tmp_path), "TEMPEST_CONFIG": "tempest.conf", "PATH": "/usr/bin:/bin",
           "HOME": str(tmp_path)}
    run = subprocess.run([sys.executable, "-m", "subunit.run", *classes], cwd=tmp_path, env=env,
                         capture_output=True, timeout=300)
    (tmp_path / "real.subunit").write_bytes(run.stdout)
    proc = run_cli("interop", "score", str(folder), str(tmp_path / "real.subunit"), "--format", "json")
    assert proc.returncode == 1 and b"error[" not in proc.stderr, proc.stderr.decode()
    doc = json.loads(proc.stdout)
    validate(doc, "score")
    assert doc["results"]["fixtures"] == sorted(f"setUpClass ({c})" for c in classes)
    in_classes = {n for n in must_pass(platform) if n.rsplit(".", 1)[0] in classes}
    assert in_classes
    scored = {t["name"]: t for cap in caps_of(doc).values() for t in cap["tests"] if t["name"] in in_classes}
    assert set(scored) == in_classes
    assert all(t["status"] == "failed" and t["matched_by"] == "setUpClass" for t in scored.values())
    owners = {c for c, tests in platform.items() if any(n in tests and not tests[n].get("flagged") for n in in_classes)}
    caps = caps_of(doc)
    assert all(caps[c]["status"] == "failed" for c in owners)
    assert {c for c, cap in caps.items() if cap["status"] == "failed" and c in platform} == owners


def test_tempest_s_log_lines_before_the_stream_are_a_warning(folder, platform, tmp_path):
    """`tempest run --subunit > FILE` writes Tempest's log lines on stdout before the packets."""
    log = b"2026-11-28 12:00:00.000 4242 INFO tempest [-] Using tempest config file /etc/tempest/tempest.conf\n"
    proc = score(folder, log + stream(passing(must_pass(platform))), tmp=tmp_path)
    assert proc.returncode == 0 and b"warning[RA670]" in proc.stderr and b"Using tempest config file" in proc.stderr
    # text that merely holds a 0xB3 byte (latin-1 "cubed") is not a stream
    proc = score(folder, "x³ = 27\n".encode("latin-1"), tmp=tmp_path)
    assert proc.returncode == 2 and b"neither a subunit v2 stream" in proc.stderr
