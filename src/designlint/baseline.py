"""Baselines: record today's findings, then report only new ones.

An entry is keyed by file (relative to the baseline's directory, so any working directory
works) and the finding's fingerprint (`designlint.fingerprint`: rule code, model path and
subject); never by line or message text, so editing a design elsewhere, or improving a number a
message quotes, keeps its entries valid. Identical keys are counted. Baselines of format 1
hashed the whole message; their entries are re-keyed from the message they also stored.
Entries are written one per line so that a stale one (DL009) is reported at its own line of the
baseline file: the baseline is what needs editing (rewrite it with `--write-baseline`).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable

from designlint import fingerprint
from designlint.errors import ConfigError
from designlint.findings import Finding, Severity, Span

FORMAT = 2
LEGACY = "~"  # prefixes a format-1 message hash kept as is (an entry without its message)
Key = tuple[str, str, tuple[str, ...], str]
_LINE_NO = re.compile(r"\b(lines?|at) \d+(:\d+)?")


def message_hash(message: str) -> str:
    """Format 1's fingerprint: the message with line numbers masked (also SARIF's)."""
    text = " ".join(_LINE_NO.sub(r"\1 N", message).split())
    # surrogatepass: an undecodable file name in a message must hash, not crash
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _rel(file: str, base: str) -> str:
    try:
        rel = os.path.relpath(os.path.abspath(file), base)
    except ValueError:  # another drive on Windows
        rel = os.path.abspath(file)
    return rel.replace(os.sep, "/")


def _key(f: Finding, base: str) -> Key:
    return (
        _rel(f.file, base),
        f.code,
        tuple(str(p) for p in f.model_path),
        fingerprint.fingerprint(f),
    )


def _legacy_key(f: Finding, base: str) -> Key:
    file, code, path, _ = _key(f, base)
    return (file, code, path, LEGACY + message_hash(f.message))


def _entry_key(e: dict, version: object) -> Key:
    """An entry's key; a format-1 entry is re-keyed from its message when it has one."""
    file, code, path = str(e["file"]), str(e["code"]), tuple(map(str, e["path"]))
    if version == 1:
        message = e.get("message")
        if isinstance(message, str):
            return (file, code, path, fingerprint.of(code, path, message))
        return (file, code, path, LEGACY + str(e["fingerprint"]))
    return (file, code, path, str(e["fingerprint"]))


def write(path: str, findings: Iterable[Finding]) -> int:
    """Write a baseline of `findings` to `path`; returns the number of entries."""
    from designlint import __version__
    from designlint.output import write_atomic

    base = os.path.dirname(os.path.abspath(path))
    rows = []
    for f in sorted(findings, key=lambda f: _key(f, base)):
        file, code, model_path, digest = _key(f, base)
        entry = {"file": file, "code": code, "path": list(model_path), "fingerprint": digest}
        entry["message"] = f.message
        rows.append("    " + json.dumps(entry, ensure_ascii=False))
    head = f'{{\n  "designlint": "{__version__}",\n  "baseline": {FORMAT},\n  "entries": ['
    body = ",\n".join(rows)
    write_atomic(path, head + ("\n" + body + "\n  ]\n}\n" if rows else "]\n}\n"))
    return len(rows)


class Baseline:
    """A loaded baseline; `hide` consumes entries, `stale` reports the ones left over."""

    def __init__(self, path: str, entries: list[tuple[Key, int]]) -> None:
        self.path = path
        self.base = os.path.dirname(os.path.abspath(path))
        self.entries = entries
        self.left: Counter[Key] = Counter(key for key, _ in entries)

    @classmethod
    def load(cls, path: str) -> Baseline:
        from designlint.reading.files import BASELINE_MAX_BYTES, read_json

        data, text = read_json(path, BASELINE_MAX_BYTES, "baseline")
        if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
            raise ConfigError(f"{path}:1:1: not a designlint baseline (no `entries` list)")
        starts = [n for n, line in enumerate(text.splitlines(), 1) if line.lstrip().startswith("{")]
        starts = starts[1:] if len(starts) == len(data["entries"]) + 1 else []
        entries = []
        for i, e in enumerate(data["entries"]):
            line = starts[i] if starts else 1
            problem = _entry_problem(e)
            if problem:
                raise ConfigError(f"{path}:{line}:1: baseline entry {i + 1} {problem}")
            entries.append((_entry_key(e, data.get("baseline", 1)), line))
        return cls(path, entries)

    def hide(self, findings: Iterable[Finding]) -> list[Finding]:
        """The findings the baseline does not know about."""
        out = []
        legacy = any(key[3].startswith(LEGACY) for key in self.left)
        for f in findings:
            key = _key(f, self.base)
            if self.left[key] <= 0 and legacy:
                key = _legacy_key(f, self.base)
            if self.left[key] > 0:
                self.left[key] -= 1
            else:
                out.append(f)
        return out

    def stale(
        self, checked: Iterable[str], enabled: Callable[[str, str], bool], url: str | None
    ) -> list[Finding]:
        """DL009 for entries of checked (or deleted) files that matched no finding."""
        checked_rel = {_rel(f, self.base): f for f in checked}
        out = []
        left = Counter(self.left)
        for key, line in self.entries:
            file, code, model_path, _ = key
            if left[key] <= 0:
                continue
            original = checked_rel.get(file)
            gone = original is None and not os.path.exists(os.path.join(self.base, file))
            if original is None and not gone:
                continue  # not checked in this run: cannot judge
            if original is not None and not enabled(code, original):
                continue
            left[key] -= 1
            where = ".".join(model_path) or "(root)"
            msg = f"the baseline entry for {code} at `{where}` in {file} matches no finding"
            out.append(
                Finding(
                    code="DL009",
                    rule="unused-suppression",
                    severity=Severity.WARNING,
                    message=msg,
                    file=self.path,
                    span=Span(line, 1),
                    model_path=("entries", file, code, *model_path),
                    help="rewrite the baseline with `--write-baseline`",
                    url=url,
                )
            )
        return out


def _entry_problem(entry: object) -> str | None:
    """What is wrong with the shape of one entry, read from a file anyone may have edited."""
    if not isinstance(entry, dict):
        return "is not an object"
    for name in ("file", "code", "path", "fingerprint"):
        if name not in entry:
            return f"lacks `{name}`"
    for name in ("file", "code", "fingerprint"):
        if not isinstance(entry[name], str):
            return f"has a `{name}` that is not a string"
    path = entry["path"]
    if not isinstance(path, list) or not all(
        isinstance(p, (str, int)) and not isinstance(p, bool) for p in path
    ):
        return "has a `path` that is not a list of keys and indexes"
    return None


def apply(path: str, findings: list[Finding], checked: list[str], settings: dict, default) -> list:
    """Hide the findings recorded in the baseline at `path`; add DL009 for its stale entries
    (when DL009 and the entry's rule are enabled for the entry's file)."""
    from designlint.linter import rule_enabled
    from designlint.registry import all_rules

    rules = all_rules()
    bl = Baseline.load(path)
    kept = bl.hide(findings)
    unused = rules.get("DL009")
    if unused is None or not rule_enabled(unused, default, path):
        return kept

    def judged(code: str, file: str) -> bool:
        s = settings.get(file, default)
        if not rule_enabled(unused, s, file):
            return False
        return code not in rules or rule_enabled(rules[code], s, file)

    return kept + bl.stale(checked, judged, unused.url)
