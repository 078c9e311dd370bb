"""No generated proposal holds a password: every secret attribute is blanked, and listed.

The ``secrets`` table of ``mapping.yaml`` names, per flavour and barclamp, the attribute paths
that hold a password, key or token. Each is written as an empty string (the templates ship
sample values such as keystone's ``crowbar``), and ``crowbar/SECRETS.md`` lists them per proposal
file: the operator sets them, or lets Crowbar generate them, before committing.
"""

from __future__ import annotations

from racompiler.targets.crowbar import data
from racompiler.targets.crowbar.attributes import _Missing, get_path, set_path, split_path
from racompiler.targets.crowbar.proposals import Proposal


def secret_paths(flavour: str, barclamp: str) -> list[str]:
    """The secret attribute paths of ``barclamp`` in ``flavour`` (dotted, under attributes.<bc>)."""
    return list(((data.mapping().get("secrets") or {}).get(flavour) or {}).get(barclamp) or [])


def blank(proposals: list[Proposal], flavour: str) -> dict[str, list[str]]:
    """Empty every secret of every proposal; proposal file -> the paths blanked, in table order."""
    out: dict[str, list[str]] = {}
    for prop in proposals:
        paths = []
        for path in secret_paths(flavour, prop.barclamp):
            try:
                get_path(prop.attributes, split_path(path))
            except _Missing:
                continue  # a structure the RA replaced (e.g. another cinder back-end)
            set_path(prop.attributes, split_path(path), "")
            paths.append(path)
        if paths:
            out[prop.filename] = paths
    return out


def secrets_document(blanked: dict[str, list[str]], flavour: str, architecture: str) -> str:
    """The text of ``crowbar/SECRETS.md``."""
    lines = [f"# Secrets to set before committing the Crowbar proposals ({flavour})", "",
             f"Architecture: {architecture}", "",
             "The proposals in this folder hold no password, key or token: every attribute below is an empty",
             "string. Set each one (in the file, or in the Crowbar UI after import) before committing the",
             "proposal; Crowbar generates some of them only when it creates a proposal itself, not for an",
             "imported one. Paths are under `attributes.<barclamp>` of the file.", ""]
    for filename in sorted(blanked):
        lines.append(f"## {filename}")
        lines.append("")
        lines.extend(f"- `{path}`" for path in blanked[filename])
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
