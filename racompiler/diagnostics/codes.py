"""The registry of diagnostic codes.

Codes are stable: tooling matches on them. A code is never reused for another meaning; a retired
code stays here marked as such. Every code has a fixture under ``tests/fixtures/errors/`` and an
entry in ``docs/diagnostics.md`` (both enforced by tests).

Families: RA1xx syntax, RA2xx names and imports, RA3xx types and values, RA4xx graph,
RA5xx domain rules, RA6xx target feasibility, RA9xx internal.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CodeInfo:
    code: str
    severity: str
    title: str


def _c(code: str, severity: str, title: str) -> tuple[str, CodeInfo]:
    return code, CodeInfo(code, severity, title)


CODES: dict[str, CodeInfo] = dict(
    [
        # RA1xx: reading and parsing
        _c("RA101", "error", "syntax error: unexpected token"),
        _c("RA102", "error", "syntax error: unexpected character"),
        _c("RA103", "error", "unexpected end of file (unclosed block or list)"),
        _c("RA104", "error", "file cannot be read (missing, unreadable, binary or not UTF-8)"),
        _c("RA105", "error", "file too large"),
        _c("RA106", "error", "blocks or values nested too deeply"),
        _c("RA107", "error", "invalid literal (number out of range, bad escape)"),
        _c("RA108", "warning", "file is empty"),
        _c("RA109", "error", "too many syntax errors; stopped reporting"),
        # RA2xx: names, imports, modules
        _c("RA201", "error", "undefined name"),
        _c("RA202", "error", "duplicate definition"),
        _c("RA203", "error", "module not found"),
        _c("RA204", "error", "import cycle"),
        _c("RA205", "error", "import escapes the search roots"),
        _c("RA206", "warning", "unused parameter"),
        _c("RA210", "error", "overlay changes something the base does not define"),
        _c("RA211", "error", "overlay changes a sealed value"),
        _c("RA212", "error", "extends cycle"),
        _c("RA213", "error", "modify or remove outside an overlay"),
        _c("RA214", "error", "list removal names an item the list does not hold"),
        _c("RA215", "error", "a file extends more than one base"),
        # RA3xx: keys, types and values
        _c("RA301", "error", "unknown key or block"),
        _c("RA302", "error", "missing required key"),
        _c("RA303", "error", "type mismatch"),
        _c("RA304", "error", "constraint violated"),
        _c("RA305", "error", "invalid CIDR or IP address"),
        _c("RA306", "error", "overlapping subnets"),
        _c("RA307", "error", "duplicate VLAN id"),
        _c("RA308", "error", "value beyond the compiler's limits"),
        _c("RA309", "error", "wrong unit for this key"),
        _c("RA310", "error", "key set twice in one block"),
        _c("RA311", "error", "invalid type expression"),
        _c("RA312", "error", "wrong number of labels on a block"),
        _c("RA313", "error", "operator not allowed here"),
        # RA4xx: dependency graph
        _c("RA401", "error", "no provider for a required interface"),
        _c("RA402", "error", "dependency cycle"),
        _c("RA403", "error", "several providers for an interface"),
        _c("RA404", "error", "consumer and provider share no network"),
        _c("RA405", "error", "connect names a component that does not provide the interface"),
        # RA5xx: domain rules
        _c("RA501", "error", "too few nodes for a component role"),
        _c("RA502", "error", "too many nodes for a component role"),
        _c("RA503", "error", "clustered quorum service needs an odd node count"),
        _c("RA504", "error", "conflicting component roles on one role"),
        _c("RA505", "warning", "configuration for a component that is not deployed"),
        _c("RA506", "error", "output refers to something that does not exist"),
        # RA601-RA619: the Heat target
        _c("RA601", "warning", "Heat: RAID level cannot be expressed by a Nova flavor"),
        _c("RA602", "warning", "Heat: BIOS settings cannot be expressed"),
        _c("RA603", "warning", "Heat: disks beyond the flavor's root disk cannot be expressed"),
        _c("RA604", "warning", "Heat: NIC count and speed cannot be expressed"),
        _c("RA605", "warning", "Heat: VLAN id cannot be set on a tenant network"),
        _c("RA606", "warning", "Heat: spread approximated by a soft anti-affinity server group"),
        _c("RA607", "error", "Heat: network without a CIDR"),
        _c("RA608", "error", "Heat: name clashes with a generated HOT name"),
        _c("RA609", "error", "Heat: role without networks"),
        _c("RA618", "error", "Heat verification unavailable: openstack-heat is not installed"),
        _c("RA619", "error", "Heat verification failed"),
        # RA9xx: internal
        _c("RA901", "error", "internal compiler error"),
    ]
)
