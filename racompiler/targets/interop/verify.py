"""``racompiler verify`` for interop output: the files agree, and every test exists in the
Tempest installed beside racompiler (listed offline, the way ``tempest run --list-tests`` does).
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

from racompiler.diagnostics import DiagnosticSink, Severity, Span, codes
from racompiler.targets import record_checked, record_not_verified, record_verified
from racompiler.targets.interop.inventory import Inventory, parse_inventory, parse_line
from racompiler.targets.interop.report import include_regexes

_HINT = "rebuild the folder with `racompiler build FILE -t interop -o DIR`"


def list_installed_tempest(timeout: float = 300) -> str | None:
    """The test ids of the installed Tempest and its plugins (no cloud or tempest.conf needed),
    or None when Tempest is not installed. Runs Tempest's own discovery in a subprocess."""
    spec = importlib.util.find_spec("tempest")
    if spec is None or not spec.submodule_search_locations:
        return None
    root = Path(list(spec.submodule_search_locations)[0])
    proc = subprocess.run([sys.executable, "-m", "testtools.run", "discover", "-t", str(root),
                           "-s", str(root / "test_discover"), "--list"],
                          capture_output=True, text=True, timeout=timeout, check=False)
    return proc.stdout if proc.returncode == 0 else None


def _check_files(directory: Path, sink: DiagnosticSink) -> list[str] | None:
    """The test-list lines when the folder is complete and consistent, else None (reported)."""
    meta = directory / "interop.json"
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
        applies = bool(data["applies"])
        expected = data["counts"]["test_list"] if applies else 0
    except (OSError, ValueError, KeyError, TypeError) as exc:
        sink.report(codes.RA664, f"{meta} is missing or not an interop report ({exc.__class__.__name__})",
                    Span.point(str(meta)), hint=_HINT)
        return None
    if not applies:
        return []
    path = directory / "test-list.txt"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
        includes = (directory / "include-list.txt").read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        sink.report(codes.RA664, f"interop list missing in {directory} ({exc.__class__.__name__})",
                    Span.point(str(path)), hint=_HINT)
        return None
    bad = next((i for i, line in enumerate(lines, 1) if parse_line(line) is None), None)
    if bad is not None:
        sink.report(codes.RA664, f"line {bad} of {path} is not a test id", Span.point(str(path), bad), hint=_HINT)
        return None
    if lines != sorted(set(lines)) or len(lines) != expected:
        sink.report(codes.RA664, f"{path} is not sorted and unique, or does not hold the {expected} tests "
                                 "interop.json counts", Span.point(str(path)), hint=_HINT)
        return None
    if includes != include_regexes(lines):
        sink.report(codes.RA664, f"include-list.txt in {directory} does not match test-list.txt",
                    Span.point(str(directory / "include-list.txt")), hint=_HINT)
        return None
    return lines


def _unresolved(lines: list[str], inv: Inventory) -> list[int]:
    """1-based numbers of the lines whose test is in ``inv`` neither by id nor by name."""
    out = []
    for i, line in enumerate(lines, 1):
        entry = parse_line(line)
        if entry and not (entry.uuid in inv.by_uuid or entry.name in inv.by_name):
            out.append(i)
    return out


def verify_folder(directory: Path, sink: DiagnosticSink) -> None:
    """Report problems with a built ``interop/`` folder into ``sink``."""
    lines = _check_files(directory, sink)
    if lines is None:
        return
    record_checked("racompiler", "interop.json, test-list.txt and include-list.txt agree")
    if not lines:
        record_not_verified("the guideline does not apply to this cloud: there is no test list for Tempest to judge")
        return
    text = list_installed_tempest()
    path = directory / "test-list.txt"
    if text is None:
        sink.report(codes.RA664, "cannot list Tempest tests: tempest is not installed here", Span.point(str(path)),
                    hint="pip install tempest (and the plugins of the add-ons) to check the test ids",
                    severity=Severity.WARNING)
        record_not_verified("Tempest is not installed (pip install tempest, and the plugins of the add-ons), so "
                            "no test id was checked against Tempest's own test discovery")
        return
    from importlib.metadata import version

    record_verified(f"Tempest {version('tempest')} (its own test discovery, as `tempest run --list-tests`)",
                    f"the {len(lines)} test id(s) of test-list.txt")
    missing = _unresolved(lines, parse_inventory(text))
    if missing:
        record_not_verified(f"{len(missing)} of the {len(lines)} listed test(s) are not in the installed Tempest "
                            "and its plugins")
        names = ", ".join(lines[i - 1] for i in missing[:3])
        sink.report(codes.RA665, f"{len(missing)} listed test(s) are not in the installed Tempest: {names}",
                    Span.point(str(path), missing[0]),
                    hint="install the Tempest release and plugins the cloud is tested with, or rebuild "
                         "with --tempest-list")
