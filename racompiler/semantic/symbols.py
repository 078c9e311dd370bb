"""Symbol tables: every named declaration of every module, by kind, duplicates reported."""

from __future__ import annotations

from typing import Any, Generic, Iterable, TypeVar

from racompiler.diagnostics import DiagnosticSink, Related, codes
from racompiler.records import field, record
from racompiler.semantic import decl as d
from racompiler.semantic.suggest import did_you_mean

T = TypeVar("T")


@record(frozen=False)
class Table(Generic[T]):
    """Declarations of one kind by name, in first-seen order."""

    kind: str
    items: dict[str, T] = field(default_factory=dict)

    def add(self, name: d.Name, item: T, sink: DiagnosticSink) -> None:
        first = self.items.get(name.value)
        if first is not None:
            sink.report(codes.RA202, f"{self.kind} '{name.value}' is defined more than once", name.span,
                        related=[Related(first.name.span, "first defined here")],  # type: ignore[attr-defined]
                        hint="rename one of them")
            return
        self.items[name.value] = item

    def lookup(self, name: d.Name, sink: DiagnosticSink, context: str = "") -> T | None:
        """The declaration called ``name``, or None after reporting RA201 with a suggestion."""
        found = self.items.get(name.value)
        if found is None:
            where = f" in {context}" if context else ""
            sink.report(codes.RA201, f"undefined {self.kind} '{name.value}'{where}", name.span,
                        hint=did_you_mean(name.value, self.items) or self.known_hint())
        return found

    def known_hint(self, when_empty: str | None = None) -> str:
        """A hint listing the known names (up to 8), or ``when_empty`` when there are none."""
        names = sorted(self.items)
        if not names:
            return when_empty or f"no {self.kind} is defined; did you forget an import?"
        if len(names) > 8:
            names = names[:8] + ["..."]
        return f"known {self.kind}s: " + ", ".join(names)


@record(frozen=False)
class Symbols:
    interfaces: Table[d.InterfaceDecl] = field(default_factory=lambda: Table("interface"))
    components: Table[d.ComponentDecl] = field(default_factory=lambda: Table("component"))
    parameters: Table[d.AttributeDecl] = field(default_factory=lambda: Table("parameter"))
    networks: Table[d.NetworkDecl] = field(default_factory=lambda: Table("network"))
    hardware: Table[d.HardwareDecl] = field(default_factory=lambda: Table("hardware profile"))
    roles: Table[d.RoleDecl] = field(default_factory=lambda: Table("role"))
    outputs: Table[d.OutputDecl] = field(default_factory=lambda: Table("output"))


def collect(modules: Iterable[d.ModuleDecls], sink: DiagnosticSink) -> Symbols:
    """One table per kind across ``modules`` (imports first, so the catalog is 'first')."""
    s = Symbols()
    pairs: list[tuple[Table[Any], str]] = [
        (s.interfaces, "interfaces"), (s.components, "components"), (s.parameters, "parameters"),
        (s.networks, "networks"), (s.hardware, "hardware"), (s.roles, "roles"), (s.outputs, "outputs"),
    ]
    for m in modules:
        for table, attr in pairs:
            for item in getattr(m, attr):
                table.add(item.name, item, sink)
    return s
