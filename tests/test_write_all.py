"""``racompiler.build.write_all``: racompiler owns only what it wrote, and swaps it in crash-safely.

Each artifact's first path component is its unit (the target's folder: ``heat/``...), marked with
``.racompiler-output``. A build replaces the units it writes and keeps the others; it never
replaces, renames or chmods the output folder itself; it refuses (RA801-RA804, nothing written) a
folder holding an input, an unmarked target folder or anything else that is not racompiler's. A
failed or interrupted write leaves the previous output exactly as it was (same files, same bytes)
and no temporary folder; what a killed build leaves is cleaned or restored by the next one.
"""

from __future__ import annotations

import builtins
import errno
import fcntl
import hashlib
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import racompiler.build as build
from conftest import REPO, run_cli
from racompiler.api import build as api_build
from racompiler.build import (FOLDER_MARKER_TEXT, MARKER, OutputRefused, UnsafePath, safe_relpath,
                              write_all)
from racompiler.targets import Artifact

ALLINONE = REPO / "architectures" / "allinone.ra"
NEW = [Artifact("heat/main.yaml", "new main\n"), Artifact("heat/env/a.yaml", "a\n"),
       Artifact("heat/env/b.yaml", "b\n"), Artifact("README.txt", "readme\n")]
TWO = [Artifact("crowbar/new.json", "{}\n"), Artifact("heat/main.yaml", "new main\n")]


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


def files(root: Path) -> dict[str, bytes]:
    """relative path -> bytes of every file under ``root``, racompiler's markers left out."""
    return {k: (root / k).read_bytes() for k, v in tree(root).items() if v != "<dir>" and Path(k).name != MARKER}


def ours(folder: Path) -> Path:
    """Mark ``folder`` as racompiler's output (as an earlier build would have)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARKER).write_text(FOLDER_MARKER_TEXT, encoding="utf-8")
    return folder


@pytest.fixture
def previous(tmp_path) -> Path:
    """An output folder from an earlier build: heat/ (with a file the new build lacks) and crowbar/."""
    out = tmp_path / "out"
    (ours(out / "heat") / "env").mkdir()
    (out / "heat" / "main.yaml").write_text("old main\n", encoding="utf-8")
    (out / "heat" / "env" / "stale.yaml").write_text("stale\n", encoding="utf-8")
    (ours(out / "crowbar") / "old.json").write_text("{}\n", encoding="utf-8")
    return out


def leftovers(parent: Path, name: str = "out") -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name != name)


def temporaries(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if ".tmp-" in p.name or ".old-" in p.name)


def refusal(excinfo) -> list[str]:
    return [r.code for r in excinfo.value.refusals]


@pytest.fixture
def fallback(monkeypatch):
    """No renameat2(RENAME_EXCHANGE): the two-rename swap."""
    monkeypatch.setattr(build, "_exchange", lambda a, b: False)


# --- success -------------------------------------------------------------------------------

def test_first_write_creates_the_directory_and_its_parents(tmp_path):
    out = tmp_path / "a" / "b" / "out"
    write_all(NEW, str(out))
    assert files(out) == {a.relpath: a.text.encode() for a in NEW}
    assert (out / "heat" / MARKER).read_text(encoding="utf-8") == FOLDER_MARKER_TEXT
    assert (out / MARKER).read_text(encoding="utf-8").splitlines()[-1] == "README.txt"  # the top-level file
    assert leftovers(out.parent) == [] and temporaries(out) == []
    umask = os.umask(0)
    os.umask(umask)
    for folder in (out, out / "heat", out / "heat" / "env"):  # never the 0700 of a temporary folder
        assert stat.S_IMODE(folder.stat().st_mode) == 0o777 & ~umask


def test_success_replaces_its_target_folders_and_keeps_the_others(tmp_path, previous):
    crowbar = tree(previous / "crowbar")
    write_all(NEW, str(previous))
    assert files(previous / "heat") == {"main.yaml": b"new main\n", "env/a.yaml": b"a\n", "env/b.yaml": b"b\n"}
    assert tree(previous / "crowbar") == crowbar  # another target's output is not this build's
    assert (previous / "README.txt").read_bytes() == b"readme\n"
    assert leftovers(tmp_path) == [] and temporaries(previous) == []


@pytest.mark.usefixtures("fallback")
def test_success_without_renameat2(tmp_path, previous):
    test_success_replaces_its_target_folders_and_keeps_the_others(tmp_path, previous)


def test_the_swap_is_one_rename_exchange_where_the_kernel_has_it(previous, monkeypatch):
    if build._renameat2() is None:
        pytest.skip("no renameat2 in this libc")
    calls = []
    real = build._exchange
    monkeypatch.setattr(build, "_exchange", lambda a, b: calls.append(Path(b).name) or real(a, b))
    monkeypatch.setattr(build.os, "rename", lambda *a: pytest.fail(f"rename {a}"))
    write_all(TWO, str(previous))
    monkeypatch.undo()
    assert calls == ["crowbar", "heat"]
    assert files(previous) == {a.relpath: a.text.encode() for a in TWO}


def test_unsupported_exchange_falls_back_to_two_renames(previous, monkeypatch):
    monkeypatch.setattr(build, "_renameat2", lambda: lambda *args: (build.ctypes.set_errno(errno.EINVAL), -1)[1])
    write_all(TWO, str(previous))
    assert files(previous) == {a.relpath: a.text.encode() for a in TWO}
    assert temporaries(previous) == []


def test_a_second_build_is_idempotent(tmp_path):
    out = tmp_path / "out"
    write_all(NEW, str(out))
    first = tree(out)
    write_all(NEW, str(out))
    assert tree(out) == first


def test_text_is_written_verbatim_as_utf8_with_lf(tmp_path):
    text = "line one\nÜnïcödé ☃\n"
    write_all([Artifact("x/x.txt", text)], str(tmp_path / "out"))
    assert (tmp_path / "out" / "x" / "x.txt").read_bytes() == text.encode("utf-8")


def test_relative_output_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_all(NEW, "rel_out")
    assert (tmp_path / "rel_out" / "heat" / "main.yaml").exists()
    assert leftovers(tmp_path, "rel_out") == []


def test_an_empty_artifact_list_changes_nothing(tmp_path, previous):
    before = tree(previous)
    write_all([], str(previous))
    assert tree(previous) == before and leftovers(tmp_path) == []


def test_the_output_folder_keeps_its_mode(previous):
    previous.chmod(0o751)
    write_all(NEW, str(previous))
    assert stat.S_IMODE(previous.stat().st_mode) == 0o751


def test_a_symlinked_output_is_followed_and_kept(tmp_path, previous):
    link = tmp_path / "link"
    link.symlink_to(previous, target_is_directory=True)
    write_all(NEW, str(link))
    assert link.is_symlink() and os.readlink(link) == str(previous)
    assert (previous / "heat" / "main.yaml").read_bytes() == b"new main\n"
    assert (previous / "crowbar" / "old.json").exists()


def test_the_output_folder_itself_is_never_renamed(previous, monkeypatch):
    """Only its subfolders move: ``-o`` on a mount point (where renaming it fails EBUSY) works."""
    inode = previous.stat().st_ino
    real = os.rename

    def rename(src, dst, *args, **kwargs):
        if Path(src) == previous or Path(dst) == previous:
            raise OSError(errno.EBUSY, "Device or resource busy")
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(build.os, "rename", rename)
    write_all(NEW, str(previous))
    write_all(NEW + [Artifact("interop/a.txt", "a\n")], str(previous))
    assert previous.stat().st_ino == inode and (previous / "interop" / "a.txt").exists()


def test_heat_then_interop_into_one_folder_keeps_both(tmp_path):
    out = tmp_path / "out"
    heat = api_build(str(ALLINONE), ["heat"], str(out))
    assert heat.written, heat.diagnostics
    heat_files = files(out / "heat")
    interop = api_build(str(ALLINONE), ["interop"], str(out))
    assert interop.written, interop.diagnostics
    assert sorted(p.name for p in out.iterdir()) == ["heat", "interop"]
    assert files(out / "heat") == heat_files and heat_files
    assert files(out / "interop") == {a.relpath.removeprefix("interop/"): a.text.encode() for a in interop.artifacts}


# --- refusals: not racompiler's folder -------------------------------------------------------

def test_output_folder_holding_the_input_is_refused(tmp_path):
    """`racompiler build proj/site.ra -t interop -o proj` used to leave only proj/interop/."""
    proj = tmp_path / "proj"
    proj.mkdir()
    shutil.copy(ALLINONE, proj / "site.ra")
    before = tree(proj)
    proc = run_cli("build", "proj/site.ra", "-t", "interop", "-o", "proj", cwd=tmp_path)
    err = proc.stderr.decode()
    assert proc.returncode == 1, err
    assert "error[RA801]: output folder proj contains proj/site.ra, which this build reads" in err
    assert "Traceback" not in err and "build failed; proj was left untouched" in err
    assert tree(proj) == before and leftovers(tmp_path, "proj") == []


def test_a_git_folder_and_the_ra_are_left_in_place(tmp_path):
    out = tmp_path / "repo"
    (out / ".git").mkdir(parents=True)
    (out / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    shutil.copy(ALLINONE, out / "site.ra")
    before = tree(out)
    result = api_build(str(out / "site.ra"), ["heat"], str(out))
    assert not result.ok and not result.written and result.write_error is None
    assert [d.code for d in result.errors] == ["RA801"]
    assert tree(out) == before
    os.remove(out / "site.ra")  # the input elsewhere: the .git alone is still not racompiler's
    with pytest.raises(OutputRefused) as excinfo:
        write_all(NEW, str(out), inputs=[str(ALLINONE)])
    assert refusal(excinfo) == ["RA803"] and ".git" in str(excinfo.value)
    assert sorted(tree(out)) == [".git", ".git/HEAD"]


def test_notes_in_the_output_folder_are_refused(tmp_path, previous):
    (previous / "notes.txt").write_text("mine\n", encoding="utf-8")
    before = tree(previous)
    result = api_build(str(ALLINONE), ["heat"], str(previous))
    assert [d.code for d in result.errors] == ["RA803"] and not result.written
    assert "notes.txt" in result.errors[0].message and result.errors[0].hint
    assert tree(previous) == before


def test_a_foreign_target_folder_is_refused(tmp_path):
    out = tmp_path / "out"
    (out / "heat").mkdir(parents=True)
    (out / "heat" / "stack.yaml").write_text("mine\n", encoding="utf-8")
    before = tree(out)
    with pytest.raises(OutputRefused) as excinfo:
        write_all(NEW, str(out))
    assert refusal(excinfo) == ["RA802"] and MARKER in str(excinfo.value)
    assert tree(out) == before
    proc = run_cli("build", str(ALLINONE), "-t", "heat", "-o", str(out))
    assert proc.returncode == 1 and b"error[RA802]" in proc.stderr and b"Traceback" not in proc.stderr
    assert tree(out) == before


@pytest.mark.parametrize("make", [
    lambda p: p.write_text("a file\n", encoding="utf-8"),
    lambda p: p.symlink_to(p.parent.parent, target_is_directory=True),
], ids=["file", "symlink"])
def test_a_target_name_that_is_not_a_marked_folder_is_refused(tmp_path, make):
    out = tmp_path / "out"
    out.mkdir()
    make(out / "heat")
    before = tree(out)
    with pytest.raises(OutputRefused) as excinfo:
        write_all(NEW, str(out))
    assert refusal(excinfo) == ["RA802"] and tree(out) == before


def test_another_build_writing_into_the_folder_is_refused(previous):
    before = tree(previous)
    fd = os.open(previous, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        with pytest.raises(OutputRefused) as excinfo:
            write_all(NEW, str(previous))
        assert refusal(excinfo) == ["RA804"]
    finally:
        os.close(fd)
    assert tree(previous) == before
    write_all(NEW, str(previous))  # the lock is gone with the other build


# --- failures ------------------------------------------------------------------------------

def test_failure_midway_keeps_the_previous_output(tmp_path, previous, monkeypatch):
    before = tree(previous)
    calls = []
    real_open = builtins.open

    def flaky_open(file, mode="r", *args, **kwargs):
        if "w" in mode and Path(file).name != MARKER:
            calls.append(file)
            if len(calls) == 3:  # two files written already: the disk "fills up"
                raise OSError(28, "No space left on device")
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", flaky_open)
    with pytest.raises(OSError, match="No space left"):
        write_all(NEW, str(previous))
    monkeypatch.undo()
    assert len(calls) == 3
    assert {k: v for k, v in tree(previous).items() if k != MARKER} == before
    assert leftovers(tmp_path) == [] and temporaries(previous) == []


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
        write_all(TWO, str(previous))
    monkeypatch.undo()
    assert tree(previous) == before
    assert leftovers(tmp_path) == []


def test_failure_without_previous_output_leaves_nothing(tmp_path):
    with pytest.raises(UnsafePath):
        write_all([Artifact("ok/ok.txt", "x\n"), Artifact("/etc/evil", "x\n")], str(tmp_path / "out"))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.usefixtures("fallback")
@pytest.mark.parametrize("exc", [OSError(16, "Device or resource busy"), KeyboardInterrupt()])
def test_failed_swap_restores_the_previous_output(tmp_path, previous, monkeypatch, exc):
    before = tree(previous)
    real_rename = os.rename
    calls = []

    def second_rename_fails(src, dst, *args, **kwargs):
        calls.append((src, dst))
        if len(calls) == 2:  # the first moved the old crowbar/ aside; putting the new one in fails
            raise exc
        return real_rename(src, dst, *args, **kwargs)

    monkeypatch.setattr(build.os, "rename", second_rename_fails)
    with pytest.raises(type(exc)):
        write_all(TWO, str(previous))
    monkeypatch.undo()
    assert tree(previous) == before
    assert leftovers(tmp_path) == []


def test_failed_exchange_keeps_the_previous_output(tmp_path, previous, monkeypatch):
    before = tree(previous)

    def busy(a, b):
        raise OSError(errno.EBUSY, "Device or resource busy", str(b))

    monkeypatch.setattr(build, "_exchange", busy)
    with pytest.raises(OSError, match="busy"):
        write_all(TWO, str(previous))
    assert tree(previous) == before and leftovers(tmp_path) == []


@pytest.mark.parametrize("mode", ["exchange", "fallback"])
def test_a_failed_second_swap_rolls_the_first_back(tmp_path, previous, monkeypatch, mode):
    """crowbar/ is swapped first; heat/'s swap fails: crowbar/ goes back to its previous bytes."""
    if mode == "exchange" and build._renameat2() is None:
        pytest.skip("no renameat2 in this libc")
    before = tree(previous)
    real_exchange, real_rename = build._exchange, os.rename
    swaps = []

    def exchange(a, b):
        if mode == "fallback":
            return False
        swaps.append(Path(b).name)
        if swaps == ["crowbar", "heat"]:
            raise OSError(errno.EIO, "I/O error", str(b))
        return real_exchange(a, b)

    def rename(src, dst, *args, **kwargs):
        if mode == "fallback" and Path(dst).name == "heat" and Path(src).name.startswith(".heat.tmp-"):
            raise OSError(errno.EIO, "I/O error", str(dst))
        return real_rename(src, dst, *args, **kwargs)

    monkeypatch.setattr(build, "_exchange", exchange)
    monkeypatch.setattr(build.os, "rename", rename)
    with pytest.raises(OSError, match="I/O error"):
        write_all(TWO, str(previous))
    monkeypatch.undo()
    assert tree(previous) == before and leftovers(tmp_path) == []


def test_build_into_an_unwritable_place_is_an_error_not_a_traceback(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory\n", encoding="utf-8")
    proc = run_cli("build", str(ALLINONE), "-t", "interop", "-o", str(blocker / "out"))
    assert proc.returncode == 1
    assert b"Traceback" not in proc.stderr and b"error: cannot write" in proc.stderr
    assert blocker.read_text(encoding="utf-8") == "not a directory\n"
    result = api_build(str(ALLINONE), ["interop"], str(blocker / "out"))
    assert result.write_error and not result.written and result.ok  # an OS error, not a diagnostic


# --- what a killed build leaves behind -------------------------------------------------------

def test_stale_temporary_folders_are_cleaned_by_the_next_build(tmp_path, previous):
    ours(previous / ".heat.tmp-0123abcd").joinpath("half.yaml").write_text("half\n", encoding="utf-8")
    (previous / ".crowbar.tmp-89abcdef").mkdir()  # killed before its marker was written
    ours(previous / ".interop.old-00000000")  # moved aside, the new one in place: a finished swap
    ours(previous / "interop")
    write_all(NEW, str(previous))
    assert temporaries(previous) == []
    assert sorted(p.name for p in previous.iterdir()) == [MARKER, "README.txt", "crowbar", "heat", "interop"]


def test_a_folder_moved_aside_is_restored_by_the_next_build(tmp_path, previous):
    crowbar = tree(previous / "crowbar")
    os.rename(previous / "crowbar", previous / ".crowbar.old-0badf00d")  # killed mid-swap
    ours(previous / ".crowbar.tmp-0badf00e").joinpath("new.json").write_text("{}\n", encoding="utf-8")
    write_all([Artifact("heat/main.yaml", "x\n")], str(previous))
    assert tree(previous / "crowbar") == crowbar and temporaries(previous) == []


def test_a_crash_between_the_two_renames_is_restored_by_the_next_build(tmp_path, previous):
    """The process dies (no handler runs) after moving the old heat/ aside, before the new one lands."""
    heat = tree(previous / "heat")
    script = (
        "import os, sys\n"
        "import racompiler.build as b\n"
        "from racompiler.targets import Artifact\n"
        "b._exchange = lambda a, c: False\n"
        "real = os.rename\n"
        "def rename(src, dst):\n"
        "    real(src, dst)\n"
        "    if '.old-' in os.fspath(dst):\n"
        "        os._exit(9)\n"
        "os.rename = rename\n"
        "b.write_all([Artifact('heat/main.yaml', 'new\\n')], sys.argv[1])\n"
    )
    proc = subprocess.run([sys.executable, "-c", script, str(previous)], capture_output=True, timeout=60)
    assert proc.returncode == 9, proc.stderr
    names = sorted(p.name for p in previous.iterdir())
    assert "heat" not in names and len(temporaries(previous)) == 2  # .heat.old-* and .heat.tmp-*
    write_all([Artifact("interop/a.txt", "a\n")], str(previous))  # a build of another target
    assert tree(previous / "heat") == heat
    assert temporaries(previous) == [] and sorted(p.name for p in previous.iterdir()) == [
        "crowbar", "heat", "interop"]


def test_foreign_folders_that_look_like_temporaries_are_not_touched(previous):
    (previous / ".heat.tmp-0123abcd").mkdir()
    (previous / ".heat.tmp-0123abcd" / "mine.txt").write_text("mine\n", encoding="utf-8")
    before = tree(previous)
    with pytest.raises(OutputRefused) as excinfo:
        write_all(NEW, str(previous))
    assert refusal(excinfo) == ["RA803"] and tree(previous) == before


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
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("relpath", [MARKER, f"heat/{MARKER}", ".heat.tmp-0123abcd/x", ".heat.old-0123abcd"])
def test_racompilers_own_names_are_rejected(relpath, tmp_path):
    with pytest.raises(UnsafePath):
        write_all([Artifact(relpath, "x\n")], str(tmp_path / "out"))
    assert list(tmp_path.iterdir()) == []


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
    write_all([Artifact(relpath, "y\n")], str(out))  # a second build owns it too
    assert written.read_text(encoding="utf-8") == "y\n" and temporaries(out) == []
