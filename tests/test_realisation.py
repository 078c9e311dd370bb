"""The realisation seam: mapping files, user module mappings, `check --target` as a gate, secrets.

The cross-target table of where each fact lands is tests/test_fact_table.py.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, REPO, run_cli
from racompiler.api import build, check_targets
from racompiler.diagnostics import DiagnosticSink
from racompiler.targets.mapping import read_mapping_file

TROVE = REPO / "architectures" / "modules" / "trove"

# Every target and flavour: (target, options).
BUILDS = [
    ("heat", {}),
    ("crowbar", {"crowbar_flavor": "dell-1.x"}),
    ("crowbar", {"crowbar_flavor": "suse"}),
    ("ansible", {"ansible_flavor": "generic"}),
    ("ansible", {"ansible_flavor": "kolla"}),
    ("ansible", {"ansible_flavor": "openstack-ansible"}),
    ("interop", {}),
]


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)


def _files(result) -> dict[str, str]:
    return {a.relpath: a.text for a in result.artifacts}


# -- user module mappings ----------------------------------------------------------------------------
def test_user_module_mapping_builds_for_kolla() -> None:
    result = build(str(TROVE / "dbaas_cloud.ra"), ["ansible"], None, options={"ansible_flavor": "kolla"})
    assert result.ok, [str(d.message) for d in result.diagnostics]
    files = _files(result)
    conf = files["ansible/config/trove.conf"]
    assert "[DEFAULT]\ntrove_api_workers = 4\nvolume_support = false\n" in conf
    assert yaml.safe_load(files["ansible/globals.yml"].replace("!unsafe", ""))["enable_trove"] is True
    assert not [d for d in result.diagnostics if d.code in ("RA640", "RA690")]


def test_user_module_mapping_builds_for_openstack_ansible() -> None:
    result = build(str(TROVE / "dbaas_cloud.ra"), ["ansible"], None,
                   options={"ansible_flavor": "openstack-ansible"})
    assert result.ok, [str(d.message) for d in result.diagnostics]
    files = _files(result)
    config = yaml.safe_load(files["ansible/openstack_user_config.yml"])
    assert list(config["trove_infra_hosts"]) == ["controller-001"]
    variables = yaml.safe_load(files["ansible/user_variables.yml"].replace("!unsafe", ""))
    assert variables["trove_api_workers"] == 4
    assert variables["trove_config_overrides"] == {"DEFAULT": {"default_datastore_flavor": "ds.medium",
                                                               "volume_support": False}}


def test_user_module_without_mapping_is_ra640_with_a_hint(tmp_path: Path) -> None:
    for name in ("trove.ra", "dbaas_cloud.ra"):
        shutil.copy(TROVE / name, tmp_path / name)
    result = check_targets(str(tmp_path / "dbaas_cloud.ra"), ["ansible"], options={"ansible_flavor": "kolla"})
    (diag,) = [d for d in result.diagnostics if d.code == "RA640"]
    assert "'trove'" in diag.message and "trove.mapping.yml" in (diag.hint or "")
    assert diag.span.file.endswith("dbaas_cloud.ra")


def test_a_user_mapping_replaces_the_package_entry(tmp_path: Path) -> None:
    """A site may remap a catalog component beside its own module (here: nova's ratio as a var)."""
    shutil.copytree(TROVE, tmp_path / "site")
    (tmp_path / "site" / "trove.mapping.yml").write_text(
        (TROVE / "trove.mapping.yml").read_text(encoding="utf-8").replace(
            "kolla:\n  components:\n",
            "kolla:\n  components:\n    nova:\n      roles: {controller: [control], compute: [compute]}\n"
            "      enable: [enable_nova]\n      attributes:\n        cpu_allocation_ratio:\n"
            "          - {var: nova_cpu_ratio_site}\n", 1), encoding="utf-8")
    result = build(str(tmp_path / "site" / "dbaas_cloud.ra"), ["ansible"], None, options={"ansible_flavor": "kolla"})
    assert result.ok, result.diagnostics
    globals_yml = _files(result)["ansible/globals.yml"]
    assert "nova_cpu_ratio_site: 16.0" in globals_yml
    assert "ansible/config/nova.conf" not in _files(result)


def test_broken_mapping_is_ra691_at_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "x.mapping.yml"
    bad.write_text("kolla:\n  components:\n    x:\n      roles: {server: control}\n", encoding="utf-8")
    sink = DiagnosticSink()
    assert read_mapping_file(bad, sink) is None
    (diag,) = sink.items
    assert diag.code == "RA691" and diag.span.line == 4 and "roles/server" in diag.message
    bad.write_text("kolla: [unclosed\n", encoding="utf-8")
    sink = DiagnosticSink()
    assert read_mapping_file(bad, sink) is None
    assert [d.code for d in sink.items] == ["RA691"] and "not valid YAML" in sink.items[0].message


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_as_mapping_is_ra691_not_a_hang(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "x.mapping.yml")
    sink = DiagnosticSink()
    assert read_mapping_file(tmp_path / "x.mapping.yml", sink) is None
    (diag,) = sink.items
    assert diag.code == "RA691" and diag.message.endswith("it is a named pipe (FIFO)")


def test_a_mapping_file_with_aliases_is_refused_at_once(tmp_path: Path) -> None:
    """A few hundred bytes of nested aliases would expand to billions of values for the schema
    check: a mapping file may hold no alias at all."""
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"] + [
        f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    bomb = tmp_path / "bomb.mapping.yml"
    bomb.write_text("kolla:\n  components: {}\n" + "\n".join(levels) + "\n", encoding="utf-8")
    sink = DiagnosticSink()
    assert read_mapping_file(bomb, sink) is None
    (diag,) = sink.items
    assert diag.code == "RA691" and "aliases" in diag.message and diag.span.line == 3  # the anchored entry


@pytest.mark.parametrize(("flavour", "variables"), [("kolla", "ansible/globals.yml"),
                                                    ("openstack-ansible", "ansible/user_variables.yml")])
@pytest.mark.parametrize("example", ["allinone", "ha_openstack", "kolla_production"])
def test_deployers_get_absent_values_for_what_the_ra_leaves_out(example: str, flavour: str, variables: str) -> None:
    """kolla-ansible and openstack-ansible deploy some services by default (a noVNC console
    proxy): when the RA does not deploy the component, its mapping's ``absent`` values say so in
    the deployer's variables; when it does, its attributes land instead."""
    from racompiler.targets.mapping import load_deployer_mapping

    result = build(str(REPO / "architectures" / f"{example}.ra"), ["ansible"], None,
                   options={"ansible_flavor": flavour})
    assert result.ok, result.diagnostics
    written = yaml.safe_load(_files(result)[variables].replace("!unsafe", ""))
    deployed = set(result.plan.order)
    mapping = load_deployer_mapping(flavour, flavour, result.plan.model, DiagnosticSink())
    assert mapping is not None
    with_absent = [c for c in mapping.components.values() if c.absent]
    assert with_absent, f"the {flavour} mapping declares absent values (nova_console)"
    for comp in with_absent:
        for fixed in comp.absent:
            if comp.name in deployed:
                assert written.get(fixed["var"]) != fixed["value"], (comp.name, fixed)
            else:
                assert written[fixed["var"]] == fixed["value"], (comp.name, fixed)


def test_openstack_ansible_console_proxies_follow_the_ra_protocol(tmp_path: Path) -> None:
    """openstack-ansible picks its console proxies and HAProxy frontends from
    nova_console_type_mapping (per compute architecture), not nova_console_type: both must name
    the RA's protocol, or a SPICE cloud gets a noVNC proxy."""
    src = (REPO / "architectures" / "kolla_production.ra").read_text(encoding="utf-8")
    assert "configure nova_console" not in src
    (tmp_path / "spice.ra").write_text(src + "\nconfigure nova_console {\n  type = spice\n}\n", encoding="utf-8")
    result = build(str(tmp_path / "spice.ra"), ["ansible"], None, options={"ansible_flavor": "openstack-ansible"})
    assert result.ok, result.diagnostics
    written = yaml.safe_load(_files(result)["ansible/user_variables.yml"].replace("!unsafe", ""))
    assert written["nova_console_type"] == "spice"
    arches = {arch: kind for arch, kind in written["nova_console_type_mapping"].items() if arch != "disabled"}
    assert set(arches.values()) == {"spice"} and {"x86_64", "aarch64"} <= set(arches)


def test_shipped_mappings_pass_the_schema() -> None:
    for path in sorted((REPO / "targets" / "ansible").glob("*/mapping.yml")) + [TROVE / "trove.mapping.yml"]:
        sink = DiagnosticSink()
        assert read_mapping_file(path, sink) is not None, [d.message for d in sink.items]


def test_no_target_code_names_a_catalog_component() -> None:
    """Mappings are data: the kolla and OSA flavours and the realiser name no catalog component."""
    catalog = (REPO / "architectures" / "catalog" / "openstack.ra").read_text(encoding="utf-8")
    components = re.findall(r"^component (\w+)", catalog, re.M)
    # Words of the mapping format itself ("placement": where a component role lands) are not
    # component names when the code says them.
    format_words = {"placement"}
    components = [c for c in components if c not in format_words]
    offenders = []
    for path in [REPO / "racompiler" / "targets" / "ansible" / f for f in ("kolla.py", "osa.py", "deployers.py")] + \
            [REPO / "racompiler" / "targets" / f for f in ("realise.py", "mapping.py", "ledger.py")]:
        text = path.read_text(encoding="utf-8")
        for comp in components:
            if re.search(rf"""["']{comp}["']""", text):
                offenders.append(f"{path.name} names '{comp}'")
    assert not offenders, offenders


# -- check --target is the gate of build ---------------------------------------------------------------
@pytest.mark.parametrize("target,options", BUILDS, ids=[f"{t}-{'-'.join(o.values()) or t}" for t, o in BUILDS])
def test_check_target_reports_exactly_what_build_reports(target: str, options: dict, tmp_path: Path) -> None:
    for example in EXAMPLES:
        checked = check_targets(str(example.relative_to(REPO)), [target], options=options)
        built = build(str(example.relative_to(REPO)), [target], str(tmp_path / example.stem), options=options)
        assert [str(d) for d in checked.diagnostics] == [str(d) for d in built.diagnostics]
        assert checked.diagnostics == built.diagnostics, example.name
        assert checked.ok == built.written, (example.name, target, options)


def test_check_target_fails_like_the_build_on_dell_production(tmp_path: Path) -> None:
    proc = run_cli("check", "--target", "crowbar", "architectures/dell_production.ra")
    built = run_cli("build", "architectures/dell_production.ra", "-t", "crowbar", "-o", str(tmp_path / "out"))
    assert proc.returncode == built.returncode == 1
    assert b"RA622" in proc.stderr and b"RA622" in built.stderr
    assert not (tmp_path / "out").exists()


def test_unknown_check_target_is_a_usage_error() -> None:
    proc = run_cli("check", "--target", "crowbarr", "architectures/allinone.ra")
    assert proc.returncode == 2 and b"did you mean 'crowbar'" in proc.stderr


ENUMS = {
    ("neutron", "networking_plugin"): ["openvswitch", "linuxbridge", "ovn", "vmware"],
    ("neutron", "networking_mode"): ["gre", "vlan", "vxlan", "local"],
    ("nova", "libvirt_type"): ["kvm", "qemu", "xen", "lxc"],
    ("glance", "default_store"): ["file", "swift", "rbd"],
    ("keystone", "token_format"): ["uuid", "pki", "fernet"],
}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(choice=st.fixed_dictionaries({k: st.sampled_from(v) for k, v in ENUMS.items()}),
       build_index=st.integers(0, len(BUILDS) - 1))
def test_clean_check_means_the_build_succeeds(choice: dict, build_index: int, tmp_path: Path) -> None:
    """Generated RAs: the all-in-one example with random attribute values, every target."""
    text = (REPO / "architectures" / "allinone.ra").read_text(encoding="utf-8")
    text = re.sub(r"configure nova \{.*?\}\n\nconfigure glance \{.*?\}\n", "", text, flags=re.S)
    blocks: dict[str, list[str]] = {}
    for (comp, attr), value in choice.items():
        blocks.setdefault(comp, []).append(f"  {attr} = {value}")
    text += "".join(f"\nconfigure {c} {{\n" + "\n".join(lines) + "\n}\n" for c, lines in blocks.items())
    ra = tmp_path / f"gen{build_index}.ra"
    ra.write_text(text, encoding="utf-8")
    target, options = BUILDS[build_index]
    checked = check_targets(str(ra), [target], options=options)
    out = tmp_path / f"out{build_index}"
    built = build(str(ra), [target], str(out), options=options)
    assert checked.ok == built.written
    if checked.ok:
        assert out.is_dir() and any(out.rglob("*"))


# -- secrets -----------------------------------------------------------------------------------------
SECRET_KEY = re.compile(r"(password|passwd|secret|swauth|_key$|token$)", re.I)
KNOWN_TEMPLATE_PASSWORDS = ("crowbar", "swauth", "tempest", "12345")


def _secret_values(tree, path=()):
    if isinstance(tree, dict):
        for k, v in tree.items():
            if isinstance(v, (str, int)) and not isinstance(v, bool) and SECRET_KEY.search(str(k)) \
                    and v not in ("", 0) and not str(k).endswith(("_length", "_file", "_path", "_format", "_algorithm", "_min_length")):
                yield "/".join(map(str, path + (k,))), v
            else:
                yield from _secret_values(v, path + (k,))
    elif isinstance(tree, list):
        for i, v in enumerate(tree):
            yield from _secret_values(v, path + (i,))


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_no_generated_file_holds_a_password(example: Path) -> None:
    import json

    for target, options in BUILDS:
        result = build(str(example.relative_to(REPO)), [target], None, options=options)
        for art in result.artifacts:
            if art.relpath.endswith(".json"):
                found = list(_secret_values(json.loads(art.text)))
            elif art.relpath.endswith((".yml", ".yaml")):
                found = list(_secret_values(yaml.safe_load(art.text.replace("!unsafe ", ""))))
            else:
                continue
            found = [(p, v) for p, v in found if not str(p).endswith(("token_format", "token_provider"))]
            assert not found, (target, options, art.relpath, found[:5])
