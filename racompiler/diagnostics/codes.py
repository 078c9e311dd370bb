"""The registry of diagnostic codes.

Codes are stable: tooling matches on them. A code is never reused for another meaning; a retired
code stays here marked as such. Every code has a fixture under ``tests/fixtures/errors/`` and an
entry in ``docs/diagnostics.md`` (both enforced by tests). Each code is a constant of this module
(``codes.RA401 == "RA401"``); the package reports with the constants.

Families: RA1xx syntax, RA2xx names and imports, RA3xx types and values, RA4xx graph,
RA5xx domain rules, RA6xx target feasibility, RA8xx output folder, RA9xx internal.
"""

from __future__ import annotations

from typing import Final

from racompiler.records import record


@record
class CodeInfo:
    """A registered code: its default severity and a one-line title (SARIF's rule name)."""

    code: str
    severity: str
    title: str


CODES: dict[str, CodeInfo] = {}
"""Every registered code, by code, in registration (family) order."""


def _c(code: str, severity: str, title: str) -> str:
    """Register ``code`` and return it, so each code is also a module constant: callers write
    ``codes.RA401`` (checked by mypy and at import) instead of a ``"RA401"`` literal that a typo
    would only break at run time. The constants are plain ``str``: equal to the literal, so JSON,
    SARIF and tests that compare with ``"RA401"`` are unchanged."""
    if code in CODES:
        raise ValueError(f"diagnostic code {code} registered twice")
    CODES[code] = CodeInfo(code, severity, title)
    return code


# RA1xx: reading and parsing
RA101: Final = _c("RA101", "error", "syntax error: unexpected token")
RA102: Final = _c("RA102", "error", "syntax error: unexpected character")
RA103: Final = _c("RA103", "error", "unclosed block or list")
RA104: Final = _c("RA104", "error", "file cannot be read (missing, unreadable, binary or not UTF-8)")
RA105: Final = _c("RA105", "error", "file too large")
RA106: Final = _c("RA106", "error", "blocks or values nested too deeply")
RA107: Final = _c("RA107", "error", "invalid literal (number out of range, bad escape)")
RA108: Final = _c("RA108", "warning", "file is empty")
RA109: Final = _c("RA109", "error", "too many syntax errors; stopped reporting")
# RA120-RA129: the configuration file and suppression comments
RA120: Final = _c("RA120", "error", "configuration file cannot be used (unreadable, not TOML, or no racompiler table)")
RA121: Final = _c("RA121", "error", "unknown key in the configuration file")
RA122: Final = _c("RA122", "error", "invalid value in the configuration file")
RA123: Final = _c("RA123", "warning", "suppression comment suppresses nothing")
RA124: Final = _c("RA124", "warning", "malformed suppression comment")
# RA2xx: names, imports, modules
RA201: Final = _c("RA201", "error", "undefined name")
RA202: Final = _c("RA202", "error", "duplicate definition")
RA203: Final = _c("RA203", "error", "module not found")
RA204: Final = _c("RA204", "error", "import cycle")
RA205: Final = _c("RA205", "error", "import escapes the search roots")
RA206: Final = _c("RA206", "warning", "unused parameter")
RA210: Final = _c("RA210", "error", "overlay changes something the base does not define")
RA211: Final = _c("RA211", "error", "overlay changes a sealed value")
RA212: Final = _c("RA212", "error", "extends cycle")
RA213: Final = _c("RA213", "error", "modify or remove outside an overlay")
RA214: Final = _c("RA214", "error", "list removal names an item the list does not hold")
RA215: Final = _c("RA215", "error", "a file extends more than one base")
# RA3xx: keys, types and values
RA301: Final = _c("RA301", "error", "unknown key or block")
RA302: Final = _c("RA302", "error", "missing required key")
RA303: Final = _c("RA303", "error", "type mismatch")
RA304: Final = _c("RA304", "error", "constraint violated")
RA305: Final = _c("RA305", "error", "invalid CIDR or IP address")
RA306: Final = _c("RA306", "error", "overlapping subnets")
RA307: Final = _c("RA307", "error", "duplicate VLAN id")
RA308: Final = _c("RA308", "error", "value beyond the compiler's limits")
RA309: Final = _c("RA309", "error", "wrong unit for this key")
RA310: Final = _c("RA310", "error", "key set twice in one block")
RA311: Final = _c("RA311", "error", "invalid type expression")
RA312: Final = _c("RA312", "error", "wrong number of labels on a block")
RA313: Final = _c("RA313", "error", "operator not allowed here")
RA316: Final = _c("RA316", "error", "unknown OpenStack release")
RA317: Final = _c("RA317", "error", "used outside the OpenStack releases it exists in")
RA318: Final = _c("RA318", "error", "invalid release range")
# RA4xx: dependency graph
RA401: Final = _c("RA401", "error", "no provider for a required interface")
RA402: Final = _c("RA402", "error", "dependency cycle")
RA403: Final = _c("RA403", "error", "several providers for an interface")
RA404: Final = _c("RA404", "error", "consumer and provider share no network")
RA405: Final = _c("RA405", "error", "connect names a component that does not provide the interface")
# RA5xx: domain rules
RA501: Final = _c("RA501", "error", "too few nodes for a component role")
RA502: Final = _c("RA502", "error", "too many nodes for a component role")
RA503: Final = _c("RA503", "error", "clustered quorum service needs an odd node count")
RA504: Final = _c("RA504", "error", "conflicting component roles on one role")
RA505: Final = _c("RA505", "warning", "configuration for a component that is not deployed")
RA506: Final = _c("RA506", "error", "output refers to something that does not exist")
RA507: Final = _c("RA507", "error", "neutron without L3 and DHCP agents")
RA508: Final = _c("RA508", "warning", "glance file store on several nodes")
RA509: Final = _c("RA509", "warning", "swift zones do not fit its replicas or storage nodes")
RA510: Final = _c("RA510", "error", "telemetry with nowhere to publish its samples")
# RA520-RA539: late binding of roles to a node inventory
RA520: Final = _c("RA520", "error", "inventory cannot be read (missing, not a regular file, too large, not YAML or JSON)")
RA521: Final = _c("RA521", "error", "inventory does not match its schema")
RA522: Final = _c("RA522", "error", "duplicate node name in the inventory")
RA523: Final = _c("RA523", "error", "duplicate MAC address in the inventory")
RA524: Final = _c("RA524", "error", "role cannot be filled: too few nodes meet its hardware profile")
RA525: Final = _c("RA525", "error", "role cannot be filled: its spread limit leaves too few nodes")
RA526: Final = _c("RA526", "error", "roles cannot all be filled together: they compete for the same nodes")
RA527: Final = _c("RA527", "warning", "spread cannot be honoured: every candidate is in one rack or zone")
RA528: Final = _c("RA528", "error", "duplicate key in an inventory mapping")
RA529: Final = _c("RA529", "error", "inventory's YAML aliases expand too far")
# RA601-RA619: the Heat target
RA601: Final = _c("RA601", "warning", "Heat: RAID level cannot be expressed by a Nova flavor")
RA602: Final = _c("RA602", "warning", "Heat: BIOS settings cannot be expressed")
RA603: Final = _c("RA603", "warning", "Heat: disks beyond the flavor's root disk cannot be expressed")
RA604: Final = _c("RA604", "warning", "Heat: NIC count and speed cannot be expressed")
RA605: Final = _c("RA605", "warning", "Heat: VLAN id cannot be set on a tenant network")
RA606: Final = _c("RA606", "warning", "Heat: spread approximated by a soft anti-affinity server group")
RA607: Final = _c("RA607", "error", "Heat: network without a CIDR")
RA608: Final = _c("RA608", "error", "Heat: name clashes with a generated HOT name")
RA609: Final = _c("RA609", "error", "Heat: role without networks")
RA610: Final = _c("RA610", "error", "Heat: bound flavors asked for without an inventory")
RA611: Final = _c("RA611", "warning", "Heat: a bmc network has no counterpart for cloud servers")
RA618: Final = _c("RA618", "error", "Heat verification unavailable: openstack-heat is not installed")
RA619: Final = _c("RA619", "error", "Heat verification failed")
# RA660-RA679: the interop target
RA660: Final = _c("RA660", "error", "interop: unknown guideline")
RA661: Final = _c("RA661", "error", "interop: program cannot be satisfied by the deployed services")
RA662: Final = _c("RA662", "error", "interop: add-on cannot be satisfied by the deployed services")
RA663: Final = _c("RA663", "error", "interop: add-on not published for the guideline")
RA664: Final = _c("RA664", "error", "interop: Tempest inventory or interop output cannot be read")
RA665: Final = _c("RA665", "warning", "interop: tests not found in the Tempest inventory")
RA666: Final = _c("RA666", "warning", "interop: the guideline does not cover the architecture's release")
RA667: Final = _c("RA667", "warning", "interop: no shipped guideline covers the architecture's release")
RA668: Final = _c("RA668", "warning", "target flavour does not serve the architecture's release")
# RA670-RA679: `racompiler interop score` and `compare` (results of a Tempest run)
RA670: Final = _c("RA670", "error", "interop: test results cannot be read")
RA671: Final = _c("RA671", "error", "interop: subunit stream truncated or corrupt")
RA672: Final = _c("RA672", "error", "interop: not a RefStack results JSON")
RA673: Final = _c("RA673", "error", "interop: build folder cannot be scored")
RA674: Final = _c("RA674", "error", "interop: the results hold no test of the guideline")
# RA620-RA639: the Crowbar target
RA620: Final = _c("RA620", "error", "Crowbar: component has no barclamp")
RA621: Final = _c("RA621", "error", "Crowbar: component role has no Crowbar role in this flavour")
RA622: Final = _c("RA622", "error", "Crowbar: attribute value has no equivalent in the barclamp")
RA623: Final = _c("RA623", "warning", "Crowbar: attribute has no equivalent in the barclamp; not injected")
RA624: Final = _c("RA624", "error", "Crowbar: too few nodes for a Crowbar role")
RA625: Final = _c("RA625", "error", "Crowbar: too many nodes for a Crowbar role")
RA626: Final = _c("RA626", "warning", "Crowbar: single-node role given several nodes; only the first is used")
RA627: Final = _c("RA627", "warning", "Crowbar: network setting cannot be expressed by the network barclamp")
RA628: Final = _c("RA628", "warning", "Crowbar: hardware requirement cannot be expressed")
RA629: Final = _c("RA629", "error", "Crowbar: proposal needs a barclamp the RA does not deploy")
RA630: Final = _c("RA630", "error", "Crowbar: the proposal would fail the barclamp's save validation")
RA633: Final = _c("RA633", "error", "Crowbar: network too small for the network barclamp's address ranges")
RA636: Final = _c("RA636", "error", "Crowbar verification: output folder unreadable or incomplete")
RA637: Final = _c("RA637", "error", "Crowbar verification unavailable: pykwalify is not installed")
RA638: Final = _c("RA638", "error", "Crowbar verification: commit order contradicts references or run_order")
RA639: Final = _c("RA639", "error", "Crowbar verification: proposal fails its schema or Crowbar's rules")
# RA640-RA659: the Ansible target
RA640: Final = _c("RA640", "error", "Ansible: component cannot be deployed by the chosen flavour")
RA641: Final = _c("RA641", "warning", "Ansible: component left to tools outside the flavour")
RA642: Final = _c("RA642", "error", "Ansible: attribute value not supported by the flavour")
RA643: Final = _c("RA643", "error", "Ansible: inventory group names collide")
RA644: Final = _c("RA644", "error", "Ansible: network too small for its node addresses")
RA645: Final = _c("RA645", "error", "Ansible: no management network shared by every node role")
RA646: Final = _c("RA646", "warning", "kolla-ansible: floating IPs need a NIC of their own")
RA658: Final = _c("RA658", "error", "Ansible verification unavailable: ansible-core is not installed")
RA659: Final = _c("RA659", "error", "Ansible verification failed")
# RA690-RA699: every target (the realisation seam and the consumption ledger)
RA690: Final = _c("RA690", "warning", "target does not realise a fact of the RA")
RA691: Final = _c("RA691", "error", "realisation mapping file is invalid")
RA692: Final = _c("RA692", "warning", "catalog default realised with another value")
# RA8xx: output folder
RA801: Final = _c("RA801", "error", "output folder contains a file the build reads")
RA802: Final = _c("RA802", "error", "target folder in the output folder was not written by racompiler")
RA803: Final = _c("RA803", "error", "output folder holds files racompiler did not write")
RA804: Final = _c("RA804", "error", "another build is writing into the output folder")
# RA9xx: internal
RA901: Final = _c("RA901", "error", "internal compiler error")
