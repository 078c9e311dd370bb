"""``binding.json`` (versioned, sorted keys) and the text summary of a Binding."""

from __future__ import annotations

from racompiler.binding.match import format_bytes
from racompiler.binding.result import Binding
from racompiler.diagnostics.render import escape_terminal
from racompiler.jsonout import dump_json

BINDING_FORMAT_VERSION = 1
MAX_UNUSED_SHOWN = 20  # the text summary is for people; binding.json lists every unused node


def binding_json(binding: Binding) -> str:
    """The binding document: version, architecture, inventory file name, roles, nodes, unused."""
    doc = {"version": BINDING_FORMAT_VERSION, **binding.to_json()}
    return dump_json(doc)


def binding_text(binding: Binding) -> str:
    """One block per role (its nodes with rack, cores and memory), then the unused nodes."""
    lines = [f"binding of {binding.architecture} to {escape_terminal(binding.inventory)}"]
    width = max((len(n) for n in binding.node_role), default=0)
    for role, names in binding.roles.items():
        profile = binding.profiles.get(role)
        lines.append(f"role {role} ({len(names)} node(s), hardware {profile.name if profile else 'any'}):")
        for node in binding.nodes_of(role):
            # rack and zone are free text from the inventory: no escape sequence reaches the terminal
            where = escape_terminal("/".join(x for x in (node.zone, node.rack) if x) or "-")
            lines.append(f"  {node.name:<{width}}  {where:<16} {node.cores:>4} cores {format_bytes(node.memory_bytes):>9}")
    shown = ", ".join(binding.unused[:MAX_UNUSED_SHOWN])
    more = len(binding.unused) - MAX_UNUSED_SHOWN
    lines.append(f"unused: {len(binding.unused)} node(s)" + (f": {shown}" if shown else "")
                 + (f" and {more} more" if more > 0 else ""))
    return "\n".join(lines) + "\n"
