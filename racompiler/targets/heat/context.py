"""Shared state of one HOT build: the plan, the diagnostics sink and the names already taken."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from racompiler.diagnostics import codes

if TYPE_CHECKING:
    from racompiler.diagnostics import DiagnosticSink, Span
    from racompiler.graph.plan import Plan
    from racompiler.semantic.model import Model, Network, Role, Value
    from racompiler.targets.ledger import Ledger

HOT_VERSION = "2021-04-16"

BMC = "bmc"  # out-of-band management: no Neutron counterpart (RA611)

_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")


def sanitise(name: str) -> str:
    """A file-name-safe form of an RA name (identifiers pass through unchanged)."""
    return _UNSAFE.sub("_", name) or "ra"


def hostname_part(name: str) -> str:
    """An RA identifier as a DNS label piece: underscores become hyphens, lower case."""
    return re.sub(r"[^a-z0-9-]", "-", name.lower()).strip("-") or "node"


@dataclass
class HotBuild:
    """The template under construction, plus what every mapping step needs to know.

    ``params``/``outputs`` record which HOT names are taken and by which RA construct, so a
    clash between an RA name and a generated one is an RA608 at the RA construct's span.
    """

    plan: "Plan"
    sink: "DiagnosticSink"
    ledger: "Ledger"
    parameters: dict[str, dict] = field(default_factory=dict)
    resources: dict[str, dict] = field(default_factory=dict)
    outputs: dict[str, dict] = field(default_factory=dict)
    env_defaults: dict[str, Any] = field(default_factory=dict)
    nested: dict[str, dict] = field(default_factory=dict)  # relpath under heat/ -> template
    _owners: dict[tuple[str, str], str] = field(default_factory=dict)

    @property
    def model(self) -> "Model":
        return self.plan.model

    @property
    def ra(self) -> str:
        return sanitise(self.model.name)

    @property
    def top(self) -> str:
        """The stack template's path in the output, as ledger entries name it."""
        return f"heat/{self.ra}.yaml"

    def realised(self, key: str, where: str) -> None:
        """Record in the ledger that fact ``key`` lands at ``where`` of the stack template."""
        self.ledger.realised(key, f"{self.top}: {where}")

    def hot_network(self, net: "Network") -> bool:
        """Whether ``net`` becomes a Neutron network (it has a cidr and is not out-of-band)."""
        return net.cidr is not None and net.purpose != BMC

    def role_networks(self, role: "Role") -> list[str]:
        """The networks of ``role`` its servers get a port on, in the role's order."""
        return [n for n in role.networks if self.hot_network(self.model.networks[n])]

    def claim(self, kind: str, name: str, owner: str, span: "Span") -> bool:
        """Take HOT name ``name`` in section ``kind`` for ``owner``; RA608 when already taken."""
        key = (kind, name)
        if key in self._owners:
            self.sink.report(codes.RA608, f"{owner} would be the HOT {kind} '{name}', already taken by "
                                          f"{self._owners[key]}", span,
                             hint="rename it; the Heat target generates this name itself")
            return False
        self._owners[key] = owner
        return True

    def add_parameter(self, name: str, body: dict, owner: str, span: "Span", env_value: Any = None) -> None:
        """Declare a HOT parameter (and its ``parameter_defaults`` entry in the environment)."""
        if self.claim("parameter", name, owner, span):
            self.parameters[name] = body
            self.env_defaults[name] = body["default"] if env_value is None else env_value

    def param_ref(self, value: "Value") -> str | None:
        """The RA parameter a value was set from verbatim (``count = compute_count``), if any."""
        name = value.param
        return name if name is not None and name in self.parameters else None

    def value_expr(self, value: "Value") -> Any:
        """A HOT expression for a model value: ``get_param`` when it came from a parameter."""
        name = self.param_ref(value)
        return {"get_param": name} if name is not None else value.value
