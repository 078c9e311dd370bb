"""The Crowbar target: one barclamp proposal per barclamp instance, plus the commit order.

Output (under ``crowbar/``): ``<barclamp>.json`` (``<barclamp>-<instance>.json`` for extra
instances such as pacemaker clusters), ``network.json`` (the RA's networks), ``dell_bios.json``
(dell-1.x, when a hardware profile states BIOS settings), ``order.json`` and ``SECRETS.md`` (the
secret attributes, all left empty in the proposals, to set before committing). Two flavours: ``dell-1.x`` (Crowbar 1.x
Roxy) and ``suse`` (SUSE OpenStack Cloud 9); the data and the mapping table live in
``targets/crowbar/``. ``verify`` validates a built folder with pykwalify against the real kwalify
schemas, applies Crowbar's Ruby rules as the mapping table restates them (proposal names, role
counts and conflicts) and checks the order against the barclamps' ``run_order``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, ClassVar

from racompiler.targets import Artifact

if TYPE_CHECKING:
    from pathlib import Path

    from racompiler.diagnostics import DiagnosticSink
    from racompiler.graph.plan import Plan
    from racompiler.targets.ledger import Ledger

OUTPUT_DIR = "crowbar"


def dump_json(doc: Any) -> str:
    """Stable JSON text: sorted keys, two-space indent, final newline."""
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


class CrowbarTarget:
    """Crowbar barclamp proposals (see the module docstring)."""

    NAME: ClassVar[str] = "crowbar"
    DESCRIPTION: ClassVar[str] = "Crowbar barclamp proposals"

    def __init__(self, crowbar_flavor: str | None = None) -> None:
        from racompiler.targets.crowbar.data import DEFAULT_FLAVOUR, FLAVOURS

        flavour = crowbar_flavor or DEFAULT_FLAVOUR
        if flavour not in FLAVOURS:
            raise ValueError(f"unknown Crowbar flavour {flavour!r} (choices: {', '.join(FLAVOURS)})")
        self.flavour = flavour

    @property
    def label(self) -> str:
        """How diagnostics name this build: ``crowbar (suse)``."""
        return f"{self.NAME} ({self.flavour})"

    @property
    def served_releases(self) -> str:
        """The OpenStack release the flavour's barclamps deploy, checked by RA668."""
        from racompiler.targets.crowbar.data import SERVES

        return SERVES[self.flavour]

    def emit(self, plan: "Plan", sink: "DiagnosticSink", ledger: "Ledger | None" = None) -> list[Artifact]:
        """The proposals and ``order.json``; nothing when an RA62x error was reported.

        ``ledger`` records which facts of the RA the proposals realise (a private one when None)."""
        from racompiler.diagnostics import DiagnosticSink as Sink
        from racompiler.targets.crowbar.infra import HardwareBuilder, NetworkBuilder
        from racompiler.targets.crowbar.ordering import order_document
        from racompiler.targets.crowbar.proposals import Builder
        from racompiler.targets.crowbar.rules import check_roles
        from racompiler.targets.crowbar.saving import SaveChecks
        from racompiler.targets.crowbar.secrets import blank, secrets_document
        from racompiler.targets.ledger import Ledger

        ledger = ledger if ledger is not None else Ledger.for_model(plan.model, self.label)
        own = Sink()
        builder = Builder(plan, self.flavour, own, ledger)
        proposals = builder.build_all()
        check_roles(proposals, builder.constraints, self.flavour, plan.model, builder.components, own)
        builder.mark_runs(proposals)
        infra = [p for p in (NetworkBuilder(plan, self.flavour, own, ledger).build(),
                             HardwareBuilder(plan, self.flavour, own, ledger).build()) if p is not None]
        proposals = infra + proposals
        SaveChecks(plan.model, self.flavour, own).run(proposals)
        blanked = blank(proposals, self.flavour)
        sink.extend(own.items)
        if own.has_errors:
            return []
        arts = [Artifact(f"{OUTPUT_DIR}/{p.filename}", dump_json(p.doc)) for p in proposals]
        arts.append(Artifact(f"{OUTPUT_DIR}/order.json", dump_json(order_document(plan, proposals, self.flavour))))
        arts.append(Artifact(f"{OUTPUT_DIR}/SECRETS.md", secrets_document(blanked, self.flavour, plan.model.name)))
        return sorted(arts, key=lambda a: a.relpath)

    @classmethod
    def verify(cls, directory: "Path", sink: "DiagnosticSink") -> None:
        """Validate a built ``crowbar/`` folder (RA636-RA639): pykwalify with the real schemas, then
        the restated Crowbar rules."""
        from racompiler.targets.crowbar.verify import verify_folder

        verify_folder(directory, sink)
