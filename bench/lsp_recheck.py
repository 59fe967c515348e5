"""Time a warm re-check in the language server, through the real protocol.

Usage: python bench/lsp_recheck.py DESIGN [--edits N]
Starts `designlint lsp` as an editor would, opens DESIGN, then makes N one-character edits
(each followed by a save, which checks at once instead of after the typing debounce) and times
each from the notifications leaving the client to the diagnostics arriving back: the re-check
plus the round trip. Prints one JSON object: the cold open, the median and spread of the edits,
or `{"skipped": reason}` when pygls is not installed.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import statistics
import sys
import time
from pathlib import Path


async def measure(design: Path, edits: int) -> dict:
    from lsprotocol import types
    from pygls.lsp.client import LanguageClient

    client = LanguageClient("designlint-bench", "1")
    arrived: asyncio.Queue = asyncio.Queue()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def diagnostics(params: types.PublishDiagnosticsParams) -> None:
        arrived.put_nowait((time.perf_counter(), len(params.diagnostics)))

    await client.start_io(sys.executable, "-m", "designlint", "lsp")
    await client.initialize_async(
        types.InitializeParams(capabilities=types.ClientCapabilities(), process_id=None)
    )
    client.initialized(types.InitializedParams())
    uri, text = design.resolve().as_uri(), design.read_text(encoding="utf-8")
    start = time.perf_counter()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "yaml", 1, text))
    )
    done, count = await arrived.get()
    cold = done - start
    marker = "\n# bench edit x\n"
    times = []
    for version in range(2, edits + 2):
        changed = text + marker.replace("x", "ab"[version % 2])
        sent = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                [types.TextDocumentContentChangeWholeDocument(text=changed)],
            )
        )
        client.text_document_did_save(
            types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri=uri))
        )
        done, _ = await arrived.get()
        times.append(done - sent)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return {
        "design": str(design),
        "findings": count,
        "open_s": cold,
        "edits": edits,
        "median_s": statistics.median(times),
        "min_s": min(times),
        "max_s": max(times),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("design", type=Path)
    parser.add_argument("--edits", type=int, default=30)
    args = parser.parse_args(argv)
    if importlib.util.find_spec("pygls") is None:
        print(json.dumps({"skipped": "pygls is not installed (pip install 'designlint[lsp]')"}))
        return 0
    print(json.dumps(asyncio.run(measure(args.design, args.edits))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
