"""The Ansible target: a playbook project, or the input files of kolla-ansible / openstack-ansible.

Flavours (``--ansible-flavor``):

- ``generic``: a complete Ansible project using only ``ansible.builtin``
  (:mod:`~racompiler.targets.ansible.generic`);
- ``kolla``: kolla-ansible's multinode inventory and ``globals.yml``
  (:mod:`~racompiler.targets.ansible.kolla`);
- ``openstack-ansible``: ``openstack_user_config.yml`` and ``user_variables.yml``
  (:mod:`~racompiler.targets.ansible.osa`).

Every file lands under ``ansible/`` in the output directory.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from racompiler.diagnostics import DiagnosticSink
from racompiler.graph.plan import Plan
from racompiler.targets import Artifact
from racompiler.targets.ansible.layout import build_layout
from racompiler.targets.ledger import Ledger

FLAVORS = ("generic", "kolla", "openstack-ansible")
# The OpenStack releases each flavour's data is written for (None: any). kolla: the mapping is
# kolla-ansible 22's (2026.1; targets/ansible/kolla/mapping.yml). openstack-ansible: the host
# groups follow master of July 2026 (commit ff0803744ab5, targets/ansible/SOURCES.md), the
# 2026.2 cycle. The generic project installs whatever the hosts' packages carry.
SERVES: dict[str, str | None] = {"generic": None, "kolla": "2026.1", "openstack-ansible": "2026.2"}


class AnsibleTarget:
    """Emit an Ansible project (see the module docstring for the flavours)."""

    NAME: ClassVar[str] = "ansible"
    DESCRIPTION: ClassVar[str] = "Ansible project (generic, kolla-ansible, openstack-ansible)"

    def __init__(self, ansible_flavor: str = "generic") -> None:
        if ansible_flavor not in FLAVORS:
            raise ValueError(f"unknown Ansible flavour {ansible_flavor!r}; choose one of {', '.join(FLAVORS)}")
        self.flavor = ansible_flavor

    @property
    def label(self) -> str:
        """How diagnostics name this build: ``ansible (kolla)``."""
        return f"{self.NAME} ({self.flavor})"

    @property
    def served_releases(self) -> str | None:
        """The OpenStack releases the flavour deploys (a range; None: any), checked by RA668."""
        return SERVES[self.flavor]

    def emit(self, plan: Plan, sink: DiagnosticSink, ledger: Ledger | None = None) -> list[Artifact]:
        """The flavour's files under ``ansible/``; RA64x diagnostics for what it cannot express.

        ``ledger`` records which facts of the RA the files realise (a private one when None)."""
        ledger = ledger if ledger is not None else Ledger.for_model(plan.model, self.label)
        layout = build_layout(plan, sink)
        if layout is None:
            return []
        if self.flavor == "kolla":
            from racompiler.targets.ansible.kolla import emit_kolla as emit
        elif self.flavor == "openstack-ansible":
            from racompiler.targets.ansible.osa import emit_osa as emit
        else:
            from racompiler.targets.ansible.generic import emit_generic as emit
        arts = emit(plan, layout, sink, ledger)
        return sorted((Artifact(f"{self.NAME}/{a.relpath}", a.text) for a in arts), key=lambda a: a.relpath)

    @classmethod
    def verify(cls, directory: Path, sink: DiagnosticSink) -> None:
        """Check a built ``ansible/`` folder with ansible-core (inventory, syntax, host patterns)."""
        from racompiler.targets.ansible.verify import verify_project

        verify_project(directory, sink)


__all__ = ["AnsibleTarget", "FLAVORS"]
