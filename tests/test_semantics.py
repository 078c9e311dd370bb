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
