"""``racompiler verify`` for Ansible output: run ansible-core's own offline checks.

- generic project: ``ansible-inventory --list``, ``ansible-playbook --syntax-check site.yml`` and
  ``--list-hosts`` with ``ANSIBLE_HOST_PATTERN_MISMATCH=error`` (a play whose group matches no host
  fails instead of being skipped);
- kolla flavour: ``ansible-inventory`` on ``multinode.yml`` with ``globals.yml`` as extra vars;
- openstack-ansible flavour: the files parse and hold the levels OSA reads (OSA's inventory
  generator is not on PyPI, see docs/targets/ansible.md for the full check).

No host is contacted: every command is a parse or a listing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from racompiler.diagnostics import DiagnosticSink, Span, codes
from racompiler.targets import record_checked, record_not_verified, record_verified
from racompiler.targets.ansible.yamlout import load_yaml

INSTALL_HINT = "install it with: pip install 'ansible-core>=2.16' (or pip install 'racompiler[test]')"


def ansible_env(scratch: str) -> dict[str, str]:
    """Environment for ansible commands: nothing written to ~, no colours, no host-key prompts."""
    env = dict(os.environ)
    env.update({
        "ANSIBLE_HOME": os.path.join(scratch, "home"),
        "ANSIBLE_LOCAL_TEMP": os.path.join(scratch, "tmp"),
        "ANSIBLE_REMOTE_TEMP": os.path.join(scratch, "remote-tmp"),
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_HOST_PATTERN_MISMATCH": "error",
        "ANSIBLE_RETRY_FILES_ENABLED": "0",
    })
    return env


def tool(name: str) -> str | None:
    """Path of an ansible-core command, preferring the one beside this Python."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


def _run(cmd: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def verify_project(directory: Path, sink: DiagnosticSink) -> None:
    """Report RA658 (tools missing) or RA659 (a check failed) for the folder ``directory``."""
    where = Span.point(str(directory))
    if (directory / "openstack_user_config.yml").is_file():
        _verify_osa(directory, sink, where)
        return
    playbook, inventory = tool("ansible-playbook"), tool("ansible-inventory")
    if playbook is None or inventory is None:
        sink.report(codes.RA658, "cannot verify the Ansible output: ansible-core is not installed", where,
                    hint=INSTALL_HINT)
        record_not_verified(f"ansible-core is not installed ({INSTALL_HINT})")
        return
    if (directory / "multinode.yml").is_file():
        checks = [[inventory, "-i", "multinode.yml", "-e", "@globals.yml", "--list"]]
    else:
        checks = [[inventory, "--list"],
                  [playbook, "--syntax-check", "site.yml"],
                  [playbook, "--list-hosts", "site.yml"]]
    from importlib.metadata import version

    what = ("the kolla-ansible inventory multinode.yml with globals.yml as extra vars (ansible-inventory)"
            if (directory / "multinode.yml").is_file() else
            "the inventory and site.yml (ansible-inventory, ansible-playbook --syntax-check and --list-hosts)")
    record_verified(f"ansible-core {version('ansible-core')}", what)
    with tempfile.TemporaryDirectory(prefix="racompiler-ansible-") as scratch:
        env = ansible_env(scratch)
        for cmd in checks:
            proc = _run(cmd, directory, env)
            if proc.returncode != 0 or any(_is_warning(line) for line in proc.stderr.splitlines()):
                detail = (proc.stderr or proc.stdout).strip().splitlines()
                sink.report(codes.RA659, f"`{' '.join(Path(c).name if i == 0 else c for i, c in enumerate(cmd))}` "
                                         f"failed (exit {proc.returncode}): {' '.join(detail[-3:])}", where)
                return  # the later checks read the same files and would repeat the failure


def _is_warning(line: str) -> bool:
    # kolla's upstream group names contain dashes: Ansible warns about them, kolla expects it.
    return "[WARNING]" in line and "Invalid characters were found in group names" not in line


def osa_toolkit_path() -> Path | None:
    """Where openstack-ansible's inventory library (``osa_toolkit``) lives: ``$RACOMPILER_OSA_PATH``
    (an openstack-ansible checkout), else an importable ``osa_toolkit``; None when neither."""
    env = os.environ.get("RACOMPILER_OSA_PATH")
    if env and (Path(env) / "osa_toolkit" / "generate.py").is_file():
        return Path(env).resolve()
    import importlib.util

    spec = importlib.util.find_spec("osa_toolkit")
    if spec is not None and spec.submodule_search_locations:
        return Path(list(spec.submodule_search_locations)[0]).parent
    return None


def _verify_osa(directory: Path, sink: DiagnosticSink, where: Span) -> None:
    record_checked("racompiler", "openstack_user_config.yml parses and holds the levels openstack-ansible reads")
    data = load_yaml((directory / "openstack_user_config.yml").read_text(encoding="utf-8"))
    missing = [k for k in ("cidr_networks", "used_ips", "global_overrides") if k not in (data or {})]
    if missing:
        sink.report(codes.RA659, f"openstack_user_config.yml lacks {', '.join(missing)}", where)
    bad = [k for k in data or {} if k.endswith("_hosts") and "-" in k]
    if bad:
        sink.report(codes.RA659, f"openstack_user_config.yml uses legacy dashed group names: {', '.join(bad)}", where)
    toolkit = osa_toolkit_path()
    if toolkit is None:
        record_not_verified("openstack-ansible's inventory generator is not installable from PyPI: point "
                            "RACOMPILER_OSA_PATH at an openstack-ansible checkout to run it "
                            "(docs/targets/ansible.md)")
        return
    # The generator writes its inventory and a backup beside the config: run it on a copy.
    with tempfile.TemporaryDirectory(prefix="racompiler-osa-") as scratch:
        for name in ("openstack_user_config.yml", "user_variables.yml"):
            if (directory / name).is_file():
                shutil.copy(directory / name, Path(scratch) / name)
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(toolkit),
                                                                         os.environ.get("PYTHONPATH")])))
        proc = subprocess.run([sys.executable, "-c", "from osa_toolkit import generate; generate.main()",
                               "--config", scratch, "--check"], cwd=scratch, env=env, capture_output=True,
                              text=True, timeout=300, check=False)
    record_verified(f"openstack-ansible's inventory generator ({toolkit})",
                    "openstack_user_config.yml (dynamic_inventory --check)")
    if proc.returncode != 0 or "Configuration ok!" not in proc.stdout:
        detail = (proc.stderr or proc.stdout).strip().splitlines()
        sink.report(codes.RA659, "openstack-ansible's inventory generator refused openstack_user_config.yml: "
                             + " ".join(detail[-3:]), where)
