"""Shared test helpers: repository paths, the golden-file switch, running the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((REPO / "architectures").glob("*.ra"))
GOLDENS = REPO / "tests" / "goldens"


def pytest_addoption(parser):
    parser.addoption("--update-goldens", action="store_true",
                     help="Rewrite golden files from the current output (review the diff!).")


@pytest.fixture
def update_goldens(request) -> bool:
    return bool(request.config.getoption("--update-goldens"))


def assert_golden(path: Path, actual: str, update: bool) -> None:
    """Compare ``actual`` with the golden file at ``path`` (or rewrite it with --update-goldens)."""
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"missing golden {path.relative_to(REPO)}; run pytest --update-goldens"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{path.relative_to(REPO)} differs; run pytest --update-goldens and review"


def write_artifacts(artifacts, root: Path) -> Path:
    """Write target artifacts under ``root`` (plainly: tests need no atomic swap); returns root."""
    for art in artifacts:
        dest = root / art.relpath
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(art.text, encoding="utf-8")
    return root


def run_cli(*args: str, cwd: Path = REPO, env: dict | None = None, input: bytes | None = None):
    """Run ``python -m racompiler ARGS`` in a subprocess (a real process: exit codes, streams)."""
    full_env = dict(os.environ)
    full_env.pop("RACOMPILER_DEBUG", None)
    if env:
        full_env.update(env)
    return subprocess.run([sys.executable, "-m", "racompiler", *args], cwd=cwd, capture_output=True,
                          env=full_env, input=input, timeout=120)


def assert_matches_schema(doc, name: str) -> None:
    """Fail unless ``doc`` is valid against racompiler's shipped JSON Schema ``name``
    (``racompiler schema NAME``), listing every violation."""
    from racompiler.schemas import validation_errors

    errors = validation_errors(doc, name)
    assert not errors, f"not a valid '{name}' document:\n" + "\n".join(errors[:20])
