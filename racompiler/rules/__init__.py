"""Domain rules over the resolved Model (RA5xx).

A rule is a function ``(model, sink) -> None``; adding a check is adding it to :data:`RULES`.
Rules only read the Model and report; they never change it.
"""

from __future__ import annotations

from typing import Callable

from racompiler.diagnostics import DiagnosticSink
from racompiler.rules.counts import check_component_role_counts
from racompiler.rules.placement import check_conflicts
from racompiler.rules.releases import check_releases
from racompiler.rules.services import (
    check_glance_file_store,
    check_neutron_agents,
    check_swift_layout,
    check_telemetry_publisher,
)
from racompiler.semantic.model import Model

Rule = Callable[[Model, DiagnosticSink], None]

RULES: list[Rule] = [
    check_component_role_counts,
    check_conflicts,
    check_neutron_agents,
    check_glance_file_store,
    check_swift_layout,
    check_telemetry_publisher,
    check_releases,
]


def run_rules(model: Model, sink: DiagnosticSink) -> None:
    """Run every rule; each reports all it finds."""
    for rule in RULES:
        rule(model, sink)
