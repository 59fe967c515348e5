"""Counts and the one summary sentence shared by every output format."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from designlint.findings import Finding


def counts(findings: Sequence[Finding], files: int) -> dict[str, int]:
    by = Counter(f.severity.value for f in findings)
    return {
        "files": files,
        "errors": by.get("error", 0),
        "warnings": by.get("warning", 0),
        "infos": by.get("info", 0),
    }


def plural(n: int, word: str) -> str:
    """`1 error`, `2 errors`: every count in our output has a regular English plural."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def files_phrase(files: int) -> str:
    return plural(files, "file")


def findings_phrase(findings: Sequence[Finding]) -> str:
    """`13 findings` (the caller adds `in 2 files`)."""
    return plural(len(findings), "finding")


def breakdown(findings: Sequence[Finding]) -> str:
    """`2 errors, 1 warning, 0 info` (`info` is a mass noun: no plural)."""
    c = counts(findings, 0)
    return f"{plural(c['errors'], 'error')}, {plural(c['warnings'], 'warning')}, {c['infos']} info"


def sentence(findings: Sequence[Finding], files: int) -> str:
    """The summary every format prints: `13 findings in 2 files: 2 errors, 11 warnings, 0 info`
    or `All checks passed (1 file)`; no trailing full stop, so callers can decorate it."""
    if not findings:
        return f"All checks passed ({files_phrase(files)})"
    return f"{findings_phrase(findings)} in {files_phrase(files)}: {breakdown(findings)}"
