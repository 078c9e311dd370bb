"""A fast slice of the fuzz campaign (benchmarks/fuzz.py), and tests of the harness itself.

The slice runs a few hundred generated and mutated inputs through check, every target and
flavour, a sample of builds to disk, and bind, in a worker process with a per-input timeout,
exactly as the 100,000-input script does (same generators, same runner): no traceback, no
RA901, no hang, and at least a third of the inputs compile clean and reach every target. The
harness tests make sure a crash, an internal error and a hang are really counted and saved, so
the slice cannot pass by not looking.
"""

from __future__ import annotations

import sys

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
import fuzz  # noqa: E402
from fuzz_case import make_case  # noqa: E402

SLICE_SEED = 2026  # not the 100k run's seed 1: the slice adds inputs the long run does not see
SLICE = 300


@pytest.fixture(scope="module")
def slice_stats(tmp_path_factory) -> fuzz.Stats:
    return fuzz.run_campaign(SLICE_SEED, SLICE, timeout=30, save=tmp_path_factory.mktemp("findings"),
                             sample_every=20)


def test_slice_finds_no_crash_and_no_hang(slice_stats):
    s = slice_stats
    assert s.inputs == SLICE
    assert (s.tracebacks, s.ra901, s.other_crashes, s.hangs) == (0, 0, 0, 0), fuzz.report(s)


def test_slice_reaches_the_back_end(slice_stats):
    s = slice_stats
    assert s.reached * 3 >= s.inputs, fuzz.report(s)  # a third compile clean and go through every target
    assert s.built > 0 and s.bound > 0 and s.bind_tried > s.bound, fuzz.report(s)  # writer, bind, hostile inventories
    # The valid generator follows the catalog as it is: every unmutated input compiles clean.
    for kind in ("valid", "overlay"):
        assert s.kinds[kind] > 0 and s.clean_kinds[kind] == s.kinds[kind], fuzz.report(s)


def test_harness_counts_and_saves_crashes_and_hangs(tmp_path):
    stats = fuzz.run_campaign(1, 6, timeout=3, save=tmp_path, inject={1: "ra901", 2: "traceback", 4: "hang"})
    assert stats.inputs == 6
    assert (stats.ra901, stats.tracebacks, stats.hangs) == (1, 1, 1), fuzz.report(stats)
    assert [(i, what) for i, what, _ in stats.findings] == [(1, "RA901"), (2, "traceback"), (4, "hang")]
    for index, _what, folder in stats.findings:
        saved = tmp_path / folder
        assert f"--start {index} --count 1" in (saved / "FINDING.txt").read_text(encoding="utf-8")
        case = make_case(1, index)
        assert (saved / case.root).read_bytes() == _bytes(case.files[case.root])  # the input itself


def test_workers_that_cannot_start_stop_the_campaign(tmp_path):
    """A worker that dies before it is ready would die again: the campaign stops after a few, says
    why (with what the worker printed) and fails, instead of respawning workers for ever."""
    stats = fuzz.run_campaign(1, 5, jobs=2, save=tmp_path, inject={fuzz.START_INDEX: "die-at-start"})
    assert stats.inputs == 0 and stats.failed
    assert stats.aborted and "died before they were ready" in stats.aborted, fuzz.report(stats)
    assert "injected: this worker cannot start" in stats.aborted
    assert "ABORTED" in fuzz.report(stats)


def _bytes(content: str | bytes) -> bytes:
    return content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass")


def test_inputs_are_a_function_of_seed_and_index():
    assert all(make_case(7, i) == make_case(7, i) for i in range(40))
    assert len({str(make_case(7, i).files) for i in range(40)}) == 40
