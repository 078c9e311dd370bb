"""The Python API (``racompiler.api``): one typed function per command, returning results."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from conftest import GOLDENS, REPO
from racompiler import api
from racompiler.diagnostics import codes

ALLINONE = REPO / "architectures" / "allinone.ra"
DELL = "architectures/dell_openstack.ra"
INVENTORY = "architectures/inventories/dell_openstack.inventory.yaml"
WEB = "component web {\n  role server {\n    min = 1\n  }\n}\n"
MAIN = "import web\n\nrole frontend {\n  count = 2\n  runs = [web.server]\n}\n"


@pytest.mark.parametrize("wrap", [str, str.encode, lambda s: io.StringIO(s), lambda s: io.BytesIO(s.encode())],
                         ids=["str", "bytes", "text-file", "binary-file"])
def test_compile_source_equals_compile_file(wrap):
    text = ALLINONE.read_text(encoding="utf-8")
    from_file = api.compile_file(str(ALLINONE))
    from_text = api.compile_source(wrap(text), str(ALLINONE))
    assert from_text.ok and from_text.plan is not None and from_file.plan is not None
    assert from_text.plan.waves == from_file.plan.waves
    assert from_text.diagnostics == from_file.diagnostics
    assert from_text.sources == from_file.sources


def test_compile_source_compiles_the_text_not_the_file_it_is_placed_at(tmp_path):
    main = tmp_path / "main.ra"
    main.write_text("this is { not valid\n", encoding="utf-8")
    (tmp_path / "web.ra").write_text(WEB, encoding="utf-8")
    result = api.compile_source(MAIN, str(main))  # an editor's unsaved buffer over a broken file
    assert result.ok, result.diagnostics
    assert result.plan is not None and result.plan.order == ["web"]  # `import web` found beside main.ra


def test_compile_source_reports_at_the_given_name(tmp_path):
    result = api.compile_source("role x {\n  count = \n}\n", "buffer.ra")
    assert not result.ok and result.plan is None
    assert {d.span.file for d in result.diagnostics} == {"buffer.ra"}
    assert "buffer.ra" in result.sources
    missing = api.compile_source(MAIN)  # placed in the working directory, where no web.ra is
    assert [d.code for d in missing.errors] == [codes.RA203]
    assert missing.errors[0].span.file == "<string>"


@pytest.mark.parametrize(("data", "code"), [(b"\xff\xfe", codes.RA104), (b"a\x00b", codes.RA104), (b"  \n", codes.RA108)])
def test_compile_source_applies_the_file_checks(data, code):
    assert [d.code for d in api.compile_source(data, "x.ra").diagnostics] == [code]


def test_check_without_and_with_targets():
    plain = api.check(DELL)
    assert type(plain) is api.CompileResult and plain.ok
    with_target = api.check(DELL, ["crowbar"], options={"crowbar_flavor": "suse"})
    assert isinstance(with_target, api.BuildResult) and with_target.targets == ("crowbar",)
    assert with_target.artifacts and not with_target.written  # checked, nothing written
    with pytest.raises(api.UnknownTarget):
        api.check(DELL, ["crowbarr"])


def test_bind_returns_the_binding_of_the_golden():
    result = api.bind(DELL, INVENTORY)
    assert result.ok and result.binding is not None
    golden = json.loads((GOLDENS / "binding" / "dell_openstack.binding.json").read_text(encoding="utf-8"))
    assert {"version": 1, **result.binding.to_json()} == golden


def test_bind_that_cannot_fill_a_role_says_why(tmp_path):
    small = tmp_path / "small.yaml"
    small.write_text("nodes:\n  - name: n1\n    cores: 2\n    memory: 4 GiB\n", encoding="utf-8")
    result = api.bind(DELL, str(small))
    assert not result.ok and result.binding is None
    assert codes.RA524 in {d.code for d in result.errors}


def test_diff():
    changed = api.diff(DELL, "architectures/dell_lab.ra")
    assert changed.ok and not changed.equal
    assert ("roles.compute.count", "changed") in {(c.path, c.kind) for c in changed.changes}
    same = api.diff(DELL, DELL)
    assert same.ok and same.equal and same.changes == []
    broken = api.diff(DELL, "tests/fixtures/errors/RA201_undefined_hardware.ra")
    assert not broken.ok and not broken.equal and broken.changes == []
    assert [d.code for d in broken.diagnostics if d.severity.value == "error"] == [codes.RA201]


def test_explain():
    found = api.explain(str(ALLINONE), "nova.libvirt_type")
    assert found.ok and found.value is not None and found.value.value == "qemu"
    assert [p.action for p in found.value.chain][-1] == "set"
    missing = api.explain(str(ALLINONE), "nova.cpu_alocation_ratio")
    assert not missing.ok and missing.value is None
    assert missing.error and missing.hint and "cpu_allocation_ratio" in missing.hint


def test_verify(tmp_path):
    assert not api.verify(tmp_path).ok and api.verify(tmp_path).targets == []
    built = api.build(DELL, ["crowbar"], str(tmp_path))
    assert built.written, built.diagnostics
    result = api.verify(tmp_path)
    (crowbar,) = result.targets
    assert crowbar.target == "crowbar" and crowbar.judged and crowbar.errors == []
    assert result.verified == ["crowbar"] and result.ok
    # a broken proposal is an error of that target, and the folder is not verified
    (tmp_path / "crowbar" / "nova.json").write_text("{}\n", encoding="utf-8")
    broken = api.verify(tmp_path)
    assert not broken.ok and broken.targets[0].errors and broken.verified == []


def test_the_package_is_typed():
    assert (REPO / "racompiler" / "py.typed").is_file()
    assert set(api.__all__) >= {"compile_file", "compile_source", "check", "check_targets", "build", "bind",
                                "diff", "explain", "verify"}
    for name in api.__all__:
        obj = getattr(api, name)
        assert getattr(obj, "__doc__", None) or name == "SourceInput", f"{name} has no docstring"
