"""Compile an open document as ``racompiler check`` compiles the saved file.

The document's unsaved text is the root file; its imports (and the base it extends) are read
from disk, found from the document's folder. Its configuration file (``racompiler.toml`` or
``[tool.racompiler]`` found upwards from the document, read afresh each time so that an edited
configuration applies at once) gives the include folders, the code rules and the targets, as it
does for ``check``: with targets, their feasibility rules and ledger run too.

A document that is not a file (an ``untitled:`` buffer) is compiled as a file of that name in
the first workspace folder (else the server's working directory), so that it can still import
the catalog and its neighbours; it reads no configuration.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from racompiler.diagnostics import Diagnostic, Span
from racompiler.lsp.convert import uri_to_path

if TYPE_CHECKING:
    from racompiler.api import CompileResult
    from racompiler.semantic.loader import Program


@dataclass
class Analysis:
    """What compiling one document found: its name in diagnostics (``root``), the diagnostics
    (after suppressions and the configuration's rules, as ``check`` reports them), every file's
    text, which file each import found, and the declarations (None when the text did not parse)."""

    path: str
    root: str
    diagnostics: list[Diagnostic]
    sources: dict[str, str] = field(default_factory=dict)
    links: dict[Span, str] = field(default_factory=dict)
    program: "Program | None" = None


def document_path(uri: str, folder: str | None) -> tuple[str, bool]:
    """The file a document stands for, and whether it is a real file (a ``file:`` URI)."""
    path = uri_to_path(uri)
    if path is not None:
        return path, True
    name = re.sub(r"[^A-Za-z0-9_.-]", "_", uri.rsplit("/", 1)[-1].rsplit(":", 1)[-1]) or "untitled"
    return os.path.join(folder or os.getcwd(), name if name.endswith(".ra") else name + ".ra"), False


def analyse(uri: str, text: str, folder: str | None = None) -> Analysis:
    """Compile the document ``uri`` whose current text is ``text`` (never raises for bad input:
    the compiler turns every problem into a diagnostic)."""
    from racompiler.api import check_targets, compile_file
    from racompiler.config import NO_CONFIG, ConfigFinder
    from racompiler.semantic.loader import root_display

    path, is_file = document_path(uri, folder)
    finder = ConfigFinder(disabled=not is_file)
    config = finder.for_file(path) if is_file else NO_CONFIG
    config_diags = finder.sink.sorted()
    if not finder.ok:  # as `check`: a broken configuration stops the run before compiling
        return Analysis(path, root_display(path), config_diags, dict(finder.sources))
    policy = config.policy()
    result: CompileResult
    if config.targets:
        from racompiler.targets import all_options

        # The command line's defaults under the configuration's values, as `check` merges them. The
        # configuration has vetted the target names (RA122 otherwise, and the run stopped above).
        options = {o.dest: o.default for o in all_options()} | dict(config.options)
        result = check_targets(path, config.targets, options=options, include_dirs=config.include, policy=policy,
                               text=text)
    else:
        result = compile_file(path, config.include, policy=policy, text=text)
    return Analysis(path, root_display(path), config_diags + result.diagnostics,
                    {**finder.sources, **result.sources}, result.links, result.program)


__all__ = ["Analysis", "analyse", "document_path"]
