"""Load an RA and every module it imports, following the search path.

Search roots, in order: the folder of the root file, each ``-I`` folder, the built-in catalog.
``import a.b`` finds ``a/b.ra`` under the first root that has it. A module resolved through a
symbolic link to a place outside its root is refused (RA205), so an import can never read files
the roots do not contain.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

from racompiler.assets import catalog_dir, display_path
from racompiler.diagnostics import DiagnosticSink, Related, Span, codes
from racompiler.records import field, record
from racompiler.semantic.decl import ImportRef, ModuleDecls
from racompiler.semantic.decode import decode_module
from racompiler.semantic.overlay import OverlayLog, apply_overlay, reject_overlay_ops
from racompiler.semantic.suggest import did_you_mean
from racompiler.syntax import ast
from racompiler.syntax.load import parse_bytes, parse_file

MAX_MODULES = 500


@record(frozen=False)
class Program:
    """The root module and its imports, dependencies first (a deterministic order)."""

    root: ModuleDecls
    modules: list[ModuleDecls]
    sources: dict[str, str] = field(default_factory=dict)
    overlays: OverlayLog = field(default_factory=OverlayLog)
    # The real path of every module file read (root and imports, overlay bases excluded), in load
    # order: targets look beside each one for the module's own realisation mapping.
    files: list[str] = field(default_factory=list)
    # Every import and extends that found its file: the span of the module name as written, and
    # the name diagnostics give that file. Editors follow these links from the root file to say
    # which import a problem inside another file comes through.
    links: dict[Span, str] = field(default_factory=dict)


def search_roots(root_file: Path, include_dirs: Sequence[str]) -> list[Path]:
    roots = [root_file.parent] + [Path(p) for p in include_dirs] + [catalog_dir()]
    seen: list[Path] = []
    for r in roots:
        if r not in seen:
            seen.append(r)
    return seen


# The did-you-mean for a missing import looks at the modules near each root only: ``-I /`` must
# not walk the whole file system (it took 12 s). Breadth first, so the shallow modules come first.
SUGGEST_MAX_DEPTH = 4  # folders below a root (import a.b.c.d.e)
SUGGEST_MAX_ENTRIES = 5000  # directory entries looked at per root


def _available_modules(roots: Sequence[Path]) -> list[str]:
    """Module names under each root, for did-you-mean: at most :data:`SUGGEST_MAX_DEPTH` folders
    deep and :data:`SUGGEST_MAX_ENTRIES` entries per root; hidden folders and links to folders
    are not entered."""
    names: set[str] = set()
    for root in roots:
        budget = SUGGEST_MAX_ENTRIES
        level: list[tuple[str, tuple[str, ...]]] = [(str(root), ())]
        for depth in range(SUGGEST_MAX_DEPTH + 1):
            below: list[tuple[str, tuple[str, ...]]] = []
            for folder, parts in level:
                try:
                    with os.scandir(folder) as it:
                        for entry in it:
                            budget -= 1
                            if budget < 0:
                                break
                            try:
                                if entry.name.endswith(".ra") and entry.is_file():
                                    names.add(".".join(parts + (entry.name[:-3],)))
                                elif (depth < SUGGEST_MAX_DEPTH and not entry.name.startswith(".")
                                      and entry.is_dir(follow_symlinks=False)):
                                    below.append((entry.path, parts + (entry.name,)))
                            except OSError:
                                continue
                except OSError:  # not a folder, unreadable, gone
                    continue
                if budget < 0:
                    break
            if budget < 0 or not below:
                break
            level = sorted(below)
    return sorted(names)


class _Loader:
    def __init__(self, roots: list[Path], sink: DiagnosticSink) -> None:
        self.roots = roots
        self.sink = sink
        self.links: dict[Span, str] = {}
        self.sources: dict[str, str] = {}
        self.loaded: dict[Path, ModuleDecls | None] = {}
        self.order: list[ModuleDecls] = []
        self.visiting: list[tuple[Path, str]] = []
        self.overlays = OverlayLog()
        self.files: list[str] = []
        self.available: list[str] | None = None  # module names for did-you-mean, found on first need
        # Files given as text rather than read from disk (compile_source, an editor's unsaved
        # buffer): real path -> bytes
        self.in_memory: dict[Path, bytes] = {}

    def find(self, ref: ImportRef, importer: str) -> Path | None:
        rel = Path(*ref.module.split(".")).with_suffix(".ra")
        for root in self.roots:
            candidate = root / rel
            if candidate.is_file():
                real = candidate.resolve()
                if not real.is_relative_to(root.resolve()):
                    self.sink.report(codes.RA205, f"module '{ref.module}' resolves outside its search root "
                                                  f"'{root.resolve()}'",
                                     ref.span, hint="imports may not follow links out of the search roots")
                    return None
                return real
        if self.available is None:  # once per program, however many imports are missing
            self.available = _available_modules(self.roots)
        hint = did_you_mean(ref.module, self.available)
        self.sink.report(codes.RA203, f"module '{ref.module}' not found", ref.span,
                         hint=hint or "searched: " + ", ".join(str(r) for r in self.roots))
        return None

    def find_base(self, ext: ast.ExtendsDecl, importer: Path) -> Path | None:
        """The file an ``extends`` names: a module on the search path, or a path to a file."""
        if not ext.is_path:
            return self.find(ImportRef(ext.module, ext.module_span), str(importer))
        candidate = (importer.parent / ext.module)
        if not candidate.is_file():
            self.sink.report(codes.RA203, f"base RA '{ext.module}' not found (relative to {importer.parent})",
                             ext.module_span)
            return None
        real = candidate.resolve()
        if not any(real.is_relative_to(r.resolve()) for r in self.roots):
            self.sink.report(codes.RA205, f"base RA '{ext.module}' lies outside the search roots", ext.module_span,
                             hint="add its folder with -I DIR")
            return None
        return real

    def effective(self, path: Path, display: str, chain: tuple[Path, ...] = ()) -> ast.Module | None:
        """The AST of ``path`` with every layer it extends applied beneath it."""
        text = self.in_memory.get(path.resolve())
        module = (parse_file(str(path), display, self.sink, self.sources) if text is None
                  else parse_bytes(text, display, self.sink, self.sources))
        if module is None:
            return None
        extends = [i for i in module.items if isinstance(i, ast.ExtendsDecl)]
        if not extends:
            return reject_overlay_ops(module, self.sink)
        for extra in extends[1:]:
            self.sink.report(codes.RA215, "a file extends one base; stack layers instead (site extends region, "
                                          "region extends base)", extra.span,
                             related=[Related(extends[0].span, "first extends here")])
        base_path = self.find_base(extends[0], path)
        if base_path is None:
            return None
        here = path.resolve()
        if base_path in chain + (here,):
            names = [display_path(p) for p in chain + (here, base_path)]
            self.sink.report(codes.RA212, "extends cycle: " + " -> ".join(names), extends[0].module_span)
            return None
        self.links[extends[0].module_span] = display_path(base_path)
        base = self.effective(base_path, display_path(base_path), chain + (here,))
        if base is None:
            return None
        if not self.overlays.layers:
            self.overlays.layers.append(base.path)
        return apply_overlay(base, module, self.sink, self.overlays)

    def load(self, path: Path, display: str) -> ModuleDecls | None:
        real = path.resolve()
        if real in self.loaded:
            return self.loaded[real]
        if len(self.loaded) >= MAX_MODULES:
            self.sink.report(codes.RA308, f"more than {MAX_MODULES} modules imported", Span.point(display))
            return None
        module = self.effective(path, display)
        if module is None:
            self.loaded[real] = None
            return None
        decls = decode_module(module, self.sink)
        self.files.append(str(real))
        self.visiting.append((real, display))
        self.loaded[real] = decls  # provisional: a cycle back here is detected via `visiting`
        for ref in decls.imports:
            target = self.find(ref, display)
            if target is None:
                continue
            self.links[ref.span] = display_path(target)
            cycle_at = next((i for i, (p, _) in enumerate(self.visiting) if p == target), None)
            if cycle_at is not None:
                chain = [name for _, name in self.visiting[cycle_at:]] + [self.visiting[cycle_at][1]]
                self.sink.report(codes.RA204, "import cycle: " + " -> ".join(chain), ref.span,
                                 hint="move the shared declarations into a module both can import")
                continue
            self.load(target, display_path(target))
        self.visiting.pop()
        self.order.append(decls)
        return decls


def root_display(path: str) -> str:
    """The name diagnostics give the root file ``path``: :func:`display_path` when it exists,
    else ``path`` as given (an editor's buffer that was never saved)."""
    root_path = Path(path)
    return display_path(root_path) if root_path.exists() else path


def load_program(path: str, include_dirs: Sequence[str], sink: DiagnosticSink,
                 sources: dict[str, str] | None = None, *, text: bytes | None = None,
                 display: str | None = None, links: dict[Span, str] | None = None) -> Program | None:
    """Parse and decode ``path`` and its imports; None when the root file cannot be parsed.

    ``sources`` (if given) receives the text of every file read, even when parsing fails, so
    that diagnostics can show caret excerpts. With ``text``, the root module is that text instead
    of the file's content (an editor's unsaved buffer; ``path`` then only places it: its folder is
    the first search root and the base of a relative ``extends``), named ``display`` in
    diagnostics. ``links`` receives :attr:`Program.links`, also when the root fails.
    """
    root_path = Path(path)
    loader = _Loader(search_roots(root_path, include_dirs), sink)
    if sources is not None:
        loader.sources = sources
    if links is not None:
        loader.links = links
    if text is not None:
        loader.in_memory[root_path.resolve()] = text
    root = loader.load(root_path, display if display is not None else root_display(path))
    if root is None:
        return None
    return Program(root, loader.order, loader.sources, loader.overlays, loader.files, loader.links)


__all__ = ["Program", "load_program", "display_path", "root_display"]
