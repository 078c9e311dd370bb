"""The resolved Model: every name bound, every default filled, every value's provenance kept.

The Model is what rules, the graph and (through the Plan) the targets see. It holds no AST
nodes, only plain values, :class:`Type` objects and :class:`Span` locations.
"""

from __future__ import annotations

from typing import Any

from racompiler.diagnostics import Related, Span
from racompiler.records import field, record
from racompiler.semantic.releases import Release, ReleaseRange
from racompiler.semantic.types import Type


@record
class Provenance:
    """One place that set a value: ``default`` (a declaration), ``set`` or ``parameter``."""

    span: Span
    action: str
    detail: str = ""

    def to_json(self) -> dict:
        return {"file": self.span.file, "line": self.span.line, "column": self.span.column,
                "action": self.action, "detail": self.detail}


@record
class Value:
    """A resolved value, its type and every place that set it, oldest first (last one wins)."""

    value: Any
    type: Type
    chain: tuple[Provenance, ...]
    param: str | None = None  # the parameter this value was set from verbatim (`count = n`), if any


def origin_notes(value: Value) -> list[Related]:
    """Notes for the places a value came through before its final setting (which is where a
    diagnostic about it points): the parameters it was read from and earlier overlay layers. A
    catalog default is left out: it is not what the user wrote."""
    notes = []
    for p in value.chain[:-1]:
        if p.action == "default":
            continue
        if p.action.startswith("parameter "):
            notes.append(Related(p.span, f"the value comes from {p.action.partition(':')[0]} ({p.detail})"))
        else:
            notes.append(Related(p.span, f"set earlier here ({p.detail}); a later setting overrides it"))
    return notes


@record
class Interface:
    name: str
    doc: str
    extends: str | None
    span: Span


@record
class AttributeSpec:
    name: str
    doc: str
    type: Type
    default: Any | None
    range: tuple[float, float] | None
    allowed: tuple | None
    pattern: str | None
    span: Span
    name_span: Span | None = None
    # Conditional requirements: (value, interface, span of the declaration); when the component's
    # setting of this attribute equals ``value``, the component requires ``interface``.
    requires: tuple[tuple[Any, str, Span], ...] = ()
    # The OpenStack releases the attribute exists in (None: every release), and those of some of
    # its values: (value, range, span of the declaration).
    releases: ReleaseRange | None = None
    value_releases: tuple[tuple[Any, ReleaseRange, Span], ...] = ()

    def value_range(self, value: Any) -> tuple[ReleaseRange, Span] | None:
        """The releases ``value`` of this attribute exists in, when the catalog restricts them."""
        return next(((rng, span) for v, rng, span in self.value_releases if v == value), None)


@record
class Requirement:
    interface: str
    cardinality: str  # "one", "optional", "many"
    span: Span
    # For a requirement implied by a setting: why ("default_store = swift") and where the catalog
    # declares it; ``span`` is then where the value was set (the user's configure line).
    because: str = ""
    declared: Span | None = None


@record
class ComponentRole:
    component: str
    name: str
    doc: str
    min: int
    max: int | None
    quorum: bool
    after: tuple[str, ...]
    conflicts: tuple[str, ...]  # qualified "component.role"
    ports: tuple[int, ...]
    span: Span
    releases: ReleaseRange | None = None  # None: every release

    @property
    def qualified(self) -> str:
        return f"{self.component}.{self.name}"


@record
class Component:
    name: str
    doc: str
    interop_project: str | None
    provides: tuple[str, ...]
    requires: tuple[Requirement, ...]
    roles: dict[str, ComponentRole]
    attributes: dict[str, AttributeSpec]
    span: Span
    releases: ReleaseRange | None = None  # None: every release


@record
class Parameter:
    name: str
    spec: AttributeSpec
    value: Value


# What a network's purpose means to the targets: the networks that reach the outside (public APIs,
# floating IPs, external VIPs), and the ones that carry the internal APIs and host management,
# in order of preference.
EXTERNAL_PURPOSES = ("external", "public")
# Which of them carries what, by preference: the public API endpoints (and their VIP) prefer a
# `public` network, floating IPs an `external` one; an RA with one such network uses it for both.
PUBLIC_API_PURPOSES = ("public", "external")
FLOATING_IP_PURPOSES = ("external", "public")
MANAGEMENT_PURPOSES = ("internal", "management", "admin", "provisioning")
# Out-of-band networks reach the nodes' management controllers (IPMI, iDRAC), never their
# operating systems: no host interface, no host address, no Neutron network.
OUT_OF_BAND_PURPOSES = ("bmc",)


@record
class Network:
    name: str
    doc: str
    cidr: str | None
    vlan: int | None
    mtu: int | None
    purpose: str | None
    gateway: str | None
    span: Span


@record
class Disk:
    name: str | None
    count: int
    size_bytes: int | None
    type: str | None
    span: Span


@record
class Nic:
    name: str | None
    count: int
    speed_mbps: int | None
    span: Span


@record
class Hardware:
    """Minimum requirements for a node; matched against a real inventory late (binding)."""

    name: str
    doc: str
    cores: int | None
    memory_bytes: int | None
    raid: str | None
    disks: tuple[Disk, ...]
    nics: tuple[Nic, ...]
    bios: dict[str, Any]
    span: Span


@record
class RoleRun:
    component: str
    role: str
    span: Span

    @property
    def qualified(self) -> str:
        return f"{self.component}.{self.role}"


@record
class Role:
    """A group of identical nodes (a node role): how many, which hardware, what runs there."""

    name: str
    doc: str
    count: Value
    hardware: str | None
    networks: tuple[str, ...]
    runs: tuple[RoleRun, ...]
    spread: str | None
    span: Span
    networks_span: Span | None = None


@record
class Switch:
    """An ``optional`` component: deployed only when ``enabled`` is true. Switched off, its
    ``runs`` entries, ``configure`` and ``connect`` blocks drop out, and so do the node roles
    that ran nothing else (``dropped_roles``)."""

    component: str
    doc: str
    enabled: Value
    span: Span
    dropped_roles: tuple[str, ...] = ()


@record
class Connection:
    consumer: str
    interface: str
    provider: str
    span: Span


@record
class Interop:
    guideline: str | None
    program: str | None
    addons: tuple[str, ...] | None  # None: not stated (derive); (): explicitly none
    span: Span
    guideline_span: Span | None = None
    program_span: Span | None = None


@record
class Output:
    name: str
    doc: str
    expression: str
    value: Any
    span: Span


@record
class RunIndex:
    """Who runs what, computed in one pass over the node roles (see :meth:`Model.run_index`).

    Stages that ask "which roles run X" or "who provides I" for every component use this
    instead of the per-call scans of :class:`Model`, which would make them quadratic.
    """

    by_component: dict[str, list[Role]]
    by_component_role: dict[tuple[str, str], list[Role]]
    first_run: dict[str, RoleRun]
    providers: dict[str, list[str]]  # interface -> deployed components providing it or a subtype

    @property
    def deployed(self) -> list[str]:
        return sorted(self.by_component)

    def roles_running(self, component: str, role: str | None = None) -> list[Role]:
        if role is None:
            return self.by_component.get(component, [])
        return self.by_component_role.get((component, role), [])


@record
class Model:
    """The whole architecture after resolution.

    Frozen: no stage after the resolver can rebind a field (its tables are filled by the resolver
    while it builds the model, and only read afterwards), so a target cannot change what the next
    target reads. Frozen and typed with it: the :class:`~racompiler.graph.plan.Plan` and the
    :class:`~racompiler.binding.result.Binding`.
    """

    name: str
    doc: str
    version: str | None
    root_file: str
    # The OpenStack release the architecture targets (None: not stated, no release checks) and
    # where it is stated.
    release: Release | None = None
    release_span: Span | None = None
    interfaces: dict[str, Interface] = field(default_factory=dict)
    components: dict[str, Component] = field(default_factory=dict)
    parameters: dict[str, Parameter] = field(default_factory=dict)
    networks: dict[str, Network] = field(default_factory=dict)
    hardware: dict[str, Hardware] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)
    config: dict[str, dict[str, Value]] = field(default_factory=dict)
    connections: dict[tuple[str, str], Connection] = field(default_factory=dict)
    switches: dict[str, Switch] = field(default_factory=dict)
    # Parameters that decide what is deployed (an optional's `when`, an if() condition): targets
    # get their value at build time, never a deploy-time knob that would change nothing else.
    structural_parameters: set[str] = field(default_factory=set)
    interop: Interop | None = None
    outputs: dict[str, Output] = field(default_factory=dict)
    # Overlays: the files layered (base first), the history of every path an overlay touched,
    # and what overlays removed (so graph errors can point at a removal).
    layers: list[str] = field(default_factory=list)
    provenance: dict[str, list[Provenance]] = field(default_factory=dict)
    removals: list[Any] = field(default_factory=list)
    # Real paths of the module files read (see Program.files): where user mappings are found.
    module_files: tuple[str, ...] = ()

    _index: Any = field(default=None, repr=False, compare=False)

    @property
    def switched_off(self) -> set[str]:
        """Optional components this architecture does not deploy (their ``when`` is false)."""
        return {name for name, s in self.switches.items() if s.enabled.value is False}

    def exists(self, releases: ReleaseRange | None) -> bool:
        """Whether something available in ``releases`` exists in the targeted release (always
        true when the architecture names no release or the catalog states no range)."""
        return self.release is None or releases is None or self.release in releases

    @property
    def root_span(self) -> Span:
        """The RA's root file, for problems of the architecture (or an output) as a whole."""
        return Span.point(self.root_file)

    @property
    def deployed(self) -> list[str]:
        """Components with at least one role run by some node role, sorted."""
        return self.run_index().deployed

    def roles_running(self, component: str, role: str | None = None) -> list[Role]:
        """Node roles that run ``component`` (or one of its roles), in declaration order."""
        return self.run_index().roles_running(component, role)

    def run_span(self, component: str, role: str | None = None) -> Span:
        """Where the architecture places ``component`` (or one of its roles): its first ``runs``
        entry, else the component's declaration."""
        idx = self.run_index()
        if role is None:
            run = idx.first_run.get(component)
            return run.span if run is not None else self.components[component].span
        for r in idx.roles_running(component, role):
            for run in r.runs:
                if run.component == component and run.role == role:
                    return run.span
        return self.components[component].span

    def component_role_count(self, component: str, role: str) -> int:
        """How many nodes run ``component.role``: the sum over the node roles that run it."""
        return sum(int(r.count.value or 0) for r in self.roles_running(component, role))

    def interface_closure(self, name: str) -> list[str]:
        """``name`` and every interface it extends, nearest first."""
        out, seen = [], set()
        while name and name not in seen and name in self.interfaces:
            out.append(name)
            seen.add(name)
            name = self.interfaces[name].extends or ""
        return out

    def run_index(self) -> RunIndex:
        """Every role-runs lookup at once, built in O(runs) and cached.

        Roles are frozen and only ever added (during resolution), so the number of roles tells
        whether the cached index is still current.
        """
        cached = self._index
        if cached is not None and cached[0] == len(self.roles):
            return cached[1]
        by_c: dict[str, list[Role]] = {}
        by_cr: dict[tuple[str, str], list[Role]] = {}
        first: dict[str, RoleRun] = {}
        for r in self.roles.values():
            for run in r.runs:
                first.setdefault(run.component, run)
                runners = by_c.setdefault(run.component, [])
                if not runners or runners[-1] is not r:
                    runners.append(r)
                by_cr.setdefault((run.component, run.role), []).append(r)
        providers: dict[str, list[str]] = {}
        for c in sorted(by_c):
            for p in self.components[c].provides:
                for i in self.interface_closure(p):
                    found = providers.setdefault(i, [])
                    if not found or found[-1] != c:
                        found.append(c)
        index = RunIndex(by_c, by_cr, first, providers)
        object.__setattr__(self, "_index", (len(self.roles), index))  # a cache, not a field
        return index

    def set_interop(self, interop: Interop) -> None:
        """The resolver's one late field: the interop block is read after the roles."""
        object.__setattr__(self, "interop", interop)

    def requirements(self, component: str) -> tuple[Requirement, ...]:
        """What ``component`` requires in this architecture: its declared requirements, plus the
        ones its settings imply (``default_store = swift`` requires ``object_store``). An implied
        requirement replaces an ``optional`` one on the same interface."""
        comp = self.components[component]
        implied: dict[str, Requirement] = {}
        config = self.config.get(component, {})
        for spec in comp.attributes.values():
            setting = config.get(spec.name)
            if not spec.requires or setting is None:
                continue
            for value, interface, declared in spec.requires:
                if setting.value == value and interface not in implied:
                    text = "true" if value is True else "false" if value is False else str(value)
                    last = setting.chain[-1]
                    if last.action == "default":
                        # The catalog's default, which the user never wrote: point at where the
                        # architecture places the component instead.
                        span, because = self.run_span(component), f"{spec.name} = {text} (the default)"
                    else:
                        span, because = last.span, f"{spec.name} = {text}"
                    implied[interface] = Requirement(interface, "one", span, because, declared)
        if not implied:
            return comp.requires
        out = [implied.pop(r.interface) if r.interface in implied and r.cardinality == "optional" else r
               for r in comp.requires]
        have = {r.interface for r in out}
        return tuple(out) + tuple(r for i, r in sorted(implied.items()) if i not in have)

    def providers_of(self, interface: str, among: list[str] | None = None) -> list[str]:
        """Components (deployed ones, or ``among``) that provide ``interface`` or a subtype."""
        if among is None:
            return list(self.run_index().providers.get(interface, ()))
        pool = among
        return [c for c in pool if any(interface in self.interface_closure(p)
                                       for p in self.components[c].provides)]
