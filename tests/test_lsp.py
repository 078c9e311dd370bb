"""``racompiler lsp``, driven as an editor drives it: ``python -m racompiler lsp`` in a subprocess,
JSON-RPC over its standard input/output (the small client below writes and reads the frames
itself), and every answer compared with what the command line says for the same file: ``check
--format json`` for diagnostics, ``catalog --format json`` for hover texts and completions,
``fmt -`` for formatting.
"""

from __future__ import annotations

import json
import os
import queue
import re
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, run_cli

pytest.importorskip("pygls")
pytest.importorskip("lsprotocol")

CATALOG = REPO / "architectures" / "catalog" / "openstack.ra"
HA = REPO / "architectures" / "ha_openstack.ra"
TIMEOUT = 60


def uri(path: Path) -> str:
    return path.resolve().as_uri()


class Client:
    """A minimal LSP client: frames messages, reads the server's in a thread, answers the
    server's own requests with null, and keeps notifications until asked for."""

    def __init__(self, cwd: Path, root: Path | None = None) -> None:
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]))
        env.pop("RACOMPILER_DEBUG", None)
        self.err = tempfile.TemporaryFile()  # a file, not a pipe: the server's log can never block it
        self.proc = subprocess.Popen([sys.executable, "-m", "racompiler", "lsp"], cwd=cwd, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.err)
        self.messages: queue.Queue[dict] = queue.Queue()
        self.pending: list[dict] = []
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        root_uri = uri(root or cwd)
        result = self.request("initialize", {
            "processId": os.getpid(), "rootUri": root_uri,
            "workspaceFolders": [{"uri": root_uri, "name": "ws"}],
            "capabilities": {"textDocument": {"publishDiagnostics": {"relatedInformation": True}}},
        })
        self.capabilities = result["capabilities"]
        self.notify("initialized", {})

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            assert length is not None
            self.messages.put(json.loads(out.read(length)))

    def send_raw(self, body: bytes) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def send(self, message: dict) -> None:
        self.send_raw(json.dumps(dict(message, jsonrpc="2.0")).encode("utf-8"))

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def _next(self) -> dict:
        try:
            msg = self.messages.get(timeout=TIMEOUT)
        except queue.Empty:
            raise AssertionError(f"no message from the server in {TIMEOUT}s; stderr: {self.stderr()}") from None
        if "method" in msg and "id" in msg:  # a request from the server: answer it
            self.send({"id": msg["id"], "result": None})
        return msg

    def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        while True:
            msg = self._next()
            if msg.get("id") == self.next_id and "method" not in msg:
                assert "error" not in msg, f"error {msg['error']['code']}: {msg['error']}"
                return msg.get("result")
            self.pending.append(msg)

    def diagnostics(self, doc_uri: str) -> list[dict]:
        """The next diagnostics published for ``doc_uri``."""
        while True:
            for i, msg in enumerate(self.pending):
                if msg.get("method") == "textDocument/publishDiagnostics" and msg["params"]["uri"] == doc_uri:
                    del self.pending[i]
                    return msg["params"]["diagnostics"]
            self.pending.append(self._next())

    def open(self, doc_uri: str, text: str, version: int = 1) -> list[dict]:
        self.notify("textDocument/didOpen", {"textDocument": {"uri": doc_uri, "languageId": "ra", "version": version,
                                                              "text": text}})
        return self.diagnostics(doc_uri)

    def change(self, doc_uri: str, text: str, version: int) -> list[dict]:
        self.notify("textDocument/didChange", {"textDocument": {"uri": doc_uri, "version": version},
                                               "contentChanges": [{"text": text}]})
        return self.diagnostics(doc_uri)

    def at(self, method: str, doc_uri: str, line: int, character: int) -> Any:
        where = {"line": line, "character": character}
        return self.request(method, {"textDocument": {"uri": doc_uri}, "position": where})

    def stderr(self) -> str:
        self.err.seek(0)
        return self.err.read().decode(errors="replace")[-4000:]

    def close(self) -> int:
        self.request("shutdown", None)
        self.notify("exit", None)
        try:
            return self.proc.wait(timeout=TIMEOUT)
        finally:
            for stream in (self.proc.stdin, self.proc.stdout):  # the log stays readable
                if stream:
                    stream.close()


@pytest.fixture
def client(tmp_path):
    c = Client(tmp_path)
    yield c
    if c.proc.poll() is None:
        assert c.close() == 0, c.stderr()


def position(path_or_text: Path | str, needle: str, offset: int = 0, nth: int = 0) -> tuple[int, int]:
    """0-based line and column of ``offset`` characters into the ``nth`` line holding ``needle``."""
    text = path_or_text.read_text() if isinstance(path_or_text, Path) else path_or_text
    hits = [(i, line.index(needle)) for i, line in enumerate(text.split("\n")) if needle in line]
    line, col = hits[nth]
    return line, col + offset


def catalog(name: str) -> dict:
    proc = run_cli("catalog", name, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)["components"][0]


# --- diagnostics ---------------------------------------------------------------------------------

BROKEN_EDITS = [
    ("nova.compute,", "nova.compte,"),  # RA201 with a did-you-mean hint
    ('network management "Everything talks over this one network" {',
     'network management "A second network of the same name" {\n  cidr = "10.9.9.0/24"\n}\n\n'
     'network management "Everything talks over this one network" {'),  # a duplicate: a related note
]


def _broken(text: str) -> str:
    for old, new in BROKEN_EDITS:
        assert old in text
        text = text.replace(old, new, 1)
    return text


def _as_check(d: dict) -> dict:
    """An LSP diagnostic in the shape of `check --format json`'s."""
    start, end = d["range"]["start"], d["range"]["end"]
    message, _, hint = d["message"].partition("\nhint: ")
    return {"code": d["code"], "severity": {1: "error", 2: "warning", 3: "note"}[d["severity"]], "message": message,
            "hint": hint or None, "line": start["line"] + 1, "column": start["character"] + 1,
            "end_line": end["line"] + 1, "end_column": end["character"] + 1,
            "related": [(r["message"], r["location"]["range"]["start"]["line"] + 1) for r in
                        d.get("relatedInformation") or []]}


def _check_json(cwd: Path, name: str) -> list[dict]:
    proc = run_cli("check", "--format", "json", name, cwd=cwd)
    out = []
    for d in json.loads(proc.stdout)["diagnostics"]:
        s = d["span"]
        assert s["file"] == name
        out.append({"code": d["code"], "severity": d["severity"], "message": d["message"], "hint": d["hint"],
                    "line": s["line"], "column": s["column"], "end_line": s["end_line"], "end_column": s["end_column"],
                    "related": [(r["message"], r["span"]["line"]) for r in d["related"]]})
    return out


def test_diagnostics_are_check_s_and_come_from_the_unsaved_text(client, tmp_path):
    good = (REPO / "architectures" / "allinone.ra").read_text()
    ra = tmp_path / "allinone.ra"
    ra.write_text(_broken(good))  # on disk: broken, so that `check` reports the same problems
    expected = _check_json(tmp_path, "allinone.ra")
    assert {d["code"] for d in expected} >= {"RA201", "RA202"} and any(d["hint"] for d in expected) \
        and any(d["related"] for d in expected), expected  # a hint and a related note are compared too
    published = client.open(uri(ra), ra.read_text())
    assert [_as_check(d) for d in published] == expected
    assert all(d["source"] == "racompiler" for d in published)
    assert client.change(uri(ra), good, 2) == []  # fixed in the buffer only: the disk is still broken
    assert client.change(uri(ra), good.replace("nova.compute,", "nova.compte,"), 3)[0]["code"] == "RA201"


def test_a_clean_example_has_no_diagnostics(client):
    assert client.open(uri(HA), HA.read_text()) == []


def test_a_problem_in_an_imported_module_is_shown_at_its_import(client, tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "extra.ra").write_text('import openstack\n\nnetwork n "x" {\n  cidr = "10.0.0.0/33"\n}\n')
    main = tmp_path / "main.ra"
    text = 'import openstack\nimport site.extra\n\narchitecture a "A" {}\n'
    main.write_text(text)
    check = json.loads(run_cli("check", "--format", "json", "main.ra", cwd=tmp_path).stdout)["diagnostics"]
    (theirs,) = [d for d in check if d["span"]["file"] == os.path.join("site", "extra.ra")]
    published = client.open(uri(main), text)
    (ours,) = [d for d in published if d["code"] == theirs["code"]]
    assert ours["range"]["start"] == {"line": 1, "character": 7}  # `site.extra` on the import line
    s = theirs["span"]
    assert ours["message"].startswith(f"{s['file']}:{s['line']}:{s['column']}: {theirs['message']}")
    here = ours["relatedInformation"][0]["location"]
    assert here["uri"] == uri(tmp_path / "site" / "extra.ra")
    assert here["range"]["start"] == {"line": s["line"] - 1, "character": s["column"] - 1}


def test_saving_a_module_rechecks_the_documents_that_import_it(client, tmp_path):
    mod, main = tmp_path / "mod.ra", tmp_path / "main.ra"
    broken = 'network n "x" {\n  cidr = "10.0.0.0/33"\n}\n'
    mod.write_text(broken)
    main_text = 'import openstack\nimport mod\n\narchitecture a "A" {}\n'
    main.write_text(main_text)
    (d,) = client.open(uri(main), main_text)
    assert d["range"]["start"]["line"] == 1 and d["message"].startswith("mod.ra:2:")
    assert client.open(uri(mod), broken)[0]["range"]["start"]["line"] == 1
    # An incremental change (the sync kind the server asks for) fixes the buffer: /33 -> /24.
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri(mod), "version": 2}, "contentChanges": [
        {"range": {"start": {"line": 1, "character": 19}, "end": {"line": 1, "character": 21}}, "text": "24"}]})
    assert client.diagnostics(uri(mod)) == []
    assert client.request("textDocument/formatting", {"textDocument": {"uri": uri(mod)}, "options": {
        "tabSize": 2, "insertSpaces": True}}) == []  # the server's copy is the fixed (formatted) text
    mod.write_text(broken.replace("/33", "/24"))
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri(mod)}})
    assert client.diagnostics(uri(main)) == []  # main was compiled again, reading the saved module
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri(main)}})
    assert client.diagnostics(uri(main)) == []


def test_the_configuration_s_targets_and_rules_apply_as_for_check(client, tmp_path):
    (tmp_path / "racompiler.toml").write_text('targets = ["crowbar"]\nerror = ["RA627"]\n')
    ra = tmp_path / "allinone.ra"
    text = (REPO / "architectures" / "allinone.ra").read_text()
    ra.write_text(text)
    check = json.loads(run_cli("check", "--format", "json", "allinone.ra", cwd=tmp_path).stdout)["diagnostics"]
    assert {d["code"] for d in check} >= {"RA627", "RA692"}  # a promoted warning, and the catalog's
    assert any(d["severity"] == "error" for d in check) and any(d["span"]["file"] != "allinone.ra" for d in check)
    import_line = position(text, "import openstack", 7)
    expected = []
    for d in check:
        s = d["span"]
        if s["file"] == "allinone.ra":
            expected.append((d["code"], d["severity"], s["line"] - 1, s["column"] - 1, d["message"]))
        else:  # shown at the import the file is read through
            expected.append((d["code"], d["severity"], *import_line,
                             f"{s['file']}:{s['line']}:{s['column']}: {d['message']}"))
    published = client.open(uri(ra), text)
    ours = [(c["code"], c["severity"], c["range"]["start"]["line"], c["range"]["start"]["character"],
             c["message"].partition("\nhint: ")[0]) for c in published]
    assert sorted(ours) == sorted((code, {"error": 1, "warning": 2}[sev], *rest) for code, sev, *rest in expected)
    catalog_note = next(c for c in published if c["code"] == "RA692")["relatedInformation"][0]["location"]
    assert catalog_note["uri"] == uri(CATALOG)


def test_a_broken_configuration_is_reported_and_stops_the_compile_as_for_check(client, tmp_path):
    (tmp_path / "racompiler.toml").write_text('targets = ["heet"]\n')
    ra = tmp_path / "a.ra"
    ra.write_text("import openstack\nrole r {\n  count = one\n}\n")  # an error the compile would find
    proc = run_cli("check", "--format", "json", "a.ra", cwd=tmp_path)
    (theirs,) = json.loads(proc.stdout)["diagnostics"]
    assert proc.returncode == 1 and theirs["code"] == "RA122" and theirs["span"]["file"] == "racompiler.toml"
    (ours,) = client.open(uri(ra), ra.read_text())
    assert ours["code"] == "RA122" and ours["range"]["start"] == {"line": 0, "character": 0}
    assert ours["message"].startswith(f"racompiler.toml:{theirs['span']['line']}:")
    assert ours["relatedInformation"][0]["location"]["uri"] == uri(tmp_path / "racompiler.toml")


# --- hover and definition ------------------------------------------------------------------------


def test_hover_shows_the_catalog_s_docs_and_types(client):
    client.open(uri(HA), HA.read_text())
    nova = catalog("nova")
    database = catalog("database")

    def hover(needle: str, offset: int = 0, nth: int = 0) -> str:
        result = client.at("textDocument/hover", uri(HA), *position(HA, needle, offset, nth))
        assert result is not None, needle
        return result["contents"]["value"]

    role = hover("nova.compute, ceilometer.agent", 6)  # `compute` in `runs`
    assert "nova.compute" in role and nova["roles"]["compute"]["description"] in role
    comp = hover("nova.compute, ceilometer.agent", 1)  # `nova` in `runs`
    assert "component" in comp and nova["description"] in comp
    assert nova["description"] in hover("configure nova", 11)
    attr = hover("max_connections = 4000", 2)  # a key in `configure database { }`
    spec = database["attributes"]["max_connections"]
    assert spec["description"] in attr and f"`{spec['type']}`" in attr and "10..100000" in attr
    param = hover("count = compute_count", 10)
    assert "parameter" in param and "`int`" in param and "Hypervisors" in param and "= `20`" in param
    assert client.at("textDocument/hover", uri(HA), *position(HA, "count = compute_count", 2)) is None  # a key


def test_definition_of_parameters_networks_hardware_components_and_imports(client):
    client.open(uri(HA), HA.read_text())

    def where(needle: str, offset: int) -> tuple[str, int, int]:
        loc = client.at("textDocument/definition", uri(HA), *position(HA, needle, offset))
        assert loc is not None, needle
        loc = loc[0] if isinstance(loc, list) else loc
        return loc["uri"], loc["range"]["start"]["line"], loc["range"]["start"]["character"]

    assert where("count = compute_count", 10) == (uri(HA), *position(HA, "parameter compute_count", 10))
    assert where("hardware = compute_hw", 12) == (uri(HA), *position(HA, "hardware compute_hw", 9))
    assert where("networks = [provisioning, internal_api, tenant", 27) == \
        (uri(HA), *position(HA, "network internal_api", 8))
    assert where("runs = [nova.compute", 9) == (uri(CATALOG), *position(CATALOG, "component nova ", 10))
    assert where("runs = [nova.compute", 14) == (uri(CATALOG), *position(CATALOG, 'role compute "Hypervisor', 5))
    assert where("import openstack", 8) == (uri(CATALOG), 0, 0)


def test_definition_into_a_user_module_and_an_overlay_s_base(client):
    dbaas = REPO / "architectures" / "modules" / "trove" / "dbaas_cloud.ra"
    trove = dbaas.parent / "trove.ra"
    assert client.open(uri(dbaas), dbaas.read_text()) == []
    loc = client.at("textDocument/definition", uri(dbaas), *position(dbaas, "trove.api", 2))
    assert (loc["uri"], loc["range"]["start"]) == (uri(trove), dict(zip(("line", "character"),
                                                                            position(trove, "component trove", 10))))
    loc = client.at("textDocument/definition", uri(dbaas), *position(dbaas, "import trove", 8))
    assert (loc["uri"], loc["range"]["start"]["line"]) == (uri(trove), 0)
    lab, base = REPO / "architectures" / "dell_lab.ra", REPO / "architectures" / "dell_openstack.ra"
    client.open(uri(lab), lab.read_text())
    loc = client.at("textDocument/definition", uri(lab), *position(lab, "extends dell_openstack", 9))
    assert (loc["uri"], loc["range"]["start"]["line"]) == (uri(base), 0)
    param = client.at("textDocument/hover", uri(lab), *position(lab, "modify parameter compute_count", 20))
    assert "How many compute nodes to deploy" in param["contents"]["value"]


# --- completion and formatting -------------------------------------------------------------------


def test_completion_lists_a_component_s_roles_and_attributes(client, tmp_path):
    text = "import openstack\n\nrole r {\n  count = 1\n  runs = [nova.\n}\n\nconfigure nova {\n  \n}\n"
    doc = uri(tmp_path / "typing.ra")
    client.open(doc, text)  # does not parse yet: completion works from the text and the catalog
    nova = catalog("nova")
    roles = client.at("textDocument/completion", doc, 4, len("  runs = [nova."))
    assert sorted(i["label"] for i in roles["items"]) == sorted(nova["roles"])
    assert {i["label"]: i["documentation"]["value"] for i in roles["items"]}["compute"].count(
        nova["roles"]["compute"]["description"]) == 1
    attrs = client.at("textDocument/completion", doc, 8, 2)
    assert sorted(i["label"] for i in attrs["items"]) == sorted(nova["attributes"])
    assert {i["label"]: i["detail"] for i in attrs["items"]}["cpu_allocation_ratio"] == "float"
    assert client.capabilities["completionProvider"]["triggerCharacters"] == ["."]


def test_completion_of_components_after_configure_while_typing(client, tmp_path):
    doc = uri(tmp_path / "typing.ra")
    client.open(doc, "import openstack\n\nconfigure no\n")
    items = client.at("textDocument/completion", doc, 2, len("configure no"))["items"]
    labels = {i["label"] for i in items}
    assert {"nova", "neutron", "keystone"} <= labels and "compute" not in labels


def test_positions_count_utf16_units_as_lsp_says(client, tmp_path):
    ra = tmp_path / "wide.ra"
    text = 'import openstack\n\nrole r "\U0001F600 caf\u00e9" { count = 1\n  runs = [nova.compte] }\n'
    ra.write_text(text, encoding="utf-8")
    (theirs,) = _check_json(tmp_path, "wide.ra")
    (ours,) = client.open(uri(ra), text)
    assert ours["code"] == theirs["code"] == "RA201"
    assert ours["range"]["start"] == {"line": theirs["line"] - 1, "character": theirs["column"] - 1}
    text = text.replace("{ count = 1\n  runs", "{ count = one\n  runs").replace("compte", "compute")
    (ours,) = client.change(uri(ra), text, 2)
    ra.write_text(text, encoding="utf-8")
    (theirs,) = _check_json(tmp_path, "wide.ra")
    assert ours["code"] == theirs["code"]
    # The emoji is one character for the compiler and two UTF-16 units for the client.
    assert ours["range"]["start"] == {"line": theirs["line"] - 1, "character": theirs["column"]}
    text = text.replace("count = one", "count = cnt") + 'parameter cnt "How many" {\n  type = int\n  default = 1\n}\n'
    client.change(uri(ra), text, 3)
    column = len('role r "\U0001F600 caf\u00e9" { count = ') + 1  # in UTF-16 units: the emoji counts twice
    hover = client.at("textDocument/hover", uri(ra), 2, column + 1)
    assert "How many" in hover["contents"]["value"]
    assert hover["range"] == {"start": {"line": 2, "character": column}, "end": {"line": 2, "character": column + 3}}


def test_formatting_returns_fmt_s_edit(client, tmp_path):
    ugly = 'import openstack\nrole web{count=3\nruns=[nova.compute]}  # the web tier\n'
    doc = uri(tmp_path / "ugly.ra")
    client.open(doc, ugly)
    fmt = run_cli("fmt", "-", input=ugly.encode())
    assert fmt.returncode == 0 and fmt.stdout.decode() != ugly
    (edit,) = client.request("textDocument/formatting", {"textDocument": {"uri": doc},
                                                        "options": {"tabSize": 2, "insertSpaces": True}})
    assert edit["newText"] == fmt.stdout.decode()
    assert edit["range"] == {"start": {"line": 0, "character": 0}, "end": {"line": 3, "character": 0}}
    client.change(doc, fmt.stdout.decode(), 2)
    assert client.request("textDocument/formatting", {"textDocument": {"uri": doc}, "options": {
        "tabSize": 2, "insertSpaces": True}}) == []  # formatted already
    client.change(doc, "role web {\n  count 3\n}\n", 3)
    assert client.request("textDocument/formatting", {"textDocument": {"uri": doc}, "options": {
        "tabSize": 2, "insertSpaces": True}}) == []  # a syntax error: no edit (the diagnostics say why)


# --- bad input -----------------------------------------------------------------------------------


def _alive(client: Client, doc: str) -> None:
    """The server still answers after the bad input (request() fails on an error or no answer)."""
    client.at("textDocument/hover", doc, 0, 0)
    assert client.proc.poll() is None


def test_bytes_that_are_not_utf8_give_a_diagnostic(client, tmp_path):
    doc = uri(tmp_path / "latin1.ra")
    body = json.dumps({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": doc, "languageId": "ra", "version": 1, "text": "import openstack\nrole caf@ {}\n"}}}).encode()
    client.send_raw(body.replace(b"@", b"\xe9"))  # a Latin-1 e-acute, as a raw byte
    (d,) = client.diagnostics(doc)
    assert d["code"] == "RA104" and "not valid UTF-8 (byte 0xe9)" in d["message"]
    assert d["range"]["start"] == {"line": 1, "character": 8}
    (d,) = client.change(doc, "import openstack\n\ud800\n", 2)  # a lone surrogate, escaped in the JSON
    # Encoded as it came (surrogatepass), the loader reads the bytes of U+D800: 0xed first.
    assert d["code"] == "RA104" and "not valid UTF-8 (byte 0xed)" in d["message"]
    _alive(client, doc)


def test_an_enormous_buffer_gives_a_diagnostic(client, tmp_path):
    doc = uri(tmp_path / "huge.ra")
    (d,) = client.open(doc, "# padding\n" * (900 * 1024))  # 9 MiB
    assert d["code"] == "RA105"
    assert client.request("textDocument/formatting", {"textDocument": {"uri": doc}, "options": {
        "tabSize": 2, "insertSpaces": True}}) == []
    _alive(client, doc)


def test_files_outside_any_folder_and_unsaved_buffers_get_diagnostics(tmp_path):
    (tmp_path / "ws").mkdir()
    client = Client(tmp_path, root=tmp_path / "ws")
    try:
        lone = tmp_path / "elsewhere" / "lone.ra"  # not in the workspace, not on disk
        (d,) = client.open(uri(lone), "import openstack\nrole r {\n  count = 1\n  runs = [nova.compte]\n}\n")
        assert d["code"] == "RA201" and d["range"]["start"]["line"] == 3
        (d,) = client.open("untitled:Untitled-1", "import openstack\nrole r {\n  count = one\n}\n")
        assert d["range"]["start"]["line"] == 2 and d["code"].startswith("RA")
        assert client.open("untitled:Untitled-2", "") [0]["code"] == "RA108"
        _alive(client, "untitled:Untitled-1")
    finally:
        assert client.close() == 0, client.stderr()


def test_garbage_messages_and_odd_positions_do_not_stop_the_server(client, tmp_path):
    client.send_raw(b"{not json")
    client.send_raw(b'{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"nonsense": 1}}')
    doc = uri(tmp_path / "x.ra")
    client.open(doc, "import openstack\n")
    assert client.at("textDocument/hover", doc, 999, 999) is None
    assert client.at("textDocument/definition", doc, 0, 10**6) is not None  # `openstack` (clamped)
    with pytest.raises(AssertionError, match="-32602"):  # not a position: answered with invalid params
        client.at("textDocument/completion", doc, -1, -1)
    _alive(client, doc)


# --- the command ---------------------------------------------------------------------------------


def test_check_does_not_import_the_server():
    code = ("import sys\nfrom racompiler.cli import main\n"
            f"sys.argv = ['racompiler', 'check', {str(HA)!r}]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol', 'cattrs')))\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=TIMEOUT)
    assert proc.stdout.strip() == "[]", proc.stdout + proc.stderr


def test_without_pygls_the_command_says_how_to_install_it():
    code = ("import sys\nsys.modules['pygls'] = None\nfrom racompiler.cli import main\n"
            "sys.argv = ['racompiler', 'lsp']\nmain()\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=TIMEOUT)
    assert proc.returncode == 2 and "pip install 'racompiler[lsp]'" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_the_readme_and_the_editor_guide_document_the_server():
    readme = (REPO / "README.md").read_text()
    assert re.search(r"^\|\s*`racompiler lsp`", readme, re.M)
    editors = (REPO / "docs" / "editors.md").read_text()
    assert "being built" not in editors and "once `racompiler lsp` is available" not in editors


# --- every position, in process -------------------------------------------------------------------


@pytest.mark.parametrize("example", ["ha_openstack.ra", "dell_lab.ra", "catalog/openstack.ra"])
def test_any_position_of_any_prefix_is_answered_without_error(example):
    """Hover, definition and completion at random positions of an example and of random prefixes
    of it (a file being typed: unbalanced brackets, half a name) never raise."""
    import random

    from racompiler.lsp import features
    from racompiler.lsp.analysis import analyse
    from racompiler.lsp.symbols import SymbolIndex

    path = REPO / "architectures" / example
    full = path.read_text()
    rng = random.Random(example)
    for cut in [len(full)] + [rng.randrange(len(full)) for _ in range(5)]:
        text = full[:cut]
        analysis = analyse(uri(path), text)
        index = SymbolIndex.from_program(analysis.program) if analysis.program else SymbolIndex()
        locate = features.locator(analysis.root, uri(path), text, analysis.sources, "utf-16")
        lines = text.split("\n")
        answered = 0
        for _ in range(150):
            line = rng.randrange(len(lines) + 1)
            column = rng.randrange(len(lines[line]) + 2) if line < len(lines) else 0
            answered += features.hover(text, line, column, index, "utf-16") is not None
            features.definition(text, line, column, index, locate)
            features.completion(text, line, column, index)
        if cut == len(full):
            assert answered > 10  # the whole file: many positions name something


def test_hover_in_a_connect_block_names_the_interface_and_the_provider():
    from racompiler.lsp.features import hover
    from racompiler.lsp.symbols import catalog_index

    text = "import openstack\n\nconnect glance {\n  database = swift\n}\n"
    line, col = position(text, "database = swift")
    assert hover(text, line, col + 1, catalog_index(), "utf-16").contents.value.startswith("**interface** `database`")
    assert hover(text, line, col + 12, catalog_index(), "utf-16").contents.value.startswith("**component** `swift`")
    assert hover(text, *position(text, "connect glance", 9), catalog_index(), "utf-16").contents.value.startswith(
        "**component** `glance`")
