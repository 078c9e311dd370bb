"""Which guideline, program and add-ons apply to an architecture, and why.

The services an RA runs are the ``interop_project`` names of its deployed components (the
guidelines' designated sections). A program applies when every service its components need is
deployed; add-ons also need their base component (``os_powered_compute``) in the program.
Precedence for each choice: the ``build`` option, then the RA's ``interop`` block, then the
derivation (the newest shipped guideline, or when the architecture names its release the newest
that lists it; the largest program that applies; every add-on that applies). A pinned choice the
services cannot satisfy is an error at the interop block; a guideline that does not cover the
architecture's release is a warning (RA666 pinned, RA667 derived with none covering it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from racompiler.diagnostics import DiagnosticSink, Span, codes
from racompiler.semantic.model import Model
from racompiler.records import record
from racompiler.semantic.releases import Release, lookup
from racompiler.targets.interop.guidelines import (
    ADDON_TITLES, PROGRAM_TITLES, Guideline, available_addons, available_guidelines, load_guideline,
)

# "auto" tries these in order: the largest program first.
PROGRAM_ORDER = ("platform", "compute", "storage")


@record
class AddonChoice:
    """An add-on's verdict: applies, or why not (missing services, no base, not published)."""

    name: str
    guideline: Guideline | None
    applies: bool
    reason: str
    pinned: bool


@dataclass
class Choice:
    """Everything decided before tests are selected."""

    guideline: Guideline
    guideline_from: str  # "option", "architecture", "release" (newest covering it) or "default"
    services: dict[str, list[str]]  # interop project -> deployed components providing it
    missing: dict[str, list[str]]  # program -> services it needs that are not deployed
    program: str | None
    program_from: str  # "option", "architecture" or "derived"
    addons: list[AddonChoice] = field(default_factory=list)

    @property
    def components(self) -> tuple[str, ...]:
        """Guideline components of the chosen program (empty when none applies)."""
        return self.guideline.programs[self.program] if self.program else ()


def deployed_services(model: Model) -> dict[str, list[str]]:
    """Interop project -> the deployed components that carry it, both sorted."""
    out: dict[str, list[str]] = {}
    for name in model.deployed:
        project = model.components[name].interop_project
        if project:
            out.setdefault(project, []).append(name)
    return dict(sorted(out.items()))


def _missing(g: Guideline, components: tuple[str, ...], services: dict) -> list[str]:
    need = {s for c in components for s in g.components[c].services}
    return sorted(need - set(services))


def pin_span(model: Model, key: str | None = None) -> Span:
    """Where a pin or an option problem is reported: the pinned key (``guideline_span``,
    ``program_span``, when the model records them), else the interop block, else line 1."""
    if model.interop is None:
        return model.root_span
    return (getattr(model.interop, f"{key}_span") if key else None) or model.interop.span


def _covers(g: Guideline, release: Release) -> bool:
    """Whether guideline ``g`` lists ``release`` (its file writes names: "rocky")."""
    return any(lookup(r) == release for r in g.releases)


def _releases_text(g: Guideline) -> str:
    return ", ".join(g.releases) or "no release"


def _derive_guideline(model: Model, known: list[str], sink: DiagnosticSink) -> tuple[Guideline, str]:
    """The newest shipped guideline; with a release named, the newest that lists it (RA667
    when none does: the newest is used and the architecture is told so)."""
    release = model.release
    if release is None:
        return load_guideline(known[-1]), "default"
    covering = [gid for gid in known if _covers(load_guideline(gid), release)]
    if covering:
        return load_guideline(covering[-1]), "release"
    newest = load_guideline(known[-1])
    sink.report(codes.RA667, f"no shipped interop guideline covers {release}: using the newest, {newest.id} "
                         f"(releases: {_releases_text(newest)})", model.release_span or pin_span(model),
                hint=f"the shipped guidelines stop at {newest.id}, the closest to {release}; a guideline that "
                     "does not list the release may not be accepted for an OpenStack Powered trademark")
    return newest, "default"


def _pick_guideline(model: Model, option: str | None, sink: DiagnosticSink) -> tuple[Guideline, str] | None:
    pinned = model.interop.guideline if model.interop else None
    gid, source = (option, "option") if option else (pinned, "architecture") if pinned else (None, "default")
    known = available_guidelines()
    if gid is None:
        return _derive_guideline(model, known, sink)
    if gid not in known:
        where = "--guideline" if source == "option" else "the interop block"
        sink.report(codes.RA660, f"unknown interop guideline '{gid}' (from {where})",
                    pin_span(model, "guideline" if source == "architecture" else None),
                    hint=f"shipped guidelines: {', '.join(known)}; the default is the newest, {known[-1]}")
        return None
    g = load_guideline(gid)
    if model.release is not None and not _covers(g, model.release):
        # A warning, not an error: the list is still the guideline's own, and testing an older
        # or newer cloud against it is legitimate; only the trademark claim would not hold.
        where = "--guideline" if source == "option" else "the interop block"
        covering = [x for x in known if _covers(load_guideline(x), model.release)]
        sink.report(codes.RA666, f"interop guideline {gid} (from {where}) does not cover {model.release}, the "
                             f"release this architecture targets; it covers {_releases_text(g)}",
                    pin_span(model, "guideline" if source == "architecture" else None),
                    hint=f"guidelines that cover it: {', '.join(covering)}" if covering else
                    f"no shipped guideline covers {model.release}")
    return g, source


def _pick_program(model: Model, option: str | None, missing: dict, sink: DiagnosticSink,
                  ) -> tuple[str | None, str, bool]:
    """The program, where the choice came from, and False when a pinned one cannot apply."""
    pinned = model.interop.program if model.interop else None
    wanted, source = (option, "option") if option else (pinned, "architecture") if pinned else ("auto", "derived")
    if wanted == "auto":
        return next((p for p in PROGRAM_ORDER if not missing[p]), None), "derived", True
    if missing[wanted]:
        where = "--program" if source == "option" else "the interop block"
        fits = [p for p in PROGRAM_ORDER if not missing[p]]
        sink.report(codes.RA661, f"interop program '{wanted}' (from {where}) needs {', '.join(missing[wanted])}, "
                                 f"which the architecture does not deploy",
                    pin_span(model, "program" if source == "architecture" else None),
                    hint=f"deploy components whose interop_project is {', '.join(missing[wanted])}"
                         + (f", or pin program = {fits[0]}" if fits else "; no program applies to what is deployed"))
        return None, source, False
    return wanted, source, True


def _addon(model: Model, g: Guideline, name: str, program: str | None, services: dict, pinned: bool,
           sink: DiagnosticSink) -> AddonChoice:
    span = pin_span(model)
    if name not in available_addons(g.id):
        reason = f"no {ADDON_TITLES[name]} add-on guideline was published for {g.id}"
        if pinned:
            have = [x for x in available_guidelines() if name in available_addons(x)]
            sink.report(codes.RA663, f"interop add-on '{name}': {reason}", span,
                        hint=f"add-on guidelines exist for {', '.join(have)}")
        return AddonChoice(name, None, False, reason, pinned)
    addon = load_guideline(g.id, name)
    (comps,) = addon.programs.values()
    lacking = _missing(addon, comps, services)
    base = set(g.programs[program]) if program else set()
    no_base = [c for c in addon.requires_components if c not in base]
    if lacking:
        reason = f"needs {', '.join(lacking)}, which the architecture does not deploy"
    elif no_base:
        reason = f"builds on {', '.join(no_base)}, which the program " + (
            f"'{program}' does not include" if program else "would need, but no program applies")
    else:
        return AddonChoice(name, addon, True, "", pinned)
    if pinned:
        sink.report(codes.RA662, f"interop add-on '{name}' {reason}", span,
                    hint="remove it from the interop block's addons, or deploy what it needs")
    return AddonChoice(name, addon, False, reason, pinned)


def choose(model: Model, options: dict, sink: DiagnosticSink) -> Choice | None:
    """Decide guideline, program and add-ons; None when a pin or option is unusable (reported).

    ``options`` holds the target's ``guideline`` and ``program`` build options (None if unset).
    """
    picked = _pick_guideline(model, options.get("guideline"), sink)
    if picked is None:
        return None
    g, g_from = picked
    services = deployed_services(model)
    missing = {p: _missing(g, g.programs[p], services) for p in PROGRAM_TITLES}
    program, p_from, ok = _pick_program(model, options.get("program"), missing, sink)
    # `addons = [...]` in the RA pins them (an empty list: none); no `addons` key: derive them.
    pinned_addons = model.interop.addons if model.interop else None
    names = tuple(ADDON_TITLES) if pinned_addons is None else pinned_addons
    addons = [_addon(model, g, n, program, services, pinned_addons is not None, sink) for n in names]
    if not ok or any(a.pinned and not a.applies for a in addons):
        return None
    return Choice(g, g_from, services, missing, program, p_from, addons)
