"""The language server: pygls wiring around :mod:`.analysis` and :mod:`.features`.

Every open document is compiled from its unsaved text when it is opened and each time it
changes (a compile of a typical RA takes tens of milliseconds, so there is no debounce), and its
diagnostics are published; saving any document recompiles every open one, since it may be a
module the others import. Requests are answered from the document's text and the declarations of
its last compile that parsed.

Nothing a client sends may stop the server: a failure inside a handler is logged to the client
(``window/logMessage``) and answered with nothing, a compiler failure is an RA901 diagnostic, and
a message whose bytes are not UTF-8 is still read (see :class:`_LenientStdin`), so that the
document it carries gets a diagnostic saying so rather than being dropped.
"""

from __future__ import annotations

import functools
import sys
import traceback
from typing import Any, BinaryIO, Callable, TypeVar

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol

from racompiler import __version__
from racompiler.diagnostics import DiagnosticSink, Span, codes
from racompiler.lsp import features
from racompiler.lsp.analysis import Analysis, analyse
from racompiler.lsp.convert import DiagnosticPlacer, from_client, uri_to_path
from racompiler.lsp.symbols import SymbolIndex, catalog_index

F = TypeVar("F", bound=Callable[..., Any])


class _Protocol(LanguageServerProtocol):
    """pygls's protocol, answering a request it cannot read (a negative position, a missing field).

    pygls logs such a message and drops it, so the client would wait for an answer forever; here
    the client gets the JSON-RPC error (invalid params) for that request's id instead.
    """

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if isinstance(data.get("id"), (int, str)) and "method" in data:
                self._send_response(data["id"], error=lsp.ResponseError(exc.code, exc.message, exc.data))
            raise


class RaServer(LanguageServer):
    """The server and, per open document, its last analysis and symbol index."""

    def __init__(self) -> None:
        super().__init__("racompiler", __version__, protocol_cls=_Protocol,
                         text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.analyses: dict[str, Analysis] = {}
        self.indexes: dict[str, SymbolIndex] = {}

    @property
    def encoding(self) -> str:
        return str(self.workspace.position_encoding or lsp.PositionEncodingKind.Utf16)

    def folder(self) -> str | None:
        """The first workspace folder's path (where an unsaved ``untitled:`` buffer lives)."""
        for f in self.workspace.folders.values():
            path = uri_to_path(f.uri)
            if path is not None:
                return path
        return uri_to_path(self.workspace.root_uri) if self.workspace.root_uri else None

    def text(self, uri: str) -> str:
        return self.workspace.get_text_document(uri).source

    def index(self, uri: str) -> SymbolIndex:
        """The document's symbols: from its last compile that parsed, else the catalog's."""
        return self.indexes.get(uri) or catalog_index()

    def check(self, uri: str) -> None:
        """Compile the document ``uri`` and publish its diagnostics."""
        doc = self.workspace.get_text_document(uri)
        text = doc.source
        try:
            result = analyse(uri, text, self.folder())
        except Exception as exc:  # a compiler bug outside the stages' own guard: say so, stay up
            sink = DiagnosticSink()
            sink.report(codes.RA901, f"internal compiler error: {type(exc).__name__}: {exc}", Span.point(uri),
                        hint="please report this with the input file")
            self.log(f"racompiler: analysing {uri} failed:\n{traceback.format_exc()}")
            result = Analysis(uri, uri, sink.sorted())
        self.analyses[uri] = result
        if result.program is not None:
            self.indexes[uri] = SymbolIndex.from_program(result.program)
        placer = DiagnosticPlacer(result.root, uri, text.split("\n"), result.sources, result.links, self.encoding)
        diagnostics = [placer.convert(d) for d in result.diagnostics]
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri, diagnostics, doc.version))

    def forget(self, uri: str) -> None:
        self.analyses.pop(uri, None)
        self.indexes.pop(uri, None)
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri, []))

    def log(self, message: str) -> None:
        self.window_log_message(lsp.LogMessageParams(lsp.MessageType.Error, message))

    def position(self, uri: str, pos: lsp.Position) -> tuple[str, int, int]:
        """The document's text and the position as a 0-based line and character column."""
        text = self.text(uri)
        line, column = from_client(text.split("\n"), pos, self.encoding)
        return text, line, column


server = RaServer()


def _guarded(func: F) -> F:
    """Run a handler so that whatever it raises is logged to the client and answered with None."""

    @functools.wraps(func)
    def run(ls: RaServer, params: Any) -> Any:
        try:
            return func(ls, params)
        except Exception:
            ls.log(f"racompiler: {func.__name__} failed:\n{traceback.format_exc()}")
            return None

    return run  # type: ignore[return-value]


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
@_guarded
def did_open(ls: RaServer, params: lsp.DidOpenTextDocumentParams) -> None:
    ls.check(params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
@_guarded
def did_change(ls: RaServer, params: lsp.DidChangeTextDocumentParams) -> None:
    ls.check(params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
@_guarded
def did_save(ls: RaServer, params: lsp.DidSaveTextDocumentParams) -> None:
    for uri in list(ls.workspace.text_documents):  # a saved module changes what its importers see
        ls.check(uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
@_guarded
def did_close(ls: RaServer, params: lsp.DidCloseTextDocumentParams) -> None:
    ls.forget(params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
@_guarded
def hover(ls: RaServer, params: lsp.HoverParams) -> lsp.Hover | None:
    text, line, column = ls.position(params.text_document.uri, params.position)
    return features.hover(text, line, column, ls.index(params.text_document.uri), ls.encoding)


@server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
@_guarded
def definition(ls: RaServer, params: lsp.DefinitionParams) -> lsp.Location | None:
    uri = params.text_document.uri
    text, line, column = ls.position(uri, params.position)
    analysis = ls.analyses.get(uri)
    root, sources = (analysis.root, analysis.sources) if analysis else (uri, {})
    locate = features.locator(root, uri, text, sources, ls.encoding)
    return features.definition(text, line, column, ls.index(uri), locate)


@server.feature(lsp.TEXT_DOCUMENT_COMPLETION, lsp.CompletionOptions(trigger_characters=["."]))
@_guarded
def completion(ls: RaServer, params: lsp.CompletionParams) -> lsp.CompletionList:
    text, line, column = ls.position(params.text_document.uri, params.position)
    items = features.completion(text, line, column, ls.index(params.text_document.uri))
    return lsp.CompletionList(is_incomplete=False, items=items)


@server.feature(lsp.TEXT_DOCUMENT_FORMATTING)
@_guarded
def formatting(ls: RaServer, params: lsp.DocumentFormattingParams) -> list[lsp.TextEdit]:
    uri = params.text_document.uri
    analysis = ls.analyses.get(uri)
    return features.formatting(ls.text(uri), analysis.root if analysis else uri, ls.encoding)


class _LenientStdin:
    """Standard input for pygls, with message bodies decoded leniently.

    pygls hands each body's bytes to ``json.loads``, which raises on bytes that are not UTF-8, and
    the message is dropped: the editor would never hear about that document. Bodies (the only
    reads by size; headers are read by line) are decoded here instead, a stray byte becoming a
    lone surrogate (``\\udcff`` for 0xff), which the compiler reports as RA104 where it is.
    """

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw

    def readline(self) -> bytes:
        return self.raw.readline()

    def read(self, n: int) -> Any:
        return self.raw.read(n).decode("utf-8", "surrogateescape")

    def close(self) -> None:
        self.raw.close()


def serve() -> None:
    """Serve one client on standard input/output until it exits."""
    out = sys.stdout.buffer
    # Standard output carries the protocol alone: a stray print anywhere would corrupt a frame.
    sys.stdout = sys.stderr
    server.start_io(_LenientStdin(sys.stdin.buffer), out)  # type: ignore[arg-type]


__all__ = ["RaServer", "serve", "server"]
