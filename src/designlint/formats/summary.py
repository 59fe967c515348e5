"""Counts shared by every output format."""

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
