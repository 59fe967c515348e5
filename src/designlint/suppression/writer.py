"""`check --add-suppressions REASON`: write `# designlint: ignore[CODE] REASON` comments.

Safety first, since this edits people's files: only design files `check` itself read are
touched; each is linted again from the bytes about to be edited; the edited text must load to
the same data and leave none of the targeted findings and no new DL008/DL009, or the file is
left alone; the file must not have changed on disk meanwhile; the write is atomic.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable

import yaml

from designlint import suppression as suppress
from designlint.config import Settings
from designlint.errors import InputError
from designlint.findings import Finding
from designlint.linter import lint_bytes, read_bytes
from designlint.reading.source import SourceMap, decode, load_text
from designlint.registry import lookup

_BREAK = re.compile("(\r\n|[\r\n\x85\u2028\u2029])")  # kept: the file's own line breaks stay
# Codes about suppressions themselves are not silenced by more suppressions.
_NEVER = {"DL008", "DL009"}


def check_reason(reason: str) -> str | None:
    """Why REASON cannot be written into a comment, or None when it can."""
    if not reason.strip():
        return "--add-suppressions needs a reason (DL008 asks every suppression for one)"
    if any(not ch.isprintable() for ch in reason):
        return "--add-suppressions REASON must be one line of printable text"
    if re.search(r"\s#(\s|$)", " " + reason) or "]" in reason:
        return "--add-suppressions REASON must not contain ` # ` or `]` (they end a reason)"
    return None


def add_suppressions(
    files: Iterable[tuple[str, list[Finding]]], reason: str, settings: dict[str, Settings]
) -> tuple[int, int, list[str]]:
    """(suppressions added, files written, messages about files left alone)."""
    from designlint.errors import UsageError

    problem = check_reason(reason)
    if problem:
        raise UsageError(problem)
    reason = reason.strip()
    added = written = 0
    refused: list[str] = []
    for path, found in files:
        if not any(_wanted(f) for f in found):
            continue
        try:
            n = _add_to_file(path, reason, settings[path])
        except InputError as exc:
            refused.append(f"--add-suppressions: {exc}")
            continue
        if n:
            added += n
            written += 1
    return added, written, refused


def _wanted(f: Finding) -> bool:
    rule = lookup(f.code)
    return rule is not None and rule.suppressible and f.code not in _NEVER


def _add_to_file(path: str, reason: str, settings: Settings) -> int:
    raw = read_bytes(path, settings.limits.max_bytes)
    bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
    text, _ = decode(raw)
    if text is None or (not bom and raw[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(f"{path}: not edited (only UTF-8 designs are)")
    before = lint_bytes(raw, path, settings)
    targets = [f for f in before if _wanted(f)]
    if not targets:
        return 0
    parts = _BREAK.split(text)
    lines, breaks = parts[0::2], parts[1::2]
    scalars = suppress.scalar_ranges(text)
    smap = load_text(text, settings.limits).smap
    existing = {s.applies_to: s for s in suppress.scan(text) if s.kind == "ignore"}
    codes_by_line: dict[int, list[str]] = {}
    placed: list[Finding] = []
    for f in targets:
        line = _anchor(f, lines, scalars, smap)
        if line is None:
            continue
        placed.append(f)
        codes = codes_by_line.setdefault(line, [])
        if f.code not in codes:
            codes.append(f.code)
    for line, codes in codes_by_line.items():
        lines[line - 1] = _with_comment(lines[line - 1], line, codes, reason, existing)
    new_text = "".join(a + b for a, b in zip(lines, breaks + [""], strict=True))
    _verify(path, text, new_text, before, placed, settings)
    if read_bytes(path, settings.limits.max_bytes) != raw:
        raise InputError(f"{path}: not edited (it changed while designlint read it)")
    from designlint.output import write_atomic

    write_atomic(path, bom + new_text.encode("utf-8"), allow_input=True)
    return sum(len(c) for c in codes_by_line.values())


def _anchor(f: Finding, lines: list[str], scalars, smap: SourceMap) -> int | None:
    """The line whose trailing comment covers `f`: its own line, else its element's key line;
    None when both end inside a multi-line scalar (a `#` there would be text, not a comment)."""
    candidates = [f.span.line]
    key = smap.key_span(f.model_path) if f.model_path else None
    if key is not None:
        candidates.append(key.line)
    for line in candidates:
        if not 0 < line <= len(lines):
            continue
        end = (line - 1, len(lines[line - 1]))
        if not any(start <= end < stop for start, stop in scalars):
            return line
    return None


def _with_comment(
    text: str, line: int, codes: list[str], reason: str, existing: dict[int, suppress.Suppression]
) -> str:
    """The line with its codes added: into a trailing `ignore[...]` already there, else as a
    new trailing comment."""
    s = existing.get(line)
    if s is not None and s.line == line:
        head, bracket, tail = text[s.column - 1 :].partition("]")
        if bracket and "[" in head:
            merged = ", ".join([*s.codes, *(c for c in codes if c not in s.codes)])
            before = head[: head.index("[") + 1]
            return text[: s.column - 1] + before + merged + "]" + tail
    return f"{text.rstrip()}  # designlint: ignore[{', '.join(codes)}] {reason}"


def _verify(
    path: str,
    old: str,
    new: str,
    before: list[Finding],
    placed: list[Finding],
    settings: Settings,
) -> None:
    """The edit changes comments only and silences what it meant to, or nothing is written.
    Lines keep their numbers (comments are only appended), so findings compare by line."""
    try:
        same = yaml.safe_load(old) == yaml.safe_load(new)
    except yaml.YAMLError:
        same = False
    after = lint_bytes(new.encode("utf-8"), path, settings)
    left = {(f.code, f.span.line) for f in after}
    still = [f for f in placed if (f.code, f.span.line) in left]
    known = {(f.code, f.span.line, f.message) for f in before}
    noisy = [f for f in after if f.code in _NEVER and (f.code, f.span.line, f.message) not in known]
    if not same or still or noisy:
        raise InputError(f"{path}: not edited (the comments could not be placed safely)")
