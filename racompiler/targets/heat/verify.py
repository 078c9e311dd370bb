"""``racompiler verify``: a built ``heat/`` folder checked offline by Heat's own code.

The steps are those of ``openstack stack create`` minus the cloud: heatclient reads the template
and its environment and collects the nested templates (exactly what the client uploads), then
Heat's engine parses them, merges the environment and runs ``Stack.validate()`` strictly:
sections, parameters and their constraints, resource types, property schemas with their values,
functions, dependencies (cycles), plugin checks and the nested stacks of every ResourceGroup.
Nested templates are also validated on their own (placeholder values for their parameters), so
their property values are checked strictly too. Heat stops at a template's first error, so one
error per template is reported (RA619). Without ``openstack-heat`` the verifier says how to
install it (RA618).
"""

from __future__ import annotations

import contextlib
import re
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from racompiler.diagnostics import Span, codes
from racompiler.targets import record_not_verified, record_verified
from racompiler.records import record

if TYPE_CHECKING:
    from racompiler.diagnostics import DiagnosticSink

INSTALL_HINT = "pip install 'racompiler[verify]'  (brings openstack-heat)"
ENV_SUFFIX = "-env.yaml"


@record
class Problem:
    """Heat's first objection to a template, and the resource it concerns (when known)."""

    message: str
    resource: str | None = None


def heat_available() -> bool:
    """True when Heat's engine and client can be imported."""
    try:
        import heat.engine  # noqa: F401
        import heatclient  # noqa: F401
    except ImportError:
        return False
    return True


def verify_directory(directory: Path, sink: "DiagnosticSink") -> None:
    """Validate every stack template in ``directory`` (with its ``-env.yaml``) and every nested
    template below it; RA619 at a template for each failure, RA618 when Heat is missing."""
    directory = Path(directory)
    if not heat_available():
        sink.report(codes.RA618, f"cannot verify {directory}: Heat's engine (openstack-heat) is not installed",
                    Span.point(str(directory)), hint=INSTALL_HINT)
        record_not_verified(f"Heat's engine (openstack-heat) is not installed ({INSTALL_HINT})")
        return
    stacks = sorted(p for p in directory.glob("*.yaml") if not p.name.endswith(ENV_SUFFIX))
    nested = sorted(p for p in directory.rglob("*.yaml") if p.parent != directory)
    if not stacks:
        sink.report(codes.RA619, f"no HOT stack template in {directory}", Span.point(str(directory)))
        return
    for path in stacks:
        env = path.with_name(path.stem + ENV_SUFFIX)
        _report(sink, path, validate_template(path, env if env.is_file() else None))
    for path in nested:
        _report(sink, path, validate_template(path, placeholders=True))
    from importlib.metadata import version

    record_verified(f"Heat's engine (openstack-heat {version('openstack-heat')}) with python-heatclient "
                    f"{version('python-heatclient')}",
                    f"{len(stacks)} stack template(s) with their environments and {len(nested)} nested "
                    "template(s) (Stack.validate(), strict)")


def _report(sink: "DiagnosticSink", path: Path, problem: Problem | None) -> None:
    if problem is None:
        return
    line = _line_of(path, problem.resource) if problem.resource else 1
    sink.report(codes.RA619, f"Heat rejects {path.name}: {problem.message}", Span.point(str(path), line),
                hint="this is a bug in the generated template if racompiler wrote it; please report it")


def _line_of(path: Path, resource: str) -> int:
    """The line where ``resource`` is defined in the template (1 when not found)."""
    pattern = re.compile(rf"^\s+['\"]?{re.escape(resource)}['\"]?:\s*$")
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if pattern.match(line):
            return number
    return 1


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Heat and its libraries warn about deprecations on import and use; not the user's business."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def validate_template(path: Path, env_path: Path | None = None, *, placeholders: bool = False) -> Problem | None:
    """Run Heat's validation over one template (and environment); None when Heat accepts it.

    With ``placeholders``, parameters that have no default get a value satisfying their type
    and constraints (for a nested template validated on its own).
    """
    with _quiet():
        from racompiler.targets.heat.offline import start_heat

        ctx = start_heat()
        try:
            return _validate(ctx, Path(path), env_path, placeholders)
        except Exception as ex:  # every objection of Heat's is a finding, whatever its class
            return _problem(ex)


def _validate(ctx: Any, path: Path, env_path: Path | None, placeholders: bool) -> Problem | None:
    from heat.common import template_format
    from heat.engine import environment
    from heat.engine import stack as stack_mod
    from heat.engine import template as template_mod
    from heatclient.common import template_utils

    template_format.parse(path.read_text(encoding="utf-8"))  # Heat's own loader: version key, size
    files, tpl = template_utils.get_template_contents(template_file=str(path))
    env_files, env = template_utils.process_multiple_environments_and_files(
        env_paths=[str(env_path)] if env_path else None)
    files.update(env_files)
    # the client sends every file as text
    files = {k: v.decode("utf-8") if isinstance(v, bytes) else v for k, v in files.items()}
    env = dict(env or {})
    if placeholders:
        schemata = template_mod.Template(tpl, files=files).param_schemata()
        given = {**env.get("parameter_defaults", {}), **env.get("parameters", {})}
        env["parameters"] = {**env.get("parameters", {}), **{
            name: _placeholder(schema) for name, schema in schemata.items()
            if name not in given and schema.default is None}}
    tmpl = template_mod.Template(tpl, files=files, env=environment.Environment(env))
    tmpl.validate()
    name = re.sub(r"[^A-Za-z0-9_-]", "_", path.stem)
    stack_mod.Stack(ctx, name if name[:1].isalpha() else f"s{name}", tmpl, strict_validate=True).validate()
    return None


def _placeholder(schema: Any) -> Any:
    """A value of the parameter's type that satisfies its allowed values or range."""
    from heat.engine import constraints

    for c in schema.constraints or ():
        if isinstance(c, constraints.AllowedValues) and c.allowed:
            return c.allowed[0]
    if schema.type == schema.NUMBER:
        ranges = [c for c in schema.constraints or () if isinstance(c, constraints.Range) and c.min is not None]
        return ranges[0].min if ranges else 1
    return {schema.BOOLEAN: False, schema.MAP: {}}.get(schema.type, "placeholder")


def _problem(ex: Exception) -> Problem:
    """Heat's message for an exception, and the top-level resource it is about, if any."""
    path = [str(p) for p in getattr(ex, "path", None) or ()]
    parts = [x for p in path for x in p.split(".")]
    resource = None
    if len(parts) >= 2 and parts[0] in ("resources", "Resources"):
        resource = parts[1].split("<", 1)[0]
    kwargs = getattr(ex, "kwargs", None) or {}
    if resource is None and isinstance(kwargs.get("key"), str):
        resource = kwargs["key"].split(".", 1)[0]
    message = str(ex).strip() or type(ex).__name__
    return Problem(f"{type(ex).__name__}: {message}", resource)
