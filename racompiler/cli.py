"""The ``racompiler`` command line: a contract that CI scripts rely on.

Exit codes: 0 clean, 1 errors (or warnings with ``--strict``), 2 usage errors; ``diff`` adds 3.
Heavy modules are imported inside the commands so that ``--help`` and ``check`` start fast.
"""

from __future__ import annotations

import sys
from typing import Any, Callable, Sequence

import click

from racompiler import __version__
from racompiler.check_command import FORMATS, STATISTICS_FORMATS, run_check
from racompiler.cli_settings import (EXIT_ERRORS, EXIT_OK, EXIT_USAGE, SettingsResolver, cli_rules,
                                     known_targets_or_exit, ra_files, want_color)
from racompiler.diagnostics.color import COLOR_MODES

EXIT_DIFFERENT = 3

_include = click.option("-I", "--include", "include_dirs", multiple=True, metavar="DIR",
                        type=click.Path(file_okay=False), help="Add DIR to the module search path.")


def config_options(func: Callable) -> Callable:
    """``--config PATH`` and ``--no-config``."""
    func = click.option("--no-config", "no_config", is_flag=True,
                        help="Read no configuration file (racompiler.toml, or [tool.racompiler] in "
                             "pyproject.toml).")(func)
    return click.option("--config", "config_path", type=click.Path(dir_okay=False), metavar="PATH",
                        help="Use this configuration file instead of the one found upwards from each RA file.")(func)


def color_option(func: Callable) -> Callable:
    """``--color auto|always|never`` for human diagnostics."""
    return click.option("--color", "color", type=click.Choice(list(COLOR_MODES)), default="auto",
                        show_default=True,
                        help="Colour human diagnostics: auto = on a terminal, unless NO_COLOR is set.")(func)


def code_options(func: Callable) -> Callable:
    """``--ignore CODE`` and ``--error CODE`` (repeatable, or comma-separated)."""
    func = click.option("--error", "error_codes", multiple=True, metavar="CODE",
                        help="Report this warning code as an error (repeatable; CODE,CODE also works).")(func)
    return click.option("--ignore", "ignore_codes", multiple=True, metavar="CODE",
                        help="Do not report this warning code (repeatable; CODE,CODE also works).")(func)


def _explicit(ctx: click.Context, options: dict[str, Any]) -> set[str]:
    """The target options given on the command line (their defaults do not override the file)."""
    return {dest for dest in options
            if ctx.get_parameter_source(dest) not in (None, click.core.ParameterSource.DEFAULT)}


def _emit_diagnostics(result, fmt: str, stream=None, color: bool = False) -> None:
    from racompiler.diagnostics.render import render

    text = render(fmt, result.diagnostics, result.sources, color=color)
    if text:  # color=: click would strip our escapes when the stream is not a terminal
        click.echo(text, nl=False, file=stream or sys.stderr, color=color)


def _compile_or_exit(path: str, include_dirs: Sequence[str], until: str = "plan", fmt: str = "human", *,
                     config_path: str | None = None, no_config: bool = False, color: str = "auto"):
    """Compile for a command that needs a clean result (with FILE's configuration: its include
    folders and code rules); print diagnostics and exit 1 if not clean."""
    from racompiler.api import compile_file

    resolver = SettingsResolver(config_path, no_config)
    settings = resolver.for_file(path, include_dirs)
    resolver.exit_on_config_errors(fmt, want_color(color))
    result = compile_file(path, settings.include_dirs, until=until, policy=settings.policy)
    if result.diagnostics:
        _emit_diagnostics(result, fmt, color=want_color(color))
    if not result.ok:
        sys.exit(EXIT_ERRORS)
    return result


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="racompiler")
def main() -> None:
    """Compile declarative OpenStack reference architectures (RA files).

    Check an RA, inspect its dependency graph and deployment plan, explain where a value came
    from, and build target outputs (Heat, Crowbar, Ansible, interop test lists).
    """


def _target_options(func):
    """Attach every registered target's own options to a command (cheap: no target is imported)."""
    from racompiler.targets import all_options

    for opt in reversed(all_options()):
        kwargs = dict(help=opt.help, default=opt.default, show_default=opt.default not in (None, False))
        if opt.is_flag:
            kwargs["is_flag"] = True
        elif opt.choices:
            kwargs["type"] = click.Choice(list(opt.choices))
        if opt.metavar:
            kwargs["metavar"] = opt.metavar
        func = click.option(opt.flag, opt.dest, **kwargs)(func)
    return func


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="human",
              show_default=True, help="How to print diagnostics.")
@click.option("--strict", is_flag=True,
              help="Treat warnings as errors (exit 1); suppressed and ignored ones do not count.")
@click.option("-q", "--quiet", is_flag=True, help="Human format: print errors only (warnings too with --strict), "
                                                   "and no summary line when clean.")
@click.option("--statistics", is_flag=True,
              help="Print how many diagnostics of each code were found (with its title) instead of each one; "
                   "human or json format.")
@click.option("-t", "--target", "targets", multiple=True, metavar="TARGET",
              help="Also run this target's feasibility rules and consumption ledger, writing nothing "
                   "(repeatable; default: the configuration's targets): clean here means `build -t TARGET` "
                   "succeeds.")
@_include
@code_options
@config_options
@color_option
@_target_options
@click.pass_context
def check(ctx: click.Context, files: tuple[str, ...], fmt: str, strict: bool, quiet: bool, statistics: bool,
          targets: tuple[str, ...], include_dirs: tuple[str, ...], ignore_codes: tuple[str, ...],
          error_codes: tuple[str, ...], config_path: str | None, no_config: bool, color: str, **options) -> None:
    """Check RA FILES (files, folders of them, or quoted globs) and report every problem found.

    With --target, each file is also checked against each target: what the target cannot
    express and every fact of the RA it would not realise, exactly as `build` reports them.
    Settings come from the configuration file found upwards from each file (racompiler.toml or
    [tool.racompiler] in pyproject.toml; the command line wins), and `# racompiler:
    ignore[CODE]` comments suppress a warning on their line.
    Exit 0 when clean, 1 on errors (or warnings with --strict), 2 on usage errors. Diagnostics in
    the human format go to standard error, ending with a summary line (also when clean); the
    machine formats (json, sarif, github) go to standard output, json and sarif as one document
    for all files.
    """
    if statistics and fmt not in STATISTICS_FORMATS:
        raise click.UsageError("--statistics prints the human or the json format only")
    sys.exit(run_check(files, fmt=fmt, strict=strict, quiet=quiet, statistics=statistics, targets=targets,
                       include_dirs=include_dirs, ignore_codes=ignore_codes, error_codes=error_codes,
                       config_path=config_path, no_config=no_config, color=color, options=options,
                       explicit=_explicit(ctx, options)))


@main.command("fmt")
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("--check", is_flag=True, help="Write nothing; list the files that would change and exit 1 if any.")
@click.option("--diff", "show_diff", is_flag=True,
              help="Write nothing; print a unified diff of each change and exit 1 if any.")
def fmt_command(files: tuple[str, ...], check: bool, show_diff: bool) -> None:
    """Rewrite RA FILES (files, folders of them, quoted globs, or - for standard input) in the
    canonical layout, keeping every comment; files already formatted are not touched.

    Exit 0 when all are formatted, 1 with --check/--diff when some would change, 2 when a file
    could not be formatted (its syntax errors are printed; it is left unchanged) or on usage errors.
    """
    from racompiler.fmt.command import run_fmt

    sys.exit(run_fmt(files, check=check, diff=show_diff, expand=ra_files))


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_include
@config_options
@color_option
def plan(file: str, fmt: str, include_dirs: tuple[str, ...], config_path: str | None, no_config: bool,
         color: str) -> None:
    """Print the deployment order of FILE: components in parallel waves."""
    from racompiler.graph.export import plan_json, plan_text

    result = _compile_or_exit(file, include_dirs, config_path=config_path, no_config=no_config, color=color)
    click.echo(plan_json(result.plan) if fmt == "json" else plan_text(result.plan), nl=False)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["dot", "mermaid", "json"]), default="dot", show_default=True)
@click.option("--focus", metavar="NAME", help="Show only NAME and its neighbourhood.")
@click.option("--depth", type=click.IntRange(0, 1000), default=1, show_default=True,
              help="With --focus: how many dependency steps around NAME.")
@click.option("--group-by", "group_by", type=click.Choice(["none", "role"]), default="none", show_default=True,
              help="Cluster components by the node role that runs them (a component in each of its roles).")
@click.option("--full", is_flag=True, help="Draw every edge, also those another path implies.")
@_include
@config_options
@color_option
def graph(file: str, fmt: str, focus: str | None, depth: int, group_by: str, full: bool,
          include_dirs: tuple[str, ...], config_path: str | None, no_config: bool, color: str) -> None:
    """Print the dependency graph of FILE (edges point from provider to consumer).

    By default an edge that another drawn path implies is left out (the transitive reduction:
    same order, fewer lines); --full draws every edge. DOT puts each deployment wave on one rank.
    """
    from racompiler.graph.export import GraphView, render_graph
    from racompiler.semantic.suggest import did_you_mean

    result = _compile_or_exit(file, include_dirs, config_path=config_path, no_config=no_config, color=color)
    g = result.plan.graph
    if focus is not None and focus not in g:
        hint = did_you_mean(focus, list(g.nodes))
        click.echo(f"error: no component '{focus}' in this architecture" + (f"; {hint}" if hint else ""), err=True)
        sys.exit(EXIT_USAGE)
    click.echo(render_graph(result.plan, fmt, GraphView(focus, depth, group_by, full)), nl=False)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.argument("path")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_include
@config_options
@color_option
def explain(file: str, path: str, fmt: str, include_dirs: tuple[str, ...], config_path: str | None, no_config: bool,
            color: str) -> None:
    """Print the value at PATH and every place that set it.

    PATH is COMPONENT.ATTRIBUTE (nova.cpu_allocation_ratio), roles.ROLE.count,
    networks.NETWORK.cidr, params.NAME or COMPONENT.ROLE.count.
    """
    from racompiler.explain import explain_json, explain_text
    from racompiler.semantic.paths import PathError, lookup_path

    result = _compile_or_exit(file, include_dirs, until="model", config_path=config_path, no_config=no_config,
                              color=color)
    try:
        pv = lookup_path(result.model, path)
    except PathError as exc:
        click.echo(f"error: {exc}" + (f" ({exc.hint})" if exc.hint else ""), err=True)
        sys.exit(EXIT_ERRORS)
    click.echo(explain_json(pv) if fmt == "json" else explain_text(pv), nl=False)


@main.command()
@click.argument("name", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True,
              help="markdown: the whole catalog as a reference page (docs/catalog.md).")
@click.option("--module", "modules", multiple=True, default=("openstack",), show_default=True,
              help="Catalog module(s) to list.")
@_include
def catalog(name: str | None, fmt: str, modules: tuple[str, ...], include_dirs: tuple[str, ...]) -> None:
    """List catalog components, or show one: roles, interfaces, attributes with types and defaults."""
    from racompiler.catalog_view import catalog_json, catalog_markdown, catalog_text, load_catalog
    from racompiler.semantic.suggest import did_you_mean

    result = load_catalog(modules, include_dirs)
    if not result.ok or result.model is None:
        _emit_diagnostics(result, "human")
        sys.exit(EXIT_ERRORS)
    model = result.model
    if name is not None and name not in model.components:
        hint = did_you_mean(name, model.components)
        click.echo(f"error: no component '{name}' in the catalog" + (f"; {hint}" if hint else ""), err=True)
        sys.exit(EXIT_ERRORS)
    if fmt == "markdown":
        click.echo(catalog_markdown(model), nl=False)
        return
    click.echo(catalog_json(model, name) if fmt == "json" else catalog_text(model, name), nl=False)


@main.command()
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_include
@config_options
@color_option
def diff(old: str, new: str, fmt: str, include_dirs: tuple[str, ...], config_path: str | None, no_config: bool,
         color: str) -> None:
    """Show what changed from OLD to NEW (two RAs, or a base and its site overlay).

    Compares the resolved architectures: roles, counts, component roles, networks, hardware,
    attributes, graph edges and waves. Exit 0 when equal, 3 when they differ, 1 on errors
    (like diff(1) and terraform plan -detailed-exitcode).
    """
    from racompiler.diff import diff_json, diff_plans, diff_text

    a = _compile_or_exit(old, include_dirs, config_path=config_path, no_config=no_config, color=color)
    b = _compile_or_exit(new, include_dirs, config_path=config_path, no_config=no_config, color=color)
    changes = diff_plans(a.plan, b.plan)
    click.echo(diff_json(changes, old, new) if fmt == "json" else diff_text(changes, old, new), nl=False)
    sys.exit(EXIT_DIFFERENT if changes else EXIT_OK)


@main.command(context_settings={"ignore_unknown_options": False})
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-t", "--target", "targets", multiple=True, metavar="TARGET",
              help="Target to build (repeatable; default: the configuration's targets); --list-targets shows them.")
@click.option("-o", "--output", "output", required=True, type=click.Path(file_okay=False),
              help="Output directory: each target folder in it is replaced whole on success; one holding other files or the input is refused.")
@click.option("--list-targets", is_flag=True, is_eager=True, expose_value=False,
              callback=lambda ctx, _p, v: _list_targets(ctx) if v else None,
              help="List the available targets and exit.")
@click.option("--inventory", type=click.Path(dir_okay=False), metavar="INVENTORY",
              help="Bind the roles to these discovered nodes first (see `bind`): targets use real nodes.")
@click.option("--check", "check_only", is_flag=True,
              help="Write nothing: compare the output directory with what would be written (exit 0 same, 3 "
                   "different, with a unified diff of changed files and lists of added and removed ones).")
@_include
@code_options
@config_options
@color_option
@_target_options
@click.pass_context
def build(ctx: click.Context, file: str, targets: tuple[str, ...], output: str, include_dirs: tuple[str, ...],
          inventory: str | None, check_only: bool, ignore_codes: tuple[str, ...], error_codes: tuple[str, ...],
          config_path: str | None, no_config: bool, color: str, **options) -> None:
    """Build TARGET outputs for FILE into the output directory.

    Each target writes DIR/TARGET/, swapped in only when every target succeeded: a failed build
    leaves the previous output untouched, and other target folders in DIR are kept. A DIR that
    holds anything racompiler did not write, or the input itself, is refused (RA8xx). Targets,
    their options and code rules may come from the configuration file (the command line wins).
    """
    from racompiler.api import build as run_build

    known_targets_or_exit(targets)
    resolver = SettingsResolver(config_path, no_config, cli_rules(ignore_codes, error_codes))
    settings = resolver.for_file(file, include_dirs, targets, options, _explicit(ctx, options))
    colored = want_color(color)
    resolver.exit_on_config_errors("human", colored)
    if not settings.targets:
        click.echo("error: no target to build: give -t TARGET, or set targets in the configuration file", err=True)
        sys.exit(EXIT_USAGE)
    result = run_build(file, settings.targets, None if check_only else output, options=settings.options,
                       include_dirs=settings.include_dirs, inventory=inventory, policy=settings.policy)
    if result.diagnostics:
        _emit_diagnostics(result, "human", color=colored)
    if not result.ok:
        if result.plan is not None and result.model is not None:
            click.echo(f"build failed; {output} was left untouched", err=True)
        sys.exit(EXIT_ERRORS)
    if check_only:
        from racompiler.build_check import compare_output

        changes = compare_output(result.artifacts, output)
        click.echo(changes.text(), nl=False)
        click.echo(changes.summary(output), err=True)
        sys.exit(EXIT_DIFFERENT if changes else EXIT_OK)
    if not result.written:
        click.echo(f"error: cannot write {output}: {result.write_error}; nothing was changed", err=True)
        sys.exit(EXIT_ERRORS)
    click.echo(f"wrote {len(result.artifacts)} file(s) to {output}", err=True)
    sys.exit(EXIT_OK)


def _list_targets(ctx: click.Context) -> None:
    from racompiler.targets import registry

    reg = registry()
    if not reg:
        click.echo("no targets are available yet")
    for name in sorted(reg):
        click.echo(f"{name:<10} {reg[name].description}")
    ctx.exit(0)


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, exists=True))
@click.option("--progress/--no-progress", "progress", default=None,
              help="Say on standard error when each target's judges start and finish, with seconds "
                   "(default: only when standard error is a terminal).")
@color_option
def verify(directory: str, progress: bool | None, color: str) -> None:
    """Check a build output directory with the real upstream tools of each target.

    Each target folder under DIRECTORY (heat/, crowbar/, ...) is checked by that target's
    verifier. One line per target says which real tool judged what, or "not verified: <reason>"
    for what could not be run (a tool that is not installed, a check no tool exists for); the
    last line lists only the targets a real tool verified. Exit 0 when every target found was
    verified with no error, 1 when any check failed or any target (or part of one) could not be
    verified, 2 when there is nothing to verify.
    """
    import dataclasses
    import time
    from pathlib import Path

    from racompiler.diagnostics import DiagnosticSink
    from racompiler.diagnostics.render import render
    from racompiler.targets import target_class, verifiable, verify_record

    names = verifiable(Path(directory))
    if not names:
        click.echo(f"error: nothing to verify in {directory} (no target output folder found)", err=True)
        sys.exit(EXIT_USAGE)
    if progress is None:  # progress is for a person watching, never noise in a CI log
        progress = sys.stderr.isatty()
    sink = DiagnosticSink()
    lines: list[str] = []
    verified: list[str] = []
    for i, name in enumerate(names, start=1):
        own = DiagnosticSink()
        step = f"[{i}/{len(names)}] {name}"
        if progress:
            click.echo(f"{step}: running its judges...", err=True)
        started = last = time.monotonic()

        def judged(tool: str, _what: str) -> None:
            # A verifier records a tool once it has run: its time is the time since the last event.
            nonlocal last
            now = time.monotonic()
            click.echo(f"{step}: {tool} finished in {now - last:.1f}s", err=True)
            last = now

        with verify_record(judged if progress else None) as rec:
            target_class(name).verify(Path(directory) / name, own)
        if progress:
            tools = ", ".join(dict.fromkeys(tool for tool, _what in rec.judged)) or "no upstream tool"
            click.echo(f"[{i}/{len(names)}] {name}: finished in {time.monotonic() - started:.1f}s ({tools})",
                       err=True)
        sink.extend(dataclasses.replace(d, target=d.target or name) for d in own.items)
        for tool, what in rec.judged:
            lines.append(f"{name}: {tool} judged {what}")
        for by, what in rec.checked:
            lines.append(f"{name}: checked by {by}: {what}")
        errors = sum(1 for d in own.items if d.severity.value == "error")
        if errors:
            lines.append(f"{name}: failed: {errors} error(s) above")
        reasons = rec.not_verified or ([] if rec.judged else ["no upstream tool judged this folder"])
        for reason in reasons:
            lines.append(f"{name}: not verified: {reason}")
        if not errors and not reasons:
            verified.append(name)
    text = render("human", sink.sorted(), {}, color=want_color(color))
    if text:
        click.echo(text, nl=False, err=True, color=want_color(color))
    for line in lines:
        click.echo(line, err=True)
    click.echo(f"verified: {', '.join(verified) if verified else 'nothing'}", err=True)
    sys.exit(EXIT_OK if len(verified) == len(names) else EXIT_ERRORS)


from racompiler.binding.cli import bind  # noqa: E402  (click commands only: cheap to import)
from racompiler.lsp.command import lsp  # noqa: E402  (a click command only: pygls is imported when it runs)
from racompiler.schema_cli import schema  # noqa: E402  (click only: not the schemas package)
from racompiler.targets.interop_cli import interop  # noqa: E402  (click commands only: cheap to import)

main.add_command(bind)
main.add_command(schema)
main.add_command(interop)
main.add_command(lsp)

if __name__ == "__main__":  # pragma: no cover
    main()
