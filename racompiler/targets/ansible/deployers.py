"""What the kolla-ansible and openstack-ansible flavours share: mapping tables, feasibility checks.

Each deployer's mapping (``targets/ansible/<deployer>/mapping.yml``) says which of its host groups
a node role joins for each component role it runs, and which components the deployer leaves to
other tools. A component the table does not know cannot be deployed by that flavour (RA640).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

from racompiler.diagnostics import DiagnosticSink, Span
from racompiler.graph.plan import Plan
from racompiler.semantic.model import Value
from racompiler.targets.ansible.render import assets_dir


@dataclass(frozen=True, slots=True)
class Mapping:
    deployer: str  # "kolla-ansible", "openstack-ansible"
    placement: dict[str, list[str]]  # "component.role" -> host groups
    outside: dict[str, str]  # component -> what the deployer does instead
    extra: dict[str, Any]  # any other table of the file

    def known(self, component: str) -> bool:
        return component in self.outside or any(k.split(".")[0] == component for k in self.placement)


@lru_cache(maxsize=None)
def load_mapping(folder: str, deployer: str) -> Mapping:
    """The mapping table shipped in ``targets/ansible/<folder>/mapping.yml``."""
    data = yaml.safe_load((assets_dir() / folder / "mapping.yml").read_text(encoding="utf-8"))
    extra = {k: v for k, v in data.items() if k not in ("placement", "outside")}
    return Mapping(deployer, data["placement"], data.get("outside", {}), extra)


def first_run_span(plan: Plan, component: str, role: str | None = None) -> Span:
    """Where the architecture places ``component`` (its first ``runs`` entry)."""
    for r in plan.model.roles.values():
        for run in r.runs:
            if run.component == component and (role is None or run.role == role):
                return run.span
    return plan.model.components[component].span


def check_components(plan: Plan, mapping: Mapping, sink: DiagnosticSink) -> list[str]:
    """Deployed components the deployer handles itself; RA640/RA641 for the others."""
    ok = []
    for comp in plan.order:
        if comp in mapping.outside:
            sink.report("RA641", f"{mapping.deployer} does not deploy '{comp}': {mapping.outside[comp]}",
                        first_run_span(plan, comp))
        elif not mapping.known(comp):
            sink.report("RA640", f"{mapping.deployer} cannot deploy component '{comp}'",
                        first_run_span(plan, comp),
                        hint="use the generic flavour (--ansible-flavor generic) for components outside "
                             f"{mapping.deployer}'s service set")
        else:
            ok.append(comp)
    for comp in ok:
        for run_role in {run.role for r in plan.model.roles.values() for run in r.runs if run.component == comp}:
            if f"{comp}.{run_role}" not in mapping.placement:
                sink.report("RA640", f"{mapping.deployer} cannot place component role '{comp}.{run_role}'",
                            first_run_span(plan, comp, run_role))
    return ok


def value_span(value: Value) -> Span:
    """Where a configured value was last set (the span an RA642 points at)."""
    return value.chain[-1].span


def unsupported_value(sink: DiagnosticSink, mapping: Mapping, component: str, attribute: str, value: Value,
                      supported: list[str]) -> None:
    """RA642: ``component.attribute = value`` has no equivalent in the deployer."""
    sink.report("RA642", f"{mapping.deployer} cannot deploy {component}.{attribute} = {value.value!r}",
                value_span(value), hint="supported here: " + ", ".join(supported))


def config(plan: Plan, component: str, attribute: str) -> Value | None:
    """The configured value of ``component.attribute`` (None when absent)."""
    return plan.model.config.get(component, {}).get(attribute)


def network_for(plan: Plan, role_networks: tuple[str, ...], purposes: tuple[str, ...]) -> str | None:
    """The first of ``role_networks`` whose purpose is in ``purposes`` (searched in that order)."""
    nets = plan.model.networks
    for purpose in purposes:
        for n in role_networks:
            if nets[n].purpose == purpose:
                return n
    return None
