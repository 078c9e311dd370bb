"""The save validations of Crowbar's barclamps beyond role counts, checked at build time (RA630).

When a proposal is saved, Crowbar's ``validate_proposal_after_save`` (``<bc>_service.rb``)
refuses it if, for example, ironic's network is missing or manila's generic back end lacks its
service instance settings. ``mapping.yaml`` restates those checks as data (``save_checks``, per
flavour); this module applies them to the proposals the build writes, reports each failure at the
RA fact behind it, and writes the one thing a check needs that is not an RA fact (swift's tempurl
middleware for ironic's ``direct`` deploy interface).
"""

from __future__ import annotations

from typing import Any

from racompiler.diagnostics import DiagnosticSink, Related, Span, codes
from racompiler.semantic.model import Model, Value
from racompiler.targets.crowbar import data
from racompiler.targets.crowbar.attributes import set_path, split_path
from racompiler.targets.crowbar.proposals import Proposal
from racompiler.targets.ledger import explicit


def _empty(value: Any) -> bool:
    """Crowbar's ``.empty?`` test; an absent (nil) value fails it too (Ruby raises)."""
    return value is None or (hasattr(value, "__len__") and len(value) == 0)


def _lookup(tree: Any, path: str) -> Any:
    """The value at dotted ``path``; None (Ruby's nil) when a step is absent."""
    for part in split_path(path):
        if isinstance(tree, dict) and part in tree:
            tree = tree[part]
        elif isinstance(tree, list) and isinstance(part, int) and part < len(tree):
            tree = tree[part]
        else:
            return None
    return tree


class SaveChecks:
    """Applies ``save_checks`` of one flavour to the built proposals."""

    def __init__(self, model: Model, flavour: str, sink: DiagnosticSink) -> None:
        table = data.mapping()
        self.model, self.flavour, self.sink = model, flavour, sink
        self.components: dict[str, dict[str, Any]] = table["components"]
        self.checks: dict[str, dict[str, Any]] = (table.get("save_checks") or {}).get(flavour) or {}
        self.network_bc = table["network"]["barclamp"].get(flavour)
        self.exclusive: list[list[str]] = (table.get("exclusive_roles") or {}).get(flavour) or []

    def run(self, proposals: list[Proposal]) -> None:
        by_comp = {p.component: p for p in proposals if p.component}
        network = next((p for p in proposals if not p.component and p.barclamp == self.network_bc), None)
        for prop in proposals:
            self._exclusive(prop)
            rule = self.checks.get(prop.component)
            if not rule:
                continue
            if "network" in rule:
                self._network(prop, rule["network"], network)
            for attr in rule.get("non_empty", ()):
                if _empty(_lookup(prop.attributes, attr)):
                    self._refuse(prop, f"attributes.{prop.barclamp}.{attr} is empty",
                                 self.model.run_span(prop.component),
                                 hint=f"racompiler should keep the template's {attr}: report this as a bug")
            if "when_enabled" in rule:
                self._when_enabled(prop, rule["when_enabled"], by_comp)
            if "list" in rule:
                self._list(prop, rule["list"], by_comp)

    # -- helpers ----------------------------------------------------------------------------------
    def _refuse(self, prop: Proposal, why: str, where: Span, hint: str | None = None,
                related: list[Related] | None = None) -> None:
        self.sink.report(codes.RA630, f"crowbar ({self.flavour}): Crowbar would refuse to save the "
                         f"'{prop.barclamp}' proposal: {why}", where, hint=hint, related=related or [])

    def _ra_value(self, comp: str, path: str) -> tuple[str, Value] | None:
        """The RA attribute of ``comp`` the mapping writes to ``path`` of its proposal, and its value."""
        for name, per in sorted((self.components[comp].get("attributes") or {}).items()):
            if any(e.get("path") == path for e in per.get(self.flavour) or ()):
                value = self.model.config.get(comp, {}).get(name)
                if value is not None:
                    return name, value
        return None

    def _fact(self, comp: str, path: str, fallback: Span) -> tuple[Span, str, list[Related]]:
        """Where to report a proposal value that comes from ``comp``'s attribute at ``path``: the
        value's span when the RA sets it, else ``fallback`` with a note on the catalog default."""
        found = self._ra_value(comp, path)
        if found is None:
            return fallback, f"{comp} (template)", []
        name, value = found
        if explicit(value) and value.chain:
            return value.chain[-1].span, f"{comp}.{name} = {value.value}", []
        return fallback, f"{comp}.{name} = {value.value} (catalog default)", []

    # -- the checks -------------------------------------------------------------------------------
    def _exclusive(self, prop: Proposal) -> None:
        """A node in two roles of an ``exclusive_roles`` group (ceph-mds and ceph-osd): Crowbar's
        role_constraints ("conflicts_with") refuse the proposal. Reported at the second role."""
        if not prop.component:
            return
        roles = self.components[prop.component]["roles"]
        by_role: dict[str, dict[str, str]] = {}  # the second role -> node -> the role it held first
        for node, first, cb_role in data.exclusive_clashes(prop.deployment["elements"], self.exclusive):
            by_role.setdefault(cb_role, {})[node] = first
        for cb_role, firsts in by_role.items():
            clash = sorted(firsts)
            comp_role = next((r for r, e in roles.items() if e.get(self.flavour) == cb_role), None)
            where = self.model.run_span(prop.component, comp_role) if comp_role else \
                self.model.run_span(prop.component)
            self._refuse(prop, f"node(s) {', '.join(clash)} would hold both '{firsts[clash[0]]}' and '{cb_role}', "
                         "which Crowbar gives a node only one of", where,
                         hint=f"run {prop.component}.{comp_role or cb_role} on another node role")

    def _network(self, prop: Proposal, name: str, network: Proposal | None) -> None:
        networks = network.attributes.get("networks", {}) if network is not None else {}
        if name in networks:
            return
        self._refuse(prop, f"the network proposal has no '{name}' network (attributes.network.networks.{name})",
                     self.model.run_span(prop.component),
                     hint=f"the {self.flavour} network template has no '{name}' network and no RA network purpose "
                          f"lands on one, so network.json cannot carry it: add an '{name}' network to the admin "
                          "server's network definition (/etc/crowbar/network.json) before installing it and "
                          f"create the {prop.barclamp} proposal in Crowbar, or deploy {prop.component} with "
                          "another target")

    def _when_enabled(self, prop: Proposal, rule: dict[str, Any], by_comp: dict[str, Proposal]) -> None:
        enabled = _lookup(prop.attributes, rule["list"]) or []
        if rule["value"] not in enabled:
            return
        why = f"{rule['list']} holds '{rule['value']}' (the template's)"
        runs = self.model.run_span(prop.component)
        needs = by_comp.get(rule["needs"])
        if needs is None:
            self._refuse(prop, f"{why}, which needs a {rule['needs']} proposal, and the RA does not deploy "
                         f"{rule['needs']}", runs,
                         hint=f"run {rule['needs']}'s roles on some node role and set "
                              f"{rule['store']}.{rule['store_path']} = {rule['store_value']}")
        else:
            # Not an RA fact: what the enabled deploy interface needs of the other proposal.
            set_path(needs.attributes, split_path(rule["enable"]), True)
        store = by_comp.get(rule["store"])
        if store is None:
            return  # the missing reference is RA629 already
        if _lookup(store.attributes, rule["store_path"]) == rule["store_value"]:
            return
        at, what, related = self._fact(rule["store"], rule["store_path"], runs)
        if at != runs:
            related = [Related(runs, f"{prop.component} runs here")]
        self._refuse(prop, f"{why}, which needs {rule['store']}'s {rule['store_path']} = {rule['store_value']}; "
                     f"the RA gives {what}", at, related=related,
                     hint=f"set {rule['store']}.{rule['store_path']} = {rule['store_value']} (and deploy "
                          f"{rule['needs']})")

    def _list(self, prop: Proposal, rule: dict[str, Any], by_comp: dict[str, Proposal]) -> None:
        runs = self.model.run_span(prop.component)
        at, what, related = self._fact(prop.component, rule["path"], runs)
        for i, entry in enumerate(_lookup(prop.attributes, rule["path"]) or []):
            driver = entry.get(rule["driver"])
            spec = (rule.get("drivers") or {}).get(driver)
            if not spec:
                continue
            settings = entry.get(driver) or {}
            label = f"{rule['path']}.{i} ({rule['driver']} {driver}, from {what})"
            missing = [s for s in spec.get("required", ()) if _empty(settings.get(s))]
            alternatives = spec.get("one_of") or []
            if missing or (alternatives and all(_empty(settings.get(s)) for s in alternatives)):
                need = missing + ([" or ".join(alternatives)] if alternatives and all(
                    _empty(settings.get(s)) for s in alternatives) else [])
                self._refuse(prop, f"{label} leaves " + ", ".join(need) + " empty", at, related=related,
                             hint=f"the RA language has no place for the {driver} back end's settings: fill them in "
                                  f"the {prop.barclamp} proposal in Crowbar before saving it, or choose another "
                                  f"back end")
            flag = spec.get("flag")
            if flag and settings.get(flag):
                other = by_comp.get(spec["of"])
                nodes = other.deployment["elements"].get(spec["role"], []) if other is not None else []
                if not nodes:
                    roles = (self.components.get(spec["of"]) or {}).get("roles") or {}
                    source = next((r for r, e in roles.items() if e.get(self.flavour) == spec["role"]), None)
                    self._refuse(prop, f"{label} has {flag} true, which needs nodes in the '{spec['role']}' role "
                                 f"of the {spec['of']} proposal, and " + (
                                     f"the RA does not deploy {spec['of']}" if other is None else
                                     f"the RA runs no {spec['of']}.{source}" if source else
                                     f"no {spec['of']} role of the catalog maps to '{spec['role']}'"),
                                 at, related=related,
                                 hint=(f"run {spec['of']}.{source} on a node role" if source else
                                       f"add '{spec['role']}' nodes to the {spec['of']} proposal in Crowbar before "
                                       f"saving the {prop.barclamp} proposal") + ", or choose another back end")
