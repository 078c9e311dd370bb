"""kolla-ansible's own code judges the kolla output of every OpenStack example.

kolla-ansible 22.2.0 (test extra) ships its playbooks, roles and group_vars in the wheel
(``share/kolla-ansible/ansible``). For each example's ``racompiler build -t ansible --ansible-flavor
kolla`` output, with ``passwords.yml`` made by ``kolla-genpwd`` as an operator would, this runs:

1. ``ansible-playbook --syntax-check`` of kolla's ``site.yml`` with the output as inventory and
   extra vars (kolla-ansible's own command line);
2. kolla's prechecks that need no host: the ``prechecks`` role's ``inventory_checks.yml`` (the
   ``loadbalancer`` group may not be empty) and, for every service play of ``site.yml``, the tasks
   of that role's ``precheck.yml`` that read no facts and no registered result (the
   ``service-precheck`` inventory group checks and assertions such as "At least one Ceilometer
   publisher must be enabled"), run through the role (its defaults apply) on the play's hosts,
   after ``site.yml``'s own group_by play: ``assert``/``fail`` run on the controller, so nothing
   connects anywhere;
3. an evaluation of kolla's ``group_vars`` with the output's inventory and ``globals.yml``
   (``ansible --playbook-dir``), checked against the RA: the VIPs lie in the networks of the
   interfaces kolla puts them on (the external VIP on the external network's NIC), every host's
   ``api_interface`` carries an API network, and the ``enable_*`` flags follow what the RA deploys.

kolla's ``group_vars`` use the ``ansible.utils.ipaddr`` filter: that collection is vendored in
``tests/third_party/kolla`` (see SOURCES.md), since Galaxy is not a package registry here.
"""

from __future__ import annotations

import ipaddress
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLES, REPO, run_cli
from racompiler.api import compile_file
from racompiler.diagnostics import DiagnosticSink
from racompiler.targets.ansible.layout import build_layout
from racompiler.targets.mapping import load_deployer_mapping

# A deployer's own code runs here: `pytest -m 'not deployer'` skips it for a quick local run.
pytestmark = pytest.mark.deployer
pytest.importorskip("ansible", reason="ansible-core is in the test extra")
kolla_utils = pytest.importorskip("kolla_ansible.utils", reason="kolla-ansible 22.2.0 is in the test extra")

BIN = Path(sys.executable).parent
KOLLA = Path(kolla_utils.get_data_files_path("ansible"))
KOLLA_ETC = Path(kolla_utils.get_data_files_path("etc_examples", "kolla"))
COLLECTIONS = REPO / "tests" / "third_party" / "kolla"
if not (COLLECTIONS / "ansible_collections" / "ansible" / "utils").is_dir():  # not in the sdist (GPL-3.0)
    pytest.skip("the vendored ansible.utils collection is only in the git checkout", allow_module_level=True)
API_PURPOSES = ("internal", "management", "admin", "provisioning")
EXTERNAL_PURPOSES = ("external", "public")
# Words that make a precheck task need a host: facts, other hosts' facts, containers, commands.
HOST_BOUND = ("ansible_facts", "hostvars", "ansible_", "container_facts", "delegate_to", "play_batch")


def is_openstack(plan) -> bool:
    return all(plan.model.components[c].span.file.startswith("<catalog>") for c in plan.model.deployed)


OPENSTACK = [p for p in EXAMPLES if is_openstack(compile_file(str(p)).plan)]


def _env(tmp: Path) -> dict[str, str]:
    return dict(os.environ, ANSIBLE_HOME=str(tmp / ".ansible-home"), ANSIBLE_LOCAL_TEMP=str(tmp / ".ansible-tmp"),
                ANSIBLE_NOCOLOR="1", ANSIBLE_RETRY_FILES_ENABLED="0", ANSIBLE_COLLECTIONS_PATH=str(COLLECTIONS),
                ANSIBLE_COLLECTIONS_SCAN_SYS_PATH="0", ANSIBLE_DEPRECATION_WARNINGS="0")


def run(tmp: Path, *args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    exe = BIN / args[0] if (BIN / args[0]).exists() else shutil.which(args[0])
    return subprocess.run([str(exe), *args[1:]], cwd=cwd, env=dict(_env(tmp), **(env or {})),
                          capture_output=True, text=True, timeout=900)


def kolla_build(ra: Path, out: Path) -> Path:
    """``racompiler build`` (kolla flavour) plus ``passwords.yml`` from ``kolla-genpwd``."""
    proc = run_cli("build", str(ra), "-t", "ansible", "--ansible-flavor", "kolla", "-o", str(out))
    assert proc.returncode == 0, proc.stderr.decode()[-3000:]
    project = out / "ansible"
    assert not (project / "passwords.yml").exists()  # never racompiler's
    shutil.copy(KOLLA_ETC / "passwords.yml", project / "passwords.yml")
    gen = run(out, "kolla-genpwd", "-p", "passwords.yml", cwd=project)
    assert gen.returncode == 0, gen.stderr
    return project


def kolla_args(project: Path) -> list[str]:
    """kolla-ansible's own arguments to ansible-playbook (kolla_ansible/ansible.py build_args)."""
    return ["-i", str(project / "multinode.yml"), "-e", f"@{project / 'globals.yml'}",
            "-e", f"@{project / 'passwords.yml'}", "-e", "kolla_action=precheck", "-e", f"CONFIG_DIR={project}"]


# -- the host-free prechecks, taken from kolla's files -------------------------------------------------
def _plays(playbook: Path) -> list[dict]:
    """The plays of a kolla playbook, following ``import_playbook``."""
    out = []
    for play in yaml.safe_load(playbook.read_text(encoding="utf-8")):
        if "import_playbook" in play:
            out += _plays(playbook.parent / play["import_playbook"])
        else:
            out.append(play)
    return out


def _registered(tasks: list) -> set[str]:
    names = set()
    for t in tasks or []:
        if isinstance(t, dict):
            if "register" in t:
                names.add(t["register"])
            names |= _registered(t.get("block", []))
    return names


def _host_free(tasks: list, registered: set[str]) -> list[dict]:
    """The tasks of a precheck file that run on the controller with no facts: assert, fail and
    the service-precheck role (blocks kept when their own keys are host-free too)."""
    kept = []
    for t in tasks or []:
        text = yaml.safe_dump({k: v for k, v in t.items() if k != "block"})
        if any(w in text for w in HOST_BOUND) or any(r in text for r in registered):
            continue
        if "block" in t:
            inner = _host_free(t["block"], registered)
            if inner:
                kept.append(dict(t, block=inner))
            continue
        role = t.get("ansible.builtin.import_role") or t.get("import_role") or {}
        if (set(t) & {"ansible.builtin.assert", "assert", "ansible.builtin.fail", "fail"}
                or role.get("name") == "service-precheck"):
            kept.append(t)
    return kept


@pytest.fixture(scope="module")
def judge(tmp_path_factory) -> tuple[Path, dict]:
    """A copy of kolla's ansible tree with one more tasks file per role (``judge_precheck.yml``:
    the host-free tasks of its ``precheck.yml``) and ``judge.yml``: site.yml's group_by play, the
    inventory checks, then one play per service play of site.yml. Returns (tree, counts)."""
    tree = tmp_path_factory.mktemp("kolla") / "ansible"
    shutil.copytree(KOLLA, tree, symlinks=True, ignore=shutil.ignore_patterns("releasenotes"))
    plays = _plays(tree / "site.yml")
    group_play = next(p for p in plays if p.get("name") == "Group hosts based on configuration")
    facts_play = {
        "name": "judge: each host's interfaces and addresses from the RA, in place of gather-facts",
        "hosts": "localhost", "gather_facts": False,
        "tasks": [{"ansible.builtin.set_fact": {"{{ item.key }}": "{{ item.value }}", "cacheable": True},
                   "delegate_to": "{{ item.host }}", "delegate_facts": True,
                   "loop": "{{ judge_facts }}", "loop_control": {"label": "{{ item.host }} {{ item.key }}"}}]}
    judge_plays = [facts_play, group_play, {
        "name": "kolla prechecks: inventory checks", "hosts": "all", "gather_facts": False,
        "tasks": [{"ansible.builtin.import_role": {"name": "prechecks", "tasks_from": "inventory_checks"}}]}]
    counts: dict[str, int] = {}
    for play in plays:
        for entry in play.get("roles", []) or []:
            role, when = (entry, None) if isinstance(entry, str) else (entry["role"], entry.get("when"))
            precheck = tree / "roles" / role / "tasks" / "precheck.yml"
            if role in counts or not precheck.is_file():
                continue
            tasks = yaml.safe_load(precheck.read_text(encoding="utf-8")) or []
            kept = _host_free(tasks, _registered(tasks))
            counts[role] = len(kept)
            if not kept:
                continue
            (precheck.parent / "judge_precheck.yml").write_text(yaml.safe_dump(kept, sort_keys=False))
            task = {"ansible.builtin.import_role": {"name": role, "tasks_from": "judge_precheck"}}
            if when is not None:
                task["when"] = when
            judge_plays.append({"name": f"kolla prechecks: {role}", "hosts": play["hosts"], "gather_facts": False,
                                "tasks": [task]})
    (tree / "judge.yml").write_text(yaml.safe_dump(judge_plays, sort_keys=False))
    return tree, counts


def test_the_judge_runs_the_rules_it_is_meant_to(judge) -> None:
    tree, counts = judge
    text = (tree / "roles" / "ceilometer" / "tasks" / "judge_precheck.yml").read_text()
    assert "At least one Ceilometer publisher must be enabled" in text
    assert "service-precheck" in text
    assert counts["loadbalancer"] >= 1 and counts["nova"] >= 1 and counts["neutron"] >= 1
    assert "loadbalancer" in (tree / "roles" / "prechecks" / "tasks" / "inventory_checks.yml").read_text()


# -- the checks, per example -------------------------------------------------------------------------
def check_syntax(project: Path, tmp: Path) -> None:
    proc = run(tmp, "ansible-playbook", *kolla_args(project), "--syntax-check", str(KOLLA / "site.yml"), cwd=project)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]


# The host OS kolla's default images are built on (kolla_base_distro: rocky).
OS_FACTS = {"os_family": "RedHat", "distribution": "Rocky", "distribution_major_version": "10",
            "distribution_version": "10.0", "architecture": "x86_64", "machine": "x86_64"}


def facts(ra: Path) -> dict[str, dict]:
    """What gather-facts would find on each host: one active NIC per RA network, with its address."""
    plan = compile_file(str(ra)).plan
    layout = build_layout(plan, DiagnosticSink())
    out = {}
    for role, hosts in layout.hosts.items():
        for h in hosts:
            nics = {ifc: {"device": ifc, "active": True, **({"ipv4": {"address": h.ips[net]}} if net in h.ips else {})}
                    for net, ifc in layout.interfaces[role].items()}
            out[h.name] = {**nics, "interfaces": sorted(nics), **OS_FACTS,
                           "hostname": h.name, "nodename": h.name, "fqdn": h.name}
    return out


def check_prechecks(ra: Path, project: Path, tmp: Path, tree: Path) -> subprocess.CompletedProcess:
    """The judge playbook on the first host of each RA node role (hosts of one role differ only by
    their addresses; every group keeps all its hosts, so the inventory checks see them all)."""
    items = [{"host": h, "key": k, "value": v} for h, f in facts(ra).items() for k, v in f.items()]
    (tmp / "judge_facts.json").write_text(json.dumps({"judge_facts": items}))
    plan = compile_file(str(ra)).plan
    layout = build_layout(plan, DiagnosticSink())
    limit = ",".join(["localhost"] + [hosts[0].name for hosts in layout.hosts.values() if hosts])
    return run(tmp, "ansible-playbook", *kolla_args(project), "-e", f"@{tmp / 'judge_facts.json'}",
               "--limit", limit, str(tree / "judge.yml"), cwd=project)


def group_vars(project: Path, tmp: Path, hosts: str, names: list[str]) -> dict[str, dict]:
    """host -> {variable: value} as kolla's group_vars, the inventory and globals.yml make them."""
    expr = "{{ {" + ", ".join(f"'{n}': {n}" for n in names) + "} }}"
    proc = run(tmp, "ansible", *kolla_args(project)[:6], "--playbook-dir", str(KOLLA), hosts, "--one-line",
               "-m", "ansible.builtin.debug", "-a", f"msg={expr}", cwd=project)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    out = {}
    for line in proc.stdout.splitlines():
        host, sep, result = line.partition(" | SUCCESS => ")
        if sep:
            out[host] = json.loads(result)["msg"]
    return out


def _net_of(model, cidr_of_ip: str) -> str | None:
    ip = ipaddress.ip_address(cidr_of_ip)
    return next((n for n, net in model.networks.items() if net.cidr and ip in ipaddress.ip_network(net.cidr)), None)


def check_group_vars(ra: Path, project: Path, tmp: Path) -> None:
    plan = compile_file(str(ra)).plan
    model = plan.model
    layout = build_layout(plan, DiagnosticSink())
    iface_net = {h.name: {ifc: net for net, ifc in layout.interfaces[role].items()}
                 for role, hosts in layout.hosts.items() for h in hosts}
    inv = yaml.safe_load((project / "multinode.yml").read_text())["all"]["children"]
    lb_names = ["kolla_internal_vip_address", "kolla_external_vip_address", "kolla_external_vip_interface",
                "api_interface", "network_interface", "enable_haproxy", "enable_loadbalancer",
                "haproxy_enable_external_vip", "kolla_same_external_internal_vip"]
    hosts = group_vars(project, tmp, "all:!deployment", lb_names)
    for host, v in hosts.items():
        nets = iface_net[host]
        assert v["network_interface"] in nets, (host, v)
        assert model.networks[nets[v["api_interface"]]].purpose in API_PURPOSES, (host, v)
    mapping = load_deployer_mapping("kolla", "kolla", model, DiagnosticSink())
    flags = {flag: comp in model.deployed for comp, entry in mapping.components.items() for flag in entry.enable}
    any_host = next(iter(hosts))
    enabled = group_vars(project, tmp, any_host, sorted(flags))[any_host]
    # A flag several components set is true when one of them is deployed.
    for comp, entry in mapping.components.items():
        for flag in entry.enable:
            if comp in model.deployed:
                assert enabled[flag] is True, flag
    assert {f for f, v in enabled.items() if v} == {f for f, on in flags.items() if on} | \
        {f for comp, e in mapping.components.items() if comp in model.deployed for f in e.enable}
    lb_hosts = group_vars(project, tmp, "loadbalancer", lb_names)
    assert lb_hosts, "kolla's loadbalancer group is empty"
    control = set(inv["control"]["hosts"])
    if layout.ha:
        assert control <= set(lb_hosts)
    for host, v in lb_hosts.items():
        nets = iface_net[host]
        internal = nets[v["api_interface"]]
        if v["enable_haproxy"]:
            assert ipaddress.ip_address(v["kolla_internal_vip_address"]) in ipaddress.ip_network(
                model.networks[internal].cidr), (host, v)
        if v["haproxy_enable_external_vip"] in (True, "yes"):
            external = nets[v["kolla_external_vip_interface"]]
            assert model.networks[external].purpose in EXTERNAL_PURPOSES, (host, v)
            assert ipaddress.ip_address(v["kolla_external_vip_address"]) in ipaddress.ip_network(
                model.networks[external].cidr), (host, v)
    for host in control:
        v = hosts[host]
        ext = _net_of(model, v["kolla_external_vip_address"])
        if ext is not None and model.networks[ext].purpose in EXTERNAL_PURPOSES:
            # The external VIP (or, without HAProxy, the host's public address) on its own NIC.
            assert iface_net[host][v["kolla_external_vip_interface"]] == ext, (host, v)


@pytest.mark.parametrize("example", OPENSTACK, ids=[p.stem for p in OPENSTACK])
def test_kolla_accepts_the_output(example: Path, tmp_path: Path, judge) -> None:
    tree, _ = judge
    project = kolla_build(example, tmp_path / "out")
    check_syntax(project, tmp_path)
    proc = check_prechecks(example, project, tmp_path, tree)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert "failed=0" in proc.stdout and "ok=" in proc.stdout
    check_group_vars(example, project, tmp_path)


def test_an_ha_ra_without_network_nodes_fills_the_loadbalancer_group(tmp_path: Path, judge) -> None:
    """Three controllers and no network role: kolla's loadbalancer group (children: network) would
    be empty; the control hosts carry the VIPs, so they join it and kolla's inventory check passes."""
    tree, _ = judge
    text = (REPO / "architectures" / "ha_openstack.ra").read_text(encoding="utf-8")
    start = text.index("role network_node")
    end = text.index("\n}\n", start) + 3
    ra = tmp_path / "ha_no_network_nodes.ra"
    # Without network nodes, routing and DHCP come from OVN (no L3/DHCP agent: check would refuse
    # an agent-based driver without them, RA507); OVN's databases run on the controllers.
    ra.write_text((text[:start] + text[end:]).replace(
        "    neutron.server,\n", "    neutron.server,\n    ovn.db,\n    ovn.controller,\n")
        + "\nconfigure neutron {\n  networking_plugin = ovn\n}\n", encoding="utf-8")
    project = kolla_build(ra, tmp_path / "out")
    inv = yaml.safe_load((project / "multinode.yml").read_text())["all"]["children"]
    assert not inv["network"] and set(inv["loadbalancer"]["hosts"]) == set(inv["control"]["hosts"])
    proc = check_prechecks(ra, project, tmp_path, tree)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    check_group_vars(ra, project, tmp_path)


def test_kolla_refuses_what_the_fixes_avoid(tmp_path: Path, judge) -> None:
    """The judge has teeth: without the fixes kolla's own rules fail the same output."""
    tree, _ = judge
    ha = REPO / "architectures" / "ha_openstack.ra"
    project = kolla_build(ha, tmp_path / "out")
    globals_yml = project / "globals.yml"
    original = globals_yml.read_text()
    globals_yml.write_text(original.replace("enable_gnocchi: true", "enable_gnocchi: false"))
    proc = check_prechecks(ha, project, tmp_path, tree)
    assert proc.returncode != 0 and "At least one Ceilometer publisher must be enabled" in proc.stdout
    globals_yml.write_text(original)
    inv_file = project / "multinode.yml"
    inv = yaml.safe_load(inv_file.read_text())
    kids = inv["all"]["children"]
    kids["network"] = None
    kids["loadbalancer"].pop("hosts")
    inv_file.write_text(yaml.safe_dump(inv))
    proc = check_prechecks(ha, project, tmp_path, tree)
    assert proc.returncode != 0 and "Inventory's group loadbalancer does not exist or it is empty" in proc.stdout
