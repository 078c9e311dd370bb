"""Site overlays: layering, provenance (explain), diff, and the empty-overlay property."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, GOLDENS, REPO, assert_golden, run_cli
from racompiler.api import compile_file
from racompiler.diff import diff_plans, view
from racompiler.graph.export import plan_json

ARCH = REPO / "architectures"
BASE = "architectures/dell_openstack.ra"
SITES = ["architectures/dell_lab.ra", "architectures/dell_production.ra"]


@pytest.mark.parametrize("site", SITES)
def test_site_examples_check_clean(site):
    proc = run_cli("check", "--strict", site)
    assert proc.returncode == 0, proc.stderr.decode()


def test_explain_shows_base_and_site_lines():
    proc = run_cli("explain", "architectures/dell_production.ra", "swift.zones")
    text = proc.stdout.decode()
    assert proc.returncode == 0
    lines = text.splitlines()
    assert lines[0] == "swift.zones = 4"
    assert any(line.strip().startswith("architectures/dell_openstack.ra:") and "zones = 3" in line for line in lines)
    assert lines[-1].strip().startswith("architectures/dell_production.ra:") and lines[-1].endswith("(final)")


@pytest.mark.parametrize(("site", "path"), [
    ("dell_production", "swift.zones"),
    ("dell_production", "nova.cpu_allocation_ratio"),
    ("dell_production", "roles.compute.networks"),
    ("dell_production", "hardware.storage_hw.disk.data.count"),
    ("dell_lab", "roles.compute.count"),
    ("dell_lab", "glance.default_store"),
])
def test_explain_golden(site, path, update_goldens):
    for fmt in ("text", "json"):
        proc = run_cli("explain", f"architectures/{site}.ra", path, "--format", fmt)
        assert proc.returncode == 0, proc.stderr.decode()
        assert_golden(GOLDENS / "overlays" / f"explain.{site}.{path}.{fmt}", proc.stdout.decode(), update_goldens)


@pytest.mark.parametrize("site", SITES)
def test_diff_golden(site, update_goldens):
    for fmt in ("text", "json"):
        proc = run_cli("diff", BASE, site, "--format", fmt)
        assert proc.returncode == 3, proc.stderr.decode()
        assert_golden(GOLDENS / "overlays" / f"diff.{Path(site).stem}.{fmt}", proc.stdout.decode(), update_goldens)


def test_diff_lists_exactly_the_overlay_changes():
    """Each operation in dell_lab.ra shows up, and nothing the overlay did not touch."""
    proc = run_cli("diff", BASE, "architectures/dell_lab.ra", "--format", "json")
    doc = json.loads(proc.stdout)
    paths = {(c["path"], c["kind"]) for c in doc["changes"]}
    expected = {
        ("architecture.name", "changed"), ("architecture.version", "changed"),
        ("parameters.compute_count", "changed"), ("parameters.storage_count", "removed"),
        ("roles.compute.count", "changed"), ("outputs.compute_nodes", "changed"),
        ("hardware.compute_hw.cores", "changed"), ("hardware.compute_hw.memory_bytes", "changed"),
        ("roles.controller.networks[bmc]", "removed"), ("roles.compute.networks[bmc]", "removed"),
        ("roles.controller.runs[swift.ring_compute]", "removed"), ("roles.controller.runs[swift.proxy]", "removed"),
        ("roles.controller.runs[swift.dispersion]", "removed"), ("roles.swift_storage", "removed"),
        ("networks.bmc", "removed"), ("components.swift", "removed"),
        ("edges[keystone -> swift (identity)]", "removed"),
        # The base's glance stores images in swift (an implied requirement: swift deploys first);
        # the lab's file store drops that edge, so glance and what follows it move a wave earlier.
        ("edges[swift -> glance (object_store)]", "removed"),
        *((f"components.{c}.wave", "changed") for c in ("glance", "cinder", "nova", "horizon", "heat", "tempest")),
        ("components.nova.config.libvirt_type", "changed"), ("components.glance.config.default_store", "changed"),
        ("interop.program", "changed"), ("interop.addons", "changed"),
    }
    assert paths == expected
    assert doc["equal"] is False


def test_diff_equal_exits_zero():
    proc = run_cli("diff", BASE, BASE)
    assert proc.returncode == 0
    assert "no differences" in proc.stdout.decode()


@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(example=st.sampled_from([p for p in EXAMPLES if "extends" not in p.read_text()]),
       filler=st.lists(st.sampled_from(["", "# a comment", "   ", "// another comment"]), max_size=4))
def test_empty_overlay_leaves_the_model_identical(tmp_path, example, filler):
    site_dir = tmp_path / "site"
    site_dir.mkdir(exist_ok=True)
    overlay = site_dir / f"empty_over_{example.stem}.ra"
    overlay.write_text("\n".join([f"extends {example.stem}", *filler]) + "\n", encoding="utf-8")
    base = compile_file(str(example))
    layered = compile_file(str(overlay), [str(ARCH)])
    assert base.ok and layered.ok, layered.diagnostics
    assert diff_plans(base.plan, layered.plan) == []
    assert view(base.plan) == view(layered.plan)
    assert plan_json(base.plan) == plan_json(layered.plan)


def test_removal_that_orphans_a_consumer_points_at_the_removal(tmp_path):
    shutil.copy(ARCH / "dell_openstack.ra", tmp_path / "base.ra")
    site = tmp_path / "site.ra"
    site.write_text("extends base\n\nmodify role controller {\n  runs -= [keystone.server]\n}\n", encoding="utf-8")
    result = compile_file(str(site))
    ra401 = [d for d in result.diagnostics if d.code == "RA401"]
    assert ra401, result.diagnostics
    # The removal is an operation on a list, not of a role: the hint names keystone.
    assert any("keystone" in (d.hint or "") for d in ra401)

    site.write_text("extends base\n\nremove role controller {}\n", encoding="utf-8")
    result = compile_file(str(site))
    codes = {d.code for d in result.diagnostics}
    assert "RA201" in codes or "RA401" in codes or "RA501" in codes
    notes = [r for d in result.diagnostics for r in d.related if "removed here" in r.message]
    assert all(r.span.file.endswith("site.ra") and r.span.line == 3 for r in notes)


def test_stacked_overlays_apply_in_order(tmp_path):
    shutil.copy(ARCH / "dell_openstack.ra", tmp_path / "base.ra")
    (tmp_path / "region.ra").write_text("extends base\n\nconfigure swift {\n  zones = 5\n}\n", encoding="utf-8")
    (tmp_path / "site.ra").write_text("extends region\n\nconfigure swift {\n  zones = 6\n}\n", encoding="utf-8")
    result = compile_file(str(tmp_path / "site.ra"))
    assert result.ok, result.diagnostics
    value = result.model.config["swift"]["zones"]
    assert value.value == 6
    files = [Path(p.span.file).name for p in value.chain]
    assert files == ["openstack.ra", "base.ra", "region.ra", "site.ra"]
    assert [Path(p).name for p in result.model.layers] == ["base.ra", "region.ra", "site.ra"]


def test_extends_by_path(tmp_path):
    (tmp_path / "bases").mkdir()
    shutil.copy(ARCH / "dell_openstack.ra", tmp_path / "bases" / "dell.ra")
    site = tmp_path / "site.ra"
    site.write_text('extends "bases/dell.ra"\n\nmodify parameter compute_count {\n  default = 9\n}\n', encoding="utf-8")
    result = compile_file(str(site))
    assert result.ok, result.diagnostics
    assert result.model.roles["compute"].count.value == 9
