"""`designlint lsp` driven by a real LSP client (pytest-lsp) over stdio, in a subprocess.

Every test starts the server as a user's editor would (`python -m designlint lsp`), opens
real files from a temporary project and checks what comes back against `check`'s own output.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"

pytestmark = pytest.mark.asyncio(loop_scope="function")


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[sys.executable, "-m", "designlint", "lsp"]),
)
async def client(lsp_client: LanguageClient, tmp_path: Path):
    (tmp_path / ".git").mkdir()  # the project root: config discovery stops here
    params = types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        root_uri=tmp_path.as_uri(),
    )
    await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()


def project_file(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copy(EXAMPLES / name, target)
    return target


async def open_and_wait(client: LanguageClient, path: Path, text: str | None = None) -> list:
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(
                uri=uri,
                language_id="yaml",
                version=1,
                text=path.read_text(encoding="utf-8") if text is None else text,
            )
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return list(client.diagnostics[uri])


async def change_and_wait(client: LanguageClient, uri: str, version: int, text: str) -> list:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return list(client.diagnostics[uri])


def check_json(path: Path) -> list[dict]:
    run = subprocess.run(
        [sys.executable, "-m", "designlint", "check", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        cwd=path.parent,
    )
    return json.loads(run.stdout)["findings"]


def as_rows(diagnostics: list) -> set[tuple]:
    return {
        (d.code, d.range.start.line + 1, d.range.start.character + 1, d.message.split("\n")[0])
        for d in diagnostics
    }


def line_of(path: Path, needle: str) -> tuple[int, int]:
    """0-based line and character of the first occurrence of `needle`."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if needle in line:
            return number, line.index(needle)
    raise AssertionError(f"{needle!r} not in {path}")


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply edits (last first) to text, positions in UTF-16 units of ASCII text."""
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character))[::-1]:
        start = offsets[edit.range.start.line] + edit.range.start.character
        end = offsets[edit.range.end.line] + edit.range.end.character
        text = text[:start] + edit.new_text + text[end:]
    return text


async def test_open_gives_the_findings_of_check(client: LanguageClient, tmp_path: Path):
    path = project_file(tmp_path, "common-mistakes.yaml")
    diagnostics = await open_and_wait(client, path)
    expected = {(f["code"], f["line"], f["column"], f["message"]) for f in check_json(path)}
    assert len(expected) > 20
    assert as_rows(diagnostics) == expected
    severities = {d.code: d.severity for d in diagnostics}
    assert severities["DL201"] == types.DiagnosticSeverity.Error
    assert severities["DL102"] == types.DiagnosticSeverity.Warning
    dl201 = next(d for d in diagnostics if d.code == "DL201")
    assert dl201.source == "designlint"
    assert dl201.code_description.href.endswith("docs/rules/DL201.md")


async def test_an_edit_updates_the_findings(client: LanguageClient, tmp_path: Path):
    path = project_file(tmp_path, "common-mistakes.yaml")
    before = await open_and_wait(client, path)
    line, _ = line_of(path, "replicas: 1  # expect: DL702")
    assert any(d.code == "DL702" and d.range.start.line == line for d in before)
    text = path.read_text(encoding="utf-8").replace("replicas: 1  # expect: DL702", "replicas: 3")
    after = await change_and_wait(client, path.as_uri(), 2, text)
    assert not any(d.code == "DL702" and d.range.start.line == line for d in after)
    assert as_rows(before) - as_rows(after) == {
        r for r in as_rows(before) if r[0] == "DL702" and r[1] == line + 1
    }


async def test_hover_on_an_estimate_shows_its_working(client: LanguageClient, tmp_path: Path):
    path = project_file(tmp_path, "twitter.yaml")
    await open_and_wait(client, path)
    line, character = line_of(path, "  tweet_write_qps:")
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            position=types.Position(line=line, character=character + 4),
        )
    )
    assert hover is not None
    text = hover.contents.value
    assert "estimate `tweet_write_qps`" in text
    assert "`tweets_per_day` = 100M/day = 1,157/s" in text
    assert "declared 1.2k/s, computed 1,157/s" in text


async def test_hover_on_a_component_and_on_a_finding(client: LanguageClient, tmp_path: Path):
    path = project_file(tmp_path, "common-mistakes.yaml")
    await open_and_wait(client, path)
    line, character = line_of(path, "calls: [feed-service]  # expect: DL405")
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            position=types.Position(line=line, character=character + len("calls: [") + 2),
        )
    )
    assert hover is not None
    text = hover.contents.value
    assert "service `feed-service`" in text
    assert "owns: `photo-db`, `feed-cache`" in text
    assert "used by:" in text and "`services.java-microservice`" in text
    assert "**DL405** sync-call-cycle" in text
    assert "fix:" in text


async def test_definition_and_references(client: LanguageClient, tmp_path: Path):
    path = project_file(tmp_path, "twitter.yaml")
    await open_and_wait(client, path)
    uri = path.as_uri()
    use_line, use_char = line_of(path, "owns: [tweet-db]")
    position = types.Position(line=use_line, character=use_char + len("owns: [") + 1)
    found = await client.text_document_definition_async(
        types.DefinitionParams(types.TextDocumentIdentifier(uri=uri), position)
    )
    decl_line, decl_char = line_of(path, "  tweet-db:")
    assert isinstance(found, types.Location)
    assert (found.range.start.line, found.range.start.character) == (decl_line, decl_char + 2)
    refs = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=position,
            context=types.ReferenceContext(include_declaration=True),
        )
    )
    lines = path.read_text(encoding="utf-8").splitlines()
    starts = {(r.range.start.line, r.range.start.character) for r in refs}
    texts = {
        lines[r.range.start.line][r.range.start.character : r.range.end.character] for r in refs
    }
    assert texts == {"tweet-db"}
    assert (decl_line, decl_char + 2) in starts
    mentions = sum(line.count("tweet-db") for line in lines if not line.lstrip().startswith("#"))
    assert len(refs) == mentions


async def actions_for(client: LanguageClient, path: Path, code: str) -> tuple[list, Any, list]:
    """Open `path`, take its first `code` diagnostic and ask for the code actions on it."""
    diagnostics = await open_and_wait(client, path)
    target = next(d for d in diagnostics if d.code == code)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            range=target.range,
            context=types.CodeActionContext(diagnostics=[target]),
        )
    )
    return diagnostics, target, actions


async def test_suppression_code_action_silences_the_finding(client: LanguageClient, tmp_path):
    path = project_file(tmp_path, "common-mistakes.yaml")
    diagnostics, target, actions = await actions_for(client, path, "DL702")
    suppress = next(a for a in actions if a.title.startswith("Suppress DL702"))
    text = apply(path.read_text(encoding="utf-8"), suppress.edit.changes[path.as_uri()])
    assert "# designlint: ignore[DL702] TODO: say why" in text
    after = await change_and_wait(client, path.as_uri(), 2, text)
    count = sum(d.code == "DL702" for d in diagnostics)
    assert sum(d.code == "DL702" for d in after) == count - 1
    assert not any(
        d.code == "DL702" and d.range.start.line == target.range.start.line + 1 for d in after
    )
    assert not any(d.code in ("DL008", "DL009") for d in after)


async def test_dl201_code_action_writes_the_computed_value(client: LanguageClient, tmp_path):
    path = project_file(tmp_path, "common-mistakes.yaml")
    diagnostics, target, actions = await actions_for(client, path, "DL201")
    fix = next(a for a in actions if a.title.startswith("Replace the declared value"))
    assert fix.is_preferred
    text = apply(path.read_text(encoding="utf-8"), fix.edit.changes[path.as_uri()])
    assert "value: 2M/day" not in text
    after = await change_and_wait(client, path.as_uri(), 2, text)
    assert not any(d.code == "DL201" for d in after)
    assert not any(d.code in ("DL002", "DL007") for d in after)


async def test_completion_offers_ids_of_the_expected_kind(client: LanguageClient, tmp_path):
    path = project_file(tmp_path, "twitter.yaml")
    await open_and_wait(client, path)
    line, character = line_of(path, "owns: [tweet-db]")
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            position=types.Position(line=line, character=character + len("owns: [")),
        )
    )
    labels = {item.label for item in result.items}
    assert {"tweet-db", "user-db", "timeline-cache"} <= labels
    assert "tweet-service" not in labels  # a service is not a store


async def test_malformed_document_keeps_the_server_alive(client: LanguageClient, tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("designlint: 1\nname: x\nservices: {a: [\n", encoding="utf-8")
    diagnostics = await open_and_wait(client, path)
    assert [d.code for d in diagnostics] == ["DL001"]
    hover = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri=path.as_uri()), types.Position(2, 3))
    )
    assert hover is None or "DL001" in hover.contents.value
    fixed = path.read_text(encoding="utf-8").replace("{a: [", "{a: {}}")
    after = await change_and_wait(client, path.as_uri(), 2, fixed)
    assert "DL001" not in {d.code for d in after}


async def test_untitled_document_outside_any_project(client: LanguageClient):
    uri = "untitled:Untitled-1"
    text = (EXAMPLES / "common-mistakes.yaml").read_text(encoding="utf-8")
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "yaml", 1, text))
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert "DL201" in {d.code for d in client.diagnostics[uri]}


async def test_config_error_is_a_diagnostic(client: LanguageClient, tmp_path: Path):
    (tmp_path / ".designlint.yaml").write_text("select: [NOPE]\n", encoding="utf-8")
    path = project_file(tmp_path, "common-mistakes.yaml")
    diagnostics = await open_and_wait(client, path)
    first = diagnostics[0]
    assert first.code == "config"
    assert ".designlint.yaml:1" in first.message and "NOPE" in first.message
    assert "DL201" in {d.code for d in diagnostics}  # still checked, with the defaults
    await asyncio.sleep(0)


async def test_config_is_honoured(client: LanguageClient, tmp_path: Path):
    (tmp_path / ".designlint.yaml").write_text("ignore: [DL702]\n", encoding="utf-8")
    path = project_file(tmp_path, "common-mistakes.yaml")
    diagnostics = await open_and_wait(client, path)
    codes = {d.code for d in diagnostics}
    assert "DL702" not in codes and "DL201" in codes


async def test_a_saved_config_applies_to_open_documents(client: LanguageClient, tmp_path: Path):
    path = project_file(tmp_path, "common-mistakes.yaml")
    before = await open_and_wait(client, path)
    assert "DL702" in {d.code for d in before}
    config = tmp_path / ".designlint.yaml"
    config.write_text("ignore: [DL702]\n", encoding="utf-8")
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri=config.as_uri()))
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert "DL702" not in {d.code for d in client.diagnostics[path.as_uri()]}
