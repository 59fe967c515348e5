"""The language server: pygls wiring around `document.analyse` and `features`.

Warm state is what makes a re-check cheap: the rule registry, the unit registry, the pydantic
validators and the resolved config stay loaded in the process, so a keystroke costs one pass
of the linter over that document (about 13 ms for examples/twitter.yaml; see bench/). Changes
are debounced so that typing a word runs the linter once, not once per key; open and save run
it at once. Every handler is guarded: a document or a config that breaks something in
designlint becomes a diagnostic or a log message, never a dead server.
"""

from __future__ import annotations

import asyncio
import logging
import os
import traceback
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.workspace import TextDocument

from designlint import __version__
from designlint.config.settings import Settings
from designlint.errors import DesignlintError
from designlint.findings import Finding, Severity, Span
from designlint.lsp import features
from designlint.lsp.document import Analysis, analyse

DEBOUNCE_SECONDS = 0.15
SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
T = TypeVar("T")
log = logging.getLogger("designlint.lsp")


class DesignServer(LanguageServer):
    """Holds the last analysis of each open document and the debounce timers."""

    def __init__(self) -> None:
        super().__init__("designlint", __version__)
        self.analyses: dict[str, Analysis] = {}
        self.last_good: dict[str, Analysis] = {}  # the last version whose design loaded
        self.lines: dict[str, list[str]] = {}
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.resolver: Any = None
        self.warm = False

    def settings_for(self, path: str | None) -> tuple[Settings, str | None]:
        """The config `check` would use for this file; defaults and the error on a bad one.

        Resolved configs are kept between keystrokes (reading one costs more than checking a
        design) and forgotten when a config file is saved or the client reports it changed.
        """
        if path is None:
            return Settings(), None
        if self.resolver is None:
            from designlint.config.resolver import Resolver

            self.resolver = Resolver({})
        try:
            return self.resolver.for_file(path), None
        except DesignlintError as exc:
            return Settings(), str(exc)

    def forget_configs(self) -> None:
        self.resolver = None

    def check(self, uri: str) -> None:
        """Analyse the document as it is now and publish its diagnostics."""
        handle = self.pending.pop(uri, None)
        if handle is not None:  # a save or a request got here before the debounce did
            handle.cancel()
        document = self.workspace.get_text_document(uri)
        path = file_path(uri)
        settings, problem = self.settings_for(path)
        if problem:
            self.window_log_message(
                types.LogMessageParams(types.MessageType.Error, f"designlint: {problem}")
            )
        text = document.source
        analysis = analyse(text, path or uri, settings, problem)
        if not self.warm:
            # What the first check loaded (rules, units, validators) lives as long as the
            # server: frozen, the cyclic GC stops rescanning it on every full collection
            # (a full collection otherwise costs a keystroke 70-80 ms on twitter.yaml).
            import gc

            gc.freeze()
            self.warm = True
        self.analyses[uri] = analysis
        self.lines[uri] = text.splitlines(keepends=True) or [""]
        if analysis.index is not None:
            self.last_good[uri] = analysis
        diagnostics = [self.diagnostic(uri, f) for f in analysis.findings]
        if problem:
            diagnostics.insert(0, config_diagnostic(problem))
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri, version=document.version, diagnostics=diagnostics
            )
        )

    def schedule(self, uri: str) -> None:
        handle = self.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()
        loop = asyncio.get_running_loop()
        self.pending[uri] = loop.call_later(DEBOUNCE_SECONDS, guarded(self, self.check), uri)

    def to_range(self, uri: str, span: Span) -> types.Range:
        lines = self.lines.get(uri, [""])
        codec = self.workspace.position_codec
        end_line, end_column = span.end()
        start = types.Position(max(span.line - 1, 0), max(span.column - 1, 0))
        end = types.Position(max(end_line - 1, 0), max(end_column - 1, 0))
        return types.Range(
            codec.position_to_client_units(lines, start), codec.position_to_client_units(lines, end)
        )

    def from_position(self, uri: str, position: types.Position) -> tuple[int, int]:
        """A client position -> the 1-based line and character column the loader uses."""
        lines = self.lines.get(uri, [""])
        server = self.workspace.position_codec.position_from_client_units(lines, position)
        return server.line + 1, server.character + 1

    def diagnostic(self, uri: str, f: Finding) -> types.Diagnostic:
        message = f.message + (f"\nfix: {f.help}" if f.help else "")
        return types.Diagnostic(
            range=self.to_range(uri, f.span),
            message=message,
            severity=SEVERITY[f.severity],
            code=f.code,
            code_description=types.CodeDescription(href=f.url) if f.url else None,
            source="designlint",
            data={"rule": f.rule, "model_path": [str(p) for p in f.model_path]},
        )


def file_path(uri: str) -> str | None:
    """The local path of a `file:` URI; None for untitled buffers and other schemes."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    return os.path.normpath(unquote(parsed.path))


CONFIG_NAMES = (".designlint.yaml", ".designlint.yml", "pyproject.toml")


def is_config(uri: str) -> bool:
    return uri.rsplit("/", 1)[-1] in CONFIG_NAMES


def config_diagnostic(problem: str) -> types.Diagnostic:
    return types.Diagnostic(
        range=types.Range(types.Position(0, 0), types.Position(0, 0)),
        message=f"the project's designlint config cannot be used ({problem}); "
        "checking with the default settings",
        severity=types.DiagnosticSeverity.Error,
        code="config",
        source="designlint",
    )


def guarded(server: DesignServer, handler: Callable[..., T]) -> Callable[..., T | None]:
    """Run a handler; an exception is logged to the client instead of killing the server."""

    def run(*args: Any) -> T | None:
        try:
            return handler(*args)
        except Exception as exc:  # noqa: BLE001 - the server must outlive any one document
            detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
            log.error("designlint: internal error: %s\n%s", detail, traceback.format_exc())
            server.window_log_message(
                types.LogMessageParams(
                    types.MessageType.Error,
                    f"designlint: internal error ({detail}); this is a bug, please report it",
                )
            )
            return None

    return run


def build() -> DesignServer:  # noqa: C901 - one registration per LSP feature
    server = DesignServer()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: DesignServer, params: types.DidOpenTextDocumentParams) -> None:
        guarded(ls, ls.check)(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: DesignServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: DesignServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if is_config(uri):
            ls.forget_configs()
            for open_uri in list(ls.analyses):
                guarded(ls, ls.check)(open_uri)
        if uri in ls.analyses or not is_config(uri):
            guarded(ls, ls.check)(uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: DesignServer, params: types.DidChangeWatchedFilesParams) -> None:
        if any(is_config(change.uri) for change in params.changes):
            ls.forget_configs()
            for open_uri in list(ls.analyses):
                guarded(ls, ls.check)(open_uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: DesignServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        handle = ls.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()
        for table in (ls.analyses, ls.last_good, ls.lines):
            table.pop(uri, None)
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    def current(ls: DesignServer, uri: str) -> Analysis | None:
        if uri in ls.pending:  # answer about the text the user sees, not the one before
            ls.check(uri)
        return ls.analyses.get(uri)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: DesignServer, params: types.HoverParams) -> types.Hover | None:
        def run() -> types.Hover | None:
            uri = params.text_document.uri
            analysis = current(ls, uri)
            if analysis is None:
                return None
            line, column = ls.from_position(uri, params.position)
            text = features.hover(analysis, line, column)
            if text is None:
                return None
            return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, text))

        return guarded(ls, run)()

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: DesignServer, params: types.DefinitionParams) -> types.Location | None:
        def run() -> types.Location | None:
            uri = params.text_document.uri
            analysis = current(ls, uri)
            if analysis is None:
                return None
            span = features.definition(analysis, *ls.from_position(uri, params.position))
            return types.Location(uri, ls.to_range(uri, span)) if span else None

        return guarded(ls, run)()

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    def references(ls: DesignServer, params: types.ReferenceParams) -> list[types.Location]:
        def run() -> list[types.Location]:
            uri = params.text_document.uri
            analysis = current(ls, uri)
            if analysis is None:
                return []
            line, column = ls.from_position(uri, params.position)
            spans = features.references(analysis, line, column, params.context.include_declaration)
            return [types.Location(uri, ls.to_range(uri, s)) for s in spans]

        return guarded(ls, run)() or []

    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION,
        types.CompletionOptions(trigger_characters=[" ", "[", ",", "-"]),
    )
    def completion(ls: DesignServer, params: types.CompletionParams) -> types.CompletionList:
        def run() -> types.CompletionList:
            uri = params.text_document.uri
            document: TextDocument = ls.workspace.get_text_document(uri)
            text = document.source
            ls.lines[uri] = text.splitlines(keepends=True) or [""]
            line, column = ls.from_position(uri, params.position)
            settings = ls.analyses[uri].settings if uri in ls.analyses else Settings()
            now = Analysis(text, uri, settings)
            ids = features.completion(now, ls.last_good.get(uri), line, column)
            items = [
                types.CompletionItem(
                    label=name,
                    kind=types.CompletionItemKind.Reference,
                    detail=features.DESCRIBED.get(kind, kind),
                )
                for name, kind in ids
            ]
            return types.CompletionList(is_incomplete=False, items=items)

        return guarded(ls, run)() or types.CompletionList(is_incomplete=False, items=[])

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(ls: DesignServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        def run() -> list[types.CodeAction]:
            uri = params.text_document.uri
            analysis = current(ls, uri)
            if analysis is None:
                return []
            start = ls.from_position(uri, params.range.start)
            end = ls.from_position(uri, params.range.end)
            wanted = {(d.code, d.range.start.line) for d in params.context.diagnostics if d.code}
            chosen = [
                f
                for f in analysis.findings
                if (f.code, f.span.line - 1) in wanted
                or (not wanted and start[0] <= f.span.line <= end[0])
            ]
            out = []
            for action in features.code_actions(analysis, chosen):
                edits = [types.TextEdit(ls.to_range(uri, e.span), e.text) for e in action.edits]
                out.append(
                    types.CodeAction(
                        title=action.title,
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=[ls.diagnostic(uri, action.finding)],
                        is_preferred=action.preferred or None,
                        edit=types.WorkspaceEdit(changes={uri: edits}),
                    )
                )
            return out

        return guarded(ls, run)() or []

    return server


def serve() -> None:
    """Serve over stdio until the client says exit."""
    import gc

    gc.enable()  # the CLI turns the GC off for one short run; a server lives for hours
    build().start_io()
