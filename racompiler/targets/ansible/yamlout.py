"""YAML serialisation for the Ansible target: data in, lint-clean text out.

Every file is built as Python data and dumped here, never text-templated, so no RA string can
change the structure of the output. Two details matter to Ansible:

- :class:`Unsafe` marks a string that came from the RA (descriptions, attribute values). It is
  written with Ansible's ``!unsafe`` tag, so Ansible treats it as data and never evaluates a
  ``{{ ... }}`` inside it.
- Sequences are indented under their key and files start with ``---``, as yamllint and
  ansible-lint expect (PyYAML's default writes indentless sequences).
"""

from __future__ import annotations

from typing import Any

import yaml


class Unsafe(str):
    """A string Ansible must never template (it came from the RA, an untrusted source)."""

    __slots__ = ()


class _Dumper(yaml.SafeDumper):
    """SafeDumper with indented block sequences and no aliases (every node written in full)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_unsafe(dumper: yaml.SafeDumper, data: Unsafe) -> yaml.ScalarNode:
    # Quote always: a plain scalar after a tag is legal YAML, but quoting keeps values such as
    # "yes" or "1.0" visibly strings for a human reader too.
    return dumper.represent_scalar("!unsafe", str(data), style="'" if "\n" not in data else '"')


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    # Double quotes for multi-line values: "...\n" stays on one line instead of being folded.
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style='"' if "\n" in data else None)


def _represent_none(dumper: yaml.SafeDumper, _data: None) -> yaml.ScalarNode:
    # `host:` rather than `host: null`, the usual spelling in inventories.
    return dumper.represent_scalar("tag:yaml.org,2002:null", "")


_Dumper.add_representer(Unsafe, _represent_unsafe)
_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(type(None), _represent_none)


class UnsafeLoader(yaml.SafeLoader):
    """Reads the generated YAML back: Ansible's ``!unsafe`` tag becomes a plain string."""


def _unsafe(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    if not isinstance(node, yaml.ScalarNode):  # racompiler tags strings only
        raise yaml.constructor.ConstructorError(None, None, "!unsafe on a non-string", node.start_mark)
    return str(loader.construct_scalar(node))


UnsafeLoader.add_constructor("!unsafe", _unsafe)


def load_yaml(text: str) -> Any:
    """Parse YAML written by this target (or by Ansible users, with ``!unsafe`` values)."""
    return yaml.load(text, Loader=UnsafeLoader)


def untrusted(value: Any) -> Any:
    """``value`` with every string inside it (recursively) marked :class:`Unsafe`."""
    if isinstance(value, str):
        return Unsafe(value)
    if isinstance(value, dict):
        return {k: untrusted(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [untrusted(v) for v in value]
    return value


def unsafe_from_ra(value: Any) -> Any:
    """``value`` with every string that came from the RA (:class:`FromRA`, recursively) marked
    :class:`Unsafe`; a mapping's own constants stay plain."""
    from racompiler.targets.realise import FromRA

    if isinstance(value, dict):
        return {k: unsafe_from_ra(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [unsafe_from_ra(v) for v in value]
    return Unsafe(value) if isinstance(value, FromRA) else value


def dump(data: Any, comment: str = "") -> str:
    """YAML text of ``data``: ``---`` first, an optional ``#`` comment header, a final newline.

    Key order is the insertion order of ``data``: callers build mappings in a deterministic
    order (Ansible and ansible-lint want ``name`` first in plays and tasks, so keys are not
    sorted alphabetically).
    """
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, default_flow_style=False, allow_unicode=True,
                     width=100)
    header = "".join(f"# {line}".rstrip() + "\n" for line in comment.splitlines()) if comment else ""
    return "---\n" + header + body
