"""``racompiler.build.write_all``: outputs are swapped in atomically and never land outside.

A failed or interrupted write must leave the previous output exactly as it was (same files, same
bytes) and no temporary directory beside it; a successful one replaces it completely.
"""

from __future__ import annotations

import builtins
import hashlib
import os
from pathlib import Path

import pytest

import racompiler.build as build
from conftest import REPO, run_cli
from racompiler.build import UnsafePath, safe_relpath, write_all
from racompiler.targets import Artifact

NEW = [Artifact("heat/main.yaml", "new main\n"), Artifact("heat/env/a.yaml", "a\n"),
       Artifact("heat/env/b.yaml", "b\n"), Artifact("README.txt", "readme\n")]


def tree(root: Path) -> dict[str, str]:
    """relative path -> sha256 of every file (and '<dir>' for directories) under ``root``."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for d in dirnames:
            out[str((Path(dirpath) / d).relative_to(root))] = "<dir>"
        for f in filenames:
            p = Path(dirpath) / f
            out[str(p.relative_to(root))] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


@pytest.fixture
def previous(tmp_path) -> Path:
    """An existing output directory from an earlier build, with a file the new build lacks."""
    out = tmp_path / "out"
    (out / "heat" / "env").mkdir(parents=True)
    (out / "heat" / "main.yaml").write_text("old main\n", encoding="utf-8")
    (out / "heat" / "env" / "stale.yaml").write_text("stale\n", encoding="utf-8")
    (out / "crowbar").mkdir()
    (out / "crowbar" / "old.json").write_text("{}\n", encoding="utf-8")
    return out


def leftovers(parent: Path, name: str = "out") -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name != name)


# --- success -------------------------------------------------------------------------------

def test_first_write_creates_the_directory_and_its_parents(tmp_path):
    out = tmp_path / "a" / "b" / "out"
    write_all(NEW, str(out))
    assert {k: v for k, v in tree(out).items() if v != "<dir>"} == {
        a.relpath: hashlib.sha256(a.text.encode()).hexdigest() for a in NEW}
    assert leftovers(out.parent) == []


def test_success_replaces_the_old_directory_completely(tmp_path, previous):
    write_all(NEW, str(previous))
    assert sorted(k for k, v in tree(previous).items() if v != "<dir>") == sorted(a.relpath for a in NEW)
    assert not (previous / "crowbar").exists() and not (previous / "heat" / "env" / "stale.yaml").exists()
    assert (previous / "heat" / "main.yaml").read_bytes() == b"new main\n"
    assert leftovers(tmp_path) == []


def test_text_is_written_verbatim_as_utf8_with_lf(tmp_path):
    text = "line one\nÜnïcödé ☃\n"
    write_all([Artifact("x.txt", text)], str(tmp_path / "out"))
    assert (tmp_path / "out" / "x.txt").read_bytes() == text.encode("utf-8")


def test_relative_output_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_all(NEW, "rel_out")
    assert (tmp_path / "rel_out" / "heat" / "main.yaml").exists()
    assert leftovers(tmp_path, "rel_out") == []


def test_an_empty_artifact_list_gives_an_empty_directory(tmp_path, previous):
    write_all([], str(previous))
    assert tree(previous) == {} and leftovers(tmp_path) == []


# --- failures ------------------------------------------------------------------------------

def test_failure_midway_keeps_the_previous_output(tmp_path, previous, monkeypatch):
    before = tree(previous)
    calls = []
    real_open = builtins.open

    def flaky_open(file, mode="r", *args, **kwargs):
        if "w" in mode:
            calls.append(file)
            if len(calls) == 3:  # two files written already: the disk "fills up"
                raise OSError(28, "No space left on device")
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", flaky_open)
    with pytest.raises(OSError, match="No space left"):
        write_all(NEW, str(previous))
    monkeypatch.undo()
    assert len(calls) == 3
    assert tree(previous) == before
    assert leftovers(tmp_path) == []


def test_unsafe_path_after_some_files_keeps_the_previous_output(tmp_path, previous):
    before = tree(previous)
    with pytest.raises(UnsafePath):
        write_all(NEW[:2] + [Artifact("../escaped.txt", "x\n")] + NEW[2:], str(previous))
    assert tree(previous) == before
    assert leftovers(tmp_path) == []  # also: nothing landed beside the output


def test_interrupt_midway_keeps_the_previous_output(tmp_path, previous, monkeypatch):
    before = tree(previous)
    real_open = builtins.open
    count = []

    def interrupted_open(file, mode="r", *args, **kwargs):
        if "w" in mode:
            count.append(1)
            if len(count) == 2:
                raise KeyboardInterrupt
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", interrupted_open)
    with pytest.raises(KeyboardInterrupt):
        write_all(NEW, str(previous))
    monkeypatch.undo()
    assert tree(previous) == before
    assert leftovers(tmp_path) == []


def test_failure_without_previous_output_leaves_nothing(tmp_path):
    with pytest.raises(UnsafePath):
        write_all([Artifact("ok.txt", "x\n"), Artifact("/etc/evil", "x\n")], str(tmp_path / "out"))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("exc", [OSError(16, "Device or resource busy"), KeyboardInterrupt()])
def test_failed_swap_restores_the_previous_output(tmp_path, previous, monkeypatch, exc):
    before = tree(previous)
    real_rename = os.rename
    calls = []

    def second_rename_fails(src, dst, *args, **kwargs):
        calls.append((src, dst))
        if len(calls) == 2:  # the first moved the old output aside; the swap itself fails
            raise exc
        return real_rename(src, dst, *args, **kwargs)

    monkeypatch.setattr(build.os, "rename", second_rename_fails)
    with pytest.raises(type(exc)):
        write_all(NEW, str(previous))
    monkeypatch.undo()
    assert tree(previous) == before
    assert leftovers(tmp_path) == []


def test_output_that_cannot_be_moved_leaves_no_temporary_directory(tmp_path, monkeypatch):
    cwd = tmp_path / "work"
    cwd.mkdir()
    (cwd / "keep.txt").write_text("mine\n", encoding="utf-8")
    monkeypatch.chdir(cwd)
    with pytest.raises(OSError):
        write_all(NEW, ".")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["work"]
    assert tree(cwd) == {"keep.txt": hashlib.sha256(b"mine\n").hexdigest()}


def test_build_into_an_unwritable_place_is_an_error_not_a_traceback(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory\n", encoding="utf-8")
    proc = run_cli("build", str(REPO / "architectures" / "allinone.ra"), "-t", "interop",
                   "-o", str(blocker / "out"))
    assert proc.returncode == 1
    assert b"Traceback" not in proc.stderr and b"error" in proc.stderr
    assert blocker.read_text(encoding="utf-8") == "not a directory\n"


# --- path safety ---------------------------------------------------------------------------

@pytest.mark.parametrize("relpath", [
    "../x", "/abs", "/", "a/../../b", "a/..", "..", "", ".", "a\\b", "..\\x", "a\x00b", "heat/../../x",
])
def test_unsafe_relpaths_are_rejected(relpath, tmp_path):
    with pytest.raises(UnsafePath):
        safe_relpath(relpath)
    out = tmp_path / "deep" / "out"
    with pytest.raises(UnsafePath):
        write_all([Artifact(relpath, "x\n")], str(out))
    assert list(tmp_path.iterdir()) == [] or leftovers(tmp_path / "deep") == []
    assert not out.exists()


@pytest.mark.parametrize(("relpath", "parts"), [
    ("a", ("a",)), ("heat/main.yaml", ("heat", "main.yaml")), ("a/b/c.txt", ("a", "b", "c.txt")),
    (".hidden", (".hidden",)), ("x..y", ("x..y",)),
])
def test_safe_relpaths_stay_inside(relpath, parts, tmp_path):
    assert safe_relpath(relpath).parts == parts
    out = tmp_path / "out"
    write_all([Artifact(relpath, "x\n")], str(out))
    written = out.joinpath(*parts).resolve()
    assert written.is_file() and written.is_relative_to(out.resolve())
