"""What diagnostics say, beyond their code and line: hints, notes and wording that point the
user at their own mistake (the error fixtures check codes and lines; this checks the words)."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO
from racompiler.api import check_targets, compile_file

ERRORS = REPO / "tests" / "fixtures" / "errors"


def _compile(tmp_path: Path, text: str):
    path = tmp_path / "t.ra"
    path.write_text(text, encoding="utf-8")
    return compile_file(str(path)).diagnostics


def test_bare_name_typo_suggests_the_parameter(tmp_path):
    diags = _compile(tmp_path, """import openstack
parameter compute_count {
  type = int
  default = 1
}
role compute {
  count = compute_cuont
  runs = [database.server, rabbitmq.server, keystone.server]
}
""")
    [d] = [d for d in diags if d.code == "RA201"]
    assert d.hint == "did you mean 'compute_count'?"


def test_poisoned_parameter_is_not_undefined():
    diags = compile_file(str(ERRORS / "RA304_poisoned_parameter.ra")).diagnostics
    assert [d.code for d in diags] == ["RA304"]
    assert "undefined" not in diags[0].message


def test_unknown_component_hint_does_not_ask_for_an_existing_import(tmp_path):
    diags = _compile(tmp_path, "import openstack\nrole a {\n  count = 1\n  runs = [zzzqqq.server]\n}\n")
    [d] = [d for d in diags if d.code == "RA201"]
    assert "import openstack" not in (d.hint or "") and (d.hint or "").startswith("known components: ")


def test_implied_requirement_points_at_the_setting():
    diags = compile_file(str(ERRORS / "RA401_store_without_backend.ra")).diagnostics
    glance = next(d for d in diags if "glance" in d.message)
    assert "because default_store = swift" in glance.message
    assert glance.span.line == 12 and glance.span.file.endswith("RA401_store_without_backend.ra")
    assert [r.span.file for r in glance.related] == ["<catalog>/openstack.ra"]
    assert "or set default_store to another value" in glance.hint


def test_count_from_a_parameter_names_the_parameter(tmp_path):
    diags = _compile(tmp_path, """import openstack
parameter db_count {
  type = int
  default = 2
}
role controller {
  count = db_count
  runs = [database.server, rabbitmq.server, keystone.server]
}
""")
    quorum = [d for d in diags if d.code == "RA503"]
    assert quorum
    for d in quorum:
        assert d.span.line == 7
        assert any(r.span.line == 4 and "parameter db_count" in r.message for r in d.related)


def test_crowbar_value_note_is_the_users_not_the_catalogs():
    result = check_targets(str(ERRORS / "RA622_ovn_plugin.ra"), ["crowbar"], options={"crowbar_flavor": "suse"})
    [d] = [d for d in result.diagnostics if d.code == "RA622"]
    assert not any(r.span.file.startswith("<catalog>") for r in d.related)


def test_one_missing_bracket_is_one_error():
    for name in ("RA103_list_missing_bracket.ra", "RA103_multiline_list_unclosed.ra"):
        diags = compile_file(str(ERRORS / name)).diagnostics
        assert [d.code for d in diags] == ["RA103"], name
        assert diags[0].message == "'[' is never closed" and "'_'" not in diags[0].message


def test_unterminated_string_says_so():
    [d] = compile_file(str(ERRORS / "RA102_unterminated_string.ra")).diagnostics
    assert d.message == "unterminated string" and "triple quotes" in d.hint


def test_requirement_implied_by_a_default_points_at_the_runs_entry():
    """cinder_backup's default driver (swift) needs object storage: the user never wrote the
    default, so the error sits on the runs entry that deploys cinder_backup, and says so."""
    [d] = compile_file(str(ERRORS / "RA401_backup_to_swift_without_swift.ra")).diagnostics
    assert d.span.file.endswith("RA401_backup_to_swift_without_swift.ra") and d.span.line == 8
    assert "because driver = swift (the default)" in d.message
