"""The built-in catalog is parsed once per process, and again whenever its text changes."""

from __future__ import annotations

from racompiler.diagnostics import DiagnosticSink
from racompiler.syntax.load import parse_file


def _parse(path, display):
    sink = DiagnosticSink()
    return parse_file(str(path), display, sink, {}), [d.code for d in sink.items]


def test_catalog_parsed_once_per_content(tmp_path):
    path = tmp_path / "cat.ra"
    path.write_text('component c { doc = "a \\q" }\n', encoding="utf-8")
    first, codes = _parse(path, "<catalog>/cat.ra")
    again, codes_again = _parse(path, "<catalog>/cat.ra")
    assert again is first  # the cached AST
    assert codes == codes_again == ["RA107"]  # its diagnostics are reported every time
    path.write_text('component c { doc = "b" }\n', encoding="utf-8")
    edited, codes_edited = _parse(path, "<catalog>/cat.ra")
    assert edited is not first and edited.items[0].body[0].value.value == "b" and codes_edited == []


def test_user_files_are_not_cached(tmp_path):
    path = tmp_path / "mine.ra"
    path.write_text("x = 1\n", encoding="utf-8")
    assert _parse(path, "mine.ra")[0] is not _parse(path, "mine.ra")[0]
