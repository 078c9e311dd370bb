"""The target's Jinja2 templates (text-shaped assets under ``targets/ansible/templates/``).

Templates use ``[[ ]]``, ``[% %]`` and ``[# #]`` as delimiters, so the Ansible expressions
(``{{ ... }}``) they contain pass through untouched. They hold no logic: every value is computed
in Python, and YAML-shaped templates (task skeletons) are parsed and re-serialised by the caller.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import jinja2
import yaml

from racompiler.assets import asset_dir


def assets_dir():
    """``targets/ansible/``: templates and the upstream data the flavours use."""
    return asset_dir("targets") / "ansible"


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(assets_dir() / "templates")),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
        variable_start_string="[[", variable_end_string="]]",
        block_start_string="[%", block_end_string="%]",
        comment_start_string="[#", comment_end_string="#]",
    )


def render_text(name: str, **context: Any) -> str:
    """A text asset (``ansible.cfg``, ``README.md``) rendered with ``context``."""
    return _env().get_template(name).render(**context)


def render_data(name: str, **context: Any) -> Any:
    """A YAML-shaped template rendered with ``context`` and parsed back into data."""
    return yaml.safe_load(render_text(name, **context))
