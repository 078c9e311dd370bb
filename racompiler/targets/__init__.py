"""Target plug-ins: the registry and the contract every target follows.

A target is a class registered here (or through the ``racompiler.targets`` entry-point group)
with:

- ``NAME`` and ``DESCRIPTION``;
- ``__init__(self, **options)`` taking the values of the options declared in its
  :class:`TargetInfo` (``--crowbar-flavor`` arrives as ``crowbar_flavor``);
- ``emit(self, plan, sink) -> list[Artifact]``: pure (no file writes, no clocks, sorted keys,
  stable order, a final newline in every file); anything the target cannot express is an RA6xx
  diagnostic at the construct's span, never a silent drop;
- optionally ``verify(cls, directory, sink) -> None`` (a classmethod): check a built
  ``<output>/<NAME>/`` folder with the real upstream tools, used by ``racompiler verify``. It
  reports problems into ``sink`` and says what it established with :func:`record_verified`
  (a real upstream tool judged something), :func:`record_checked` (racompiler's own checks:
  reported, never counted as verified) and :func:`record_not_verified` (what it could not run,
  and why). A folder is verified only when a real tool judged it, nothing was left unverified
  and no error was reported.

The registry stores only names, import paths and option specs, so listing targets and building
the CLI never imports a target's module. Shared code never branches on a target's name.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from importlib import import_module
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Iterator, Protocol

from racompiler.records import field, record

if TYPE_CHECKING:
    from pathlib import Path

    from racompiler.diagnostics import DiagnosticSink
    from racompiler.graph.plan import Plan
    from racompiler.targets.ledger import Ledger

ENTRY_POINT_GROUP = "racompiler.targets"


@record
class Artifact:
    """One generated file: a path relative to the output directory, and its text."""

    relpath: str
    text: str


@record
class TargetOption:
    """A ``build`` option that belongs to one target (e.g. ``--crowbar-flavor``)."""

    flag: str
    help: str
    choices: tuple[str, ...] | None = None
    default: Any = None
    is_flag: bool = False
    metavar: str | None = None

    @property
    def dest(self) -> str:
        return self.flag.lstrip("-").replace("-", "_")


@record
class TargetInfo:
    name: str
    entry: str  # "module:Class", imported only when the target is used
    description: str
    options: tuple[TargetOption, ...] = ()


class Target(Protocol):
    NAME: ClassVar[str]
    DESCRIPTION: ClassVar[str]

    def emit(self, plan: "Plan", sink: "DiagnosticSink", ledger: "Ledger | None" = None) -> list[Artifact]:
        """Generate the artifacts for ``plan``; report RA6xx for what cannot be expressed, and
        record in ``ledger`` every fact of the RA the output realises (see :mod:`.ledger`)."""


# The built-in targets. Each target issue adds its line here.
BUILTIN: tuple[TargetInfo, ...] = (
    TargetInfo("ansible", "racompiler.targets.ansible:AnsibleTarget",
               "Ansible project (generic, kolla-ansible, openstack-ansible)",
               options=(TargetOption("--ansible-flavor", "Ansible flavour: a generic project, or the input "
                                     "files of kolla-ansible or openstack-ansible.",
                                     choices=("generic", "kolla", "openstack-ansible"), default="generic"),)),
    TargetInfo("crowbar", "racompiler.targets.crowbar:CrowbarTarget", "Crowbar barclamp proposals",
               options=(TargetOption("--crowbar-flavor", "Crowbar: the release line whose barclamps the "
                                     "proposals target (Crowbar 1.x Roxy, or SUSE OpenStack Cloud 9).",
                                     choices=("dell-1.x", "suse"), default="dell-1.x"),)),
    TargetInfo("heat", "racompiler.targets.heat:HeatTarget", "OpenStack Heat (HOT) templates",
               options=(TargetOption("--heat-flavors", "Heat: a flavor parameter per role whose default is "
                                     "derived from its hardware profile, or create the flavors in the stack "
                                     "(OS::Nova::Flavor, needs admin), or derive the defaults from the nodes "
                                     "bound by --inventory (bound).",
                                     choices=("parameter", "create", "bound"), default="parameter"),)),
    TargetInfo("interop", "racompiler.targets.interop:InteropTarget", "OpenStack interop (RefStack) Tempest test list",
               options=(
                   TargetOption("--guideline", "Interop: guideline id (default: the RA's pin, else the newest "
                                "shipped).", metavar="ID"),
                   TargetOption("--program", "Interop: program to certify (default: the RA's pin, else auto: "
                                "derived from the deployed services).",
                                choices=("auto", "platform", "compute", "storage")),
                   TargetOption("--include-advisory", "Interop: also list the tests of advisory capabilities.",
                                is_flag=True, default=False),
                   TargetOption("--include-flagged", "Interop: also list flagged (waived) tests.",
                                is_flag=True, default=False),
                   TargetOption("--tempest-list", "Interop: a `tempest run --list-tests` inventory; tests are "
                                "resolved against it by idempotent id.", metavar="FILE"),
               )),
)


@lru_cache(maxsize=1)
def registry() -> dict[str, TargetInfo]:
    """Every target by name: the built-in ones, then third-party entry points."""
    reg = {t.name: t for t in BUILTIN}
    from importlib.metadata import entry_points

    for ep in entry_points(group=ENTRY_POINT_GROUP):
        reg.setdefault(ep.name, TargetInfo(ep.name, ep.value, f"third-party target ({ep.value})"))
    return reg


def available_targets() -> list[str]:
    """Names of every registered target, sorted."""
    return sorted(registry())


def all_options() -> list[TargetOption]:
    """Every target's options, de-duplicated by flag, for the ``build`` command line."""
    seen: dict[str, TargetOption] = {}
    for info in BUILTIN:
        for opt in info.options:
            seen.setdefault(opt.flag, opt)
    return list(seen.values())


def target_class(name: str) -> Any:
    module, _, cls = registry()[name].entry.partition(":")
    return getattr(import_module(module), cls)


class InvalidTargetOption(ValueError):
    """A target option whose value is not among the option's choices (a usage error)."""


def check_options(name: str, options: dict[str, Any] | None) -> None:
    """Raise :class:`InvalidTargetOption` when a value of ``options`` for target ``name`` is not
    one of its option's choices. The command line's choices do this for the CLI; the Python API
    passes options through, and a target must not meet a value it never declared."""
    for opt in registry()[name].options:
        value = (options or {}).get(opt.dest)
        if opt.choices is not None and value is not None and value not in opt.choices:
            raise InvalidTargetOption(f"{opt.flag} {value!r}: not one of {', '.join(opt.choices)}")


def get_target(name: str, options: dict[str, Any] | None = None) -> Target:
    """An instance of target ``name`` given the build options (it takes only its own).

    Raises :class:`InvalidTargetOption` for a value outside an option's choices. A value of
    None means "not given": the target's default applies.
    """
    info = registry()[name]
    check_options(name, options)
    own = {o.dest for o in info.options}
    kwargs = {k: v for k, v in (options or {}).items() if k in own and v is not None}
    return target_class(name)(**kwargs)


def verifiable(directory: "Path") -> list[str]:
    """Targets that have an output folder under ``directory`` and a ``verify`` method."""
    out = []
    for name in available_targets():
        if (directory / name).is_dir() and hasattr(target_class(name), "verify"):
            out.append(name)
    return out


# -- what `racompiler verify` established, per target folder ------------------------------------------
@record(frozen=False)
class VerifyRecord:
    """What one target's ``verify`` established: ``judged`` (tool, what) pairs for the real
    upstream tools that ran, ``checked`` (by, what) for racompiler's own checks, and the reasons
    anything was ``not_verified``."""

    judged: list[tuple[str, str]] = field(default_factory=list)
    checked: list[tuple[str, str]] = field(default_factory=list)
    not_verified: list[str] = field(default_factory=list)
    # Told of each judgement as it is recorded (`verify --progress` times the tools with it).
    on_judged: Callable[[str, str], None] | None = None


_RECORD: ContextVar[VerifyRecord | None] = ContextVar("racompiler_verify_record", default=None)


def record_verified(tool: str, what: str) -> None:
    """``tool`` (a real upstream tool, with its version) judged ``what``."""
    rec = _RECORD.get()
    if rec is not None:
        rec.judged.append((tool, what))
        if rec.on_judged is not None:
            rec.on_judged(tool, what)


def record_checked(by: str, what: str) -> None:
    """racompiler's own check ``by`` looked at ``what`` (not an upstream tool's judgement)."""
    rec = _RECORD.get()
    if rec is not None:
        rec.checked.append((by, what))


def record_not_verified(reason: str) -> None:
    """Something could not be verified, for ``reason`` (e.g. the upstream tool is missing)."""
    rec = _RECORD.get()
    if rec is not None:
        rec.not_verified.append(reason)


@contextmanager
def verify_record(on_judged: Callable[[str, str], None] | None = None) -> Iterator[VerifyRecord]:
    """Collect what the ``verify`` calls inside the block record; ``on_judged(tool, what)`` is
    called as each real tool's judgement is recorded."""
    rec = VerifyRecord(on_judged=on_judged)
    token = _RECORD.set(rec)
    try:
        yield rec
    finally:
        _RECORD.reset(token)
