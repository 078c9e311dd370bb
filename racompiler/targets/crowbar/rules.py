"""Crowbar's role rules that its kwalify schemas cannot express, checked at compile time.

Crowbar checks them in Ruby when a proposal is saved or committed (``role_constraints`` and
``validate_proposal_after_save``); the mapping table restates them per flavour. Counting follows
Crowbar: a ``cluster:<name>`` element counts as one.
"""

from __future__ import annotations

from typing import Any

from racompiler.diagnostics import DiagnosticSink, Related, codes
from racompiler.semantic.model import Model
from racompiler.targets.crowbar.attributes import split_path, get_path
from racompiler.targets.crowbar.proposals import Proposal


def check_roles(proposals: list[Proposal], constraints: dict[str, dict[str, Any]], flavour: str,
                model: Model, components: dict[str, dict[str, Any]], sink: DiagnosticSink) -> None:
    """Report RA624-RA626 for every Crowbar role of every proposal; may trim single-node roles."""
    for prop in proposals:
        fills = _roles_of(components[prop.component]["roles"], flavour)
        for cb_role, rule in sorted(constraints.items()):
            if cb_role in fills and cb_role in prop.deployment["element_states"]:
                _check_one(prop, cb_role, fills[cb_role], rule, flavour, model, sink)


def _roles_of(roles: dict[str, dict[str, Any]], flavour: str) -> dict[str, str]:
    """Crowbar role -> component role, for every Crowbar role this component can fill."""
    out = {}
    for ra_role, entry in roles.items():
        table = entry.get(flavour)
        for name in (table.values() if isinstance(table, dict) else [table] if table else []):
            out[name] = ra_role
    return out


def _check_one(prop: Proposal, cb_role: str, comp_role: str, rule: dict[str, Any], flavour: str,
               model: Model, sink: DiagnosticSink) -> None:
    items = prop.deployment["elements"].get(cb_role, [])
    # The RA span: the `runs` item of the first node role that fills this Crowbar role, else
    # where the component is deployed at all.
    where = model.run_span(prop.component, comp_role)
    if where == model.components[prop.component].span:
        where = model.run_span(prop.component)
    what = f"{prop.barclamp} role '{cb_role}' ({prop.component}.{comp_role})"
    n = len(items)
    if n < int(rule.get("min", 0)):
        sink.report(codes.RA624, f"{what} needs at least {rule['min']} node(s) in {flavour}; the RA gives it {n}",
                    where, hint=f"run {prop.component}.{comp_role} on a node role")
    attr = rule.get("min_attribute")
    if attr and n:
        need = get_path(prop.attributes, split_path(attr))
        if isinstance(need, int) and n < need:
            value = model.config.get(prop.component, {}).get(attr)
            at = value.chain[-1].span if value and value.chain else where
            sink.report(codes.RA624, f"{what} has {n} node(s) but {prop.component}.{attr} = {need}: Crowbar wants at "
                        f"least one node per {attr[:-1] if attr.endswith('s') else attr}", at,
                        related=[Related(where, f"{prop.component}.{comp_role} runs here")])
    limit = rule.get("max")
    if limit is not None and n > int(limit):
        if int(limit) == 1:
            _trim_to_one(prop, cb_role, rule, what, flavour, where, sink)
        else:
            sink.report(codes.RA625, f"{what} takes at most {limit} node(s) in {flavour}; the RA gives it {n}", where)


def _trim_to_one(prop: Proposal, cb_role: str, rule: dict[str, Any], what: str, flavour: str, where,
                 sink: DiagnosticSink) -> None:
    """A single-node role on several nodes: keep the first node and say that HA is lost."""
    items = prop.deployment["elements"][cb_role]
    if rule.get("cluster"):
        hint = "run pacemaker.cluster_member on that node role: Crowbar then deploys it on the whole cluster"
    else:
        hint = f"{flavour} cannot run it highly available; use one node, or another flavour"
    sink.report(codes.RA626, f"{what} runs on one node (or one pacemaker cluster) in {flavour}; the RA gives it "
                f"{len(items)}: only {items[0]} is used", where, hint=hint)
    prop.deployment["elements"][cb_role] = items[:1]
