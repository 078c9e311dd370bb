"""The registry of diagnostic codes.

Codes are stable: tooling matches on them. A code is never reused for another meaning; a retired
code stays here marked as such. Every code has a fixture under ``tests/fixtures/errors/`` and an
entry in ``docs/diagnostics.md`` (both enforced by tests).

Families: RA1xx syntax, RA2xx names and imports, RA3xx types and values, RA4xx graph,
RA5xx domain rules, RA6xx target feasibility, RA8xx output folder, RA9xx internal.
"""

from __future__ import annotations

from racompiler.records import record


@record
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
        _c("RA103", "error", "unclosed block or list"),
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
        _c("RA507", "error", "neutron without L3 and DHCP agents"),
        _c("RA508", "warning", "glance file store on several nodes"),
        _c("RA509", "warning", "swift zones do not fit its replicas or storage nodes"),
        # RA520-RA539: late binding of roles to a node inventory
        _c("RA520", "error", "inventory cannot be read (missing, not a regular file, too large, not YAML or JSON)"),
        _c("RA521", "error", "inventory does not match its schema"),
        _c("RA522", "error", "duplicate node name in the inventory"),
        _c("RA523", "error", "duplicate MAC address in the inventory"),
        _c("RA524", "error", "role cannot be filled: too few nodes meet its hardware profile"),
        _c("RA525", "error", "role cannot be filled: its spread limit leaves too few nodes"),
        _c("RA526", "error", "roles cannot all be filled together: they compete for the same nodes"),
        _c("RA527", "warning", "spread cannot be honoured: every candidate is in one rack or zone"),
        _c("RA528", "error", "duplicate key in an inventory mapping"),
        _c("RA529", "error", "inventory's YAML aliases expand too far"),
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
        _c("RA610", "error", "Heat: bound flavors asked for without an inventory"),
        _c("RA611", "warning", "Heat: a bmc network has no counterpart for cloud servers"),
        _c("RA618", "error", "Heat verification unavailable: openstack-heat is not installed"),
        _c("RA619", "error", "Heat verification failed"),
        # RA660-RA679: the interop target
        _c("RA660", "error", "interop: unknown guideline"),
        _c("RA661", "error", "interop: program cannot be satisfied by the deployed services"),
        _c("RA662", "error", "interop: add-on cannot be satisfied by the deployed services"),
        _c("RA663", "error", "interop: add-on not published for the guideline"),
        _c("RA664", "error", "interop: Tempest inventory or interop output cannot be read"),
        _c("RA665", "warning", "interop: tests not found in the Tempest inventory"),
        # RA670-RA679: `racompiler interop score` and `compare` (results of a Tempest run)
        _c("RA670", "error", "interop: test results cannot be read"),
        _c("RA671", "error", "interop: subunit stream truncated or corrupt"),
        _c("RA672", "error", "interop: not a RefStack results JSON"),
        _c("RA673", "error", "interop: build folder cannot be scored"),
        _c("RA674", "error", "interop: the results hold no test of the guideline"),
        # RA620-RA639: the Crowbar target
        _c("RA620", "error", "Crowbar: component has no barclamp"),
        _c("RA621", "error", "Crowbar: component role has no Crowbar role in this flavour"),
        _c("RA622", "error", "Crowbar: attribute value has no equivalent in the barclamp"),
        _c("RA623", "warning", "Crowbar: attribute has no equivalent in the barclamp; not injected"),
        _c("RA624", "error", "Crowbar: too few nodes for a Crowbar role"),
        _c("RA625", "error", "Crowbar: too many nodes for a Crowbar role"),
        _c("RA626", "warning", "Crowbar: single-node role given several nodes; only the first is used"),
        _c("RA627", "warning", "Crowbar: network setting cannot be expressed by the network barclamp"),
        _c("RA628", "warning", "Crowbar: hardware requirement cannot be expressed"),
        _c("RA629", "error", "Crowbar: proposal needs a barclamp the RA does not deploy"),
        _c("RA633", "error", "Crowbar: network too small for the network barclamp's address ranges"),
        _c("RA636", "error", "Crowbar verification: output folder unreadable or incomplete"),
        _c("RA637", "error", "Crowbar verification unavailable: pykwalify is not installed"),
        _c("RA638", "error", "Crowbar verification: commit order contradicts references or run_order"),
        _c("RA639", "error", "Crowbar verification: proposal fails its schema or Crowbar's rules"),
        # RA640-RA659: the Ansible target
        _c("RA640", "error", "Ansible: component cannot be deployed by the chosen flavour"),
        _c("RA641", "warning", "Ansible: component left to tools outside the flavour"),
        _c("RA642", "error", "Ansible: attribute value not supported by the flavour"),
        _c("RA643", "error", "Ansible: inventory group names collide"),
        _c("RA644", "error", "Ansible: network too small for its node addresses"),
        _c("RA645", "error", "Ansible: no management network shared by every node role"),
        _c("RA646", "warning", "kolla-ansible: floating IPs need a NIC of their own"),
        _c("RA658", "error", "Ansible verification unavailable: ansible-core is not installed"),
        _c("RA659", "error", "Ansible verification failed"),
        # RA690-RA699: every target (the realisation seam and the consumption ledger)
        _c("RA690", "warning", "target does not realise a fact of the RA"),
        _c("RA691", "error", "realisation mapping file is invalid"),
        _c("RA692", "warning", "catalog default realised with another value"),
        # RA8xx: output folder
        _c("RA801", "error", "output folder contains a file the build reads"),
        _c("RA802", "error", "target folder in the output folder was not written by racompiler"),
        _c("RA803", "error", "output folder holds files racompiler did not write"),
        _c("RA804", "error", "another build is writing into the output folder"),
        # RA9xx: internal
        _c("RA901", "error", "internal compiler error"),
    ]
)
