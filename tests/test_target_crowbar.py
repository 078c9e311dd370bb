"""The Crowbar target: proposals that pass the real barclamp schemas, ordered by real run_order.

The schemas, templates and crowbar.yml/<bc>.yml files are the upstream ones shipped in
targets/crowbar/ (see its SOURCES.md); validation uses pykwalify, as `racompiler verify` does.
"""

from __future__ import annotations

import copy
import json
import re

import pytest

from conftest import GOLDENS, REPO, assert_golden, run_cli, write_artifacts
from racompiler.api import build as api_build, check_targets, compile_file
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
    return {a.relpath: json.loads(a.text) for a in arts
            if a.relpath.endswith(".json") and not a.relpath.endswith("order.json")}


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
    write_artifacts(arts, tmp_path)
    for art in arts:
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
                table = role_entry.get(flavour)  # absent: no such Crowbar role in this flavour (RA621)
                for role in table.values() if isinstance(table, dict) else [table] if table else []:
                    assert role in bc.template["deployment"][bc_name]["element_states"], (flavour, role)
            for kind in ("instances", "optional_instances"):
                for attr in ((spec.get(kind) or {}).get(flavour) or {}):
                    assert attr in attrs, (flavour, bc_name, attr)


@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize("corruption", ["unknown_key", "wrong_type", "missing_key"])
def test_verifier_rejects_a_corrupted_proposal(built, flavour, corruption, tmp_path):
    _result, arts, _sink = built[(flavour, "allinone")]
    write_artifacts(arts, tmp_path)
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
    write_artifacts(arts, tmp_path)
    order = json.loads((tmp_path / "crowbar" / "order.json").read_text())
    order["waves"] = list(reversed(order["waves"]))
    order["commit"] = [e["id"] for w in order["waves"] for e in w]
    (tmp_path / "crowbar" / "order.json").write_text(json.dumps(order))
    sink = DiagnosticSink()
    verify_folder(tmp_path / "crowbar", sink)
    assert {d.code for d in sink.items} == {"RA638"}


def test_verifier_catches_a_misspelt_role_the_schema_accepts(built, tmp_path):
    _result, arts, _sink = built[("suse", "allinone")]
    write_artifacts(arts, tmp_path)
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
    errors = [d for d in sink.items if d.severity.name == "ERROR"]
    assert {d.code for d in errors} == {"RA620"}
    assert {d.message.split("'")[1] for d in errors} == {"zookeeper", "hdfs", "yarn", "postgres", "hive"}
    # Networks and hardware are still judged (warnings only).
    assert {d.code for d in sink.items} - {"RA620"} <= {"RA627", "RA628"}


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_cli_build_then_verify(flavour, tmp_path):
    out = tmp_path / "out"
    proc = run_cli("build", "architectures/dell_openstack.ra", "-t", "crowbar", "--crowbar-flavor", flavour,
                   "-o", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    assert (out / "crowbar" / "order.json").is_file()
    proc = run_cli("verify", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    lines = proc.stderr.decode().splitlines()
    assert any(line.startswith("crowbar: pykwalify ") and f"against the {flavour} barclamps' own kwalify schemas" in line
               for line in lines), lines
    assert any(line.startswith("crowbar: checked by racompiler's restatement") for line in lines), lines
    assert lines[-1] == "verified: crowbar"
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


# -- faithful output: networks, BIOS, secrets, the ledger -------------------------------------------
@pytest.mark.parametrize("flavour", FLAVOURS)
def test_network_proposal_carries_the_ra_networks_and_passes_the_real_schema(built, flavour):
    _result, arts, _sink = built[(flavour, "dell_openstack")]
    doc = proposals(arts)["crowbar/network.json"]
    assert validate_schema(doc, data.barclamp(flavour, "network").schema()) == []
    nets = doc["attributes"]["network"]["networks"]
    admin, public, storage, bmc = nets["admin"], nets["public"], nets["storage"], nets["bmc"]
    assert (admin["subnet"], admin["netmask"], admin["use_vlan"], admin["mtu"]) == (
        "192.168.124.0", "255.255.255.0", False, 1500)
    assert (public["subnet"], public["broadcast"], public["router"], public["vlan"], public["use_vlan"]) == (
        "192.168.122.0", "192.168.122.255", "192.168.122.1", 300, True)
    assert (storage["subnet"], storage["vlan"], storage["use_vlan"], storage["mtu"]) == (
        "192.168.125.0", 200, True, 9000)
    assert (bmc["subnet"], bmc["vlan"], bmc["use_vlan"]) == ("192.168.128.0", 100, True)
    # Floating IPs: Crowbar carves nova_floating out of the public subnet, on the same VLAN.
    floating = nets["nova_floating"]
    assert floating["subnet"].startswith("192.168.122.") and floating["vlan"] == 300
    # Template networks the RA does not define keep the template's values.
    template = data.barclamp(flavour, "network").template["attributes"]["network"]["networks"]
    assert nets["nova_fixed"] == template["nova_fixed"]
    import ipaddress

    for name, net in nets.items():
        cidr = ipaddress.ip_network(f"{net['subnet']}/{net['netmask']}")
        assert str(cidr.broadcast_address) == net["broadcast"], name
        spans = sorted((ipaddress.ip_address(r["start"]), ipaddress.ip_address(r["end"]))
                       for r in net["ranges"].values())
        for start, end in spans:
            assert cidr.network_address < start <= end < cidr.broadcast_address or name in {"nova_floating"}, name
        for (_s1, e1), (s2, _e2) in zip(spans, spans[1:]):
            assert e1 < s2 or net is nets["nova_fixed"], name  # the RA's ranges never overlap


@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize("cidr", ["10.0.0.0/16", "10.0.0.0/26", "10.0.0.0/25", "172.16.8.0/22"])
def test_network_ranges_scale_into_any_cidr(flavour, cidr, tmp_path):
    import ipaddress

    from racompiler.targets.crowbar.infra import _place

    bc = data.barclamp(flavour, "network")
    template = bc.template["attributes"]["network"]["networks"]
    net = ipaddress.ip_network(cidr)
    for name in ("admin", "public", "storage", "bmc"):
        cb = copy.deepcopy(template[name])
        assert _place(cb, template[name], None, net) == net
        spans = sorted((int(ipaddress.ip_address(r["start"])), int(ipaddress.ip_address(r["end"])))
                       for r in cb["ranges"].values())
        assert all(int(net.network_address) < a <= b < int(net.broadcast_address) for a, b in spans), (name, cb)
        assert all(b1 < a2 for (_a1, b1), (a2, _b2) in zip(spans, spans[1:])), (name, cb)
    floating = copy.deepcopy(template["nova_floating"])
    sub = _place(floating, template["nova_floating"], ipaddress.ip_network(
        f"{template['public']['subnet']}/{template['public']['netmask']}"), net)
    assert sub is not None and sub.subnet_of(net)


def test_dell_bios_proposal_turns_bios_setup_on_for_the_profiled_nodes(built):
    dell = proposals(built[("dell-1.x", "dell_openstack")][1])
    bios = dell["crowbar/dell_bios.json"]
    assert validate_schema(bios, data.barclamp("dell-1.x", "dell_bios").schema()) == []
    assert bios["attributes"]["dell_bios"]["bios_setup_enable"] is True
    # controller_hw and compute_hw state BIOS settings, storage_hw does not.
    assert bios["deployment"]["dell_bios"]["elements"]["dell_bios"] == [
        "controller-1", "compute-1", "compute-2", "compute-3", "compute-4"]
    assert "crowbar/dell_bios.json" not in proposals(built[("suse", "dell_openstack")][1])


@pytest.mark.parametrize(("flavour", "example"), CASES, ids=IDS)
def test_infrastructure_proposals_are_committed_first(built, flavour, example):
    _result, arts, _sink = built[(flavour, example)]
    order = json.loads(next(a.text for a in arts if a.relpath.endswith("order.json")))
    first = {e["barclamp"] for e in order["waves"][0]}
    assert "network" in first and first <= {"network", "dell_bios"}
    later = [e["run_order"] for wave in order["waves"][1:] for e in wave]
    assert max(e["run_order"] for e in order["waves"][0]) < min(later)


# Values the upstream templates ship as passwords, keys or tokens.
TEMPLATE_SECRETS = {"crowbar", "swauth", "tempest", "12345", "dispersion", "swift_pwd", "999888777666", "calamari",
                    "rootpass", "dfltpass", "password", "HBSD-CHAP-password",
                    "960e185a-255f-4bdb-3b03-3b9eb1e5cf1f", "AQAkTzBSQIGsLRAATtjTpJ1RgdviJz1S0byJBA==",
                    "AQAkTzBSmGKZFhAATjC+lKfxOxL1Wn+rgwbWpg=="}
SECRET_KEY = re.compile(r"(password|passwd|_pw|secret|secret_key|token|encryption_key|fixed_key|sshkey|ssh_key|"
                        r"^key2?|cluster_hash)$")


def _secret_leaks(tree, path=()):
    if isinstance(tree, dict):
        for key, value in tree.items():
            if isinstance(value, str) and value and SECRET_KEY.search(key):
                yield ".".join(map(str, (*path, key))), value
            yield from _secret_leaks(value, (*path, key))
    elif isinstance(tree, list):
        for i, value in enumerate(tree):
            yield from _secret_leaks(value, (*path, i))


@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize("example", sorted(p.stem for p in (REPO / "architectures").glob("*.ra")))
def test_no_generated_file_holds_a_password(flavour, example):
    result = compile_file(str(REPO / "architectures" / f"{example}.ra"))
    if not result.ok:
        pytest.skip("does not compile")
    arts = get_target("crowbar", {"crowbar_flavor": flavour}).emit(result.plan, DiagnosticSink())
    for art in arts:
        if art.relpath.endswith(".json"):
            doc = json.loads(art.text)
            assert list(_secret_leaks(doc.get("attributes", {}))) == [], art.relpath
            strings = set(re.findall(r'"([^"]*)"', art.text))
            keyed = {v for k, v in re.findall(r'"([^"]*)": "([^"]*)"', art.text) if SECRET_KEY.search(k)}
            assert not keyed & TEMPLATE_SECRETS, (art.relpath, keyed & TEMPLATE_SECRETS)
            assert not strings & (TEMPLATE_SECRETS - {"crowbar", "tempest", "password", "dispersion", "calamari"}), art.relpath
    if arts:
        secrets = next(a.text for a in arts if a.relpath == "crowbar/SECRETS.md")
        assert "## keystone.json" in secrets and "`admin.password`" in secrets


def test_secret_paths_exist_in_the_templates():
    from racompiler.targets.crowbar.secrets import secret_paths

    for flavour in FLAVOURS:
        for bc_name in data.shipped_barclamps(flavour):
            bc = data.barclamp(flavour, bc_name)
            for path in secret_paths(flavour, bc_name):
                assert isinstance(get_path(bc.template["attributes"][bc_name], split_path(path)), str), (
                    flavour, bc_name, path)
            # Every password-like key of the template is in the table.
            leaks = {p for p, _v in _secret_leaks(bc.template["attributes"][bc_name])}
            assert leaks <= set(secret_paths(flavour, bc_name)), (flavour, bc_name, leaks)


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_check_dell_openstack_leaves_no_fact_unaccounted(flavour):
    from racompiler.api import check_targets

    result = check_targets(str(REPO / "architectures" / "dell_openstack.ra"), ["crowbar"],
                           options={"crowbar_flavor": flavour})
    assert result.ok, result.errors
    assert [d.message for d in result.diagnostics if d.code == "RA690"] == []
    ra692 = [d.message for d in result.diagnostics if d.code == "RA692"]
    if flavour == "dell-1.x":
        assert any("networking_mode = vxlan" in m and "networking_mode = gre" in m for m in ra692), ra692
    else:
        assert not any("networking_mode" in m for m in ra692)


def test_catalog_default_is_written_where_the_flavour_can(built):
    suse = proposals(built[("suse", "dell_openstack")][1])["crowbar/neutron.json"]["attributes"]["neutron"]
    assert suse["ml2_type_drivers_default_tenant_network"] == "vxlan"


def test_ledger_marks_runs_and_config_where_they_land():
    from racompiler.targets.ledger import Ledger

    result = compile_file(str(REPO / "architectures" / "dell_openstack.ra"))
    ledger = Ledger.for_model(result.plan.model, "crowbar (suse)")
    get_target("crowbar", {"crowbar_flavor": "suse"}).emit(result.plan, DiagnosticSink(), ledger)
    assert ledger.pending() == []
    assert ledger.done["run:compute.nova.compute"] == "crowbar/nova.json deployment.nova.elements.nova-compute-kvm"
    assert ledger.done["config:swift.replicas"] == "crowbar/swift.json attributes.swift.replicas"
    assert ledger.done["network:storage.mtu"].startswith("crowbar/network.json")
    assert ledger.done["hardware:controller_hw.raid"] == "reported"


# -- the documented import loop, against Crowbar's own rules ----------------------------------------
# Crowbar's server-side checks are Ruby (ServiceObject in crowbar_framework/app/models/service_object.rb
# and <bc>_service.rb); they are restated as data in targets/crowbar/mapping.yaml (`proposal_names`,
# `constraints`, `exclusive_roles`, with their upstream locations) and applied by the functions of
# racompiler.targets.crowbar.verify. RestatedCrowbar plays the server: what the CLI sends for each
# step of the loop in docs/targets/crowbar.md, and what Crowbar checks on receiving it.
from racompiler.targets.crowbar.verify import name_refusal, references, role_problems, stored_id  # noqa: E402

LOOP_STEPS = ('crowbar "$bc" proposal create "$inst" ||',
              'crowbar "$bc" proposal edit "$inst" --file "out/crowbar/$file" ||',
              'crowbar "$bc" proposal commit "$inst" ||')
# Proposals an installed admin server holds: its install creates the core barclamps' `default`,
# network's from the install-time network definition.
INSTALLED = ("crowbar", "deployer", "dns", "ipmi", "logging", "network", "ntp", "provisioner")


class RestatedCrowbar:
    """The Crowbar server as the documented loop meets it (the rules restated, not Crowbar's code)."""

    def __init__(self, flavour: str) -> None:
        self.flavour = flavour
        self.stored: dict[tuple[str, str], dict | None] = {(bc, "default"): None for bc in INSTALLED}
        self.committed: set[tuple[str, str]] = set(self.stored)

    def create(self, barclamp: str, body: dict) -> list[str]:
        """PUT /crowbar/<bc>/1.0/proposals with ``body``: the name is ``body["id"]``."""
        name = body.get("id")
        refusal = name_refusal(name)
        if refusal:
            return [refusal]
        if (barclamp, name) in self.stored:
            return [f"proposal {name} of {barclamp} exists already"]
        self.stored[(barclamp, name)] = None  # Crowbar's own, made from its template
        return []

    def edit(self, barclamp: str, name: str, body: dict) -> list[str]:
        """POST /crowbar/<bc>/1.0/proposals/<name> with ``body``: the URL's name wins, Crowbar
        prefixes it, then validates the schema and the role rules."""
        if (barclamp, name) not in self.stored:
            return [f"no proposal {name} of {barclamp} (404)"]
        doc = copy.deepcopy(body)
        doc["id"] = stored_id(self.flavour, barclamp, name)
        problems = [] if body.get("id") == doc["id"] else [f"the file's id {body.get('id')} is not {doc['id']}"]
        problems += validate_schema(doc, data.barclamp(self.flavour, barclamp).schema())
        if not problems:
            problems = role_problems(doc, barclamp, self.flavour)
        if not problems:
            self.stored[(barclamp, name)] = doc
        return problems

    def commit(self, barclamp: str, name: str) -> list[str]:
        """POST .../proposals/commit/<name>: every proposal it needs must exist (one that is not
        deployed yet queues the commit, HTTP 202)."""
        doc = self.stored.get((barclamp, name))
        if doc is None:
            return [f"proposal {name} of {barclamp} holds nothing of ours"]
        missing = [key for key in references(doc, barclamp) if key not in self.stored]
        self.committed.add((barclamp, name))
        return [f"needs {bc} proposal {inst}, which does not exist" for bc, inst in missing]


def _loop_cases():
    for ra in sorted((REPO / "architectures").glob("*.ra")):
        for flavour in FLAVOURS:
            yield pytest.param(ra.stem, flavour, id=f"{flavour}-{ra.stem}")


def test_the_docs_show_the_loop_the_simulation_runs():
    text = (REPO / "docs" / "targets" / "crowbar.md").read_text(encoding="utf-8")
    loop = text.split("## Using the output with Crowbar", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    assert "select(.install_time | not)" in loop
    positions = [loop.index(step) for step in LOOP_STEPS]
    assert positions == sorted(positions), loop
    assert loop.count("--file") == 1  # create carries the name only


@pytest.mark.parametrize(("example", "flavour"), list(_loop_cases()))
def test_crowbar_accepts_every_proposal_through_the_documented_loop(example, flavour):
    result = compile_file(str(REPO / "architectures" / f"{example}.ra"))
    arts = get_target("crowbar", {"crowbar_flavor": flavour}).emit(result.plan, DiagnosticSink()) if result.ok else []
    if not arts:
        pytest.skip("no Crowbar output (the build reports why)")
    files = {a.relpath.split("/", 1)[1]: json.loads(a.text) for a in arts if a.relpath.endswith(".json")}
    order = files.pop("order.json")
    crowbar = RestatedCrowbar(flavour)
    entries = [e for wave in order["waves"] for e in wave]
    # The network proposal belongs to the admin server's install: its `default` exists already, so
    # `proposal create` would be refused and the loop skips it.
    install_time = [e for e in entries if e["install_time"]]
    assert [e["barclamp"] for e in install_time] == ["network"]
    assert crowbar.create("network", {"id": install_time[0]["instance"]}) != []
    for entry in entries:
        if entry["install_time"]:
            continue
        bc, inst, doc = entry["barclamp"], entry["instance"], files[entry["file"]]
        # The loop as it was documented first (`create --file`) sends the file's prefixed id: refused.
        assert any("letters, digits and '_'" in p for p in RestatedCrowbar(flavour).create(bc, doc)), entry
        assert crowbar.create(bc, {"id": inst}) == [], entry  # what `proposal create "$inst"` sends
        assert crowbar.edit(bc, inst, doc) == [], entry
        assert crowbar.commit(bc, inst) == [], entry
    assert crowbar.committed >= {(e["barclamp"], e["instance"]) for e in entries}


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_restated_role_rules_refuse_what_crowbar_refuses(built, flavour):
    props = proposals(built[(flavour, "ha_openstack")][1])
    crowbar = RestatedCrowbar(flavour)
    nova = copy.deepcopy(props["crowbar/nova.json"])
    els = nova["deployment"]["nova"]["elements"]
    controller = "nova-multi-controller" if flavour == "dell-1.x" else "nova-controller"
    kvm, qemu = ("nova-multi-compute-kvm", "nova-multi-compute-qemu") if flavour == "dell-1.x" else (
        "nova-compute-kvm", "nova-compute-qemu")
    els[controller] = ["controller-1", "controller-2"]  # validate_one_for_role
    els[qemu] = [(els.get(kvm) or els[next(r for r in els if "compute" in r)])[0]]  # one hypervisor per node
    crowbar.create("nova", {"id": "default"})
    problems = crowbar.edit("nova", "default", nova)
    assert any(f"'{controller}' takes at most 1" in p for p in problems), problems
    assert any("holds both" in p for p in problems), problems
    ceph = copy.deepcopy(props["crowbar/ceph.json"])
    ceph["deployment"]["ceph"]["elements"]["ceph-mon"] = ["controller-1", "controller-2"]  # odd count
    ceph["deployment"]["ceph"]["elements"]["ceph-osd"] = ["storage-1"]  # at least 2
    crowbar.create("ceph", {"id": "default"})
    problems = crowbar.edit("ceph", "default", ceph)
    assert any("'ceph-mon' needs an odd number" in p for p in problems), problems
    assert any("'ceph-osd' needs at least 2" in p for p in problems), problems
    # Names: reserved ones and anything but [A-Za-z0-9_] are refused; the stored id gets the prefix.
    assert name_refusal("template") and name_refusal("bc-nova-default") and name_refusal("")
    assert name_refusal("default") is None and name_refusal("ha_cluster1") is None
    assert stored_id(flavour, "nova", "default") == ("bc-nova-default" if flavour == "dell-1.x" else "nova-default")


def test_verify_says_not_verified_for_what_it_could_not_run(built, tmp_path, monkeypatch):
    """`racompiler verify` lists only what a real tool judged; a missing tool is "not verified"
    on its target's line, never on the summary line, and the exit code is 1."""
    import sys

    from click.testing import CliRunner

    from racompiler.cli import main

    import racompiler.targets.interop.verify as interop_verify

    result, arts, _sink = built[("suse", "allinone")]
    arts = arts + get_target("interop").emit(result.plan, DiagnosticSink())
    for art in arts:
        out = tmp_path / "out" / art.relpath
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(art.text, encoding="utf-8")
    # The [verify] extra brings no Tempest: interop's test ids are then not verified.
    monkeypatch.setattr(interop_verify, "list_installed_tempest", lambda: None)
    run = CliRunner().invoke(main, ["verify", str(tmp_path / "out")])
    lines = run.output.splitlines()
    assert run.exit_code == 1, run.output
    assert any(line.startswith("interop: not verified: Tempest is not installed") for line in lines), lines
    assert any(line.startswith("interop: checked by racompiler: ") for line in lines), lines
    assert lines[-1] == "verified: crowbar", lines
    monkeypatch.setitem(sys.modules, "pykwalify", None)  # makes `import pykwalify` fail
    run = CliRunner().invoke(main, ["verify", str(tmp_path / "out")])
    lines = run.output.splitlines()
    assert run.exit_code == 1, run.output
    assert any(line.startswith("crowbar: not verified: pykwalify is not installed") for line in lines), lines
    assert lines[-1] == "verified: nothing"
    monkeypatch.delitem(sys.modules, "pykwalify")
    monkeypatch.undo()
    run = CliRunner().invoke(main, ["verify", str(tmp_path / "out")])
    assert run.exit_code == 0 and run.output.splitlines()[-1] == "verified: crowbar, interop", run.output


def test_verifier_applies_the_name_and_role_rules(built, tmp_path):
    _result, arts, _sink = built[("dell-1.x", "allinone")]
    write_artifacts(arts, tmp_path)
    folder = tmp_path / "crowbar"
    order = json.loads((folder / "order.json").read_text())
    entry = next(e for w in order["waves"] for e in w if e["barclamp"] == "glance")
    entry["instance"] = entry["id"]  # the prefixed id as the name: `proposal create` refuses it
    next(e for w in order["waves"] for e in w if e["barclamp"] == "network")["install_time"] = False
    (folder / "order.json").write_text(json.dumps(order))
    nova = json.loads((folder / "nova.json").read_text())
    nova["deployment"]["nova"]["elements"]["nova-multi-controller"] = ["aio-1", "aio-2"]
    (folder / "nova.json").write_text(json.dumps(nova))
    sink = DiagnosticSink()
    verify_folder(folder, sink)
    got = sorted((d.code, d.message) for d in sink.items)
    assert [c for c, _m in got] == ["RA638", "RA638", "RA639"], got
    assert "letters, digits and '_'" in got[0][1] + got[1][1] and "install_time must be true" in got[0][1] + got[1][1]
    assert "'nova-multi-controller' takes at most 1 node(s), has 2" in got[2][1]


@pytest.mark.parametrize("flavour", ["dell-1.x", "suse"])
def test_network_optional_settings_agree_with_the_real_schema(flavour):
    """The build reads which optional network settings exist from mapping.yaml (the schema needs the
    verify extra's YAML reader): the table must say exactly what the real kwalify schema has."""
    from racompiler.targets.crowbar import data

    table = data.mapping()["network"]
    bc = data.barclamp(flavour, table["barclamp"][flavour])
    schema = bc.schema()
    for net in bc.template["attributes"][bc.name]["networks"]:
        has = {s for s in ("mtu",) if data.schema_rule(schema, ["attributes", bc.name, "networks", net, s])}
        assert has == set(table["optional_settings"][flavour]), (flavour, net)


# -- the barclamps SOC 9 added: barbican, designate, ironic, manila (suse only) ----------------------
SOC9_FIXTURE = REPO / "tests" / "fixtures" / "crowbar" / "suse_services.ra"
SOC9_ONLY = sorted(c for c, spec in data.mapping()["components"].items() if set(spec["barclamp"]) == {"suse"})


def test_soc9_only_barclamps_are_the_four_crowbar_openstack_added():
    assert SOC9_ONLY == ["barbican", "designate", "ironic", "manila"]
    # aodh (dropped before the SOC 9 tag) and octavia (added after it) have no barclamp at all.
    assert not {"aodh", "octavia"} & set(data.mapping()["components"])


def _emit_keeping_refused(plan, flavour: str):
    """Emit with Crowbar's save validations (RA630) diverted to their own sink: the proposals as
    racompiler writes them, swift's tempurl included, even those Crowbar would refuse to save.
    Returns (artifacts, sink, ledger, the RA630 sink)."""
    from racompiler.targets.crowbar import saving
    from racompiler.targets.ledger import Ledger

    refused = DiagnosticSink()
    real = saving.SaveChecks.__init__

    def diverted(self, model, flav, _sink):
        real(self, model, flav, refused)

    sink = DiagnosticSink()
    ledger = Ledger.for_model(plan.model, f"crowbar ({flavour})")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(saving.SaveChecks, "__init__", diverted)
        arts = get_target("crowbar", {"crowbar_flavor": flavour}).emit(plan, sink, ledger)
    return arts, sink, ledger, refused


@pytest.fixture(scope="module")
def soc9():
    """The fixture built per flavour. Crowbar would refuse to save two of the suse proposals (ironic
    without its network, manila's generic back end without settings: RA630, which a plain build
    reports and which then writes nothing, see test_soc9_save_validations_*); the tests below look
    at the proposals as written, the save validations aside."""
    result = compile_file(str(SOC9_FIXTURE))
    assert result.ok, result.errors
    assert set(SOC9_ONLY) <= set(result.plan.model.deployed)
    out = {}
    for flavour in FLAVOURS:
        arts, sink, ledger, refused = _emit_keeping_refused(result.plan, flavour)
        out[flavour] = (arts, sink, ledger)
        out[f"{flavour} refused"] = refused
    return result, out


def test_soc9_barclamps_build_for_suse_and_pass_their_real_schemas(soc9, tmp_path):
    result, out = soc9
    arts, sink, ledger = out["suse"]
    assert not sink.has_errors, [d.message for d in sink.items]
    props = proposals(arts)
    comps = data.mapping()["components"]
    for comp in SOC9_ONLY:
        bc_name = comps[comp]["barclamp"]["suse"]
        doc = props[f"crowbar/{bc_name}.json"]
        assert doc["id"] == data.flavour_spec("suse")["proposal_id"].format(barclamp=bc_name, instance="default")
        assert validate_schema(doc, data.barclamp("suse", bc_name).schema()) == [], bc_name
        # Every *_instance the mapping names points at the proposal of that component.
        attrs = doc["attributes"][bc_name]
        for attr, target in comps[comp]["instances"]["suse"].items():
            assert attrs[attr] == "default", (bc_name, attr)
            assert f"crowbar/{comps[target]['barclamp']['suse']}.json" in props, (bc_name, target)
    # The whole folder verifies (pykwalify, the restated role rules, the order).
    write_artifacts(arts, tmp_path)
    vsink = DiagnosticSink()
    verify_folder(tmp_path / "crowbar", vsink)
    assert not vsink.items, [str(d.message) for d in vsink.items]


def test_soc9_roles_hold_the_nodes_of_the_ra_roles_that_run_them(soc9):
    from racompiler.targets.crowbar.proposals import node_names

    result, out = soc9
    model = result.plan.model
    props = proposals(out["suse"][0])
    comps = data.mapping()["components"]
    for comp in SOC9_ONLY:
        bc_name = comps[comp]["barclamp"]["suse"]
        elements = props[f"crowbar/{bc_name}.json"]["deployment"][bc_name]["elements"]
        expected: dict[str, list[str]] = {}
        for role, entry in comps[comp]["roles"].items():
            for ra_role in model.roles_running(comp, role):
                expected.setdefault(entry["suse"], []).extend(node_names(ra_role))
        assert set(elements) == set(expected), (bc_name, elements)
        for cb_role, nodes in expected.items():
            assert elements[cb_role] == list(dict.fromkeys(nodes)), (bc_name, cb_role)


def test_soc9_order_commits_each_barclamp_after_what_it_needs(soc9):
    result, out = soc9
    arts = out["suse"][0]
    order = json.loads(next(a.text for a in arts if a.relpath == "crowbar/order.json"))
    wave = {e["barclamp"]: i for i, w in enumerate(order["waves"]) for e in w}
    comps = data.mapping()["components"]
    for comp in SOC9_ONLY:
        bc_name = comps[comp]["barclamp"]["suse"]
        needs = set(comps[comp]["instances"]["suse"].values())
        needs |= {u for u, v in result.plan.graph.edges if v == comp and u in comps and u in result.plan.model.deployed}
        assert needs, comp
        for dep in needs:
            assert wave[comps[dep]["barclamp"]["suse"]] < wave[bc_name], (bc_name, dep, order["waves"])


def test_soc9_attributes_are_realised_or_reported(soc9):
    from racompiler.targets.crowbar.attributes import split_path as split
    from racompiler.targets.ledger import explicit
    from racompiler.targets.realise import convert

    result, out = soc9
    model = result.plan.model
    arts, sink, ledger = out["suse"]
    assert ledger.pending() == []
    # RA690 only for the placements the mapping calls approximate, each quoting why, at its runs entry.
    comps = data.mapping()["components"]
    approximate = {(comp, role): why for comp in SOC9_ONLY
                   for role, why in ((comps[comp].get("approximate") or {}).get("suse") or {}).items()}
    assert approximate, "designate.mdns is placed approximately in SOC 9"
    ra690 = [d for d in sink.items if d.code == "RA690"]
    assert sorted((d.message, d.span) for d in ra690) == sorted(
        (f"crowbar (suse): {comp}.{role} lands on '{comps[comp]['roles'][role]['suse']}', which is not what it "
         f"runs in the RA: {why}", model.run_span(comp, role)) for (comp, role), why in approximate.items())
    props = proposals(arts)
    ra623 = [d.message for d in sink.items if d.code == "RA623"]
    comps = data.mapping()["components"]
    checked = set()
    for comp in SOC9_ONLY:
        spec = comps[comp]
        bc_name = spec["barclamp"]["suse"]
        attrs = props[f"crowbar/{bc_name}.json"]["attributes"][bc_name]
        reasons = (spec.get("no_equivalent") or {}).get("suse") or {}
        for name, value in model.config.get(comp, {}).items():
            if not explicit(value):
                continue
            checked.add(f"{comp}.{name}")
            entries = (spec.get("attributes") or {}).get(name, {}).get("suse")
            key = f"config:{comp}.{name}"
            if entries:
                for entry in entries:
                    want = entry["values"][value.value] if "values" in entry else convert(value.value, entry["convert"])
                    assert get_path(attrs, split(entry["path"])) == want, (comp, name)
                assert ledger.done[key].startswith(f"crowbar/{bc_name}.json attributes.{bc_name}."), ledger.done[key]
            else:
                assert ledger.done[key] == "reported", (comp, name)
                assert name in reasons, f"{comp}.{name}: say why in no_equivalent"
                assert any(m.startswith(f"{comp}.{name} has no equivalent") and reasons[name] in m for m in ra623), ra623
    # The fixture sets both kinds for the test to mean something.
    assert {"barbican.workers", "manila.share_backend", "barbican.crypto_plugin", "ironic.workers"} <= checked
    # Secrets: nothing of the templates' sample values survives.
    for comp in SOC9_ONLY:
        bc_name = comps[comp]["barclamp"]["suse"]
        assert list(_secret_leaks(props[f"crowbar/{bc_name}.json"]["attributes"])) == [], bc_name


def test_soc9_barclamps_go_through_the_documented_loop(soc9):
    _result, out = soc9
    arts = out["suse"][0]
    files = {a.relpath.split("/", 1)[1]: json.loads(a.text) for a in arts if a.relpath.endswith(".json")}
    order = files.pop("order.json")
    crowbar = RestatedCrowbar("suse")
    for entry in [e for wave in order["waves"] for e in wave if not e["install_time"]]:
        bc, inst = entry["barclamp"], entry["instance"]
        assert crowbar.create(bc, {"id": inst}) == [], entry
        assert crowbar.edit(bc, inst, files[entry["file"]]) == [], entry
        assert crowbar.commit(bc, inst) == [], entry


def test_soc9_restated_role_rules_follow_the_service_objects(soc9):
    _result, out = soc9
    props = proposals(out["suse"][0])
    rules = data.mapping()["constraints"]["suse"]
    for bc_name, cb_role in [("barbican", "barbican-controller"), ("designate", "designate-server"),
                             ("designate", "designate-worker"), ("ironic", "ironic-server"),
                             ("manila", "manila-server")]:
        assert rules[cb_role]["max"] == 1  # validate_one_for_role
        crowbar = RestatedCrowbar("suse")
        doc = copy.deepcopy(props[f"crowbar/{bc_name}.json"])
        doc["deployment"][bc_name]["elements"][cb_role] = ["share-1", "share-2"]
        crowbar.create(bc_name, {"id": "default"})
        assert any(f"'{cb_role}' takes at most 1" in p for p in crowbar.edit(bc_name, "default", doc)), cb_role
    manila = copy.deepcopy(props["crowbar/manila.json"])
    manila["deployment"]["manila"]["elements"]["manila-share"] = []  # validate_at_least_n_for_role 1
    crowbar = RestatedCrowbar("suse")
    crowbar.create("manila", {"id": "default"})
    assert any("'manila-share' needs at least 1" in p for p in crowbar.edit("manila", "default", manila))


def test_dell_reports_ra620_for_each_soc9_barclamp(soc9):
    result, out = soc9
    arts, sink, _ledger = out["dell-1.x"]
    assert arts == []
    errors = [d for d in sink.items if d.severity.name == "ERROR"]
    assert {d.code for d in errors} == {"RA620"}
    assert sorted(d.message.split("'")[1] for d in errors) == SOC9_ONLY
    line = data.flavour_spec("dell-1.x")["description"]
    for d in errors:
        comp = d.message.split("'")[1]
        assert f"{line} has no such barclamp; suse has '{comp}'" in d.message, d.message
        assert d.hint.startswith("build with --crowbar-flavor suse"), d.hint
        # Reported at the `runs` entry of the component, not at its declaration.
        assert d.span == result.plan.model.run_span(comp)


# -- Crowbar's save validations beyond role counts (mapping.yaml save_checks, RA630) ---------------
SAVE_CHECKS = data.mapping()["save_checks"]["suse"]
SOC9_CEPHFS = REPO / "tests" / "fixtures" / "crowbar" / "suse_manila_cephfs.ra"


def _built_proposals(arts):
    """The written proposals as the target's Proposal objects (component by barclamp)."""
    from racompiler.targets.crowbar.proposals import Proposal

    by_bc = {spec["barclamp"]["suse"]: comp for comp, spec in data.mapping()["components"].items()
             if "suse" in spec["barclamp"]}
    out = []
    for path, doc in proposals(arts).items():
        bc_name = next(iter(doc["deployment"]))
        out.append(Proposal(by_bc.get(bc_name, ""), bc_name, "default", copy.deepcopy(doc),
                            data.barclamp("suse", bc_name).run_order))
    return out


def _save_check(model, props) -> list:
    from racompiler.targets.crowbar.saving import SaveChecks

    sink = DiagnosticSink()
    SaveChecks(model, "suse", sink).run(props)
    assert {d.code for d in sink.items} <= {"RA630"}
    return sink.items


def _prop(props, bc_name):
    return next(p for p in props if p.barclamp == bc_name)


def test_save_checks_restate_ironic_and_manila_only():
    # barbican and designate check role counts only (validate_one_for_role), restated as constraints.
    assert sorted(SAVE_CHECKS) == ["ironic", "manila"]
    rules = data.mapping()["constraints"]["suse"]
    assert rules["barbican-controller"]["max"] == rules["designate-server"]["max"] == 1
    assert rules["designate-worker"] == {"min": 1, "max": 1}


def test_soc9_save_validations_refuse_ironic_and_manila_at_their_facts(soc9):
    result, out = soc9
    model = result.plan.model
    sink = DiagnosticSink()
    assert get_target("crowbar", {"crowbar_flavor": "suse"}).emit(result.plan, sink) == []
    errors = [d for d in sink.items if d.severity.name == "ERROR"]
    assert {d.code for d in errors} == {"RA630"}
    assert [(d.message, d.span) for d in errors] == [(d.message, d.span) for d in out["suse refused"].items]
    network = SAVE_CHECKS["ironic"]["network"]
    [ironic] = [d for d in errors if "'ironic' proposal" in d.message]
    assert f"no '{network}' network" in ironic.message and ironic.span == model.run_span("ironic")
    assert "/etc/crowbar/network.json" in ironic.hint
    [manila] = [d for d in errors if "'manila' proposal" in d.message]
    assert manila.span == model.config["manila"]["share_backend"].chain[-1].span
    generic = SAVE_CHECKS["manila"]["list"]["drivers"]["generic"]
    props = proposals(out["suse"][0])
    share = props["crowbar/manila.json"]["attributes"]["manila"]["shares"][0]["generic"]
    empty = [f for f in generic["required"] if not share[f]] + [" or ".join(generic["one_of"])]
    assert manila.message.endswith("leaves " + ", ".join(empty) + " empty"), manila.message


def test_soc9_direct_deploy_gets_swift_tempurl_and_glance_on_swift(soc9):
    result, out = soc9
    rule = SAVE_CHECKS["ironic"]["when_enabled"]
    props = proposals(out["suse"][0])
    comps = data.mapping()["components"]
    ironic = props["crowbar/ironic.json"]["attributes"]["ironic"]
    assert rule["value"] in get_path(ironic, split_path(rule["list"]))  # the template's, kept
    swift_bc, glance_bc = comps[rule["needs"]]["barclamp"]["suse"], comps[rule["store"]]["barclamp"]["suse"]
    template = data.barclamp("suse", swift_bc).template["attributes"][swift_bc]
    assert get_path(template, split_path(rule["enable"])) is False  # so racompiler wrote it
    assert get_path(props[f"crowbar/{swift_bc}.json"]["attributes"][swift_bc], split_path(rule["enable"])) is True
    assert get_path(props[f"crowbar/{glance_bc}.json"]["attributes"][glance_bc],
                    split_path(rule["store_path"])) == rule["store_value"]
    assert not [d for d in out["suse refused"].items if rule["list"] in d.message]
    # Without swift's tempurl or with glance on files, Crowbar refuses it: so does the check.
    built = _built_proposals(out["suse"][0])
    _prop(built, glance_bc).attributes[rule["store_path"]] = "file"
    found = [d for d in _save_check(result.plan.model, built) if rule["list"] in d.message]
    assert len(found) == 1 and f"{rule['store']}.{rule['store_path']} = {rule['store_value']}" in found[0].message
    # The span is glance's default_store as the RA sets it, ironic's runs entry a note.
    assert found[0].span == result.plan.model.config["glance"]["default_store"].chain[-1].span


def test_ironic_lists_crowbar_wants_filled_are_the_templates_and_stay_filled(soc9):
    result, out = soc9
    listed = SAVE_CHECKS["ironic"]["non_empty"]
    template = data.barclamp("suse", "ironic").template["attributes"]["ironic"]
    assert set(listed) == {k for k in template if k.startswith("enabled_")}
    written = proposals(out["suse"][0])["crowbar/ironic.json"]["attributes"]["ironic"]
    for attr in listed:
        assert written[attr], attr
    # A regression that empties one is caught at build time.
    built = _built_proposals(out["suse"][0])
    _prop(built, "ironic").attributes[listed[0]] = []
    found = [d for d in _save_check(result.plan.model, built) if listed[0] in d.message]
    assert len(found) == 1 and found[0].span == result.plan.model.run_span("ironic")


def test_ironic_network_check_reads_the_network_proposal(soc9):
    result, out = soc9
    name = SAVE_CHECKS["ironic"]["network"]
    # SOC 9's network template has no such network: no RA purpose can land on it.
    template = data.barclamp("suse", "network").template["attributes"]["network"]["networks"]
    assert name not in template
    assert all(e["network"] != name for es in data.mapping()["network"]["purposes"].values() for e in es)
    built = _built_proposals(out["suse"][0])
    network = _prop(built, data.mapping()["network"]["barclamp"]["suse"])
    network.attributes["networks"][name] = copy.deepcopy(network.attributes["networks"]["admin"])
    assert not [d for d in _save_check(result.plan.model, built) if "'ironic' proposal" in d.message]


def test_manila_generic_passes_once_its_settings_are_filled(soc9):
    result, out = soc9
    generic = SAVE_CHECKS["manila"]["list"]["drivers"]["generic"]
    built = _built_proposals(out["suse"][0])
    settings = _prop(built, "manila").attributes["shares"][0]["generic"]
    for field in generic["required"]:
        settings[field] = settings[field] or "filled"
    settings[generic["one_of"][-1]] = "/root/.ssh/id_rsa"  # either one will do
    assert not [d for d in _save_check(result.plan.model, built) if "'manila' proposal" in d.message]
    settings[generic["required"][0]] = ""
    [d] = [d for d in _save_check(result.plan.model, built) if "'manila' proposal" in d.message]
    assert d.message.endswith(f"leaves {generic['required'][0]} empty"), d.message


def test_manila_cephfs_needs_ceph_mds_nodes(tmp_path):
    """SOC 9's cephfs share back end (use_crowbar) needs ceph-mds nodes: an RA without ceph.mds is
    RA630 at share_backend; running ceph.mds on a node role of its own builds clean, with those
    nodes in the ceph proposal's MDS role; beside ceph.osd it is RA630 again (conflicts_with)."""
    from racompiler.targets.crowbar.proposals import node_names
    from racompiler.targets.ledger import Ledger

    cephfs = SAVE_CHECKS["manila"]["list"]["drivers"]["cephfs"]
    roles = data.mapping()["components"][cephfs["of"]]["roles"]
    (mds_role,) = [r for r, e in roles.items() if e.get("suse") == cephfs["role"]]
    result = compile_file(str(SOC9_CEPHFS))
    assert result.ok, result.errors
    model = result.plan.model
    assert not model.roles_running(cephfs["of"], mds_role)
    sink = DiagnosticSink()
    ledger = Ledger.for_model(model, "crowbar (suse)")
    assert get_target("crowbar", {"crowbar_flavor": "suse"}).emit(result.plan, sink, ledger) == []
    errors = [d for d in sink.items if d.severity.name == "ERROR"]
    assert [d.code for d in errors] == ["RA630"]
    assert f"'{cephfs['role']}'" in errors[0].message and f"{cephfs['of']}.{mds_role}" in errors[0].message
    assert errors[0].span == model.config["manila"]["share_backend"].chain[-1].span

    text = SOC9_CEPHFS.read_text(encoding="utf-8")
    with_mds = text + f"\nrole mds {{\n  count = 2\n  networks = [admin]\n  runs = [{cephfs['of']}.{mds_role}]\n}}\n"
    (tmp_path / "mds.ra").write_text(with_mds, encoding="utf-8")
    built = api_build(str(tmp_path / "mds.ra"), ["crowbar"], None, options={"crowbar_flavor": "suse"})
    assert built.ok, [str(d) for d in built.diagnostics if d.severity.name == "ERROR"]
    docs = {a.relpath: json.loads(a.text) for a in built.artifacts if a.relpath.endswith(".json")}
    bc_name = data.mapping()["components"][cephfs["of"]]["barclamp"]["suse"]
    elements = docs[f"crowbar/{bc_name}.json"]["deployment"][bc_name]["elements"]
    assert elements[cephfs["role"]] == node_names(built.plan.model.roles["mds"])
    manila_bc = data.mapping()["components"]["manila"]["barclamp"]["suse"]
    shares = docs[f"crowbar/{manila_bc}.json"]["attributes"][manila_bc]["shares"]
    assert any(sh.get("cephfs", {}).get(cephfs["flag"]) for sh in shares)

    beside = text.replace(f"runs = [{cephfs['of']}.mon, {cephfs['of']}.osd]",
                          f"runs = [{cephfs['of']}.mon, {cephfs['of']}.osd, {cephfs['of']}.{mds_role}]")
    assert beside != text
    (tmp_path / "beside.ra").write_text(beside, encoding="utf-8")
    refused = check_targets(str(tmp_path / "beside.ra"), ["crowbar"], options={"crowbar_flavor": "suse"})
    [clash] = [d for d in refused.diagnostics if d.code == "RA630"]
    assert "would hold both" in clash.message and clash.span.line == beside.splitlines().index(
        next(line for line in beside.splitlines() if line.strip().startswith("runs") and f"{cephfs['of']}.{mds_role}" in line)) + 1
