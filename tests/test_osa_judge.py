"""openstack-ansible's own inventory generator judges every example's OSA output.

The generator (tests/third_party/osa/, unchanged upstream code: see its SOURCES.md) is what
`openstack-ansible` runs to turn /etc/openstack_deploy into the real inventory. Each example's
``openstack_user_config.yml`` and ``user_variables.yml`` must pass its ``--check`` and produce,
with ``--list``, the host groups the RA implies.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, REPO
from racompiler.api import build
from racompiler.targets.ansible.yamlout import load_yaml

OSA = REPO / "tests" / "third_party" / "osa"
# A deployer's own code runs here: `pytest -m 'not deployer'` skips it for a quick local run.
pytestmark = pytest.mark.deployer
pytest.importorskip("netaddr", reason="the OSA generator needs netaddr (test extra)")
pytest.importorskip("prettytable", reason="the OSA generator needs prettytable (test extra)")
IDS = [p.stem for p in EXAMPLES if p.stem != "hadoop_cluster"]  # no OpenStack in the Hadoop example
CASES = [REPO / "architectures" / f"{name}.ra" for name in IDS] + \
    [REPO / "architectures" / "modules" / "trove" / "dbaas_cloud.ra"]


@functools.cache
def osa_files(example: Path) -> dict[str, str]:
    result = build(str(example.relative_to(REPO)), ["ansible"], None, options={"ansible_flavor": "openstack-ansible"})
    assert result.ok, [f"{d.code} {d.message}" for d in result.errors]
    return {a.relpath.removeprefix("ansible/"): a.text for a in result.artifacts}


def generator(config: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(OSA))
    return subprocess.run([sys.executable, str(OSA / "inventory" / "dynamic_inventory.py"), "--config", str(config),
                           *args], capture_output=True, text=True, env=env, cwd=config, timeout=120)


@pytest.mark.parametrize("example", CASES, ids=[p.stem for p in CASES])
def test_osa_generator_accepts_and_lists_the_groups(example: Path, tmp_path: Path) -> None:
    files = osa_files(example)
    for name in ("openstack_user_config.yml", "user_variables.yml"):
        (tmp_path / name).write_text(files[name], encoding="utf-8")
    check = generator(tmp_path, "--check")
    assert check.returncode == 0 and "Configuration ok!" in check.stdout, check.stdout + check.stderr
    listed = generator(tmp_path, "--list")
    assert listed.returncode == 0, listed.stderr
    inventory = json.loads(listed.stdout)
    config = load_yaml(files["openstack_user_config.yml"])
    # Every host group the RA implies exists, with exactly the hosts written for it.
    for group, hosts in config.items():
        if not group.endswith("_hosts"):
            continue
        assert group in inventory, f"OSA's inventory has no group {group}"
        assert set(inventory[group]["hosts"]) == set(hosts), group
    # And the generator placed the services: a galera container on every shared-infra host, and
    # nova-compute on every compute host.
    galera = inventory["galera_container"]["hosts"]
    assert sorted(h.split("-galera-container-")[0] for h in galera) == sorted(config["shared_infra_hosts"])
    assert set(inventory["nova_compute"]["hosts"]) == set(config["compute_hosts"])


def test_the_generator_refuses_an_ansible_tag(tmp_path: Path) -> None:
    """Why openstack_user_config.yml carries no `!unsafe`: OSA reads it with yaml.safe_load."""
    text = osa_files(REPO / "architectures" / "dell_openstack.ra")["openstack_user_config.yml"]
    assert "!unsafe" not in text
    (tmp_path / "openstack_user_config.yml").write_text(
        text.replace("volume_group: cinder-volumes", "volume_group: !unsafe 'cinder-volumes'"), encoding="utf-8")
    (tmp_path / "user_variables.yml").write_text("---\n{}\n", encoding="utf-8")
    proc = generator(tmp_path, "--check")
    assert proc.returncode != 0 and "unsafe" in proc.stderr


def test_verify_runs_the_generator_from_an_osa_checkout(tmp_path: Path) -> None:
    """`racompiler verify` runs OSA's generator when RACOMPILER_OSA_PATH names a checkout."""
    from conftest import run_cli

    out = tmp_path / "out"
    assert run_cli("build", "architectures/allinone.ra", "-t", "ansible", "--ansible-flavor", "openstack-ansible",
                   "-o", str(out)).returncode == 0
    plain = run_cli("verify", str(out), env={"RACOMPILER_OSA_PATH": ""})
    assert plain.returncode == 1 and b"not verified" in plain.stderr
    judged = run_cli("verify", str(out), env={"RACOMPILER_OSA_PATH": str(OSA)})
    assert judged.returncode == 0, judged.stderr.decode()
    assert b"inventory generator" in judged.stderr and judged.stderr.splitlines()[-1] == b"verified: ansible"
    config = out / "ansible" / "openstack_user_config.yml"
    # an Ansible-only tag, which the generator's yaml.safe_load refuses
    config.write_text(config.read_text(encoding="utf-8").replace("management_bridge: br-mgmt",
                                                                 "management_bridge: !unsafe 'br-mgmt'", 1),
                      encoding="utf-8")
    broken = run_cli("verify", str(out), env={"RACOMPILER_OSA_PATH": str(OSA)})
    assert broken.returncode == 1 and b"RA659" in broken.stderr
