"""Serialising the interop report: the list files, interop.json and the README.

Data files are written with ``json.dumps``; only the README (text for people) goes through the
Jinja2 template ``targets/interop/README.md.j2``, whose view data is computed here.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from racompiler.assets import asset_dir
from racompiler.jsonout import dump_json
from racompiler.targets import Artifact
from racompiler.targets.interop.report import include_regexes

if TYPE_CHECKING:
    from racompiler.targets.interop.report import Report

FOLDER = "interop"
# The Tempest release racompiler's own test suite resolves every emitted test against.
CHECKED_TEMPEST = "47.0.0"
# How each choice was made, as the README says it.
CHOSEN = {
    "option": "set by a build option",
    "architecture": "pinned by the architecture's interop block",
    "default": "the newest guideline racompiler ships (the default)",
    "release": "the newest guideline racompiler ships that covers the architecture's release",
    "derived": "derived from the deployed services",
}


@lru_cache(maxsize=1)
def _environment() -> Environment:
    # Our own template, not user input: no sandbox needed; StrictUndefined catches typos.
    return Environment(loader=FileSystemLoader(str(asset_dir("targets") / "interop")),
                       undefined=StrictUndefined, keep_trailing_newline=True, autoescape=False)


def _plugins(data: dict) -> list[str]:
    """PyPI names of the Tempest plugins the applying add-ons' tests live in."""
    out = set()
    for addon in data["addons"].values():
        if addon["applies"]:
            for repo in addon["test_repositories"].values():
                out.add(repo["repository"].rstrip("/").rsplit("/", 1)[-1])
    return sorted(out)


def readme_view(report: "Report", root_file: str) -> dict:
    """Everything the README template shows, computed (the template holds no logic)."""
    d = report.data
    counts = d["counts"]
    rows = [{"name": label, "title": (d["program"]["title"] if d["program"] and label == d["program"]["name"]
                                      else d["addons"].get(label, {}).get("title", label)), **c}
            for label, c in counts.items() if label != "test_list"]
    plugins = _plugins(d)
    return {
        "architecture": d["architecture"],
        "root_file": root_file,
        "applies": d["applies"],
        "summary": d["summary"],
        "guideline": d["guideline"],
        "guideline_chosen": CHOSEN[d["guideline"]["chosen_by"]],
        "program_chosen": CHOSEN[d["program"]["chosen_by"]] if d["program"] else "",
        "services": [{"project": p, "components": ", ".join(c)} for p, c in d["services"].items()],
        "programs": [{"name": p, **v, "missing": ", ".join(v["missing_services"]) or "-"}
                     for p, v in d["programs"].items()],
        "program": d["program"],
        "addons": [{"name": n, **v} for n, v in d["addons"].items()],
        "rows": rows,
        "lines": len(report.lines),
        "options": d["options"],
        "plugins": plugins,
        "pip_packages": " ".join([f"tempest=={CHECKED_TEMPEST}", *plugins]),
        "checked_tempest": CHECKED_TEMPEST,
        "refstack_lines": sum(1 for line in report.lines if line.startswith("tempest.")),
        "admin": sorted({c for comp in d["components"].values() for c in comp["admin_capabilities"]}),
        "inventory": d["inventory"],
    }


def artifacts(report: "Report", root_file: str) -> list[Artifact]:
    """The files of ``<output>/interop/``; the lists only when a program applies."""
    out = [Artifact(f"{FOLDER}/interop.json", dump_json(report.data))]
    readme = _environment().get_template("README.md.j2").render(**readme_view(report, root_file))
    out.append(Artifact(f"{FOLDER}/README.md", readme.rstrip("\n") + "\n"))
    if report.data["applies"]:
        out.append(Artifact(f"{FOLDER}/test-list.txt", "".join(f"{line}\n" for line in report.lines)))
        out.append(Artifact(f"{FOLDER}/include-list.txt",
                            "".join(f"{rx}\n" for rx in include_regexes(report.lines))))
    return sorted(out, key=lambda a: a.relpath)
