"""Well-typed RA values for the fuzzer: a value of any attribute type that meets its constraints.

The generator reads the component catalog (types, ranges, allowed values, patterns) from the
compiler's own resolved model, so a ``configure`` value it writes type-checks against the
catalog as it is today, not as a copy of it was.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Any

from fuzz_tree import q

SIZE_UNITS = ["KiB", "MiB", "GiB", "TiB", "KB", "MB", "GB", "TB"]
# Strings that stress the writers (YAML, JSON, INI, Jinja, HOT) without being invalid RA.
NASTY_STRINGS = ["x", "RegionOne", "Región Uno", "a: b", "- x", "{{ lookup('pipe', 'id') }}", "#not-a-comment",
                 "quote \" and \\ backslash", "multi\nline", "tab\there", "yes", "no", "null", "~", "0x1f",
                 "010", "1e3", "", " leading", "trailing ", "[section]", "key = value", "%(interp)s",
                 "emoji \U0001f600", "\u202eRTL", "*alias", "&anchor", "!!python/object", "@at", "`tick`",
                 "${HOME}", "$(id)", "<script>", "long" * 40]
WORDS = ["alpha", "beta", "gamma", "delta", "nova_x", "ceph2", "zone_a", "r1"]


def _clamp_range(rng_: tuple[float, float] | None, lo: float, hi: float) -> tuple[float, float]:
    return (float(rng_[0]), float(rng_[1])) if rng_ else (lo, hi)


def _string(rng: random.Random, pattern: str | None) -> str | None:
    """A string for ``pattern`` (full match), or None when no candidate fits it."""
    pool = NASTY_STRINGS if pattern is None else (
        ["/" + w for w in WORDS] + WORDS + [w.replace("_", "-") for w in WORDS] + ["", "/", "a" * 50])
    if pattern is None:
        return rng.choice(pool)
    try:
        fits = [s for s in pool if re.fullmatch(pattern, s)]
    except re.error:
        return None
    return rng.choice(fits) if fits else None


def value_for(rng: random.Random, ty: Any, rng_: tuple[float, float] | None = None,
              allowed: tuple | None = None, pattern: str | None = None) -> str | None:
    """RA text of a value of type ``ty`` (a racompiler ``Type``) within the constraints, or None."""
    if allowed:
        return literal(rng.choice(list(allowed)))
    kind = ty.kind
    if kind == "int":
        lo, hi = _clamp_range(rng_, -1000, 100000)
        lo_i, hi_i = int(-(-lo // 1)), int(hi // 1)
        if lo_i > hi_i:
            return None
        pick = rng.choice([lo_i, hi_i, rng.randint(lo_i, hi_i), rng.randint(lo_i, min(hi_i, lo_i + 10))])
        return str(pick)
    if kind == "float":
        lo, hi = _clamp_range(rng_, -1e6, 1e6)
        x = rng.choice([lo, hi, rng.uniform(lo, hi)])
        text = f"{x:.3f}"
        return text if lo <= float(text) <= hi else repr(float(lo))
    if kind == "bool":
        return rng.choice(["true", "false"])
    if kind == "enum":
        return rng.choice(list(ty.choices)) if all(c.isidentifier() for c in ty.choices) else q(rng.choice(ty.choices))
    if kind == "string":
        s = _string(rng, pattern)
        return None if s is None else q(s)
    if kind == "size":
        return f"{rng.randint(1, 4096)} {rng.choice(SIZE_UNITS)}"
    if kind == "cidr":
        return q(rng.choice(["10.1.0.0/16", "192.168.0.0/24", "fd00:1::/64", "0.0.0.0/0", "172.16.8.0/22"]))
    if kind == "ip":
        return q(rng.choice(["10.1.2.3", "192.168.0.1", "fd00::1", "::1", "255.255.255.255"]))
    if kind == "list" and ty.element is not None:
        items = [value_for(rng, ty.element) for _ in range(rng.randint(0, 3))]
        return "[" + ", ".join(i for i in items if i is not None) + "]"
    return None


def literal(v: Any) -> str:
    """A Python value (from a catalog's ``allowed`` list or default) as RA text."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return q(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(literal(x) for x in v) + "]"
    return q(str(v))


@dataclass(frozen=True)
class SimpleType:
    """The shape of racompiler's ``Type`` that :func:`value_for` reads (for user attributes)."""

    kind: str
    choices: tuple[str, ...] = ()
    element: "SimpleType | None" = None


@dataclass(frozen=True)
class UserAttr:
    """A generated user attribute: its declaration and what :func:`value_for` needs to set it."""

    type_text: str
    type: SimpleType
    default: str
    constraints: tuple[tuple[str, str], ...] = ()
    range: tuple[float, float] | None = None
    allowed: tuple | None = None
    pattern: str | None = None


def user_attribute(rng: random.Random) -> UserAttr:
    """A user attribute declaration whose default meets its own constraints."""
    choice = rng.randrange(10)
    if choice == 0:
        lo = rng.randint(-5, 50)
        hi = lo + rng.randint(0, 1000)
        return UserAttr("int", SimpleType("int"), str(rng.randint(lo, hi)), (("range", f"{lo}..{hi}"),), (lo, hi))
    if choice == 1:
        return UserAttr("float", SimpleType("float"), f"{rng.uniform(0, 10):.2f}", (("range", "0..10"),), (0, 10))
    if choice == 2:
        return UserAttr("bool", SimpleType("bool"), rng.choice(["true", "false"]))
    if choice == 3:
        return UserAttr("string", SimpleType("string"), q(rng.choice(NASTY_STRINGS)))
    if choice == 4:
        return UserAttr("string", SimpleType("string"), q(rng.choice(WORDS)), (("pattern", q("[a-z0-9_]+")),),
                        pattern="[a-z0-9_]+")
    if choice == 5:
        opts = tuple(rng.sample(["fast", "safe", "balanced", "off", "on_demand"], rng.randint(1, 4)))
        return UserAttr(f"enum({', '.join(opts)})", SimpleType("enum", opts), rng.choice(opts))
    if choice == 6:
        return UserAttr("size", SimpleType("size"), f"{rng.randint(1, 512)} {rng.choice(SIZE_UNITS)}")
    if choice == 7:
        return UserAttr("cidr", SimpleType("cidr"), q("10.99.0.0/16"))
    if choice == 8:
        items = ", ".join(q(rng.choice(NASTY_STRINGS)) for _ in range(rng.randint(0, 3)))
        return UserAttr("list(string)", SimpleType("list", element=SimpleType("string")), f"[{items}]")
    return UserAttr("int", SimpleType("int"), str(rng.choice([1, 3, 5])), (("allowed", "[1, 3, 5]"),),
                    allowed=(1, 3, 5))
