"""The interop target: the Tempest tests an architecture's cloud must pass (RefStack).

From the services the RA deploys (each component's ``interop_project``) and its ``interop``
block, pick an OpenStack interop guideline, program and add-ons, select the tests of their
required capabilities (RefStack's algorithm), optionally resolve them by idempotent id against
a real Tempest inventory, and write ``interop/test-list.txt``, ``interop/include-list.txt``,
``interop/interop.json`` and ``interop/README.md``.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING, ClassVar

from racompiler.diagnostics import codes
from racompiler.readfile import FileTooLarge, NotRegularFile, read_regular
from racompiler.targets.interop.inventory import Inventory, parse_inventory
from racompiler.targets.interop.programs import choose, pin_span
from racompiler.targets.interop.render import artifacts
from racompiler.targets.interop.report import Settings, build_report

if TYPE_CHECKING:
    from pathlib import Path

    from racompiler.diagnostics import DiagnosticSink, Span
    from racompiler.graph.plan import Plan
    from racompiler.targets import Artifact
    from racompiler.targets.ledger import Ledger

# How many missing test names a warning quotes before "and N more".
_QUOTE = 3
# The largest --tempest-list read (Tempest 47 with the add-on plugins lists about 0.3 MiB).
MAX_TEMPEST_LIST_BYTES = 32 * 2**20


class InteropTarget:
    """OpenStack interop (RefStack) Tempest test list."""

    NAME: ClassVar[str] = "interop"
    DESCRIPTION: ClassVar[str] = "OpenStack interop (RefStack) Tempest test list"

    def __init__(self, guideline: str | None = None, program: str | None = None,
                 include_advisory: bool = False, include_flagged: bool = False,
                 tempest_list: str | None = None) -> None:
        self.options = {"guideline": guideline, "program": program}
        self.settings = Settings(bool(include_advisory), bool(include_flagged), tempest_list)

    # A test list, not a deployment: it answers for no network, hardware or placement fact (the
    # deployed services choose the program and add-ons). See docs/targets.md.
    LEDGER_SCOPE: ClassVar[tuple[str, ...]] = ()

    @property
    def label(self) -> str:
        """How diagnostics name this build."""
        return self.NAME

    def emit(self, plan: "Plan", sink: "DiagnosticSink", ledger: "Ledger | None" = None) -> list["Artifact"]:
        """The interop files for ``plan``; nothing when a pin or option is unusable (reported)."""
        model = plan.model
        span = pin_span(model)
        listed = self.settings.tempest_list
        inventory = self._inventory(listed, span, sink) if listed else None
        choice = choose(model, self.options, sink)
        if choice is None or (self.settings.tempest_list and inventory is None):
            return []
        report = build_report(model, choice, self.settings, inventory)
        if report.missing:
            quoted = ", ".join(report.missing[:_QUOTE])
            more = f" and {len(report.missing) - _QUOTE} more" if len(report.missing) > _QUOTE else ""
            sink.report(codes.RA665, f"{len(report.missing)} test(s) of guideline {choice.guideline.id} are not in "
                                     f"the Tempest inventory {self.settings.tempest_list}: {quoted}{more}", span,
                        hint="they were left out of the list and are recorded under inventory.missing in "
                             "interop.json; a flagged test is usually removed upstream")
        return artifacts(report, PurePath(model.root_file).name)

    def _inventory(self, path: str, span: "Span", sink: "DiagnosticSink") -> Inventory | None:
        try:
            # A regular file of bounded size: a named pipe would block the build for ever and
            # /dev/zero fill the memory (a real inventory, plugins included, is well under 1 MiB).
            text = read_regular(path, MAX_TEMPEST_LIST_BYTES).decode("utf-8")
        except NotRegularFile as exc:
            sink.report(codes.RA664, f"cannot read the Tempest inventory {path}: it is {exc.kind}, not a regular file",
                        span, hint="create it with `tempest run --list-tests > FILE` in a Tempest workspace")
            return None
        except FileTooLarge:
            sink.report(codes.RA664, f"cannot read the Tempest inventory {path}: it is larger than "
                                 f"{MAX_TEMPEST_LIST_BYTES // 2**20} MiB", span,
                        hint="create it with `tempest run --list-tests > FILE` in a Tempest workspace")
            return None
        except (OSError, UnicodeDecodeError) as exc:
            sink.report(codes.RA664, f"cannot read the Tempest inventory {path}: {exc.__class__.__name__}", span,
                        hint="create it with `tempest run --list-tests > FILE` in a Tempest workspace")
            return None
        inv = parse_inventory(text)
        if not inv.entries:
            sink.report(codes.RA664, f"the Tempest inventory {path} lists no tests", span,
                        hint="create it with `tempest run --list-tests > FILE` in a Tempest workspace")
            return None
        return inv

    @classmethod
    def verify(cls, directory: "Path", sink: "DiagnosticSink") -> None:
        """Check a built ``interop/`` folder, against the installed Tempest when there is one."""
        from racompiler.targets.interop.verify import verify_folder

        verify_folder(directory, sink)
