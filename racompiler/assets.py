"""Where the shipped assets (grammar, catalog, target data) live.

In a wheel they are packaged under ``racompiler/_data/``; in a source checkout they are the
top-level ``grammar/``, ``architectures/`` and ``targets/`` folders. Code asks here and never
builds such paths itself.
"""

from __future__ import annotations

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
