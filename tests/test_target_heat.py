"""The Heat target: every example's HOT passes Heat's own validation, offline.

Heat (``openstack-heat``, from the ``test`` extra) is the judge: the templates are built in-process,
written out and validated by ``racompiler.targets.heat.verify`` (heatclient + Heat's engine). The
negative tests break a real build in the ways a generator could and show the harness says so.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
import yaml

from conftest import EXAMPLES, GOLDENS, REPO, assert_golden, run_cli, write_artifacts
from racompiler.api import compile_file
from racompiler.diagnostics import DiagnosticSink
from racompiler.targets import get_target
from racompiler.targets.heat.verify import validate_template, verify_directory

IDS = [p.stem for p in EXAMPLES]


def _build(example: Path, **options) -> tuple[list, object]:
    result = compile_file(str(example))
    assert result.ok, result.diagnostics
    sink = DiagnosticSink()
    artifacts = get_target("heat", options).emit(result.plan, sink)
    assert not sink.has_errors, sink.sorted()
    return artifacts, result.plan


def _write(artifacts, root: Path) -> Path:
    return write_artifacts(artifacts, root) / "heat"


def _verify(folder: Path) -> list:
    sink = DiagnosticSink()
    verify_directory(folder, sink)
    return sink.sorted()


@pytest.mark.parametrize("example", EXAMPLES, ids=IDS)
def test_example_passes_heat_validation(example: Path, tmp_path: Path) -> None:
    artifacts, _ = _build(example)
    folder = _write(artifacts, tmp_path)
    assert _verify(folder) == []


def test_created_flavors_pass_heat_validation(tmp_path: Path) -> None:
    artifacts, _ = _build(REPO / "architectures" / "ha_openstack.ra", heat_flavors="create")
    top = yaml.safe_load(artifacts[0].text)
    flavors = {k: v for k, v in top["resources"].items() if v["type"] == "OS::Nova::Flavor"}
    assert flavors["flavor-control_hw"]["properties"]["vcpus"] == 32
    assert flavors["flavor-control_hw"]["properties"]["ram"] == 256 * 1024
    assert _verify(_write(artifacts, tmp_path)) == []


@pytest.mark.parametrize("example", EXAMPLES, ids=IDS)
def test_example_golden(example: Path, update_goldens: bool) -> None:
    artifacts, _ = _build(example)
    folder = GOLDENS / "heat" / example.stem
    rel = {a.relpath.removeprefix("heat/"): a.text for a in artifacts}
    for path, text in rel.items():
        assert_golden(folder / path, text, update_goldens)
    if not update_goldens:
        stale = {p.relative_to(folder).as_posix() for p in folder.rglob("*.yaml")} - set(rel)
        assert not stale, f"golden files no longer generated: {sorted(stale)}"


@pytest.mark.parametrize("example", EXAMPLES, ids=IDS)
def test_two_builds_are_byte_identical(example: Path) -> None:
    first, _ = _build(example)
    second, _ = _build(example)
    assert [(a.relpath, a.text) for a in first] == [(a.relpath, a.text) for a in second]


@pytest.mark.parametrize("example", EXAMPLES, ids=IDS)
def test_deployments_follow_the_plan(example: Path) -> None:
    """Through depends_on alone, each component's deployments come after its providers'."""
    artifacts, plan = _build(example)
    resources = yaml.safe_load(artifacts[0].text)["resources"]
    deps = nx.DiGraph()
    owner: dict[str, str] = {}
    for name, body in resources.items():
        if body["type"] == "OS::Heat::SoftwareDeploymentGroup":
            owner[name] = name.split("-")[1]
            deps.add_node(name)
            for before in body.get("depends_on", []):
                deps.add_edge(before, name)
    assert nx.is_directed_acyclic_graph(deps)
    assert set(owner.values()) == set(plan.model.deployed)
    for provider, consumer in plan.graph.edges:
        for later in (n for n, c in owner.items() if c == consumer):
            earlier = nx.ancestors(deps, later)
            assert any(owner[e] == provider for e in earlier), f"{later} does not wait for {provider}"


# -- the harness catches broken templates -------------------------------------------------------------
@pytest.fixture(scope="module")
def allinone(tmp_path_factory) -> Path:
    artifacts, _ = _build(REPO / "architectures" / "allinone.ra")
    return _write(artifacts, tmp_path_factory.mktemp("allinone"))


def _broken(allinone: Path, tmp_path: Path, edit, relpath: str = "allinone.yaml") -> Path:
    folder = tmp_path / "heat"
    for src in allinone.rglob("*.yaml"):
        dest = folder / src.relative_to(allinone)
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(src.read_bytes())
    doc = yaml.safe_load((folder / relpath).read_text(encoding="utf-8"))
    edit(doc)
    (folder / relpath).write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return folder


def _unknown_property(doc):
    doc["resources"]["net-management"]["properties"]["nmae"] = "typo"


def _dangling_reference(doc):
    doc["resources"]["subnet-management"]["properties"]["network"] = {"get_resource": "net-nowhere"}


def _cycle(doc):
    # the group already needs the security group (get_resource); make the group needed first
    doc["resources"]["ra-secgroup"]["depends_on"] = ["role-aio-group"]


def _bad_default(doc):
    # Heat checks a default against allowed_values at load time (custom constraints it skips there)
    doc["parameters"]["admin_cidr"]["constraints"].append({"allowed_values": ["10.0.0.0/8"]})


@pytest.mark.parametrize(("edit", "resource", "words"), [
    (_unknown_property, "net-management", "Unknown Property nmae"),
    (_dangling_reference, "subnet-management", "net-nowhere"),
    (_cycle, None, "Circular Dependency"),
    (_bad_default, None, "admin_cidr"),
], ids=["unknown-property", "dangling-get_resource", "cycle", "invalid-parameter-default"])
def test_harness_catches_broken_template(allinone: Path, tmp_path: Path, edit, resource, words) -> None:
    folder = _broken(allinone, tmp_path, edit)
    problem = validate_template(folder / "allinone.yaml", folder / "allinone-env.yaml")
    assert problem is not None and words in problem.message, problem
    diags = _verify(folder)
    assert [d.code for d in diags] == ["RA619"]
    assert diags[0].span.file == str(folder / "allinone.yaml")
    if resource is not None:  # the diagnostic points at the resource's line
        lines = (folder / "allinone.yaml").read_text(encoding="utf-8").splitlines()
        assert lines[diags[0].span.line - 1].strip() == f"{resource}:"


def test_harness_checks_nested_server_template(allinone: Path, tmp_path: Path) -> None:
    def edit(doc):
        doc["resources"]["server"]["properties"]["flavour"] = "m1.small"

    folder = _broken(allinone, tmp_path, edit, "roles/aio.yaml")
    diags = _verify(folder)
    assert {Path(d.span.file).name for d in diags} == {"allinone.yaml", "aio.yaml"}
    assert all(d.code == "RA619" and "flavour" in d.message for d in diags)


def test_clean_copy_of_the_harness_input_passes(allinone: Path, tmp_path: Path) -> None:
    assert _verify(_broken(allinone, tmp_path, lambda doc: None)) == []


def test_missing_heat_says_how_to_install(allinone: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "heat.engine", None)  # makes `import heat.engine` fail
    diags = _verify(allinone)
    assert [d.code for d in diags] == ["RA618"]
    assert "pip install 'racompiler[verify]'" in diags[0].hint


# -- the command line ------------------------------------------------------------------------------
def test_cli_build_then_verify(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build = run_cli("build", "architectures/hadoop_cluster.ra", "-t", "heat", "-o", str(out))
    assert build.returncode == 0, build.stderr.decode()
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.yaml")) == [
        "heat/hadoop_cluster-env.yaml", "heat/hadoop_cluster.yaml", "heat/roles/gateway.yaml",
        "heat/roles/master.yaml", "heat/roles/namenode_host.yaml", "heat/roles/worker.yaml"]
    verify = run_cli("verify", str(out))
    assert verify.returncode == 0, verify.stderr.decode()
    assert "verified: heat" in verify.stderr.decode()


def test_check_and_build_do_not_import_heat(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from racompiler.cli import main\n"
        "for args in (['check', 'architectures/allinone.ra'],\n"
        f"             ['build', 'architectures/allinone.ra', '-t', 'heat', '-o', {str(tmp_path / 'o')!r}]):\n"
        "    try:\n"
        "        main(args)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "    print(args[0], sorted(m for m in ('heat', 'heatclient', 'yaml') if m in sys.modules))\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.stdout.splitlines() == ["check []", "build ['yaml']"], proc.stdout + proc.stderr


@pytest.mark.parametrize("example", EXAMPLES, ids=IDS)
def test_software_config_scripts_parse_as_shell(example: Path) -> None:
    """Every script Heat's script hook will run is valid POSIX sh (checked by ``sh -n``)."""
    artifacts, _ = _build(example)
    resources = yaml.safe_load(artifacts[0].text)["resources"]
    scripts = {n: r["properties"]["config"] for n, r in resources.items() if r["type"] == "OS::Heat::SoftwareConfig"}
    assert scripts
    for name, script in scripts.items():
        proc = subprocess.run(["sh", "-n"], input=script, text=True, capture_output=True, timeout=30)
        assert proc.returncode == 0, (name, proc.stderr)


# Values an attacker-controlled attribute or parameter might hold: quotes, command substitutions,
# backslashes, globs, what looks like another assignment, and ordinary Unicode.
_HOSTILE_VALUES = ["lvm'; touch PWNED; echo '", "a$(touch PWNED)`touch PWNED`\\x", "\"q\" '' *",
                   "x=1 y=2", "", "  spaced  ", "-n", "%s %d \\n", "émoji ✓ 中文"]
_SHELLS = [s for s in ("sh", "dash", "bash", "busybox") if __import__("shutil").which(s)]


def _config_script(tmp_path: Path) -> tuple[str, list[str]]:
    """The software config of cinder.controller (several inputs), writing under ``tmp_path``."""
    artifacts, _ = _build(REPO / "architectures" / "allinone.ra")
    config = yaml.safe_load(artifacts[0].text)["resources"]["config-cinder-controller"]["properties"]
    return config["config"].replace("/etc/racompiler", str(tmp_path)), [i["name"] for i in config["inputs"]]


@pytest.mark.parametrize("shell", _SHELLS)
def test_software_config_inputs_are_written_exactly_and_cannot_forge_a_line(tmp_path: Path, shell: str) -> None:
    """Each input is one line NAME='VALUE' of the env file; sourcing it gives back exactly the
    values Heat passed and runs none of them."""
    import os

    script, names = _config_script(tmp_path)
    values = {n: _HOSTILE_VALUES[i % len(_HOSTILE_VALUES)] for i, n in enumerate(names)}
    argv = [shell, "sh", "-c", script] if shell == "busybox" else [shell, "-c", script]
    run = subprocess.run(argv, env=dict(os.environ, **values), cwd=tmp_path, capture_output=True, text=True,
                         timeout=60)
    assert run.returncode == 0, run.stderr
    env_file = tmp_path / "cinder-controller.env"
    lines = env_file.read_text(encoding="utf-8").splitlines()
    assert [line.split("=", 1)[0] for line in lines] == names
    back = f". {env_file}; " + "; ".join(f'printf "%s\\0" "${n}"' for n in names)
    read = subprocess.run([shell, "sh", "-c", back] if shell == "busybox" else [shell, "-c", back],
                          env={"PATH": os.environ["PATH"]}, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert read.stdout.split("\0")[:-1] == [values[n] for n in names]
    assert not (tmp_path / "PWNED").exists()


@pytest.mark.parametrize("bad", ["x\nADMIN_TOKEN=forged", "x\r", "trailing\n"])
def test_software_config_refuses_a_value_with_a_line_break(tmp_path: Path, bad: str) -> None:
    import os

    script, names = _config_script(tmp_path)
    values = {n: "ok" for n in names} | {names[0]: bad}
    run = subprocess.run(["sh", "-c", script], env=dict(os.environ, **values), cwd=tmp_path, capture_output=True,
                         text=True, timeout=60)
    assert run.returncode == 1 and f"input {names[0]} of cinder.controller holds a line break" in run.stderr
    assert not (tmp_path / "cinder-controller.env").exists()


# -- the consumption ledger: each mark is backed by the HOT, each warning by a fact -------------------
def _ledger_build(example: Path, **options):
    """Build ``example`` as ``check --target heat`` does: emit with a ledger, then close it."""
    from racompiler.emit import emit_targets
    from racompiler.targets.ledger import Ledger

    result = compile_file(str(example))
    assert result.ok, result.diagnostics
    target = get_target("heat", options)
    ledger = Ledger.for_model(result.plan.model, target.label)
    sink = DiagnosticSink()
    artifacts = target.emit(result.plan, sink, ledger)
    closed = DiagnosticSink()
    emit_targets(result.plan, [get_target("heat", options)], closed)
    docs = {a.relpath.removeprefix("heat/"): yaml.safe_load(a.text) for a in artifacts}
    return result.plan.model, ledger, sink.sorted(), closed.sorted(), docs


def _param_default(top: dict, expr) -> object:
    """The value a HOT expression stands for: a literal, or the default of the parameter it reads."""
    if isinstance(expr, dict) and "get_param" in expr:
        return top["parameters"][expr["get_param"]]["default"]
    return expr


def _check_realised(model, key: str, top: dict, nested: dict[str, dict]) -> None:
    """Fail unless the HOT really carries fact ``key`` (each fact kind has its own evidence)."""
    from racompiler.targets.heat.flavors import GIB

    kind, _, rest = key.partition(":")
    res = top["resources"]
    if kind == "network":
        name, field = rest.rsplit(".", 1)
        net = model.networks[name]
        if field == "cidr":
            assert res[f"subnet-{name}"]["properties"]["cidr"] == net.cidr
        elif field == "gateway":
            assert res[f"subnet-{name}"]["properties"]["gateway_ip"] == net.gateway
        elif field == "mtu":
            assert res[f"net-{name}"]["properties"]["value_specs"]["mtu"] == net.mtu
        elif field == "purpose":
            routed = net.purpose in ("external", "public")
            assert f"net-{name}" in res and (f"router-{name}" in res) == routed
        else:
            raise AssertionError(f"{key} marked realised, but Heat has no place for a network's {field}")
    elif kind == "hardware":
        profile, field = rest.split(".", 1)
        hw = model.hardware[profile]
        defaults = [top["parameters"][f"{r.name}_flavor"]["default"] for r in model.roles.values()
                    if r.hardware == profile]
        assert defaults, key
        token = {"cores": f"c{hw.cores}", "memory": f"m{-(-hw.memory_bytes // GIB)}g",
                 "disks": f"d{-(-(hw.disks[0].size_bytes or 0) // GIB)}g" if hw.disks else None}.get(field)
        if field == "raid":
            assert hw.raid in ("none", "jbod"), key
        else:
            assert token is not None, f"{key} marked realised, but a flavor has no {field}"
            assert all(token in d.split(".") for d in defaults), (key, defaults)
    elif kind == "config":
        comp, attr = rest.split(".", 1)
        want = model.config[comp][attr].value
        deploys = [r for n, r in res.items() if n.startswith(f"deploy-{comp}-")]
        assert deploys, key
        for d in deploys:
            assert _param_default(top, d["properties"]["input_values"][attr]) == want, (key, d)
        configs = [r for n, r in res.items() if n.startswith(f"config-{comp}-")]
        assert all(attr in [i["name"] for i in c["properties"]["inputs"]] for c in configs), key
    elif kind == "run":
        role, comp, crole = rest.split(".")
        deploy = res[f"deploy-{comp}-{crole}-on-{role}"]
        assert deploy["properties"]["servers"] == {"get_attr": [f"role-{role}-group", "refs_map"]}
        assert deploy["properties"]["config"] == {"get_resource": f"config-{comp}-{crole}"}
    elif kind == "role":
        name = rest.removesuffix(".spread")
        assert model.roles[name].spread == "none" and f"role-{name}-servergroup" not in res, key
    else:
        raise AssertionError(f"unknown fact kind {key}")


@pytest.mark.parametrize("example", EXAMPLES, ids=IDS)
def test_every_realised_fact_is_in_the_hot(example: Path) -> None:
    model, ledger, _, closed, docs = _ledger_build(example)
    top = docs[f"{example.stem}.yaml"]
    realised = [k for k, where in ledger.done.items() if k in ledger.facts and where != "reported"]
    assert realised
    for key in realised:
        _check_realised(model, key, top, docs)
    assert not [d for d in closed if d.code == "RA690"], "every fact of the examples is realised or explained"


def _expected_reports(model) -> set[str]:
    """The facts Heat cannot carry, from the model itself (the rules RA601-RA606 and RA611 state)."""
    out: set[str] = set()
    for name, net in model.networks.items():
        if net.purpose == "bmc":
            out |= {f"network:{name}.{f}" for f in ("cidr", "vlan", "mtu", "gateway", "purpose")
                    if getattr(net, f) is not None}
        elif net.vlan is not None:
            out.add(f"network:{name}.vlan")  # RA605
    for name, hw in model.hardware.items():
        if hw.raid not in (None, "none", "jbod"):
            out.add(f"hardware:{name}.raid")  # RA601
        out |= {f"hardware:{name}.bios.{s}" for s in hw.bios}  # RA602
        if sum(d.count for d in hw.disks) > 1:
            out.add(f"hardware:{name}.disks")  # RA603
        if hw.nics:
            out.add(f"hardware:{name}.nics")  # RA604
    out |= {f"role:{r.name}.spread" for r in model.roles.values() if r.spread in ("rack", "zone")}  # RA606
    return out


@pytest.mark.parametrize("example", EXAMPLES, ids=IDS)
def test_reported_facts_are_exactly_the_inexpressible_ones(example: Path) -> None:
    model, ledger, sink, _, _ = _ledger_build(example)
    # A network no role uses (ha_openstack_no_ceph's ceph_cluster once Ceph is off) is no fact of
    # the ledger's, though Heat still makes it and says what it cannot carry.
    reported = {k for k, where in ledger.done.items() if where == "reported" and k in ledger.facts}
    assert reported == _expected_reports(model) & set(ledger.facts)
    # each reported fact has its own warning at the construct that states it
    codes = {d.code for d in sink}
    for key in reported:
        kind, _, rest = key.partition(":")
        name, field = rest.split(".", 1)
        if kind == "network":
            code = "RA611" if model.networks[name].purpose == "bmc" else "RA605"
        elif kind == "role":
            code = "RA606"
        else:
            code = {"raid": "RA601", "disks": "RA603", "nics": "RA604"}.get(field, "RA602")
        assert code in codes, (key, code)


def test_check_target_heat_on_dell_openstack_lists_the_expected_facts() -> None:
    """What ``check --target heat`` says about dell_openstack, fact by fact, and why."""
    _, ledger, sink, closed, _ = _ledger_build(REPO / "architectures" / "dell_openstack.ra")
    reported = {k for k, where in ledger.done.items() if where == "reported"}
    assert reported == {
        # RA605: a tenant cannot choose a VLAN id
        "network:public.vlan", "network:storage.vlan",
        # RA611: cloud servers have no BMC, so the bmc network is left out entirely
        "network:bmc.cidr", "network:bmc.vlan", "network:bmc.purpose",
        # RA601: raid1 (storage_hw's jbod is what a VM disk is anyway)
        "hardware:controller_hw.raid", "hardware:compute_hw.raid",
        # RA602: BIOS settings, one fact per setting
        "hardware:controller_hw.bios.virtualization", "hardware:controller_hw.bios.boot_mode",
        "hardware:compute_hw.bios.virtualization", "hardware:compute_hw.bios.hyperthreading",
        # RA603: two OS disks each, and storage_hw's 12 data disks
        "hardware:controller_hw.disks", "hardware:compute_hw.disks", "hardware:storage_hw.disks",
        # RA604: NIC count and speed
        "hardware:controller_hw.nics", "hardware:compute_hw.nics", "hardware:storage_hw.nics",
        # RA606: rack spread becomes soft anti-affinity
        "role:swift_storage.spread",
    }
    assert ledger.pending() == []
    assert [d.code for d in closed if d.code == "RA690"] == []
    assert sorted(d.code for d in closed) == sorted(d.code for d in sink)  # the ledger added nothing
    assert {(d.code, d.message.split(":")[0]) for d in sink if d.code in ("RA605", "RA611", "RA606")} == {
        ("RA605", "network public"), ("RA605", "network storage"), ("RA611", "network bmc"),
        ("RA606", "role swift_storage")}
    # realised where the HOT shows it (spot checks of the ledger's own record)
    assert ledger.done["network:storage.mtu"] == "heat/dell_openstack.yaml: net-storage value_specs.mtu"
    assert ledger.done["network:public.purpose"].startswith("heat/dell_openstack.yaml: router-public")
    assert ledger.done["run:compute.nova.compute"] == "heat/dell_openstack.yaml: deploy-nova-compute-on-compute"
    assert ledger.done["config:nova.cpu_allocation_ratio"].endswith(
        "input_values.cpu_allocation_ratio")


@pytest.mark.parametrize("mode", ["create", "parameter"])
def test_flavor_marks_follow_the_flavor_mode(mode: str) -> None:
    _, ledger, _, closed, docs = _ledger_build(REPO / "architectures" / "ha_openstack.ra", heat_flavors=mode)
    where = ledger.done["hardware:control_hw.cores"]
    if mode == "create":
        assert "flavor-control_hw" in where
        props = docs["ha_openstack.yaml"]["resources"]["flavor-control_hw"]["properties"]
        assert props["vcpus"] == 32
    else:
        assert "parameter control_flavor" in where or "_flavor" in where
    assert not [d for d in closed if d.code == "RA690"]


def test_bmc_network_is_neither_a_neutron_network_nor_a_port() -> None:
    _, _, sink, _, docs = _ledger_build(REPO / "architectures" / "dell_openstack.ra")
    text = yaml.safe_dump(docs)
    assert "bmc" not in text  # no net, subnet, port, parameter or output mentions it
    assert [d.code for d in sink if "bmc" in d.message] == ["RA611"]


def test_role_with_only_bmc_networks_is_an_error(tmp_path: Path) -> None:
    ra = tmp_path / "oob.ra"
    ra.write_text('architecture oob "x" {}\nnetwork lan {\n  cidr = "10.0.0.0/24"\n}\n'
                  'network ipmi {\n  cidr = "10.0.9.0/24"\n  purpose = bmc\n}\n'
                  'role web {\n  count = 1\n  networks = [lan]\n  runs = []\n}\n'
                  'role bmcs {\n  count = 1\n  networks = [ipmi]\n  runs = []\n}\n', encoding="utf-8")
    _, _, sink, _, docs = _ledger_build(ra)
    assert [(d.code, d.message.split(" has")[0]) for d in sink if d.severity == "error"] == [("RA609", "role bmcs")]
    assert "role-bmcs-group" not in docs["oob.yaml"]["resources"]


SECRET_WORDS = ("password", "passwd", "secret")


@pytest.mark.parametrize("example", EXAMPLES, ids=IDS)
def test_no_generated_file_holds_a_password(example: Path) -> None:
    """No parameter default, environment value or software input named like a secret has a value."""
    artifacts, _ = _build(example)
    for art in artifacts:
        doc = yaml.safe_load(art.text)
        for section in ("parameters", "parameter_defaults"):
            for name, body in (doc.get(section) or {}).items():
                if any(w in name.lower() for w in SECRET_WORDS):
                    assert isinstance(body, dict) and body.get("hidden") and "default" not in body, (art.relpath, name)
        for res in (doc.get("resources") or {}).values():
            for name in (res.get("properties", {}).get("input_values") or {}):
                assert not any(w in name.lower() for w in SECRET_WORDS), (art.relpath, name)


# -- a stack an operator can reach ---------------------------------------------------------------------
@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_no_rule_is_open_to_the_world_by_default(example: Path) -> None:
    artifacts, _ = _build(example)
    for art in artifacts:
        assert "0.0.0.0/0" not in art.text, art.relpath
    top = yaml.safe_load(next(a.text for a in artifacts if a.relpath == f"heat/{example.stem}.yaml"))
    for name in ("admin_cidr", "api_cidr"):
        if name in top["parameters"]:
            assert top["parameters"][name]["default"] == "127.0.0.1/32"


def test_servers_on_a_public_network_get_a_floating_ip_and_serve_their_apis() -> None:
    from racompiler.targets.heat.network import role_sg_res

    artifacts, plan = _build(REPO / "architectures" / "dell_openstack.ra")
    files = {a.relpath: yaml.safe_load(a.text) for a in artifacts}
    model = plan.model
    top = files["heat/dell_openstack.yaml"]
    for role in model.roles.values():
        nested = files[f"heat/roles/{role.name}.yaml"]
        public = [n for n in role.networks if model.networks[n].purpose in ("public", "external")]
        fips = {k for k, v in nested["resources"].items() if v["type"] == "OS::Neutron::FloatingIP"}
        assert fips == {f"floating-ip-{n}" for n in public}, role.name
        for n in public:
            assert nested["resources"][f"floating-ip-{n}"]["properties"]["port_id"] == {"get_resource": f"port-{n}"}
        group = top["resources"][f"role-{role.name}-group"]
        assert set(group.get("depends_on", [])) == {f"router-{n}-interface" for n in public}
        rules = top["resources"][role_sg_res(role.name)]["properties"].get("rules", [])
        api_ports = {r["port_range_min"] for r in rules if r.get("remote_ip_prefix") == {"get_param": "api_cidr"}}
        wanted = {p for run in role.runs if model.components[run.component].interop_project
                  for p in model.components[run.component].roles[run.role].ports} if public else set()
        assert api_ports == wanted, role.name
    assert 3306 not in {r["port_range_min"] for res in top["resources"].values()
                        if res["type"] == "OS::Neutron::SecurityGroup"
                        for r in res["properties"].get("rules", [])
                        if r.get("remote_ip_prefix") == {"get_param": "api_cidr"}}
