"""Build one proposal per barclamp instance from the real template and the Plan.

A proposal starts as a deep copy of its barclamp's template and only existing keys are changed:
``id``, ``description``, the injected attributes, the ``*_instance`` references,
``deployment.<bc>.elements`` and ``config.environment``. Every other key (``schema-revision``,
``crowbar-revision``, ``element_order``...) stays the template's, so the schema never sees a key
it lacks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from racompiler.diagnostics import DiagnosticSink, Related, codes
from racompiler.graph.plan import Plan
from racompiler.semantic.model import Role
from racompiler.targets.crowbar import data
from racompiler.targets.crowbar.attributes import inject
from racompiler.targets.ledger import Ledger

if TYPE_CHECKING:
    from racompiler.binding.result import Binding

DEFAULT_INSTANCE = "default"


@dataclass
class Proposal:
    """One proposal being built; ``doc`` is the JSON document. ``component`` is the catalog
    component it deploys, or "" for an infrastructure barclamp (network, dell_bios)."""

    component: str
    barclamp: str
    instance: str
    doc: dict[str, Any]
    run_order: int

    @property
    def id(self) -> str:
        return self.doc["id"]

    @property
    def filename(self) -> str:
        return f"{self.barclamp}.json" if self.instance == DEFAULT_INSTANCE else f"{self.barclamp}-{self.instance}.json"

    @property
    def deployment(self) -> dict[str, Any]:
        return self.doc["deployment"][self.barclamp]

    @property
    def attributes(self) -> dict[str, Any]:
        return self.doc["attributes"][self.barclamp]


def node_names(role: Role, binding: Binding | None = None) -> list[str]:
    """The Crowbar node names of an RA node role.

    With a binding (``build --inventory``), the real nodes bound to the role, in name order:
    Crowbar names discovered nodes by FQDN, as the inventory does. Without one, deterministic
    placeholders ``<role>-1`` ... ``<role>-<count>`` stand for them (replace them before loading
    the proposals).
    """
    if binding is not None:
        return list(binding.roles.get(role.name, ()))
    return [f"{role.name}-{i}" for i in range(1, int(role.count.value or 0) + 1)]


def drop_nulls(tree: Any) -> Any:
    """``tree`` without the map entries whose value is ``null``.

    Some SOC 9 templates hold ``null`` for optional settings (``LimitNOFILE``, ``sndbuf``); an
    absent key reads the same in Chef (``nil``), and pykwalify rejects ``null`` where Ruby's
    kwalify accepts it, so the proposals carry no ``null`` at all.
    """
    if isinstance(tree, dict):
        return {k: drop_nulls(v) for k, v in tree.items() if v is not None}
    if isinstance(tree, list):
        return [drop_nulls(v) for v in tree]
    return tree


def instance_name(role_name: str, taken: set[str]) -> str:
    """A valid, unused proposal name for the instance of RA node role ``role_name``."""
    name = role_name if data.name_refusal(role_name) is None else ""
    n = 1
    while not name or name in taken:
        name, n = f"cluster{n}", n + 1
    return name


class Builder:
    """Turns a Plan into proposals for one flavour, reporting what Crowbar cannot express."""

    def __init__(self, plan: Plan, flavour: str, sink: DiagnosticSink, ledger: Ledger) -> None:
        self.plan = plan
        self.ledger = ledger
        # (proposal file, Crowbar role) -> the `run:` facts that fed it and their items.
        self.placed: dict[tuple[str, str], list[tuple[str, list[str]]]] = {}
        self.model = plan.model
        self.flavour = flavour
        self.sink = sink
        self.table = data.mapping()
        self.components: dict[str, dict[str, Any]] = self.table["components"]
        self.constraints: dict[str, dict[str, Any]] = self.table["constraints"][flavour]
        self.clusters = self._clusters()

    # -- what gets deployed --------------------------------------------------------------------
    def mapped_components(self) -> list[str]:
        """Deployed components that have a barclamp; RA620 for each one that has none."""
        out = []
        for comp in self.model.deployed:
            spec = self.components.get(comp)
            if spec and self.flavour in spec["barclamp"]:
                out.append(comp)
                continue
            decl = self.model.components[comp]
            mapped = sorted(c for c, s in self.components.items() if self.flavour in s["barclamp"])
            others = sorted((spec or {}).get("barclamp", {}).items())
            line = data.flavour_spec(self.flavour)["description"]
            why = (f"{line} has no such barclamp; " + ", ".join(f"{f} has '{bc}'" for f, bc in others)
                   if others else "Crowbar cannot deploy it")
            self.sink.report(codes.RA620, f"component '{comp}' has no Crowbar barclamp in {self.flavour}: {why}",
                             self.model.run_span(comp),
                             hint=(f"build with --crowbar-flavor {others[0][0]}; " if others else "")
                             + "components with a barclamp here: " + ", ".join(mapped),
                             related=[Related(decl.span, f"'{comp}' declared here")])
        return out

    def _clusters(self) -> dict[str, tuple[str, str]]:
        """RA node role -> (cluster component, instance) for roles that run a cluster role."""
        out: dict[str, tuple[str, str]] = {}
        for comp, spec in sorted(self.components.items()):
            member = spec.get("cluster_role")
            if not member:
                continue
            taken: set[str] = set()
            for role in self.model.roles_running(comp, member):
                name = instance_name(role.name, taken)
                taken.add(name)
                out[role.name] = (comp, name)
        return out

    def instances(self, comp: str) -> list[str]:
        spec = self.components[comp]
        if not spec.get("instance_per_role"):
            return [DEFAULT_INSTANCE]
        found = sorted({inst for c, inst in self.clusters.values() if c == comp})
        if not found:
            self.sink.report(codes.RA621, f"{comp} runs on no node role with {comp}.{spec['cluster_role']}: "
                             "Crowbar has no cluster to put it in", self.model.run_span(comp))
        return found

    # -- one proposal ----------------------------------------------------------------------------
    def build(self, comp: str, instance: str) -> Proposal:
        spec = self.components[comp]
        bc_name = spec["barclamp"][self.flavour]
        bc = data.barclamp(self.flavour, bc_name)
        fmt = data.flavour_spec(self.flavour)
        doc = drop_nulls(bc.fresh_template())
        doc["id"] = fmt["proposal_id"].format(barclamp=bc_name, instance=instance)
        doc["description"] = f"{self.model.name}: {self.model.doc}" if self.model.doc else self.model.name
        prop = Proposal(comp, bc_name, instance, doc, bc.run_order)
        prop.deployment["config"]["environment"] = f"{bc_name}-config-{instance}"
        inject(prop.attributes, comp, self.flavour, spec, self.model, bc_name, self.sink, self.ledger,
               f"crowbar/{prop.filename}")
        self._elements(prop, spec)
        return prop

    def crowbar_role(self, comp: str, role: str) -> str | None:
        """The Crowbar role of ``comp.role`` in this flavour (None, after RA621, when there is none)."""
        entry = self.components[comp]["roles"].get(role, {})
        by = entry.get("by_attribute")
        table = entry.get(self.flavour)
        if by:
            value = self.model.config.get(comp, {}).get(by)
            key = value.value if value else None
            name = (table or {}).get(key)
            if name is None:
                self.sink.report(codes.RA621, f"{comp}.{role} with {by} = {key} has no Crowbar role in {self.flavour}",
                                 self.model.run_span(comp, role),
                                 hint="supported: " + ", ".join(f"{by} = {k}" for k in sorted(table or {})),
                                 related=[Related(value.chain[-1].span, f"{by} set here")] if value and value.chain
                                 else [])
            return name
        if table is None:
            self.sink.report(codes.RA621, f"{comp}.{role} has no Crowbar role in {self.flavour}",
                             self.model.run_span(comp, role))
        return table

    def _elements(self, prop: Proposal, spec: dict[str, Any]) -> None:
        comp = prop.component
        waves = self.plan.role_waves.get(comp, [])
        elements = prop.deployment["elements"]
        for role in [r for wave in waves for r in wave]:
            cb_role = self.crowbar_role(comp, role)
            if cb_role is None:
                continue
            accepts_cluster = bool(self.constraints.get(cb_role, {}).get("cluster"))
            # A role the flavour splits differently: why the Crowbar role is only an approximation.
            approximate = ((spec.get("approximate") or {}).get(self.flavour) or {}).get(role)
            items: list[str] = []
            fed = self.placed.setdefault((prop.filename, cb_role), [])
            for ra_role in self.model.roles_running(comp, role):
                cluster = self.clusters.get(ra_role.name)
                if spec.get("instance_per_role"):
                    if not cluster or cluster[1] != prop.instance:
                        continue
                    mine = node_names(ra_role, self.plan.binding)
                elif accepts_cluster and cluster:
                    mine = [f"cluster:{cluster[1]}"]
                else:
                    mine = node_names(ra_role, self.plan.binding)
                items.extend(mine)
                key = f"run:{ra_role.name}.{comp}.{role}"
                if approximate is None:
                    fed.append((key, mine))
                else:
                    self.ledger.reported(key)  # placed, but not as the RA says: RA690 below says how
            if approximate is not None and items:
                self.sink.report(codes.RA690, f"crowbar ({self.flavour}): {comp}.{role} lands on '{cb_role}', which is "
                                 f"not what it runs in the RA: {approximate}", self.model.run_span(comp, role),
                                 hint="the proposal fills the role Crowbar requires; check the placement after import")
            # Keep order, drop duplicates: two RA roles may name the same cluster, and two catalog
            # roles may share one Crowbar role (ironic-server runs both the API and the conductor).
            elements[cb_role] = list(dict.fromkeys(elements.get(cb_role, []) + items))

    # -- references between proposals -------------------------------------------------------------
    def link(self, proposals: list[Proposal]) -> None:
        """Fill every ``*_instance`` reference; RA629 for a mandatory one whose barclamp is absent."""
        by_comp = {p.component: p for p in proposals}
        for prop in proposals:
            spec = self.components[prop.component]
            for attr in (spec.get("unused_instances") or {}).get(self.flavour, []):
                prop.attributes[attr] = ""
            # An optional reference is filled only when the RA makes the component depend on the
            # target: otherwise Crowbar would hold the commit for a proposal it does not need.
            for attr, target in sorted(((spec.get("optional_instances") or {}).get(self.flavour) or {}).items()):
                needed = target in by_comp and self.plan.graph.has_edge(target, prop.component)
                prop.attributes[attr] = by_comp[target].instance if needed else ""
            for attr, target in sorted(((spec.get("instances") or {}).get(self.flavour) or {}).items()):
                if target in by_comp:
                    prop.attributes[attr] = by_comp[target].instance
                    continue
                prop.attributes[attr] = ""
                target_bc = self.components[target]["barclamp"][self.flavour]
                self.sink.report(codes.RA629, f"the {self.flavour} barclamp '{prop.barclamp}' needs a '{target_bc}' "
                                 f"proposal ({attr}), but the RA does not deploy {target}",
                                 self.model.run_span(prop.component),
                                 hint=f"run a {target} role on some node role")

    def mark_runs(self, proposals: list[Proposal]) -> None:
        """Ledger: a `run:` fact is realised when its nodes (or cluster) are in the final elements
        of its Crowbar role; reported when a rule trimmed them all away (RA626 said so)."""
        for prop in proposals:
            elements = prop.deployment["elements"]
            for (filename, cb_role), fed in sorted(self.placed.items()):
                if filename != prop.filename:
                    continue
                final = set(elements.get(cb_role, []))
                for key, mine in fed:
                    if final & set(mine):
                        self.ledger.realised(key, f"crowbar/{filename} deployment.{prop.barclamp}.elements.{cb_role}")
                    elif mine:
                        self.ledger.reported(key)

    def build_all(self) -> list[Proposal]:
        """Every proposal, in plan order; the caller checks the sink for errors."""
        comps = self.mapped_components()
        proposals = [self.build(c, inst) for c in self.plan.order if c in comps for inst in self.instances(c)]
        self.link(proposals)
        return proposals
