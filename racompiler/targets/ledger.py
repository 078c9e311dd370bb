"""The consumption ledger: every explicit fact of the RA reaches a target's output, or is reported.

The decoder rejects a key it does not know; the ledger is its twin at the back end. Before a
target emits, :func:`model_facts` lists every explicit fact of the model (configure values,
network fields, hardware requirements, role spread, component-role placements). While it emits,
the target marks each fact it writes into its output (:meth:`Ledger.realised`) or has already
explained with a diagnostic of its own (:meth:`Ledger.reported`). When it is done,
:meth:`Ledger.close` reports each fact left unmarked as an RA690 warning naming the target, so
nothing the architect wrote disappears without a word.

Fact keys are short strings, stable across runs:

- ``config:<component>.<attribute>``: a value the architect set (catalog defaults are not facts:
  a target either writes the catalog's value or warns, see the mapping loader);
- ``network:<name>.<field>`` for cidr, vlan, mtu, gateway, purpose;
- ``hardware:<profile>.<field>`` for cores, memory, raid, disks, nics, and ``bios.<setting>``;
- ``role:<name>.spread``;
- ``run:<role>.<component>.<component role>``: a component role placed on a node role.

A target declares the fact kinds it answers for (``LEDGER_SCOPE``): a deployer answers for all of
them; the interop target, which writes a test list, answers for none (documented in
docs/targets.md). Facts outside the scope are not reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from racompiler.binding.match import format_bytes
from racompiler.diagnostics import DiagnosticSink, Span, codes
from racompiler.semantic.model import Model, Value
from racompiler.records import record

KINDS = ("config", "network", "hardware", "role", "run")
NETWORK_FIELDS = ("cidr", "vlan", "mtu", "gateway", "purpose")


@record
class Fact:
    """One explicit statement of the RA that a target must realise or explain."""

    key: str
    label: str  # how a message names it: "nova.cpu_allocation_ratio = 8.0"
    span: Span

    @property
    def kind(self) -> str:
        return self.key.partition(":")[0]


def explicit(value: Value) -> bool:
    """Whether the architect set ``value`` (as opposed to a catalog default)."""
    return bool(value.chain) and value.chain[-1].action != "default"


def _show(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value)
    return str(value)


def model_facts(model: Model) -> list[Fact]:
    """Every explicit fact of ``model`` a deployer target is expected to realise, in a stable order."""
    facts: list[Fact] = []
    deployed = set(model.deployed)
    for comp in sorted(model.config):
        if comp not in deployed:
            continue
        for attr, value in sorted(model.config[comp].items()):
            if explicit(value):
                facts.append(Fact(f"config:{comp}.{attr}", f"{comp}.{attr} = {_show(value.value)}",
                                  value.chain[-1].span))
    used_networks = {n for r in model.roles.values() for n in r.networks}
    for name, net in sorted(model.networks.items()):
        if name not in used_networks:
            continue
        for f in NETWORK_FIELDS:
            value = getattr(net, f)
            if value is not None:
                facts.append(Fact(f"network:{name}.{f}", f"network {name}: {f} = {_show(value)}", net.span))
    used_hw = {r.hardware for r in model.roles.values() if r.hardware}
    for name, hw in sorted(model.hardware.items()):
        if name not in used_hw:
            continue
        if hw.cores is not None:
            facts.append(Fact(f"hardware:{name}.cores", f"hardware {name}: cores = {hw.cores}", hw.span))
        if hw.memory_bytes is not None:
            facts.append(Fact(f"hardware:{name}.memory", f"hardware {name}: memory = "
                              f"{format_bytes(hw.memory_bytes)}", hw.span))
        if hw.raid is not None:
            facts.append(Fact(f"hardware:{name}.raid", f"hardware {name}: raid = {hw.raid}", hw.span))
        if hw.disks:
            facts.append(Fact(f"hardware:{name}.disks", f"hardware {name}: disks", hw.disks[0].span))
        if hw.nics:
            facts.append(Fact(f"hardware:{name}.nics", f"hardware {name}: nics", hw.nics[0].span))
        for setting, value in sorted(hw.bios.items()):
            facts.append(Fact(f"hardware:{name}.bios.{setting}", f"hardware {name}: bios {setting} = "
                              f"{_show(value)}", hw.span))
    for name, role in sorted(model.roles.items()):
        if role.spread is not None:
            facts.append(Fact(f"role:{name}.spread", f"role {name}: spread = {role.spread}", role.span))
        for run in role.runs:
            facts.append(Fact(f"run:{name}.{run.qualified}", f"role {name} runs {run.qualified}", run.span))
    return facts


@dataclass
class Ledger:
    """What one target build consumed. ``label`` names the target in messages ("crowbar (suse)")."""

    label: str
    facts: dict[str, Fact]
    scope: frozenset[str] = frozenset(KINDS)
    done: dict[str, str] = field(default_factory=dict)  # key -> where it landed, or "reported"

    @classmethod
    def for_model(cls, model: Model, label: str, scope: Iterable[str] = KINDS) -> "Ledger":
        """A fresh ledger over every fact of ``model``."""
        return cls(label, {f.key: f for f in model_facts(model)}, frozenset(scope))

    def realised(self, key: str, where: str = "") -> None:
        """``key`` is written into the output (``where``: file and place, for reports)."""
        self.done.setdefault(key, where or "output")

    def reported(self, key: str) -> None:
        """``key`` cannot be realised and the target said so with a diagnostic of its own."""
        self.done[key] = "reported"

    def reported_prefix(self, prefix: str) -> None:
        for key in self.facts:
            if key.startswith(prefix):
                self.reported(key)

    def reported_runs(self, component: str) -> None:
        """Every placement of ``component`` is explained (e.g. the deployer leaves it to other tools)."""
        for key in self.facts:
            if key.startswith("run:") and key.split(".")[1] == component:
                self.reported(key)

    def pending(self) -> list[Fact]:
        """Facts in scope that the target neither realised nor reported, in key order."""
        return [f for k, f in sorted(self.facts.items()) if k not in self.done and f.kind in self.scope]

    def realised_by_binding(self, binding: Any) -> None:
        """With late binding (``build --inventory``) the bound nodes meet every hardware requirement
        and the spread of their role (binding checks both): those facts are realised by the choice
        of nodes the output names."""
        if binding is None:
            return
        for key in self.facts:
            if key.startswith("hardware:") or (key.startswith("role:") and key.endswith(".spread")):
                self.realised(key, f"bound nodes ({binding.inventory})")

    def close(self, sink: DiagnosticSink) -> None:
        """RA690 (a warning) for the pending facts, one per entity and span: the target leaves them out.

        Facts of one entity that share a span (the fields of one network block) make one
        diagnostic listing them all, so a network the deployer does not configure is one line.
        """
        groups: dict[tuple[str, Span], list[Fact]] = {}
        for fact in self.pending():
            entity = fact.key.split(".")[0]
            groups.setdefault((entity, fact.span), []).append(fact)
        for (_entity, span), facts in groups.items():
            labels = [facts[0].label] + [f.label.split(": ", 1)[-1] for f in facts[1:]]
            what = ", ".join(labels)
            verb = "is" if len(facts) == 1 else "are"
            sink.report(codes.RA690, f"{self.label}: {what} {verb} not realised in the output", span,
                        hint=f"{self.label} has no place for this; the deployer's own default applies "
                             "(docs/targets.md lists what each target realises)")


__all__ = ["Fact", "KINDS", "Ledger", "explicit", "model_facts"]
