"""Reading the results of a Tempest run: a subunit v2 stream or a RefStack results JSON.

A Tempest workspace keeps every run as a subunit v2 stream in its stestr repository (``stestr
last --subunit`` exports the last one; ``tempest run --subunit`` writes it during the run; Tempest
47 has no ``tempest last``); refstack-client uploads a JSON document listing the tests that passed
(``{"cpid", "duration_seconds", "results": [{"name", "uuid"}]}``; the RefStack API and older
clients give ``results`` as plain names). Streams are read with python-subunit, the format's own
parser, and testtools' ``StreamToDict``, which folds the events of each test into its final
status; nothing here parses subunit bytes by hand.

Problems are reported, never raised: RA670 (unreadable, empty or unrecognised input), RA671 (a
truncated or corrupt stream) and RA672 (JSON that is not RefStack results).
"""

from __future__ import annotations

import datetime
import io
import json
import re
import sys
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from racompiler.diagnostics import DiagnosticSink, Severity, Span, codes
from racompiler.targets.interop.guidelines import normalise_uuid
from racompiler.targets.interop.inventory import parse_line
from racompiler.records import record

PASSED, FAILED, SKIPPED = "passed", "failed", "skipped"
STDIN = "<stdin>"

# A test's final subunit status, as an outcome. xfail is a pass (the test expected its failure);
# an unexpected success is a failure, as testtools counts it. "exists" (a listing, not a run) and
# "unknown" (attachments only) are no outcome.
_OUTCOMES = {"success": PASSED, "xfail": PASSED, "fail": FAILED, "uxsuccess": FAILED, "skip": SKIPPED}
# unittest names a class or module fixture that failed or skipped (Tempest skips a whole class
# from setUpClass when a service is disabled) "setUpClass (module.Class)": its tests never start.
_FIXTURE = re.compile(r"^(setUpClass|setUpModule|tearDownClass|tearDownModule) \(([\w.]+)\)$")
# The first line of a subunit v1 (text) stream.
_V1 = re.compile(rb"^\s*(test|testing|tags|time|progress)[: ]")
_SIGNATURE = 0xB3  # the first byte of every subunit v2 packet
# The test id python-subunit gives the events it emits for a packet it cannot parse.
_PARSER = "subunit.parser"
_NON_SUBUNIT = "racompiler.non-subunit"
_QUOTE = 3

_HINT_EXPORT = ("export the run again with `stestr last --subunit > run.subunit` in the Tempest workspace "
                "(or write it during the run with `tempest run --subunit > run.subunit`), or pass "
                "refstack-client's JSON")


@record
class RunTest:
    """One test of the run: its id as the run wrote it, its name without attributes, its bare
    idempotent UUID (None when the id carries none) and its outcome (passed, failed, skipped)."""

    id: str
    name: str
    uuid: str | None
    outcome: str


@dataclass
class RunResults:
    """Everything scoring needs from a run."""

    source: str  # the file as given, "<stdin>" for -
    format: str  # "subunit" or "refstack"
    tests: dict[str, RunTest] = field(default_factory=dict)  # run id -> test, sorted by id
    # "module.Class" / "module" -> (fixture id, outcome) of a failed or skipped setUpClass/Module
    fixtures: dict[str, tuple[str, str]] = field(default_factory=dict)


def _span(source: str, line: int = 1) -> Span:
    return Span.point(source, line)


def _read_bytes(path: str, sink: DiagnosticSink, stdin: BinaryIO | None) -> tuple[str, bytes] | None:
    if path == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        if stdin is None and sys.stdin.isatty():  # nothing piped in: don't wait on a terminal
            sink.report(codes.RA670, "no test results on standard input (it is a terminal)", _span(STDIN),
                        hint="pipe them in: `stestr last --subunit | racompiler interop score DIR -`")
            return None
        return STDIN, stream.read()
    try:
        with open(path, "rb") as fh:
            return path, fh.read()
    except OSError as exc:
        sink.report(codes.RA670, f"cannot read the test results {path}: {exc.strerror or exc.__class__.__name__}",
                    _span(path), hint=_HINT_EXPORT)
        return None


def read_results(path: str, sink: DiagnosticSink, stdin: BinaryIO | None = None) -> RunResults | None:
    """The results in file ``path`` (``-``: standard input, or ``stdin`` when given), or None
    when they cannot be read (reported into ``sink``). The format is recognised from the bytes."""
    got = _read_bytes(path, sink, stdin)
    if got is None:
        return None
    source, data = got
    head = data.lstrip()
    if not head:
        sink.report(codes.RA670, f"the test results {source} are empty", _span(source),
                    hint="a run that never started writes nothing; " + _HINT_EXPORT)
        return None
    if data[0] == _SIGNATURE:
        return _read_subunit(source, data, sink)
    if head[:1] in (b"{", b"["):
        return _read_refstack(source, data, sink)
    if data[:2] == b"\x1f\x8b":
        sink.report(codes.RA670, f"{source} is gzip-compressed", _span(source),
                    hint="decompress it first: `gunzip -c FILE | racompiler interop score DIR -`")
        return None
    if _V1.match(data):
        sink.report(codes.RA670, f"{source} is a subunit v1 (text) stream; racompiler reads subunit v2", _span(source),
                    hint="convert it with python-subunit's `subunit-1to2 < FILE > run.subunit`")
        return None
    if bytes([_SIGNATURE]) in data:
        # `tempest run --subunit > FILE` puts Tempest's own log lines ("Using tempest config
        # file ...") on stdout before the packets: a mixed stream, which python-subunit reads.
        return _read_subunit(source, data, sink, mixed=True)
    _not_results(source, sink)
    return None


def _not_results(source: str, sink: DiagnosticSink) -> None:
    sink.report(codes.RA670, f"{source} is neither a subunit v2 stream nor a RefStack results JSON", _span(source),
                hint=_HINT_EXPORT)


# -- subunit v2 --------------------------------------------------------------------------------------
def _read_subunit(source: str, data: bytes, sink: DiagnosticSink, mixed: bool = False) -> RunResults | None:
    """Parse a subunit v2 stream; ``mixed``: it does not start with a packet (other output first)."""
    import subunit
    import testtools

    records: dict[str, Any] = {}  # test id -> testtools' TestDict of its last result
    stray: list[bytes] = []
    packets: list[int] = []

    class _Stray(testtools.StreamResult):
        """Keeps the bytes python-subunit found outside any packet, and counts the packets."""

        def status(self, test_id: str | None = None, test_status: str | None = None,
                   test_tags: set[str] | None = None, runnable: bool = True, file_name: str | None = None,
                   file_bytes: bytes | None = None, eof: bool = False, mime_type: str | None = None,
                   route_code: str | None = None, timestamp: datetime.datetime | None = None) -> None:
            if test_id is None and file_name == _NON_SUBUNIT and file_bytes is not None:
                stray.append(bytes(file_bytes))
            elif test_id != _PARSER:
                packets.append(1)

    # A test reported twice (streams of two runs concatenated) counts by its last result.
    result = testtools.CopyStreamResult([testtools.StreamToDict(lambda t: records.__setitem__(t["id"], t)),
                                         _Stray()])
    result.startTestRun()
    try:
        subunit.ByteStreamToStreamResult(io.BytesIO(data), non_subunit_name=_NON_SUBUNIT).run(result)
    finally:
        result.stopTestRun()
    parser = records.pop(_PARSER, None)
    if mixed and not packets:  # text that merely holds a 0xB3 byte (a latin-1 "³"), not a stream
        _not_results(source, sink)
        return None
    if parser is not None:
        detail = parser["details"].get("Parser Error")
        why = detail.as_text() if detail is not None else "unreadable packet"
        sink.report(codes.RA671, f"{source} is a truncated or corrupt subunit v2 stream: {why}", _span(source),
                    hint="a stream cut short (a full disk, a killed copy) cannot be scored; " + _HINT_EXPORT)
        return None
    running = sorted(k for k, t in records.items() if t["status"] == "inprogress")
    if running:
        more = f" and {len(running) - _QUOTE} more" if len(running) > _QUOTE else ""
        sink.report(codes.RA671, f"{source} ends while {len(running)} test(s) are still running: "
                                 f"{', '.join(running[:_QUOTE])}{more}", _span(source),
                    hint="the run was cut short (killed, or a worker died); run the tests again and score the "
                         "complete stream")
        return None
    if stray:
        first = b"".join(stray).decode("utf-8", "replace").strip().splitlines()[:1] or [""]
        sink.report(codes.RA670, f"{source}: {sum(map(len, stray))} byte(s) of other output mixed into the subunit v2 "
                                 f"stream were ignored (first line: {first[0][:80]!r})", _span(source),
                    hint="`tempest run --subunit` also prints its log lines on stdout; `stestr last --subunit` in "
                         "the Tempest workspace exports the stream alone",
                    severity=Severity.WARNING)
    run = RunResults(source, "subunit")
    for test_id in sorted(records):
        outcome = _OUTCOMES.get(records[test_id]["status"])
        if outcome is not None:
            _add(run, test_id, outcome)
    return run


def _add(run: RunResults, test_id: str, outcome: str, uuid: str | None = None) -> None:
    """Record one result: a class or module fixture, or a test (its name and id parsed the way
    the interop target parses a Tempest listing)."""
    fixture = _FIXTURE.match(test_id)
    if fixture:
        # A fixture that failed or skipped stands for the tests it kept from running; a failed
        # tearDown comes after its tests have reported and changes none of them.
        if fixture.group(1).startswith("setUp") and outcome != PASSED:
            run.fixtures[fixture.group(2)] = (test_id, outcome)
        return
    entry = parse_line(test_id)
    name, own = (entry.name, entry.uuid) if entry else (test_id, None)
    run.tests[test_id] = RunTest(test_id, name, uuid or own, outcome)


# -- RefStack JSON -----------------------------------------------------------------------------------
def _refstack_items(doc: object) -> list | str:
    """The ``results`` list of a RefStack document, or why ``doc`` is not one."""
    if isinstance(doc, dict) and isinstance(doc.get("results"), list):
        return doc["results"]
    if isinstance(doc, dict) and "capabilities" in doc and ("metadata" in doc or "schema" in doc):
        return "it is an interop guideline, not the results of a run"
    if isinstance(doc, dict) and "applies" in doc and "counts" in doc:
        return "it is a build's interop.json, not the results of a run"
    return "it has no `results` list of test names"


def _read_refstack(source: str, data: bytes, sink: DiagnosticSink) -> RunResults | None:
    hint = ('refstack-client writes {"cpid": ..., "duration_seconds": ..., "results": [{"name": ..., "uuid": ...}]} '
            "(the tests that passed) beside the subunit stream of its run")
    try:
        doc = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        sink.report(codes.RA672, f"{source} is not UTF-8 text, so not a RefStack results JSON", _span(source), hint=hint)
        return None
    except json.JSONDecodeError as exc:
        sink.report(codes.RA672, f"{source} is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
                    Span.point(source, exc.lineno, exc.colno), hint=hint)
        return None
    except RecursionError:
        sink.report(codes.RA672, f"{source} nests JSON too deeply to be RefStack results", _span(source), hint=hint)
        return None
    items = _refstack_items(doc)
    if isinstance(items, str):
        sink.report(codes.RA672, f"{source} is not RefStack results: {items}", _span(source), hint=hint)
        return None
    run = RunResults(source, "refstack")
    for i, item in enumerate(items):
        if isinstance(item, str):
            name, uuid = item, None
        elif isinstance(item, dict) and isinstance(item.get("name"), str) and isinstance(item.get("uuid"), (str, type(None))):
            name, uuid = item["name"], item.get("uuid")
        else:
            sink.report(codes.RA672, f"{source}: results[{i}] is neither a test name nor an object with a string "
                                     f"`name` (and an optional `uuid`)", _span(source), hint=hint)
            return None
        # RefStack lists passed tests only: failed and skipped ones are absent, like tests not run.
        _add(run, name.strip(), PASSED, normalise_uuid(uuid))
    run.tests = dict(sorted(run.tests.items()))
    return run
