"""The Ansible target, checked with real ansible-core, yamllint and ansible-lint on every example.

Expected inventories and written values are derived here from the Model (node roles, ``runs``,
counts, injected attributes), not by calling the target's own helpers. Nothing contacts a host
other than localhost: the real runs force ``ansible_connection=local``, write only under
``tmp_path`` and run without network where ``unshare -n`` is allowed.
"""

from __future__ import annotations

import functools
import ipaddress
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLES, GOLDENS, REPO, assert_golden, run_cli, write_artifacts
from racompiler.api import compile_file
from racompiler.diagnostics import DiagnosticSink
from racompiler.targets import get_target
from racompiler.targets.ansible.yamlout import load_yaml

pytest.importorskip("ansible", reason="ansible-core is in the test extra")
BIN = Path(sys.executable).parent
IDS = [p.stem for p in EXAMPLES]
FLAVORS = ("generic", "kolla", "openstack-ansible")
UPSTREAM = REPO / "tests" / "fixtures" / "ansible_upstream"


# -- helpers ---------------------------------------------------------------------------------------
def build(path: Path, flavor: str = "generic"):
    """(plan, artifacts, sink) of one RA built with one flavour."""
    result = compile_file(str(path))
    assert result.plan is not None, result.diagnostics
    sink = DiagnosticSink()
    arts = get_target("ansible", {"ansible_flavor": flavor}).emit(result.plan, sink)
    return result.plan, arts, sink


def write(arts, root: Path) -> Path:
    """Write the artifacts under ``root``; the generated project's folder."""
    return write_artifacts(arts, root) / "ansible"


@functools.cache
def no_network() -> list[str]:
    """``unshare -n`` where this machine allows it (root or user namespaces): the command then runs
    with no network at all, proving it contacts no other host. Empty where it is not allowed."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-n", "true"], capture_output=True).returncode == 0:
        return [unshare, "-n"]
    return []


def ansible(tmp: Path, *args: str, cwd: Path, check: bool = True, isolated: bool = False
            ) -> subprocess.CompletedProcess:
    """Run an ansible-core command with nothing written to ~ and host-pattern typos fatal
    (``isolated``: without network where :func:`no_network` can)."""
    env = dict(os.environ, ANSIBLE_HOME=str(tmp / ".ansible-home"), ANSIBLE_LOCAL_TEMP=str(tmp / ".ansible-tmp"),
               ANSIBLE_REMOTE_TEMP=str(tmp / ".ansible-remote-tmp"),
               ANSIBLE_NOCOLOR="1", ANSIBLE_HOST_PATTERN_MISMATCH="error", ANSIBLE_RETRY_FILES_ENABLED="0")
    prefix = no_network() if isolated else []
    proc = subprocess.run([*prefix, str(BIN / args[0]), *args[1:]], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600)
    if check:
        assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return proc


def is_openstack(plan) -> bool:
    return all(plan.model.components[c].span.file.startswith("<catalog>") for c in plan.model.deployed)


def expected_hosts(model) -> dict[str, list[str]]:
    """node role -> host names: ``<role with dashes>-NNN``, numbered from 1."""
    out = {}
    for role in model.roles.values():
        count = int(role.count.value)
        width = max(3, len(str(count)))
        out[role.name] = [f"{role.name.replace('_', '-')}-{i:0{width}d}" for i in range(1, count + 1)]
    return out


def _plain(obj):
    """ansible-inventory writes ``!unsafe`` strings as ``{"__ansible_unsafe": "..."}``."""
    if isinstance(obj, dict):
        return obj["__ansible_unsafe"] if set(obj) == {"__ansible_unsafe"} else {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_plain(v) for v in obj]
    return obj


def inventory_json(tmp: Path, project: Path, *args: str) -> dict:
    return _plain(json.loads(ansible(tmp, "ansible-inventory", *args, "--list", cwd=project).stdout))


# -- every example, generic flavour ---------------------------------------------------------------
@pytest.mark.parametrize("example", EXAMPLES, ids=IDS)
def test_generic_inventory_matches_the_model(example, tmp_path):
    plan, arts, sink = build(example)
    assert not sink.items
    project = write(arts, tmp_path)
    inv = inventory_json(tmp_path, project)
    model = plan.model
    hosts = expected_hosts(model)
    expected: dict[str, dict] = {}
    for role, names in hosts.items():
        expected[f"{role}_nodes"] = {"hosts": sorted(names), "children": []}
    for comp in model.deployed:
        runs = sorted({run.role for r in model.roles.values() for run in r.runs if run.component == comp})
        expected[comp] = {"hosts": [], "children": sorted(f"{comp}_{r}" for r in runs)}
        for r in runs:
            expected[f"{comp}_{r}"] = {"hosts": [], "children": sorted(f"{nr.name}_nodes"
                                                                       for nr in model.roles_running(comp, r))}
    actual = {g: {"hosts": sorted(v.get("hosts", [])), "children": sorted(v.get("children", []))}
              for g, v in inv.items() if g not in ("_meta", "all", "ungrouped")}
    assert actual == expected
    hostvars = inv["_meta"]["hostvars"]
    assert sorted(hostvars) == sorted(h for names in hosts.values() for h in names)
    # Injected attributes reach every host with their RA value and type.
    for comp, values in model.config.items():
        if comp in model.deployed:
            for attr, value in values.items():
                for h in hostvars.values():
                    assert h[f"{comp}_{attr}"] == value.value
    # Addresses: inside each network's CIDR, unique per network, ansible_host among them.
    for role, names in hosts.items():
        for net in model.roles[role].networks:
            cidr = model.networks[net].cidr
            if model.networks[net].purpose == "bmc":
                # Out of band: the iDRACs' network, no address of the hosts' own.
                assert all(net not in hostvars[h]["ra_ips"] and net not in hostvars[h]["ra_interfaces"] for h in names)
            elif cidr:
                for h in names:
                    assert ipaddress.ip_address(hostvars[h]["ra_ips"][net]) in ipaddress.ip_network(cidr)
    for net in model.networks:
        ips = [h["ra_ips"][net] for h in hostvars.values() if net in h["ra_ips"]]
        assert len(ips) == len(set(ips)), f"duplicate address on {net}"
    for h in hostvars.values():
        assert h["ansible_host"] in h["ra_ips"].values()


@pytest.mark.parametrize("example", EXAMPLES, ids=IDS)
def test_generic_playbooks_pass_syntax_check_and_list_hosts(example, tmp_path):
    plan, arts, _ = build(example)
    project = write(arts, tmp_path)
    ansible(tmp_path, "ansible-playbook", "--syntax-check", "site.yml", cwd=project)
    out = ansible(tmp_path, "ansible-playbook", "--list-hosts", "site.yml", cwd=project).stdout
    plays = re.findall(r"play #\d+ \((\w+)\): (.+?)\tTAGS: .*?\n\s+pattern: .*?\n\s+hosts \((\d+)\)", out)
    model = plan.model
    want = [("all", sum(int(r.count.value) for r in model.roles.values()), None)]
    for wave_no, wave in enumerate(plan.waves):
        for comp in wave:
            for role in [r for w in plan.role_waves[comp] for r in w]:
                want.append((f"{comp}_{role}", model.component_role_count(comp, role), wave_no))
    got = [(g, int(n)) for g, _name, n in plays]
    assert got == [(w[0], w[1]) for w in want]
    for (_g, name, _n), w in zip(plays[1:], want[1:]):
        assert name.startswith(f"Wave {w[2]}:"), name  # the waves are visible in the play names


@pytest.mark.parametrize("example", EXAMPLES, ids=IDS)
def test_generic_yaml_is_lint_clean(example, tmp_path):
    _plan, arts, _ = build(example)
    project = write(arts, tmp_path)
    config = ("{extends: default, rules: {line-length: {max: 160}, truthy: {allowed-values: ['true', 'false']},"
              " indentation: {spaces: 2, indent-sequences: true}, comments-indentation: disable}}")
    proc = subprocess.run([str(BIN / "yamllint"), "-s", "-d", config, "."], cwd=project, capture_output=True,
                          text=True)
    assert proc.returncode == 0, proc.stdout


@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize("example", EXAMPLES, ids=IDS)
def test_output_is_deterministic_and_golden(example, flavor, update_goldens):
    plan, first, sink = build(example, flavor)
    _, second, _ = build(example, flavor)
    assert first == second
    if not is_openstack(plan) and flavor != "generic":
        codes = {d.code for d in sink.items}
        assert codes == {"RA640"}  # the build fails: nothing is written
        return
    assert not sink.has_errors, sink.items
    folder = GOLDENS / "ansible" / flavor / example.stem
    names = set()
    for a in first:
        assert a.text.endswith("\n")
        name = a.relpath.removeprefix("ansible/")
        # Roles and host_vars repeat one pattern: their goldens are kept for the all-in-one only.
        if example.stem == "allinone" or not name.startswith(("roles/", "inventory/host_vars/")):
            names.add(name)
            assert_golden(folder / name, a.text, update_goldens)
    if folder.is_dir():
        stale = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} - names
        if update_goldens:  # regenerating on purpose: a file the target no longer writes goes too
            for name in stale:
                (folder / name).unlink()
        else:
            assert not stale, f"golden files no longer generated: {sorted(stale)}"


# -- a real local run ------------------------------------------------------------------------------
OPENSTACK = [p for p in EXAMPLES if is_openstack(compile_file(str(p)).plan)]


@pytest.fixture(scope="module")
def kolla_skeleton(tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("kolla")
    return inventory_json(tmp, tmp, "-i", str(REPO / "targets" / "ansible" / "kolla" / "multinode"))


@pytest.mark.parametrize("example", OPENSTACK, ids=[p.stem for p in OPENSTACK])
def test_kolla_inventory_keeps_the_upstream_skeleton(example, tmp_path, kolla_skeleton):
    plan, arts, sink = build(example, "kolla")
    assert not sink.has_errors
    project = write(arts, tmp_path)
    inv = inventory_json(tmp_path, project, "-i", "multinode.yml", "-e", "@globals.yml")
    role_groups = {"control", "network", "compute", "storage", "monitoring", "deployment"}
    for group, body in kolla_skeleton.items():
        if group in ("_meta", "all") or group in role_groups:
            continue
        assert sorted(inv.get(group, {}).get("children", [])) == sorted(body.get("children", [])), group
    assert set(kolla_skeleton) - {"_meta"} - role_groups <= set(inv)  # --list omits empty groups
    model = plan.model
    hosts = expected_hosts(model)
    for comp_role, group in (("nova.compute", "compute"), ("neutron.l3", "network"), ("keystone.server", "control")):
        comp, role = comp_role.split(".")
        want = sorted(h for nr in model.roles_running(comp, role) for h in hosts[nr.name])
        assert set(want) <= set(inv.get(group, {}).get("hosts", [])), group
    g = load_yaml((project / "globals.yml").read_text())
    for comp, flag in (("nova", "enable_nova"), ("heat", "enable_heat"), ("swift", "enable_swift"),
                       ("ceilometer", "enable_ceilometer"), ("cinder", "enable_cinder")):
        assert g[flag] is (comp in model.deployed)
    vip = ipaddress.ip_address(g["kolla_internal_vip_address"])
    assert any(vip in ipaddress.ip_network(n.cidr) for n in model.networks.values() if n.cidr)


# -- openstack-ansible -----------------------------------------------------------------------------
def osa_groups() -> set[str]:
    """Host groups openstack-ansible knows: the upstream examples' ``<x>_hosts`` keys."""
    names = set()
    for f in UPSTREAM.glob("openstack_user_config.yml*.example"):
        names |= set(re.findall(r"^#?\s?([a-z_]+_hosts):", f.read_text(encoding="utf-8"), re.M))
    # Groups of inventory/env.d/ that no example uses (swift.yml, utility.yml; commit 79d29b9f7),
    # and every host group the vendored env.d declares (the inventory generator's own list).
    env_d = REPO / "tests" / "third_party" / "osa" / "inventory" / "env.d"
    for f in env_d.glob("*.yml"):
        names |= {k for k in (yaml.safe_load(f.read_text(encoding="utf-8")).get("physical_skel") or {})
                  if k.endswith("_hosts")}
    return names | {"swift_hosts", "swift_proxy_hosts", "operator_hosts"}


@pytest.mark.parametrize("example", OPENSTACK, ids=[p.stem for p in OPENSTACK])
def test_openstack_ansible_user_config(example, tmp_path):
    plan, arts, sink = build(example, "openstack-ansible")
    assert not sink.has_errors
    text = next(a.text for a in arts if a.relpath.endswith("openstack_user_config.yml"))
    config = load_yaml(text)
    groups = {k for k in config if k.endswith("_hosts")}
    assert groups <= osa_groups(), groups - osa_groups()
    mgmt = ipaddress.ip_network(config["cidr_networks"]["management"])
    for group in groups:
        ips = [v["ip"] for v in config[group].values()]
        assert len(ips) == len(set(ips))
        assert all(ipaddress.ip_address(ip) in mgmt for ip in ips)
    hosts = expected_hosts(plan.model)
    computes = sorted(h for nr in plan.model.roles_running("nova", "compute") for h in hosts[nr.name])
    assert sorted(config["compute_hosts"]) == computes
    for entry in config["used_ips"]:
        for part in entry.split(","):
            ipaddress.ip_address(part)
    assert config["global_overrides"]["internal_lb_vip_address"]


# -- racompiler verify -----------------------------------------------------------------------------
def test_cli_build_and_verify(tmp_path):
    out = tmp_path / "out"
    proc = run_cli("build", "architectures/allinone.ra", "-t", "ansible", "-o", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    proc = run_cli("verify", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    proc = run_cli("build", "architectures/allinone.ra", "-t", "ansible", "--ansible-flavor", "kolla",
                   "-o", str(tmp_path / "kolla"))
    assert proc.returncode == 0 and b"RA641" in proc.stderr
    assert run_cli("verify", str(tmp_path / "kolla")).returncode == 0


def test_verify_reports_ra659_for_a_broken_project(tmp_path):
    from racompiler.targets.ansible import AnsibleTarget

    _plan, arts, _ = build(REPO / "architectures" / "allinone.ra")
    project = write(arts, tmp_path)
    (project / "roles" / "nova").rename(project / "roles" / "nova_renamed")
    sink = DiagnosticSink()
    AnsibleTarget.verify(project, sink)
    assert [d.code for d in sink.items] == ["RA659"] and "syntax-check" in sink.items[0].message


def test_verify_without_ansible_reports_ra658(tmp_path, monkeypatch):
    from racompiler.targets.ansible import AnsibleTarget, verify

    monkeypatch.setattr(verify, "tool", lambda _name: None)
    sink = DiagnosticSink()
    AnsibleTarget.verify(tmp_path, sink)
    assert [d.code for d in sink.items] == ["RA658"] and "pip install" in (sink.items[0].hint or "")
