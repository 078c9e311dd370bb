"""What moving a build to another interop guideline changes: ``racompiler interop compare``.

For the build's program and each add-on it lists, the two guidelines are compared through the
same loader and selection the target uses: required capabilities added (and what they were) or
removed (and what they became), other status moves, required tests added, removed or renamed
(same idempotent id, new name), newly flagged or unflagged, and the counts before and after.
Tests are identified by idempotent id when both guidelines give one, by name otherwise.
"""

from __future__ import annotations

from racompiler.diagnostics.render import escape_terminal
from racompiler.targets.interop.folder import BuildFolder
from racompiler.targets.interop.guidelines import (
    ADDON_TITLES, PROGRAM_TITLES, STATUSES, Guideline, available_addons, load_guideline,
)
from racompiler.targets.interop.selection import Picked, counts, pick_tests

COMPARE_FORMAT_VERSION = 1


def _statuses(g: Guideline | None, comps: tuple[str, ...]) -> dict[str, str]:
    """Capability -> its status in ``comps``, the strongest when two components disagree."""
    out: dict[str, str] = {}
    if g is None:
        return out
    for status in reversed(STATUSES):  # required last: it wins
        for c in comps:
            for cap in g.components[c].capabilities[status]:
                out[cap] = status
    return out


def _key(p: Picked, other_ids: set[str]) -> str:
    return f"id:{p.test.uuid}" if p.test.uuid and p.test.uuid in other_ids else f"name:{p.test.name}"


def _test(p: Picked) -> dict:
    return {"name": p.test.name, "idempotent_id": f"id-{p.test.uuid}" if p.test.uuid else None,
            "capabilities": sorted(p.capabilities)}


def _tests_change(old: dict[str, Picked], new: dict[str, Picked]) -> dict:
    old_ids = {p.test.uuid for p in old.values() if p.test.uuid}
    new_ids = {p.test.uuid for p in new.values() if p.test.uuid}
    a = {_key(p, new_ids): p for p in old.values()}
    b = {_key(p, old_ids): p for p in new.values()}
    both = sorted(set(a) & set(b))
    return {
        "added": sorted((_test(b[k]) for k in set(b) - set(a)), key=lambda t: t["name"]),
        "removed": sorted((_test(a[k]) for k in set(a) - set(b)), key=lambda t: t["name"]),
        "renamed": sorted(({"from": a[k].test.name, "to": b[k].test.name, "idempotent_id": f"id-{b[k].test.uuid}"}
                           for k in both if a[k].test.name != b[k].test.name), key=lambda t: t["from"]),
        "flagged": sorted(({**_test(b[k]), "reason": flag.reason} for k in both if (flag := b[k].flag) and not a[k].flag),
                          key=lambda t: t["name"]),
        "unflagged": sorted((_test(b[k]) for k in both if a[k].flag and not b[k].flag), key=lambda t: t["name"]),
    }


def _section(name: str, kind: str, old: Guideline | None, new: Guideline | None) -> dict:
    def comps(g: Guideline | None) -> tuple[str, ...]:
        if g is None:
            return ()
        return g.programs[name] if kind == "program" else next(iter(g.programs.values()))

    so, sn = _statuses(old, comps(old)), _statuses(new, comps(new))
    req_o = {c for c, s in so.items() if s == "required"}
    req_n = {c for c, s in sn.items() if s == "required"}
    picked_o = pick_tests(old, comps(old), ("required",)) if old else {}
    picked_n = pick_tests(new, comps(new), ("required",)) if new else {}
    zero = {"required_capabilities": 0, "required_tests": 0, "flagged_tests": 0, "must_pass_tests": 0}

    def count(g: Guideline | None) -> dict:
        return {k: v for k, v in counts(g, comps(g)).items() if k in zero} if g else dict(zero)

    return {
        "name": name, "kind": kind,
        "title": PROGRAM_TITLES[name] if kind == "program" else ADDON_TITLES[name],
        "from_guideline": old.id if old else None, "to_guideline": new.id if new else None,
        "capabilities": {
            "added": [{"name": c, "was": so.get(c)} for c in sorted(req_n - req_o)],
            "removed": [{"name": c, "now": sn.get(c)} for c in sorted(req_o - req_n)],
            "status_changes": [{"name": c, "from": so.get(c), "to": sn.get(c)}
                               for c in sorted((set(so) | set(sn)) - req_o - req_n) if so.get(c) != sn.get(c)],
        },
        "tests": _tests_change(picked_o, picked_n),
        "counts": {"from": count(old), "to": count(new)},
        "must_pass": sorted(n for n, p in picked_n.items() if not p.flag),
        "must_pass_from": sorted(n for n, p in picked_o.items() if not p.flag),
    }


def _addon(gid: str, name: str) -> Guideline | None:
    return load_guideline(gid, name) if name in available_addons(gid) else None


def compare(folder: BuildFolder, old_id: str, new_id: str) -> dict:
    """The change document between guidelines ``old_id`` and ``new_id`` (both shipped) for the
    program and add-ons of the build ``folder``."""
    old, new = load_guideline(old_id), load_guideline(new_id)
    sections = [_section(folder.program, "program", old, new)]
    sections += [_section(a, "addon", _addon(old_id, a), _addon(new_id, a)) for a in folder.addons]
    lists = {}
    for side in ("must_pass_from", "must_pass"):
        lists[side] = len({n for s in sections for n in s.pop(side)})
    changed = any(v for s in sections for part in ("capabilities", "tests") for v in s[part].values())
    return {
        "version": COMPARE_FORMAT_VERSION,
        "architecture": folder.architecture,
        "from": {"id": old.id, "status": old.status, "releases": list(old.releases)},
        "to": {"id": new.id, "status": new.status, "releases": list(new.releases)},
        "changed": changed,
        "sections": sections,
        "test_list": {"from": lists["must_pass_from"], "to": lists["must_pass"]},
    }


def _delta(a: int, b: int) -> str:
    return f"{a} -> {b}" + (f" ({b - a:+d})" if a != b else "")


def _test_lines(section: dict, fmt: str) -> list[str]:
    t = section["tests"]
    bullet = "  " if fmt == "text" else "- "
    code = (lambda s: s) if fmt == "text" else (lambda s: f"`{s}`")
    out = []
    ident = lambda x: f" [{x['idempotent_id']}]" if x["idempotent_id"] else ""  # noqa: E731  (1.2 has no ids)
    out += [f"{bullet}+ test {code(x['name'])}{ident(x)}" for x in t["added"]]
    out += [f"{bullet}- test {code(x['name'])}{ident(x)}" for x in t["removed"]]
    out += [f"{bullet}~ renamed {code(x['from'])} -> {code(x['to'])}" for x in t["renamed"]]
    out += [f"{bullet}! newly flagged {code(x['name'])}: {x['reason']}" for x in t["flagged"]]
    out += [f"{bullet}* unflagged {code(x['name'])}" for x in t["unflagged"]]
    return out


def render_compare(doc: dict, fmt: str) -> str:
    """The change document as ``text`` (a terminal) or ``markdown``."""
    head = (f"{doc['architecture']}: interop guideline {doc['from']['id']} ({doc['from']['status']}) -> "
            f"{doc['to']['id']} ({doc['to']['status']})")
    out = [escape_terminal(head) if fmt == "text" else f"# {head}", ""]
    if not doc["changed"]:
        out.append("no capability or test changes for this build's program and add-ons")
    for s in doc["sections"]:
        title = f"{s['title']} ({s['from_guideline'] or 'not published'} -> {s['to_guideline'] or 'not published'})"
        out.append(title if fmt == "text" else f"## {title}")
        caps = s["capabilities"]
        bullet = "  " if fmt == "text" else "- "
        out += [f"{bullet}+ capability {c['name']} (was {c['was'] or 'absent'})" for c in caps["added"]]
        out += [f"{bullet}- capability {c['name']} (now {c['now'] or 'absent'})" for c in caps["removed"]]
        out += [f"{bullet}~ capability {c['name']}: {c['from'] or 'absent'} -> {c['to'] or 'absent'}"
                for c in caps["status_changes"]]
        out += [escape_terminal(line) for line in _test_lines(s, fmt)]
        f, t = s["counts"]["from"], s["counts"]["to"]
        out.append(f"{bullet}required capabilities {_delta(f['required_capabilities'], t['required_capabilities'])}; "
                   f"required tests {_delta(f['required_tests'], t['required_tests'])}; "
                   f"flagged {_delta(f['flagged_tests'], t['flagged_tests'])}; "
                   f"must pass {_delta(f['must_pass_tests'], t['must_pass_tests'])}")
        out.append("")
    out.append(f"test list (must-pass tests of the program and add-ons): "
               f"{_delta(doc['test_list']['from'], doc['test_list']['to'])}")
    return "\n".join(out) + "\n"
