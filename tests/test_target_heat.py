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
