"""Where the shipped assets (grammar, catalog, target data) live.

In a wheel they are packaged under ``racompiler/_data/``; in a source checkout they are the
top-level ``grammar/``, ``architectures/`` and ``targets/`` folders. Code asks here and never
builds such paths itself.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def asset_dir(kind: str) -> Path:
    """The folder of one asset kind: ``grammar``, ``architectures`` or ``targets``."""
    packaged = _PACKAGE_DIR / "_data" / kind
    if packaged.is_dir():
        return packaged
    return _PACKAGE_DIR.parent / kind


def grammar_path() -> Path:
    return asset_dir("grammar") / "ra.lark"


def catalog_dir() -> Path:
    """The built-in module root: ``import openstack`` finds ``catalog/openstack.ra`` here."""
    return asset_dir("architectures") / "catalog"


def examples_dir() -> Path:
    return asset_dir("architectures")


CATALOG_PREFIX = "<catalog>"


def display_path(path: Path) -> str:
    """How a file is named in diagnostics: relative to the working directory when below it, and
    ``<catalog>/...`` for the built-in catalog, so the name is the same on every machine."""
    real = path.resolve()
    cat = catalog_dir().resolve()
    if real.is_relative_to(cat):
        return f"{CATALOG_PREFIX}/{real.relative_to(cat).as_posix()}"
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel
