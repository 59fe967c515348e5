"""`--format github`: GitHub Actions workflow commands that annotate pull requests.

`::error file=F,line=L,col=C,endLine=..,endColumn=..,title=CODE::message (rule-name)`; warnings
become `::warning`, info `::notice`. Escaping follows GitHub's toolkit (`@actions/core`):
`%`, CR and LF in the message; additionally `:` and `,` in property values. Stdout carries the
commands only: the CLI prints the summary sentence on stderr. Other control
characters (NUL, ESC, BEL) are written as escapes first (`designlint.visible`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from designlint.findings import Finding, Severity
from designlint.visible import visible

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    text = visible(text, keep="\r\n")  # a NUL or ESC must not cut or repaint the log line
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _path(file: str) -> str:
    """Annotations need paths relative to the repository root (the workspace)."""
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if workspace and os.path.isabs(file):
        rel = os.path.relpath(file, workspace)
        if not rel.startswith(".."):
            file = rel
    return file.replace(os.sep, "/")


def render(findings: Sequence[Finding], files: int, options: dict | None = None) -> str:
    out: list[str] = []
    for f in findings:
        end_line, end_column = f.span.end()
        props = [
            f"file={escape_property(_path(f.file))}",
            f"line={f.span.line}",
            f"col={f.span.column}",
            f"endLine={end_line}",
            f"endColumn={end_column}",
            f"title={escape_property(f.code)}",
        ]
        message = f"{f.message} ({f.rule})" + (f"\nhelp: {f.help}" if f.help else "")
        out.append(f"::{_COMMAND[f.severity]} {','.join(props)}::{escape_data(message)}")
    return "\n".join(out) + ("\n" if out else "")
