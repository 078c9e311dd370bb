"""Real Ansible runs of generated projects: a local run on hostile strings, the smoke run of
every example, and ansible-lint's production profile (the slow half of the Ansible tests)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, REPO
from test_target_ansible import BIN, IDS, ansible, build, expected_hosts, no_network, write

# Real ansible-playbook runs: `pytest -m 'not deployer'` skips them for a quick local run.
pytestmark = pytest.mark.deployer

HOSTILE = '''
architecture hostile "Cloud {{ lookup('pipe','id') }}" {
  version = "1.0"
}

interface sql {}

component db "Database {{ lookup('pipe','id') }}" {
  provides = [sql]
  role server {
    min = 1
  }
  attribute engine {
    type = enum(mysql, postgresql)
    default = mysql
  }
  attribute max_connections {
    type = int
    default = 100
  }
}

component app "Application" {
  requires = [sql]
  role web {
    min = 1
  }
  role worker {
    min = 1
    after = [web]
  }
  attribute banner {
    type = string
    default = "hello"
  }
  attribute ratio {
    type = float
    default = 1.5
  }
  attribute debug {
    type = bool
    default = false
  }
}

network lan "LAN {{ lookup('pipe','id') }}" {
  cidr = "192.0.2.0/24"
}

hardware tiny {
  cores = 1
  memory = 64 MiB
}

hardware huge {
  cores = 4096
  memory = 64 TiB
}

role node "Node {% raw %} {{ lookup('pipe','id') }}" {
  count = 2
  hardware = tiny
  networks = [lan]
  runs = [db.server, app.web, app.worker]
}

role big {
  count = 1
  hardware = huge
  networks = [lan]
  runs = [app.worker]
}

configure app {
  banner = "{{ lookup('pipe','id') }} '\\" {% if %}"
}
'''
BANNER = "{{ lookup('pipe','id') }} '\" {% if %}"


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("hostile")
    ra = root / "hostile.ra"
    ra.write_text(HOSTILE, encoding="utf-8")
    _plan, arts, sink = build(ra)
    assert not sink.items
    return root, write(arts, root / "out")


def smoke_args(root: Path) -> list[str]:
    return ["-e", "@smoke-vars.yml", "-e", f"ra_root={root}/hosts/{{{{ inventory_hostname }}}}",
            "-e", f"ansible_python_interpreter={sys.executable}"]


def test_local_run_writes_injected_values_literally(hostile_project):
    root, project = hostile_project
    run = ansible(root, "ansible-playbook", "site.yml", *smoke_args(root), "-e", "ra_hw_enforce=true",
                  "--limit", "node_nodes", cwd=project)
    assert "failed=0" in run.stdout
    for host in ("node-001", "node-002"):
        base = root / "hosts" / host
        settings = json.loads((base / "etc/app/ra-settings.json").read_text())
        assert settings == {"banner": BANNER, "debug": False, "ratio": 1.5}
        marker = json.loads((base / "var/lib/db/ra-server.json").read_text())
        assert marker["description"] == "Database {{ lookup('pipe','id') }}"
        assert {p.name for p in (base / "var/lib/app").iterdir()} == {"ra-web.json", "ra-worker.json"}
        report = json.loads((base / "var/lib/ra/preflight.json").read_text())
        assert report["required"]["cores"] == 1
    uid = subprocess.run(["id"], capture_output=True, text=True).stdout.strip()
    written = "".join(p.read_text() for p in (root / "hosts").rglob("*.json"))
    assert uid not in written  # the lookup never ran
    assert not (root / "hosts" / "big-001").exists()  # --limit kept the run on the node role


def test_preflight_rejects_a_node_below_its_hardware_profile(hostile_project):
    root, project = hostile_project
    run = ansible(root, "ansible-playbook", "playbooks/preflight.yml", *smoke_args(root), "-e", "ra_hw_enforce=true",
                  "--limit", "big_nodes", cwd=project, check=False)
    assert run.returncode == 2
    assert "the architecture needs 4096 vCPU" in run.stdout


@pytest.mark.parametrize(("var", "value", "message"), [
    ("app_ratio", "not-a-number", "app_ratio"),
    ("db_engine", "oracle", "db_engine"),
])
def test_argument_specs_reject_a_wrong_value(hostile_project, var, value, message):
    root, project = hostile_project
    playbook = "playbooks/app.yml" if var.startswith("app") else "playbooks/db.yml"
    run = ansible(root, "ansible-playbook", playbook, *smoke_args(root), "-e", f"{var}={value}",
                  "--limit", "node-001", cwd=project, check=False)
    assert run.returncode == 2
    assert "Validating arguments against arg spec" in run.stdout and message in run.stdout


# -- every example: a real local smoke run, and ansible-lint ----------------------------------------
@pytest.mark.parametrize("example", EXAMPLES, ids=IDS)
def test_generic_smoke_run_writes_every_component_s_values(example, tmp_path):
    """Every play and role runs locally for the first host of each node role (the README's
    ``--limit``), and each component's injected values arrive in its settings file intact."""
    plan, arts, _ = build(example)
    project = write(arts, tmp_path)
    model = plan.model
    first = {role: names[0] for role, names in expected_hosts(model).items() if names}
    limit = ",".join(f"{role}_nodes[0]" for role in first)
    assert f"--limit '{limit}'" in (project / "README.md").read_text(encoding="utf-8")
    run = ansible(tmp_path, "ansible-playbook", "site.yml", *smoke_args(tmp_path), "--limit", limit, cwd=project,
                  isolated=True)
    recap = re.findall(r"^(\S+)\s+: ok=\d+\s+changed=\d+\s+unreachable=(\d+)\s+failed=(\d+)", run.stdout, re.M)
    assert sorted(recap) == sorted((h, "0", "0") for h in first.values())
    ran = set()
    for role, host in first.items():
        base = tmp_path / "hosts" / host
        assert json.loads((base / "var/lib/ra/preflight.json").read_text())["role"] == role
        runs = [(r.component, r.role) for r in model.roles[role].runs]
        assert {p.name for p in (base / "etc").iterdir()} == {c for c, _ in runs}
        for comp, crole in runs:
            settings = json.loads((base / "etc" / comp / "ra-settings.json").read_text(encoding="utf-8"))
            # Round-trip through JSON: tuples become lists, as in the file; types and values must match.
            want = json.loads(json.dumps({a: v.value for a, v in model.config[comp].items()}))
            assert settings == want, comp
            assert all(type(settings[a]) is type(want[a]) for a in want), comp
            marker = json.loads((base / "var/lib" / comp / f"ra-{crole}.json").read_text(encoding="utf-8"))
            assert marker == {"component": comp, "component_role": crole, "host": host, "node_role": role,
                              "description": model.components[comp].doc}
            ran.add((comp, crole))
    # Every play of every component playbook (one per component role) ran somewhere.
    assert ran == {(c, r) for c in plan.order for w in plan.role_waves[c] for r in w}


def test_allinone_passes_ansible_lint_production(tmp_path):
    """ansible-lint's strictest profile on one generated project, offline (slow: one example)."""
    pytest.importorskip("ansiblelint", reason="ansible-lint is in the test extra")
    _plan, arts, _ = build(REPO / "architectures" / "allinone.ra")
    project = write(arts, tmp_path / "out")
    env = dict(os.environ, HOME=str(tmp_path / "home"), XDG_CACHE_HOME=str(tmp_path / "cache"),
               ANSIBLE_HOME=str(tmp_path / ".ansible-home"), ANSIBLE_LOCAL_TEMP=str(tmp_path / ".ansible-tmp"),
               ANSIBLE_LINT_SKIP_SCHEMA_UPDATE="1", NO_COLOR="1", PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}")
    proc = subprocess.run([*no_network(), str(BIN / "ansible-lint"), "--profile", "production", "--offline"],
                          cwd=project, env=env, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-3000:]
    assert "0 failure(s), 0 warning(s)" in proc.stderr and "'production' was required, and it passed" in proc.stderr
    processed = int(re.search(r"in (\d+) files processed", proc.stderr).group(1))
    assert processed >= sum(a.relpath.endswith(".yml") for a in arts)  # it linted the whole project


# -- kolla-ansible ---------------------------------------------------------------------------------
