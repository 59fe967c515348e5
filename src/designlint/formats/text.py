"""`--format text`: one grep-able line per finding, an excerpt with a caret, a summary line."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from designlint.findings import Finding, Severity
from designlint.formats.summary import sentence
from designlint.visible import visible

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, colour: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if colour else text


def _clean(text: str) -> str:
    """Keep one finding on one line whatever the design's names contain."""
    return visible(text)


def render(findings: Sequence[Finding], files: int, options: dict | None = None) -> str:
    options = options or {}
    colour = bool(options.get("color"))
    quiet = bool(options.get("quiet"))
    sources: dict[str, list[str]] = options.get("sources", {})
    out: list[str] = []
    for f in findings:
        sev = _paint(f"[{f.severity.value}]", _COLOURS[f.severity], colour)
        line = (
            f"{_clean(f.file)}:{f.span.line}:{f.span.column}: {f.code} {sev} "
            f"{_clean(f.message)} ({f.rule})"
        )
        out.append(line)
        if quiet:
            continue
        lines = sources.get(f.file)
        if lines and 0 < f.span.line <= len(lines):
            text = lines[f.span.line - 1].rstrip("\n")
            if len(text) <= 200:
                out.append(f"  {f.span.line:>4} | {_clean(text)}")
                out.append(f"       | {' ' * (f.span.column - 1)}^")
        if f.help:
            out.append(f"  help: {_clean(f.help)}")
    if options.get("statistics"):
        stats = Counter((f.code, f.rule) for f in findings)
        for (code, name), n in sorted(stats.items(), key=lambda kv: (-kv[1], kv[0])):
            out.append(f"{n:>5}  {code}  {name}")
    if findings:
        out.append(f"Found {sentence(findings, files)}.")
    elif not quiet:
        out.append(f"{sentence(findings, files)}.")
    return "\n".join(out) + ("\n" if out else "")
