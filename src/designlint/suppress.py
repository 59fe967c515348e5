"""Inline suppressions: `# designlint: ignore[DL605,queue-without-dlq] reason` comments.

PyYAML drops comments, so they are found in the text: a regular expression proposes candidate
`#` marks and libyaml's scanner tokens decide which are real comments. A `#` that falls inside
a scalar token (a quoted string, a block scalar `|`/`>`, a plain scalar such as `a#b`) is text,
not a comment. Only files that loaded without DL001 get here, so the scanner cannot fail.

Scope: a trailing comment applies to its own line; a comment on a line of its own applies to the
next line. A finding counts as on the line where it is reported and on the line of its element's
key (`links:` for a finding at `caches.links`). Codes are matched exactly, by code or rule name
(no prefixes, no blanket `ignore`). The reason is the text after the bracket, up to another
tool's ` # ` comment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from designlint.findings import Finding, Span, Violation
from designlint.reading.source import SourceMap

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_COMMENT = re.compile(r"(?:^|(?<=\s))#\s*designlint\s*:\s*ignore\b(?P<rest>.*)$")
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # the line breaks libyaml counts
# A reason ends where another tool's comment starts: `... reason  # yamllint disable-line`.
_NEXT_COMMENT = re.compile(r"\s#(?=\s|$)")
_CODES = re.compile(r"\[(?P<codes>[^\]]*)\](?P<reason>.*)$")


@dataclass
class Suppression:
    line: int  # 1-based line of the comment
    column: int
    end_column: int
    applies_to: int  # the line whose findings it suppresses
    codes: tuple[str, ...]  # as written
    reason: str
    used: set[str] = field(default_factory=set)

    @property
    def span(self) -> Span:
        return Span(self.line, self.column, self.line, self.end_column)


def scan(text: str) -> list[Suppression]:
    """Every suppression comment in the text, in order."""
    if "designlint" not in text or "ignore" not in text:
        return []
    candidates: list[tuple[int, int, re.Match]] = []
    lines = _BREAK.split(text)
    for number, line in enumerate(lines, start=1):
        if "#" not in line:
            continue
        m = _COMMENT.search(line)
        if m:
            candidates.append((number, m.start(), m))
    if not candidates:
        return []
    scalars = _scalar_ranges(text)
    out: list[Suppression] = []
    for number, col, m in candidates:
        pos = (number - 1, col)
        if any(start <= pos < end for start, end in scalars):
            continue
        own_line = not lines[number - 1][:col].strip()
        rest = _CODES.match(m.group("rest").strip())
        codes = (
            tuple(c.strip() for c in rest.group("codes").split(",") if c.strip()) if rest else ()
        )
        reason = _NEXT_COMMENT.split(rest.group("reason"), maxsplit=1)[0] if rest else ""
        reason = reason.strip().lstrip(":-–— ").strip()
        out.append(
            Suppression(
                line=number,
                column=col + 1,
                end_column=len(lines[number - 1].rstrip()) + 1,
                applies_to=number + 1 if own_line else number,
                codes=codes,
                reason=reason,
            )
        )
    return out


def _scalar_ranges(text: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    out = []
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if isinstance(token, yaml.ScalarToken):
                s, e = token.start_mark, token.end_mark
                out.append(((s.line, s.column), (e.line, e.column)))
    except yaml.YAMLError:  # the loader accepted the text, so this is not expected; keep going
        pass
    return out


def apply(
    findings: list[Finding], suppressions: list[Suppression], resolve, smap: SourceMap
) -> list[Finding]:
    """The findings no suppression covers; marks what each suppression used.

    `resolve(name)` -> Rule or None. A finding is anchored at its own line and at the line of
    its element's key, so `links:  # designlint: ignore[DL601] why` covers a finding reported at
    the first line of the block mapping below `links:`."""
    by_line: dict[int, list[Suppression]] = {}
    for s in suppressions:
        by_line.setdefault(s.applies_to, []).append(s)
    kept: list[Finding] = []
    for f in findings:
        hit = False
        lines = {f.span.line}
        key = smap.key_span(f.model_path) if f.model_path else None
        if key is not None:
            lines.add(key.line)
        for s in (s for line in sorted(lines) for s in by_line.get(line, ())):
            for written in s.codes:
                r = resolve(written)
                if r is not None and r.code == f.code and r.suppressible:
                    s.used.add(written)
                    hit = True
        if not hit:
            kept.append(f)
    return kept


def problems(suppressions: list[Suppression], resolve, ran) -> list[tuple[str, Violation]]:
    """DL008 for a missing reason; DL009 for codes that suppressed nothing.

    `ran(rule)` says whether that rule ran on this file: a suppression of a rule that was not
    selected cannot be judged, so it is left alone.
    """
    out: list[tuple[str, Violation]] = []
    for s in suppressions:
        if not s.codes:
            msg = "a suppression must name its rules: `# designlint: ignore[DL601] reason`"
            out.append(("DL009", Violation((), msg, span=s.span)))
            continue
        if not s.reason:
            codes = ", ".join(s.codes)
            msg = f"the suppression of {codes} gives no reason"
            fix = f"say why after the bracket: `# designlint: ignore[{codes}] <reason>`"
            out.append(("DL008", Violation((), msg, fix=fix, span=s.span)))
        for written in s.codes:
            if written in s.used:
                continue
            r = resolve(written)
            if r is None:
                msg = f"the suppression names `{written}`, which is no designlint rule"
            elif not r.suppressible:
                msg = f"{r.code} ({r.name}) cannot be suppressed; fix the document instead"
            elif not ran(r):
                continue
            else:
                msg = f"the suppression of {r.code} ({r.name}) matches no finding here"
            fix = "remove it (or the stale code from its list)"
            out.append(("DL009", Violation((), msg, fix=fix, span=s.span)))
    return out
