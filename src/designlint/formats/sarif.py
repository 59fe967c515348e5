"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

Every registered rule is listed in `tool.driver.rules` (short and full description, help URI,
default level); results point at their rule by id and index. `partialFingerprints` hash the
code, the model path and the message (line numbers masked), never the line, so an alert keeps
its identity when lines are inserted above it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Sequence
from urllib.parse import quote

from designlint import __version__
from designlint.baseline import message_hash
from designlint.findings import Finding, Severity
from designlint.registry import all_rules

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFO_URI = "https://github.com/designlint/designlint"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def fingerprint(f: Finding) -> str:
    path = "/".join(str(p) for p in f.model_path)
    data = f"{f.code}\x00{path}\x00{message_hash(f.message)}"
    return hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def artifact_uri(file: str) -> str:
    """Relative paths stay relative (GitHub resolves them against the repository root)."""
    if os.path.isabs(file):
        # surrogateescape: an undecodable file name becomes its real bytes, %-encoded
        return "file://" + quote(file.replace(os.sep, "/"), errors="surrogateescape")
    return quote(os.path.normpath(file).replace(os.sep, "/"), errors="surrogateescape")


def _section(doc: str, title: str) -> str:
    m = re.search(rf"## {re.escape(title)}\s*\n(.+?)(?=\n## |\Z)", doc, re.S)
    return " ".join(m.group(1).split()) if m else ""


def _rule(r) -> dict:
    full = _section(r.doc, "What it does") or r.summary
    why = _section(r.doc, "Why is this bad?")
    return {
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": f"{full} {why}".strip()},
        "helpUri": r.url,
        "help": {"text": full, "markdown": r.doc},
        "defaultConfiguration": {"level": _LEVEL[r.severity]},
        "properties": {"tags": ["design", r.family]},
    }


def _region(f: Finding) -> dict:
    end_line, end_column = f.span.end()
    if (end_line, end_column) <= (f.span.line, f.span.column):
        end_line, end_column = f.span.line, f.span.column + 1
    return {
        "startLine": f.span.line,
        "startColumn": f.span.column,
        "endLine": end_line,
        "endColumn": end_column,
    }


def render(findings: Sequence[Finding], files: int, options: dict | None = None) -> str:
    rules = all_rules()
    index = {code: i for i, code in enumerate(rules)}
    results = []
    for f in findings:
        message = f.message + (f"\nhelp: {f.help}" if f.help else "")
        result: dict = {
            "ruleId": f.code,
            "level": _LEVEL[f.severity],
            "message": {"text": message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": artifact_uri(f.file)},
                        "region": _region(f),
                    }
                }
            ],
            "partialFingerprints": {"designlint/v1": fingerprint(f)},
        }
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        if f.model_path:
            path = ".".join(str(p) for p in f.model_path)
            result["locations"][0]["logicalLocations"] = [{"fullyQualifiedName": path}]
        results.append(result)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "designlint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFO_URI,
                        "rules": [_rule(r) for r in rules.values()],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "invocations": [{"executionSuccessful": True}],
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
