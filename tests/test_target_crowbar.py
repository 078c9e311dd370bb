"""The Crowbar target: proposals that pass the real barclamp schemas, ordered by real run_order.

The schemas, templates and crowbar.yml/<bc>.yml files are the upstream ones shipped in
targets/crowbar/ (see its SOURCES.md); validation uses pykwalify, as `racompiler verify` does.
"""

from __future__ import annotations

import copy
import json

import pytest

from conftest import GOLDENS, REPO, assert_golden, run_cli
from racompiler.api import compile_file
from racompiler.diagnostics import DiagnosticSink
from racompiler.targets import get_target
from racompiler.targets.crowbar import data
from racompiler.targets.crowbar.attributes import get_path, split_path
from racompiler.targets.crowbar.verify import validate_schema, verify_folder

pytest.importorskip("pykwalify")

OPENSTACK = ["allinone", "dell_openstack", "ha_openstack"]
FLAVOURS = list(data.FLAVOURS)
CASES = [(f, e) for f in FLAVOURS for e in OPENSTACK]
IDS = [f"{f}-{e}" for f, e in CASES]


def build(example: str, flavour: str):
    result = compile_file(str(REPO / "architectures" / f"{example}.ra"))
    assert result.ok, result.errors
    sink = DiagnosticSink()
    arts = get_target("crowbar", {"crowbar_flavor": flavour}).emit(result.plan, sink)
    return result, arts, sink


@pytest.fixture(scope="module")
def built():
    return {case: build(case[1], case[0]) for case in CASES}


def proposals(arts) -> dict[str, dict]:
    return {a.relpath: json.loads(a.text) for a in arts if not a.relpath.endswith("order.json")}


@pytest.mark.parametrize(("flavour", "example"), CASES, ids=IDS)
def test_every_proposal_validates_against_its_real_schema(built, flavour, example):
    _result, arts, sink = built[(flavour, example)]
    assert not sink.has_errors
    props = proposals(arts)
    assert len(props) >= 10
    for path, doc in props.items():
        bc = next(iter(doc["deployment"]))
        assert validate_schema(doc, data.barclamp(flavour, bc).schema()) == [], path
        assert "null" not in json.dumps(doc), path


@pytest.mark.parametrize(("flavour", "example"), CASES, ids=IDS)
def test_dependency_edges_follow_real_run_order(built, flavour, example):
    result, _arts, _sink = built[(flavour, example)]
    comps = data.mapping()["components"]
    edges = [(u, v) for u, v in result.plan.graph.edges if u in comps and v in comps]
    assert edges
    for provider, consumer in edges:
        p = data.barclamp(flavour, comps[provider]["barclamp"][flavour])
        c = data.barclamp(flavour, comps[consumer]["barclamp"][flavour])
        assert p.run_order < c.run_order, f"{provider} ({p.run_order}) -> {consumer} ({c.run_order})"


@pytest.mark.parametrize(("flavour", "example"), CASES, ids=IDS)
def test_built_folder_verifies_and_goldens(built, flavour, example, tmp_path, update_goldens):
    _result, arts, _sink = built[(flavour, example)]
    for art in arts:
        out = tmp_path / art.relpath
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(art.text, encoding="utf-8")
        assert_golden(GOLDENS / "crowbar" / flavour / example / art.relpath.split("/", 1)[1], art.text, update_goldens)
    sink = DiagnosticSink()
    verify_folder(tmp_path / "crowbar", sink)
    assert not sink.items, [str(d.message) for d in sink.items]


def test_output_is_deterministic():
    first = build("ha_openstack", "suse")[1]
    second = build("ha_openstack", "suse")[1]
    assert [(a.relpath, a.text) for a in first] == [(a.relpath, a.text) for a in second]


def test_ids_instances_and_clusters_follow_the_flavour(built):
    dell = proposals(built[("dell-1.x", "ha_openstack")][1])
    suse = proposals(built[("suse", "ha_openstack")][1])
    assert dell["crowbar/nova.json"]["id"] == "bc-nova-default"
    assert suse["crowbar/nova.json"]["id"] == "nova-default"
    assert "crowbar/nova_dashboard.json" in dell and "crowbar/horizon.json" in suse
    nova = suse["crowbar/nova.json"]
    assert nova["deployment"]["nova"]["elements"]["nova-controller"] == ["cluster:controller"]
    assert nova["attributes"]["nova"]["cinder_instance"] == "default"
    assert len(nova["deployment"]["nova"]["elements"]["nova-compute-kvm"]) == 20
    # dell-1.x keystone cannot be clustered: one controller, and database can.
    assert dell["crowbar/keystone.json"]["deployment"]["keystone"]["elements"]["keystone-server"] == ["controller-1"]
    assert dell["crowbar/database.json"]["deployment"]["database"]["elements"]["database-server"] == [
        "cluster:controller"]


def test_mapping_paths_exist_in_template_and_schema_with_the_right_type():
    kinds = {"int": (int,), "float": (float,), "bytes": (int,), "mib": (int,), "bool": (bool,), "str": (str,)}
    schema_types = {int: {"int", "number"}, float: {"float", "number"}, bool: {"bool"}, str: {"str"},
                    list: {"seq"}, dict: {"map"}}
    for comp, spec in data.mapping()["components"].items():
        for flavour, bc_name in spec["barclamp"].items():
            bc = data.barclamp(flavour, bc_name)
            attrs = bc.template["attributes"][bc_name]
            schema = bc.schema()
            for name, per in (spec.get("attributes") or {}).items():
                for entry in per.get(flavour, []):
                    path = split_path(entry["path"])
                    rule = data.schema_rule(schema, ["attributes", bc_name, *path])
                    assert rule is not None, f"{flavour} {bc_name}.{entry['path']} not in schema"
                    if "values" in entry:
                        outs = list(entry["values"].values())
                    else:
                        get_path(attrs, path)  # raises when the template lacks it
                        outs = [kinds[entry["convert"]][0]()]
                    for out in outs:
                        assert rule["type"] in schema_types[type(out)], (flavour, comp, name, out)
            for role_entry in spec["roles"].values():
                table = role_entry[flavour]
                for role in table.values() if isinstance(table, dict) else [table]:
                    assert role in bc.template["deployment"][bc_name]["element_states"], (flavour, role)
            for kind in ("instances", "optional_instances"):
                for attr in ((spec.get(kind) or {}).get(flavour) or {}):
                    assert attr in attrs, (flavour, bc_name, attr)


@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize("corruption", ["unknown_key", "wrong_type", "missing_key"])
def test_verifier_rejects_a_corrupted_proposal(built, flavour, corruption, tmp_path):
    _result, arts, _sink = built[(flavour, "allinone")]
    for art in arts:
        out = tmp_path / art.relpath
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(art.text, encoding="utf-8")
    path = tmp_path / "crowbar" / "nova.json"
    doc = json.loads(path.read_text())
    nova = doc["attributes"]["nova"]
    if corruption == "unknown_key":
        nova["cpu_ratio"] = 8.0
    elif corruption == "wrong_type":
        nova["use_migration"] = "true"
    else:
        del nova["libvirt_type"]
    path.write_text(json.dumps(doc))
    sink = DiagnosticSink()
    verify_folder(tmp_path / "crowbar", sink)
    assert [d.code for d in sink.items] and {d.code for d in sink.items} == {"RA639"}


def test_verifier_rejects_an_order_that_commits_a_dependency_late(built, tmp_path):
    _result, arts, _sink = built[("dell-1.x", "allinone")]
    for art in arts:
        out = tmp_path / art.relpath
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(art.text, encoding="utf-8")
    order = json.loads((tmp_path / "crowbar" / "order.json").read_text())
    order["waves"] = list(reversed(order["waves"]))
    order["commit"] = [e["id"] for w in order["waves"] for e in w]
    (tmp_path / "crowbar" / "order.json").write_text(json.dumps(order))
    sink = DiagnosticSink()
    verify_folder(tmp_path / "crowbar", sink)
    assert {d.code for d in sink.items} == {"RA638"}


def test_verifier_catches_a_misspelt_role_the_schema_accepts(built, tmp_path):
    _result, arts, _sink = built[("suse", "allinone")]
    for art in arts:
        out = tmp_path / art.relpath
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(art.text, encoding="utf-8")
    path = tmp_path / "crowbar" / "keystone.json"
    doc = json.loads(path.read_text())
    els = doc["deployment"]["keystone"]["elements"]
    els["keystone-srever"] = els.pop("keystone-server")
    path.write_text(json.dumps(doc))
    assert validate_schema(doc, data.barclamp("suse", "keystone").schema()) == []
    sink = DiagnosticSink()
    verify_folder(tmp_path / "crowbar", sink)
    assert any("keystone-srever" in d.message and d.code == "RA639" for d in sink.items)


def test_hadoop_has_no_barclamp_mapping():
    result = compile_file(str(REPO / "architectures" / "hadoop_cluster.ra"))
    sink = DiagnosticSink()
    assert get_target("crowbar", {"crowbar_flavor": "suse"}).emit(result.plan, sink) == []
    assert {d.code for d in sink.items} == {"RA620"}
    assert {d.message.split("'")[1] for d in sink.items} == {"zookeeper", "hdfs", "yarn", "postgres", "hive"}


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_cli_build_then_verify(flavour, tmp_path):
    out = tmp_path / "out"
    proc = run_cli("build", "architectures/dell_openstack.ra", "-t", "crowbar", "--crowbar-flavor", flavour,
                   "-o", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    assert (out / "crowbar" / "order.json").is_file()
    proc = run_cli("verify", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    # A corrupted copy fails with exit 1.
    broken = copy.deepcopy(json.loads((out / "crowbar" / "swift.json").read_text()))
    broken["attributes"]["swift"]["replicas"] = "3"
    (out / "crowbar" / "swift.json").write_text(json.dumps(broken))
    assert run_cli("verify", str(out)).returncode == 1


def test_verifier_reports_a_folder_without_order_json(built, tmp_path):
    _result, arts, _sink = built[("suse", "allinone")]
    for art in arts:
        if not art.relpath.endswith("order.json"):
            out = tmp_path / art.relpath
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(art.text, encoding="utf-8")
    sink = DiagnosticSink()
    verify_folder(tmp_path / "crowbar", sink)
    assert {d.code for d in sink.items} == {"RA636"}


def test_verifier_without_pykwalify_says_so(monkeypatch, tmp_path):
    import sys

    monkeypatch.setitem(sys.modules, "pykwalify", None)  # makes `import pykwalify` fail
    sink = DiagnosticSink()
    verify_folder(tmp_path, sink)
    assert [d.code for d in sink.items] == ["RA637"]
