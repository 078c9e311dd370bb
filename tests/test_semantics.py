"""Deployment semantics: requirements implied by settings, and what every target does with them.

The expectations are read from the outputs the deployers consume (Heat's ``depends_on``, the
generic Ansible ``site.yml``, Crowbar's ``order.json``), not from the plan that produced them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from conftest import REPO
from racompiler.api import build, compile_file

DELL = str(REPO / "architectures" / "dell_openstack.ra")


@pytest.fixture(scope="module")
def dell_outputs():
    """dell_openstack (glance: default_store = swift) built for Heat, Ansible and Crowbar once."""
    result = build(DELL, ["heat", "ansible", "crowbar"], None)
    assert result.ok, [d.message for d in result.diagnostics if d.severity.value == "error"]
    return {a.relpath: a.text for a in result.artifacts}


def test_the_setting_adds_the_edge():
    plan = compile_file(DELL).plan
    assert plan.model.config["glance"]["default_store"].value == "swift"
    edge = plan.deps.edges[("swift", "glance")]
    assert edge["interface"] == "object_store" and "default_store = swift" in edge["reason"]
    assert plan.wave_of("swift") < plan.wave_of("glance")


def test_heat_deploys_glance_after_swift(dell_outputs):
    template = yaml.safe_load(dell_outputs["heat/dell_openstack.yaml"])
    resources = template["resources"]

    def ancestors(name: str) -> set[str]:
        seen: set[str] = set()
        todo = [name]
        while todo:
            deps = resources[todo.pop()].get("depends_on") or []
            for dep in [deps] if isinstance(deps, str) else deps:
                if dep not in seen:
                    seen.add(dep)
                    todo.append(dep)
        return seen

    glance = [n for n in resources if n.startswith("deploy-glance-")]
    assert glance
    for name in glance:
        assert any(dep.startswith("deploy-swift-") for dep in ancestors(name)), name


def test_ansible_and_crowbar_order_glance_after_swift(dell_outputs):
    site = [play["ansible.builtin.import_playbook"] for play in yaml.safe_load(dell_outputs["ansible/site.yml"])
            if "ansible.builtin.import_playbook" in play]
    assert site.index("playbooks/swift.yml") < site.index("playbooks/glance.yml")
    order = json.loads(dell_outputs["crowbar/order.json"])
    wave = {entry["barclamp"]: i for i, entries in enumerate(order["waves"]) for entry in entries}
    assert wave["swift"] < wave["glance"]
    assert order["commit"].index("bc-swift-default") < order["commit"].index("bc-glance-default")


def test_without_the_setting_no_edge(tmp_path: Path):
    text = Path(DELL).read_text(encoding="utf-8").replace("default_store = swift", "default_store = file")
    ra = tmp_path / "dell.ra"
    ra.write_text(text, encoding="utf-8")
    plan = compile_file(str(ra)).plan
    assert ("swift", "glance") not in plan.deps.edges


# -- optional components -------------------------------------------------------------------------
HA = str(REPO / "architectures" / "ha_openstack.ra")
HA_NO_CEPH = str(REPO / "architectures" / "ha_openstack_no_ceph.ra")


def test_switched_off_component_drops_out_everywhere():
    on = compile_file(HA).plan
    off = compile_file(HA_NO_CEPH).plan
    assert on is not None and off is not None
    assert "ceph" in on.model.deployed and "ceph" not in off.model.deployed
    assert "ceph" not in off.graph and "ceph" not in off.model.config
    # The role that ran only ceph.osd goes; the controllers keep everything but ceph.mon.
    assert "ceph_osd" in on.model.roles and "ceph_osd" not in off.model.roles
    assert off.model.switches["ceph"].dropped_roles == ("ceph_osd",)
    controller_on = {r.qualified for r in on.model.roles["controller"].runs}
    controller_off = {r.qualified for r in off.model.roles["controller"].runs}
    assert controller_on - controller_off == {"ceph.mon"}
    # The settings written with if(use_ceph, ...) take their other branch.
    assert on.model.config["cinder"]["volume_driver"].value == "rbd"
    assert off.model.config["cinder"]["volume_driver"].value == "lvm"
    assert off.model.config["glance"]["default_store"].value == "file"


def test_the_switch_is_fixed_at_build_time_for_heat():
    result = build(HA, ["heat"], None)
    template = yaml.safe_load(next(a.text for a in result.artifacts if a.relpath == "heat/ha_openstack.yaml"))
    assert "use_ceph" not in template["parameters"]
    assert "osd_count" in template["parameters"]  # an ordinary parameter stays a template parameter


def test_diff_between_the_two_ha_variants():
    from conftest import run_cli

    proc = run_cli("diff", HA, HA_NO_CEPH, "--format", "json")
    assert proc.returncode == 3, proc.stderr
    paths = {(c["path"], c["kind"]) for c in json.loads(proc.stdout)["changes"]}
    assert paths == {
        ("architecture.name", "changed"), ("parameters.use_ceph", "changed"),
        ("components.ceph", "removed"), ("roles.ceph_osd", "removed"), ("roles.controller.runs[ceph.mon]", "removed"),
        ("edges[ceph -> cinder (storage_backend)]", "removed"), ("edges[ceph -> glance (storage_backend)]", "removed"),
        ("components.cinder.config.volume_driver", "changed"), ("components.glance.config.default_store", "changed"),
        ("components.nova.config.use_shared_instance_storage", "changed"),
    }


@pytest.mark.parametrize("target, options", [
    ("heat", {}), ("crowbar", {}), ("crowbar", {"crowbar_flavor": "suse"}), ("ansible", {}),
    ("ansible", {"ansible_flavor": "kolla"}), ("ansible", {"ansible_flavor": "openstack-ansible"}), ("interop", {}),
])
def test_both_ha_variants_build_for_every_target(target, options):
    for path in (HA, HA_NO_CEPH):
        result = build(path, [target], None, options=options)
        assert result.ok, (path, [d.message for d in result.diagnostics if d.severity.value == "error"])
        text = "".join(a.text for a in result.artifacts)
        if path == HA_NO_CEPH:
            assert "ceph_osd" not in text, (target, options)


# -- network purposes ----------------------------------------------------------------------------
@pytest.mark.parametrize("flavor", ["generic", "kolla", "openstack-ansible"])
def test_bmc_network_gives_hosts_no_interface_or_address(flavor):
    """dell_openstack's bmc network (192.168.128.0/24) reaches the iDRACs, not the hosts' OS."""
    result = build(DELL, ["ansible"], None, options={"ansible_flavor": flavor})
    assert result.ok
    for art in result.artifacts:
        if "/host_vars/" in art.relpath or art.relpath.endswith(("hosts.yml", "_nodes.yml")) or \
                "openstack_user_config" in art.relpath or art.relpath.endswith("/multinode"):
            assert "192.168.128." not in art.text, art.relpath
            doc = art.text
            assert "bmc: eth" not in doc, art.relpath
