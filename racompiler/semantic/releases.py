"""OpenStack releases: the ordered list, and release ranges such as ``"stein.."``.

The list is the one place that knows the order of the releases; everything else (the catalog's
``releases`` annotations, the interop guidelines' release lists, the deployer flavours) is
compared through it. Releases up to Zed have only a code name; from 2023.1 on each release has
a number (the primary identifier, ``stable/2023.1``) and a name, and either may be written.
Sources: https://releases.openstack.org/ and the TC's release identification resolution
(https://governance.openstack.org/tc/reference/release-naming.html); 2026.2 "Hibiscus" from the
2026.2 TC election announcements on openstack-announce.
"""

from __future__ import annotations

from functools import lru_cache

from racompiler.records import record
from racompiler.semantic.suggest import did_you_mean

# Oldest first. (number, name); number is None before the dated scheme (Zed and earlier).
_SERIES: tuple[tuple[str | None, str], ...] = (
    (None, "austin"), (None, "bexar"), (None, "cactus"), (None, "diablo"), (None, "essex"),
    (None, "folsom"), (None, "grizzly"), (None, "havana"), (None, "icehouse"), (None, "juno"),
    (None, "kilo"), (None, "liberty"), (None, "mitaka"), (None, "newton"), (None, "ocata"),
    (None, "pike"), (None, "queens"), (None, "rocky"), (None, "stein"), (None, "train"),
    (None, "ussuri"), (None, "victoria"), (None, "wallaby"), (None, "xena"), (None, "yoga"),
    (None, "zed"),
    ("2023.1", "antelope"), ("2023.2", "bobcat"), ("2024.1", "caracal"), ("2024.2", "dalmatian"),
    ("2025.1", "epoxy"), ("2025.2", "flamingo"), ("2026.1", "gazpacho"), ("2026.2", "hibiscus"),
)


@record(order=True)
class Release:
    """One OpenStack release; ordered by ``index`` (position in the series)."""

    index: int
    name: str  # lower-case code name
    number: str | None  # "2024.1", None before 2023.1

    @property
    def id(self) -> str:
        """The primary identifier: the number when there is one, else the name."""
        return self.number or self.name

    def __str__(self) -> str:
        return f"{self.number} ({self.name})" if self.number else self.name


RELEASES: tuple[Release, ...] = tuple(Release(i, name, number) for i, (number, name) in enumerate(_SERIES))


@lru_cache(maxsize=1)
def _by_key() -> dict[str, Release]:
    out: dict[str, Release] = {}
    for r in RELEASES:
        out[r.name] = r
        if r.number:
            out[r.number] = r
    return out


def lookup(text: str) -> Release | None:
    """The release written ``text`` (a name, any case, or a number such as ``2024.1``), or None."""
    return _by_key().get(text.strip().lower())


def unknown_hint(text: str) -> str:
    """A did-you-mean for a misspelt release, else the span of known releases."""
    return did_you_mean(text.strip().lower(), _by_key()) or \
        f"known releases: {RELEASES[0].name} to {RELEASES[-1].id} ({RELEASES[-1].name}), oldest first"


@record
class ReleaseRange:
    """Releases from ``first`` to ``last``, both inclusive; None is open on that side."""

    first: Release | None
    last: Release | None

    def __contains__(self, release: Release) -> bool:
        return (self.first is None or self.first <= release) and (self.last is None or release <= self.last)

    @property
    def text(self) -> str:
        """As written in the catalog, canonical: ``stein..``, ``..ocata``, ``grizzly..rocky``."""
        if self.first is not None and self.first == self.last:
            return self.first.id
        return f"{self.first.id if self.first else ''}..{self.last.id if self.last else ''}"

    def describe(self) -> str:
        """In words, for messages: ``since stein``, ``until ocata (removed in pike)``."""
        if self.first is not None and self.first == self.last:
            return f"only in {self.first}"
        after = RELEASES[self.last.index + 1] if self.last and self.last.index + 1 < len(RELEASES) else None
        removed = f" (removed in {after})" if after else ""
        if self.first is None and self.last is None:
            return "in every release"
        if self.first is None:
            return f"until {self.last}{removed}"
        if self.last is None:
            return f"since {self.first}"
        return f"from {self.first} to {self.last}{removed}"

    def words(self) -> str:
        """The releases in a few words: ``havana``, ``havana to rocky``, ``stein and later``."""
        if self.first is not None and self.first == self.last:
            return str(self.first)
        if self.first is not None and self.last is not None:
            return f"{self.first} to {self.last}"
        if self.first is not None:
            return f"{self.first} and later"
        return f"{self.last} and earlier" if self.last is not None else "every release"

    def advice(self) -> str:
        """What to target instead, for hints: ``target stein or later``."""
        if self.first is not None and self.first == self.last:
            return f"target {self.first.id}"
        if self.first is not None and self.last is not None:
            return f"target a release from {self.first.id} to {self.last.id}"
        if self.first is not None:
            return f"target {self.first.id} or later"
        return f"target {self.last.id} or earlier" if self.last is not None else "target any release"

    def to_json(self) -> dict:
        """``{"first": "stein", "last": null, "text": "stein.."}`` (ids; null when open)."""
        return {"first": self.first.id if self.first else None, "last": self.last.id if self.last else None,
                "text": self.text}


class RangeError(ValueError):
    """A release range that cannot be read; ``str()`` is the message, ``hint`` a suggestion."""

    def __init__(self, message: str, hint: str | None = None, unknown: bool = False) -> None:
        super().__init__(message)
        self.hint = hint
        self.unknown = unknown  # an unknown release name (RA316) rather than a malformed range (RA318)


def parse_range(text: str) -> ReleaseRange:
    """Read ``"stein.."``, ``"..ocata"``, ``"grizzly..rocky"`` or a single ``"havana"``.

    Raises :class:`RangeError` for an unknown release, a reversed or empty range, or text that
    is not a range.
    """
    if text.count("..") > 1 or not text.strip() or text.strip() == "..":
        raise RangeError(f"'{text}' is not a release range",
                         hint='write "stein.." (since), "..ocata" (until) or "grizzly..rocky" (both inclusive)')
    low, sep, high = text.partition("..")
    if not sep and lookup(text) is None and any(c in text for c in "-:,/ "):
        raise RangeError(f"'{text}' is not a release range",
                         hint='write "stein..rocky": two dots between the first and the last release')
    ends: list[Release | None] = []
    for part in (low, high) if sep else (low,):
        if not part.strip():
            ends.append(None)
            continue
        rel = lookup(part)
        if rel is None:
            raise RangeError(f"unknown OpenStack release '{part.strip()}' in range '{text}'", unknown_hint(part),
                             unknown=True)
        ends.append(rel)
    first, last = (ends[0], ends[1]) if sep else (ends[0], ends[0])
    if first is not None and last is not None and last < first:
        raise RangeError(f"release range '{text}' is empty: {last} comes before {first}",
                         hint=f'write "{last.id}..{first.id}"')
    return ReleaseRange(first, last)
