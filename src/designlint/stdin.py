"""Standard input as a design: `check -`, named by `--stdin-filename` for config and messages."""

from __future__ import annotations

import sys

from designlint.errors import UsageError


def stdin_name(paths: tuple[str, ...], name: str | None, add_reason: str | None) -> str | None:
    """The name standard input stands for, or None when no PATH is `-`."""
    if "-" not in paths:
        if name is not None:
            raise UsageError("--stdin-filename needs `-` as the PATH (the text comes from stdin)")
        return None
    if len(paths) > 1:
        raise UsageError("`-` (standard input) must be the only PATH")
    if add_reason is not None:
        raise UsageError("--add-suppressions writes into design files, not into standard input")
    if name is not None and not name.strip():
        raise UsageError("--stdin-filename needs a file name")
    return name or "-"


def lint_stdin(name: str, settings, texts: dict[str, str]) -> tuple[list, str | None]:
    """Lint standard input as if it were the file `name` (which need not exist)."""
    from designlint.linter import lint_bytes
    from designlint.reading.source import decode

    limit = settings.limits.max_bytes
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        return [], "-: standard input is closed"
    try:
        raw = stream.read(limit + 1)
    except OSError as exc:
        return [], f"-: cannot read standard input ({exc.strerror or exc})"
    text, _ = decode(raw[:limit])
    if text is not None:
        texts[name] = text
    return lint_bytes(raw, name, settings), None
