"""One version of a design, linted once: its findings and, when it loads, the rules' context."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from designlint.findings import Finding


@dataclass
class Side:
    """A design as it was (base) or is (head); `name` is what output shows for its file.

    `ctx` is the linter's context (design, graph, estimates), or None when the design does not
    load (DL001/DL002) or the side does not exist (an added or deleted design).
    """

    name: str | None
    findings: list[Finding] = field(default_factory=list)
    ctx: Any = None

    @property
    def exists(self) -> bool:
        return self.name is not None


def load(raw: bytes | None, name: str | None, settings: Any) -> Side:
    """Lint `raw` (the file's bytes, or None for a side that does not exist) as `name`."""
    from designlint.linter import analyse, lint_bytes
    from designlint.reading.source import decode, load_text

    if raw is None or name is None:
        return Side(None)
    if len(raw) > settings.limits.max_bytes:
        return Side(name, lint_bytes(raw, name, settings))
    text, _ = decode(raw)
    if text is None:
        return Side(name, lint_bytes(raw, name, settings))
    findings, ctx = analyse(load_text(text, settings.limits), name, settings)
    return Side(name, findings, ctx)
