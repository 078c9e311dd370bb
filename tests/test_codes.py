"""Diagnostic codes are constants of :mod:`racompiler.diagnostics.codes`, one per registry entry,
and the package reports with them, never with a ``"RA401"`` literal (a typo in a literal only
fails when that diagnostic fires; a misspelt constant fails at import and under mypy)."""

from __future__ import annotations

import re

import pytest

from conftest import REPO
from racompiler.diagnostics import DiagnosticSink, Span, codes
from racompiler.diagnostics.codes import CODES

LITERAL = re.compile(r"""(?<![\w"'])(["'])RA\d{3}\1(?![\w"'])""")


def test_every_registered_code_is_a_constant_of_its_own_name():
    constants = {name: value for name, value in vars(codes).items() if re.fullmatch(r"RA\d{3}", name)}
    assert constants == {code: code for code in CODES}
    assert codes.RA401 == "RA401" and CODES[codes.RA401].severity == "error"


def test_a_code_cannot_be_registered_twice():
    with pytest.raises(ValueError, match="RA401 registered twice"):
        codes._c("RA401", "error", "again")


def test_the_package_reports_with_constants_not_literals():
    offenders = []
    for path in sorted((REPO / "racompiler").rglob("*.py")):
        if path.name == "codes.py" and path.parent.name == "diagnostics":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if LITERAL.search(line) and not line.lstrip().startswith("#"):
                offenders.append(f"{path.relative_to(REPO)}:{n}: {line.strip()}")
    assert offenders == []


def test_an_unregistered_code_is_refused():
    with pytest.raises(KeyError, match="unregistered diagnostic code RA999"):
        DiagnosticSink().report("RA999", "nope", Span.point("x.ra"))
