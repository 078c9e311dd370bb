"""The write stage: put the targets' artifacts on disk, one crash-safe swap per target folder.

The emit stage that produces the artifacts is :mod:`racompiler.emit`."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import functools
import os
import re
import secrets
import shutil
import stat
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable, Iterator, Sequence

from racompiler.diagnostics import codes
from racompiler.targets import Artifact
from racompiler.records import record


class UnsafePath(ValueError):
    """An artifact path that could land outside the output directory."""


def safe_relpath(relpath: str) -> PurePosixPath:
    """Validate an artifact path: relative, no '..', no empty or hidden-escape parts."""
    p = PurePosixPath(relpath)
    if p.is_absolute() or not p.parts or any(part in ("", ".", "..") for part in p.parts) or "\\" in relpath \
            or "\x00" in relpath:
        raise UnsafePath(relpath)
    return p


MARKER = ".racompiler-output"
"""The marker file: in a target folder it says racompiler wrote (and will replace) the folder; in
the output folder itself it lists the top-level files racompiler wrote there (rare: targets write
into their own folder)."""

FOLDER_MARKER_TEXT = (
    "# Written by `racompiler build`: this folder is replaced as a whole by every build of its\n"
    "# target into the same output folder, so files added or changed here are lost.\n"
    "# racompiler only ever replaces folders that hold this file.\n"
)
LISTING_HEADER = (
    "# Written by `racompiler build`: the files listed below, at this level of the output folder,\n"
    "# are racompiler's and are replaced by every build that produces them.\n"
)

# `.<unit>.tmp-<hex>`: a unit being written; `.<unit>.old-<hex>`: a unit moved aside during a swap.
_TEMP = re.compile(r"^\.(?P<unit>.+)\.(?P<kind>tmp|old)-(?P<tag>[0-9a-f]{8})$", re.S)
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


@record
class Refusal:
    """Why an output folder is not written to: a diagnostic code, a message, the path it concerns."""

    code: str
    message: str
    path: str
    hint: str | None = None


class OutputRefused(Exception):
    """The output folder is not racompiler's to write (it holds other files, or an input)."""

    def __init__(self, refusals: Sequence[Refusal]):
        self.refusals = list(refusals)
        super().__init__("; ".join(r.message for r in self.refusals))


def write_all(artifacts: Sequence[Artifact], output: str, inputs: Iterable[str] = ()) -> None:
    """Write every artifact under ``output``, one crash-safe swap per top-level folder (unit).

    racompiler owns only what it wrote. The first component of each artifact path is its unit
    (the target's folder: ``heat/``, ``crowbar/``...). Each unit folder carries :data:`MARKER`; a
    build replaces the units it produces, keeps the others, and never renames, replaces or
    chmods ``output`` itself (created if missing; a symlink is followed and kept). It refuses
    (:class:`OutputRefused`, nothing written) an output folder that contains one of ``inputs``
    (the files the build read), a unit folder without the marker, or any entry that is not
    racompiler's (a ``.git``, notes, ...); another build writing into it at the same time.

    Every unit is written into ``.<unit>.tmp-XXXXXXXX`` beside it first; only when all were written
    are they swapped in, each with one ``renameat2(RENAME_EXCHANGE)`` where the kernel and file
    system have it, else in two renames (old aside to ``.<unit>.old-XXXXXXXX``, new in place). A
    failure rolls back the units already swapped, so the previous output stays as it was; what a
    killed build leaves behind is cleaned (or, for a unit moved aside, restored) by the next build
    into the same folder. Raises :class:`UnsafePath` for a path that could land elsewhere.
    """
    units = _units(artifacts)
    where = os.path.realpath(output)
    inside = sorted({src for src in inputs if os.path.exists(src) and _contains(where, os.path.realpath(src))})
    if inside:
        raise OutputRefused([Refusal(
            codes.RA801, f"output folder {output} contains {_enumerate(inside)}, which this build reads; "
            "refusing to write into it", output,
            hint="build into a folder of its own, e.g. -o out beside the RA")])
    os.makedirs(output, exist_ok=True)  # the folder itself: created with the umask's mode, never replaced
    root = Path(os.path.realpath(output))
    with _locked(root, output):
        listed = _listed(root)
        stale = _survey(root, output, units, listed)
        _recover(root, stale)
        _write_units(root, units, listed)


def _units(artifacts: Sequence[Artifact]) -> dict[str, dict[tuple[str, ...], str]]:
    """unit name -> (path inside the unit, () for a top-level file) -> text; paths validated first."""
    units: dict[str, dict[tuple[str, ...], str]] = {}
    for art in artifacts:
        rel = safe_relpath(art.relpath)
        unit, rest = rel.parts[0], rel.parts[1:]
        if unit == MARKER or rest[:1] == (MARKER,) or _TEMP.match(unit) or "\n" in unit or "\r" in unit:
            raise UnsafePath(art.relpath)  # would pass for racompiler's own bookkeeping
        units.setdefault(unit, {})[rest] = art.text
    for unit, files in units.items():
        if () in files and len(files) > 1:
            raise UnsafePath(f"{unit} is both a file and a folder")
    return units


def _contains(folder: str, path: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _enumerate(names: Sequence[str], most: int = 5) -> str:
    shown = ", ".join(names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")


@contextlib.contextmanager
def _locked(root: Path, output: str) -> Iterator[None]:
    """Hold an exclusive ``flock`` on the output folder; refuse when another build holds it."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock
        yield
        return
    fd = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputRefused([Refusal(
                codes.RA804, f"another build is writing into {output}; refusing to write into it at the same time", output,
                hint="wait for it to finish, or build into another folder")]) from None
        except OSError:
            pass  # a file system without locks: carry on unlocked
        yield
    finally:
        os.close(fd)  # releases the lock


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _is_real_dir(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def _listed(root: Path) -> set[str]:
    """The top-level files racompiler wrote into ``root``, from its marker (none when absent)."""
    marker = root / MARKER
    if not _is_regular(marker):
        return set()
    try:
        text = marker.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return set()
    return {line for line in text.splitlines() if line and not line.startswith("#")}


def _ours(path: Path, unit: str, listed: set[str]) -> bool:
    """A folder holding the marker, or a top-level file the output folder's marker lists."""
    if _is_real_dir(path):
        return _is_regular(path / MARKER)
    return _is_regular(path) and unit in listed


def _survey(root: Path, output: str, units: dict, listed: set[str]) -> list[tuple[Path, str, str]]:
    """Refuse unless every entry of ``root`` is racompiler's; return its leftover temporaries."""
    stale: list[tuple[Path, str, str]] = []
    refusals: list[Refusal] = []
    foreign: list[str] = []
    for name in sorted(os.listdir(root)):
        path = root / name
        if name == MARKER and _is_regular(path):
            continue
        m = _TEMP.match(name)
        if m:
            unit = m["unit"]
            empty_dir = _is_real_dir(path) and not any(path.iterdir())
            if empty_dir or _ours(path, unit, listed) or (unit == MARKER and _is_regular(path)):
                stale.append((path, unit, m["kind"]))
                continue
        if _ours(path, name, listed):
            continue
        if name in units:
            refusals.append(Refusal(
                codes.RA802, f"{os.path.join(output, name)} was not written by racompiler (it has no {MARKER}); "
                "refusing to replace it", os.path.join(output, name),
                hint="move it away, or build into an empty folder"))
        else:
            foreign.append(name)
    if foreign:
        refusals.append(Refusal(
            codes.RA803, f"output folder {output} holds {_enumerate(foreign)}, which racompiler did not write; "
            "refusing to write into it", output,
            hint="build into an empty folder or one only racompiler writes to (e.g. -o out beside the RA)"))
    if refusals:
        raise OutputRefused(refusals)
    return stale


def _recover(root: Path, stale: list[tuple[Path, str, str]]) -> None:
    """Put back a unit a killed build had moved aside; delete every other leftover temporary."""
    def newest_first(item: tuple[Path, str, str]) -> tuple[int, float]:
        path, _unit, kind = item
        return (0 if kind == "old" else 1, -os.lstat(path).st_mtime)

    for path, unit, kind in sorted(stale, key=newest_first):
        dest = root / unit
        if kind == "old" and unit != MARKER and not os.path.lexists(dest) \
                and (_is_regular(path) or _is_regular(path / MARKER)):
            os.rename(path, dest)  # the swap was cut short: the previous output comes back
        else:
            _remove(path)


def _remove(path: Path) -> None:
    if _is_real_dir(path):
        shutil.rmtree(path)
    else:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)


def _temp_name(root: Path, unit: str, kind: str) -> Path:
    while True:
        path = root / f".{unit}.{kind}-{secrets.token_hex(4)}"
        if not os.path.lexists(path):
            return path


def _make_temp(root: Path, unit: str, is_dir: bool) -> Path:
    """A new, empty ``.<unit>.tmp-XXXXXXXX`` (folder or file) with the umask's usual mode."""
    while True:
        path = _temp_name(root, unit, "tmp")
        try:
            if is_dir:
                os.mkdir(path)
            else:
                open(path, "x").close()
            return path
        except FileExistsError:
            continue


def _write_text(dest: Path, text: str) -> None:
    with open(dest, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def _write_listing(root: Path, names: set[str]) -> None:
    """Replace the output folder's marker (the top-level files racompiler owns) atomically."""
    tmp = _make_temp(root, MARKER, is_dir=False)
    try:
        _write_text(tmp, LISTING_HEADER + "".join(f"{n}\n" for n in sorted(names)))
        os.replace(tmp, root / MARKER)
    except BaseException:
        _remove(tmp)
        raise


@functools.cache
def _renameat2() -> Callable[..., int] | None:
    """libc's ``renameat2`` (Linux, glibc 2.28+), or None."""
    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError, TypeError):
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    return fn


def _exchange(a: Path, b: Path) -> bool:
    """Swap ``a`` and ``b`` in one step; False when this system or file system cannot."""
    fn = _renameat2()
    if fn is None:
        return False
    if fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _write_units(root: Path, units: dict[str, dict[tuple[str, ...], str]], listed: set[str]) -> None:
    """Write every unit into its temporary, then swap them all in (or none: see write_all)."""
    files = {unit for unit, content in units.items() if () in content}
    staged: list[tuple[str, Path]] = []
    swapped: list[tuple[str, Path, Path | None]] = []  # unit, its temporary, where the old one went
    try:
        if files - listed:
            _write_listing(root, listed | files)  # before any temporary file, so those are known ours
        for unit, content in sorted(units.items()):
            tmp = _make_temp(root, unit, is_dir=() not in content)
            staged.append((unit, tmp))
            if () in content:
                _write_text(tmp, content[()])
                continue
            _write_text(tmp / MARKER, FOLDER_MARKER_TEXT)
            for rest, text in content.items():
                dest = tmp.joinpath(*rest)
                dest.parent.mkdir(parents=True, exist_ok=True)
                _write_text(dest, text)
        for unit, tmp in staged:
            dest = root / unit
            if not os.path.lexists(dest):
                os.rename(tmp, dest)
                swapped.append((unit, tmp, None))
            elif _exchange(tmp, dest):
                swapped.append((unit, tmp, tmp))  # the temporary now holds the previous output
            else:
                aside = _temp_name(root, unit, "old")
                os.rename(dest, aside)
                try:
                    os.rename(tmp, dest)
                except BaseException:
                    os.rename(aside, dest)
                    raise
                swapped.append((unit, tmp, aside))
    except BaseException:
        for unit, tmp, old in reversed(swapped):
            with contextlib.suppress(OSError):
                _undo_swap(root / unit, tmp, old)
        for _unit, tmp in staged:
            with contextlib.suppress(OSError):
                _remove(tmp)
        raise
    for _unit, _tmp, old in swapped:
        if old is not None:
            with contextlib.suppress(OSError):
                _remove(old)  # the previous output; a leftover is cleaned by the next build


def _undo_swap(dest: Path, tmp: Path, old: Path | None) -> None:
    if old is None:
        os.rename(dest, tmp)
    elif old == tmp:
        if not _exchange(tmp, dest):
            raise OSError(errno.ENOSYS, "cannot exchange back", str(dest))
    else:
        os.rename(dest, tmp)
        os.rename(old, dest)
