"""``racompiler verify``: run each target's verifier over a build output folder and record, per
target, which real upstream tool judged what, what racompiler checked itself, and what could not
be verified. The CLI prints this; :func:`racompiler.api.verify` returns it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from racompiler.diagnostics import Diagnostic, DiagnosticSink, Severity

NO_JUDGE = "no upstream tool judged this folder"


@dataclass
class TargetVerification:
    """The verification of one target folder (``DIR/<target>/``)."""

    target: str
    judged: list[tuple[str, str]] = field(default_factory=list)  # (real tool with version, what)
    checked: list[tuple[str, str]] = field(default_factory=list)  # (racompiler's own check, what)
    not_verified: list[str] = field(default_factory=list)  # reasons; never empty when nothing judged
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def verified(self) -> bool:
        """True when a real tool judged the folder, found no error, and nothing was left unverified."""
        return not self.errors and not self.not_verified


@dataclass
class VerifyResult:
    """Every target folder found under ``directory``, verified in target-name order."""

    directory: str
    targets: list[TargetVerification] = field(default_factory=list)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """Every target's diagnostics, sorted."""
        sink = DiagnosticSink()
        for t in self.targets:
            sink.extend(t.diagnostics)
        return sink.sorted()

    @property
    def verified(self) -> list[str]:
        """The targets a real tool verified with no error."""
        return [t.target for t in self.targets if t.verified]

    @property
    def ok(self) -> bool:
        """True when at least one target folder was found and every one was verified."""
        return bool(self.targets) and len(self.verified) == len(self.targets)


def verify_directory(directory: str | Path) -> VerifyResult:
    """Verify every target output folder under ``directory`` (none found: an empty result)."""
    from racompiler.targets import target_class, verifiable, verify_record

    result = VerifyResult(str(directory))
    for name in verifiable(Path(directory)):
        sink = DiagnosticSink()
        with verify_record() as rec:
            target_class(name).verify(Path(directory) / name, sink)
        result.targets.append(TargetVerification(
            name, list(rec.judged), list(rec.checked),
            list(rec.not_verified) or ([] if rec.judged else [NO_JUDGE]), sink.sorted()))
    return result
