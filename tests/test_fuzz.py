"""Robustness: random and mutated RA text never makes the compiler crash.

A crash shows up either as a traceback (an exception escaping ``compile_file``) or as an RA901
diagnostic (the facade's net for exceptions inside a stage). Neither may happen for any input;
every diagnostic must also point at a real place (1-based line and column, end not before start).

The inputs come from four generators: arbitrary text, soups of the language's own tokens,
syntactically plausible RA built from its block kinds and keys (which reaches the decoder,
resolver, rules and graph), and mutations of the shipped examples (which reach every stage with
nearly-right input). Hypothesis runs derandomized, so a failure reproduces on every run.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, assert_matches_schema, run_cli
from racompiler.api import compile_file
from racompiler.diagnostics import Span

_BASE = settings(derandomize=True, deadline=None, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def fuzz(max_examples: int) -> settings:
    """Deterministic settings with a bounded budget (the whole file runs in well under a minute)."""
    return settings(_BASE, max_examples=max_examples)

EXAMPLE_TEXTS = {p.stem: p.read_text(encoding="utf-8") for p in EXAMPLES}


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    # Module-scoped: hypothesis re-runs the test body many times within one function call.
    return tmp_path_factory.mktemp("fuzz")


def _assert_span(span: Span, what: str) -> None:
    assert isinstance(span.file, str) and span.file, what
    assert span.line >= 1 and span.column >= 1, f"{what}: bad start {span}"
    assert (span.end_line, span.end_column) >= (span.line, span.column), f"{what}: end before start {span!r}"


def assert_compiles_without_crash(data: str | bytes, workdir: Path, name: str = "fuzz.ra") -> None:
    """Compile ``data`` as an RA file: no exception, no RA901, every span sane."""
    path = workdir / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        # surrogatepass: st.text() may draw lone surrogates, which are still bytes a file can hold
        path.write_bytes(data.encode("utf-8", "surrogatepass"))
    result = compile_file(str(path))
    for d in result.diagnostics:
        assert d.code != "RA901", f"internal error on input {data!r:.300}: {d.message}"
        _assert_span(d.span, f"{d.code} {d.message}")
        for rel in d.related:
            _assert_span(rel.span, f"{d.code} related '{rel.message}'")


# --- 1. arbitrary text ----------------------------------------------------------------------

@fuzz(120)
@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126) | st.sampled_from("\n\t"),
               max_size=400))
def test_printable_text(workdir, text):
    assert_compiles_without_crash(text, workdir)


@fuzz(120)
@given(st.text(max_size=300))
def test_arbitrary_unicode(workdir, text):
    assert_compiles_without_crash(text, workdir)


@fuzz(60)
@given(st.binary(max_size=300))
def test_arbitrary_bytes(workdir, data):
    assert_compiles_without_crash(data, workdir)


# --- 2. token soup --------------------------------------------------------------------------

TOKENS = [
    "{", "}", "[", "]", "(", ")", "=", "+=", "-=", "..", ",", ".", '"', '"""', "\n", "#", "//",
    "import", "extends", "true", "false", "null", "128 GiB", "10 Gbps", "2 TB", "0", "-1", "3",
    "1.5", "1e400", "99999999999999999999999", '"x"', '"10.0.0.0/8"', '"a\\qb"',
    "component", "role", "network", "hardware", "parameter", "configure", "interface",
    "architecture", "output", "interop", "connect", "openstack", "nova", "a", "b", "server",
    "count", "runs", "provides", "requires", "type", "default", "range", "min", "max", "cidr",
    "vlan", "networks", "value", "int", "string", "enum", "optional", "many", "\u00e9", "\u202e",
]


@fuzz(200)
@given(st.lists(st.sampled_from(TOKENS), max_size=80), st.sampled_from([" ", "\n", ""]))
def test_token_soup(workdir, tokens, sep):
    assert_compiles_without_crash(sep.join(tokens), workdir)


# --- 3. plausible RA (reaches the semantic stages) ------------------------------------------
# Blocks of the right kinds with their own keys and a small shared pool of names. In "clean" mode
# every key appears once with a well-typed value, so the input decodes and the later stages
# (resolver, rules, graph: cycles, missing providers, counts) are reached; in "sloppy" mode
# values of any type, unknown keys and repeated keys are mixed in. Non-recursive: cheap to draw.

COMPS, IFACES, CROLES = ["c1", "c2", "c3"], ["i1", "i2", "i3"], ["s", "t"]
NETS, ROLES, PARAMS, HWS, OUTS = ["n1", "n2"], ["r1", "r2"], ["p1", "p2"], ["h1", "h2"], ["o1", "o2"]


def _pick(pool: list[str]) -> st.SearchStrategy[str]:
    return st.sampled_from(pool)


def _list_of(item: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.lists(item, max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]")


_small = st.sampled_from(["0", "1", "1", "2", "3", "3", "5"])
_count = _small | st.just("1000000000")
_any = st.sampled_from(["-1", "1.5", "1e308", "9007199254740993", '"x"', "true", "128 GiB", "10 Gbps",
                        "1..3", "[]", "{}", "zz", "c1.s", "optional(i1)"])
_iface_ref = _pick(IFACES) | _pick(IFACES).map(lambda i: f"optional({i})") | _pick(IFACES).map(lambda i: f"many({i})")
_runs = _list_of(_pick([f"{c}.{r}" for c in COMPS for r in CROLES] + ["c1.zz", "keystone.server", "nova.compute"]))
_typed = st.sampled_from([("int", "3"), ("int", "0"), ("float", "2.5"), ("string", '"x"'), ("bool", "true"),
                          ("size", "128 GiB"), ("bandwidth", "10 Gbps"), ("cidr", '"10.0.0.0/8"'),
                          ("list(int)", "[1, 2]"), ("enum(x, y)", "x"), ("enum(x, y)", "z"),
                          ("map(string)", '{a = "b"}'), ("int", '"3"'), ("list(list(int))", "[[1]]"), ("nonsense", "1")])


# kind -> (labels, required keys, optional keys, nested blocks). Values are mostly well-typed, with
# a few wrong ones (out of range, wrong unit, bad CIDR) so that type and constraint checks run too.
# A required "type" key (attributes, parameters) is drawn together with its default from _typed.
_SCHEMA: dict[str, tuple] = {
    "interface": (_pick(IFACES), {}, {}, []),
    "component": (_pick(COMPS), {}, {"provides": _list_of(_pick(IFACES)), "requires": _list_of(_iface_ref)},
                  ["crole", "attribute"]),
    "crole": (_pick(CROLES), {}, {"min": _small, "max": _small, "quorum": _pick(["true", "false"]),
                                  "ports": _list_of(_pick(["22", "80", "443"])),
                                  "after": _list_of(_pick(CROLES))}, []),
    "attribute": (_pick(["a", "b"]), {"type": None}, {"range": _pick(["1..10", "10..1", "0..0"])}, []),
    "parameter": (_pick(PARAMS), {"type": None}, {"range": _pick(["1..10", "10..1"])}, []),
    "network": (_pick(NETS), {"cidr": _pick(['"10.0.0.0/24"', '"10.0.0.0/16"', '"10.0.0.1/24"', '"::1/200"',
                                             '"fd00::/64"', '"x"'])},
                {"vlan": _pick(["1", "4094", "4095", "0"]), "mtu": _pick(["1500", "9000", "10"]),
                 "purpose": _pick(["management", "public", "storage", "zz"]),
                 "gateway": _pick(['"10.0.0.1"', '"192.168.0.1"', '"x"'])}, []),
    "hardware": (_pick(HWS), {}, {"cores": _count, "memory": _pick(["32 GiB", "1 Gbps", "0 GiB"]),
                                  "raid": _pick(["raid1", "jbod", "zz"])}, ["disk", "nic"]),
    "disk": (_pick(["d1", ""]), {}, {"count": _count, "size": _pick(["1 TB", "10 Gbps"]),
                                     "type": _pick(["ssd", "hdd", "zz"])}, []),
    "nic": (st.just(""), {}, {"count": _count, "speed": _pick(["10 Gbps", "1 TB"])}, []),
    "role": (_pick(ROLES), {"count": _count | _pick(PARAMS)},
             {"hardware": _pick(HWS + ["h9"]), "networks": _list_of(_pick(NETS)), "runs": _runs,
              "spread": _pick(["rack", "zz"])}, []),
    "configure": (_pick(COMPS + ["nova"]), {}, {"a": _any, "b": _any, "cpu_allocation_ratio": _pick(["2.0", "x"])}, []),
    "connect": (_pick(COMPS), {}, {i: _pick(COMPS + ["nope"]) for i in IFACES}, []),
    "output": (_pick(OUTS), {"value": _pick(["roles.r1.count", "c1.s.count", "params.p1",
                                                      "nova.cpu_allocation_ratio", "zz.y"])}, {}, []),
}


@st.composite
def ra_block(draw, kind: str, sloppy: bool, label: str | None = None) -> str:
    """One block of ``kind``; ``label`` overrides the drawn name (to avoid duplicate definitions)."""
    labels, required, optional, nested = _SCHEMA[kind]
    keys = dict(required)
    if "type" in keys:  # the default must (mostly) match the declared type: draw them together
        type_name, default = draw(_typed)
        keys = {"type": st.just(type_name), "default": st.just(default)}
    keys.update({k: v for k, v in optional.items() if draw(st.booleans())})
    lines = [f"  {k} = {draw(v)}" for k, v in keys.items()]
    if sloppy:
        extra = draw(st.lists(st.tuples(_pick(["bogus", *optional]), _pick(["=", "+=", "-="]), _any),
                              max_size=3))
        lines += [f"  {k} {op} {v}" for k, op, v in extra]
        if draw(st.booleans()) and lines:
            lines.pop(draw(st.integers(0, len(lines) - 1)))  # drop a (maybe required) key
    for sub in nested:  # a component needs at least one role; the rest is optional
        low = 0 if sub != "crole" else (1 if sloppy else 2)  # clean: every component has roles s and t
        for i in range(draw(st.integers(low, 2))):
            lines.append(draw(ra_block(sub, sloppy, CROLES[i] if sub == "crole" and not sloppy else None)))
    word = "role" if kind == "crole" else kind
    return f"{word} {label or draw(labels)} {{\n" + "\n".join(lines) + "\n}"


# Clean mode defines every name the drawn blocks may refer to, so most inputs resolve.
_PRELUDE = "\n".join(
    [f"interface {i} {{}}" for i in IFACES]
    + [f'network {n} {{\n  cidr = "10.{k}.0.0/16"\n}}' for k, n in enumerate(NETS)]
    + [f"hardware {h} {{\n  cores = 4\n}}" for h in HWS]
    + [f"parameter {p} {{\n  type = int\n  default = 3\n}}" for p in PARAMS]
)
_DRAWN_KINDS = ["component", "role", "configure", "connect", "output"]


@fuzz(130)
@given(st.booleans(), st.booleans(),
       st.lists(st.sampled_from(sorted(k for k in _SCHEMA if k not in ("crole", "disk", "nic", "attribute"))),
                min_size=1, max_size=12),
       st.lists(st.sampled_from(_DRAWN_KINDS), max_size=6),
       st.data())
def test_plausible_ra(workdir, with_catalog, sloppy, kinds, clean_kinds, data):
    if sloppy:
        blocks = [data.draw(ra_block(kind, sloppy)) for kind in kinds]
    else:
        # The n-th block of a kind gets the n-th name of its pool: few duplicate definitions.
        seen: dict[str, int] = {}
        blocks = [_PRELUDE]
        for kind in ["component", "component", "role", *clean_kinds]:
            seen[kind] = seen.get(kind, -1) + 1
            pool = {"component": COMPS, "role": ROLES, "output": OUTS}.get(kind)
            blocks.append(data.draw(ra_block(kind, sloppy, pool[seen[kind] % len(pool)] if pool else None)))
    header = "import openstack\n" if with_catalog else ""
    assert_compiles_without_crash(header + "\n".join(blocks) + "\n", workdir)


# --- 4. mutations of the shipped examples ---------------------------------------------------

def _apply(text: str, op: tuple) -> str:
    """Apply one mutation; positions are fractions so they fit any (already mutated) text."""
    kind, f1, f2, ch = op
    lines = text.split("\n")
    i, j = int(f1 * len(lines)) % len(lines), int(f2 * len(lines)) % len(lines)
    pos = int(f1 * len(text)) if text else 0
    if kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, lines[i])
    elif kind == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "move":
        lines.insert(j, lines.pop(i))
    elif kind == "flip":
        return text[:pos] + ch + text[pos + 1:]
    elif kind == "insert":
        return text[:pos] + ch + text[pos:]
    elif kind == "truncate":
        return text[:pos]
    return "\n".join(lines)


_fraction = st.floats(0, 1, exclude_max=True, allow_nan=False)
_char = st.sampled_from(list('{}[]()=.,"#\n 0x-+') + ["\u00e9", "..", '"""', "}}", "{{"]) | st.characters()
_mutation = st.tuples(st.sampled_from(["delete", "duplicate", "swap", "move", "flip", "insert", "truncate"]),
                      _fraction, _fraction, _char)


@fuzz(200)
@given(st.sampled_from(sorted(EXAMPLE_TEXTS)), st.lists(_mutation, min_size=1, max_size=5))
def test_mutated_examples(workdir, example, mutations):
    text = EXAMPLE_TEXTS[example]
    for op in mutations:
        text = _apply(text, op)
    assert_compiles_without_crash(text, workdir)


def test_mutation_helper_really_mutates():
    text = "a\nb\nc"
    assert _apply(text, ("delete", 0.0, 0.0, "")) == "b\nc"
    assert _apply(text, ("duplicate", 0.5, 0.0, "")) == "a\nb\nb\nc"
    assert _apply(text, ("swap", 0.0, 0.9, "")) == "c\nb\na"
    assert _apply(text, ("flip", 0.0, 0.0, "X")) == "X\nb\nc"
    assert _apply(text, ("truncate", 0.5, 0.0, "")) == "a\n"


# --- 5. the nastiest mutations through the real command line --------------------------------

def _nasty_inputs() -> dict[str, str]:
    dell = EXAMPLE_TEXTS["dell_openstack"]
    ha = EXAMPLE_TEXTS["ha_openstack"]
    hadoop = EXAMPLE_TEXTS["hadoop_cluster"]
    first_quote = dell.index('"')
    return {
        "unterminated-string": dell[: first_quote + 5],
        "no-closing-braces": dell.replace("}", ""),
        "no-opening-braces": ha.replace("{", ""),
        "every-line-twice": "\n".join(line for line in hadoop.split("\n") for _ in range(2)),
        "file-twice": hadoop + "\n" + hadoop,
        "halves-swapped": ha[len(ha) // 2:] + ha[: len(ha) // 2],
        "assign-ops-scrambled": dell.replace(" = ", " -= ").replace("[", "(").replace("]", ")"),
        "rtl-and-bom": "\ufeff" + hadoop.replace("hdfs", "hd\u202efs"),
    }


NASTY = _nasty_inputs()


@pytest.fixture(scope="module")
def nasty_files(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("nasty")
    paths = []
    for name, text in sorted(NASTY.items()):
        path = folder / f"{name}.ra"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.parametrize("fmt", ["human", "json", "sarif", "github"])
def test_nasty_mutations_through_cli(nasty_files, fmt):
    # One process for all files (``check`` takes several): a real run of every renderer.
    proc = run_cli("check", "--format", fmt, *map(str, nasty_files), cwd=nasty_files[0].parent)
    assert proc.returncode in (0, 1), proc.stderr.decode()
    out = (proc.stdout + proc.stderr).decode()
    assert "Traceback" not in out and "RA901" not in out, out
    if fmt == "json":
        doc = json.loads(proc.stdout)
        assert_matches_schema(doc, "check")
        # Every mutation breaks the file, and each one must be reported, not silently accepted.
        reported = {Path(d["span"]["file"]).name for d in doc["diagnostics"] if d["severity"] == "error"}
        assert reported == {p.name for p in nasty_files}
        assert proc.returncode == 1
    elif fmt == "sarif":
        assert json.loads(proc.stdout)["runs"][0]["results"]
