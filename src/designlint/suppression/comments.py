"""Suppression comments: `# designlint: ignore[DL605,queue-without-dlq] reason` for one line,
`disable-file[DL3] reason` for the whole file, `disable[DL5] reason` ... `enable[DL5]` for a block.

PyYAML drops comments, so they are found in the text: a regular expression proposes candidate
`#` marks and libyaml's scanner tokens decide which are real comments. A `#` that falls inside
a scalar token (a quoted string, a block scalar `|`/`>`, a plain scalar such as `a#b`) is text,
not a comment. Only files that loaded without DL001 get here, so the scanner cannot fail.

Scope: a trailing `ignore` applies to its own line; an `ignore` on a line of its own applies to
the next line. `disable-file` applies to every line, wherever it stands. `disable` applies from
its own line up to the line before the `enable` that names the same rule (or to the end of the
file). A finding counts as on the line where it is reported and on the line of its element's key
(`links:` for a finding at `caches.links`). `ignore` names rules exactly, by code or name;
`disable-file` and `disable` also take a code prefix (`DL3`), as selectors do; none is a blanket
switch. The reason is the text after the bracket, up to another tool's ` # ` comment; `enable`
needs none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from designlint.findings import Span

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_COMMENT = re.compile(
    r"(?:^|(?<=\s))#\s*designlint\s*:\s*(?P<kind>ignore|disable-file|disable|enable)\b(?P<rest>.*)$"
)
_KEYWORDS = ("ignore", "disable", "enable")
_NO_END = 1 << 62  # a block without `enable` runs to the end of the file
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
    kind: str = "ignore"  # ignore | disable-file | disable | enable
    used: set[str] = field(default_factory=set)
    # disable: the last line covered for each code as written (filled by `close_blocks`)
    ends: dict[str, int] = field(default_factory=dict)
    closes: bool = True  # enable: whether it closed a disable above it

    def covers(self, written: str, line: int) -> bool:
        if self.kind == "ignore":
            return line == self.applies_to
        if self.kind == "disable-file":
            return True
        if self.kind == "disable":
            return self.line <= line <= self.ends.get(written, _NO_END)
        return False

    def comment(self) -> str:
        return f"# designlint: {self.kind}[{', '.join(self.codes) or 'DL601'}]"

    @property
    def span(self) -> Span:
        return Span(self.line, self.column, self.line, self.end_column)


def scan(text: str) -> list[Suppression]:
    """Every suppression comment in the text, in order."""
    if "designlint" not in text or not any(word in text for word in _KEYWORDS):
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
    scalars = scalar_ranges(text)
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
                kind=m.group("kind"),
            )
        )
    return out


def close_blocks(suppressions: list[Suppression], resolve) -> None:
    """Pair each `enable` with the open `disable` above it that names the same rules.

    Rules are compared as resolved codes (so `enable[cache-without-eviction]` closes
    `disable[DL601]`), prefixes as written. The block ends on the line before the `enable`.
    """

    def key(written: str) -> str:
        r = resolve(written)
        return r.code if r is not None else written.strip().upper()

    open_: list[Suppression] = []
    for s in suppressions:
        if s.kind == "disable":
            open_.append(s)
        elif s.kind == "enable":
            wanted = {key(w) for w in s.codes}
            s.closes = False
            for block in reversed(open_):
                for written in block.codes:
                    if key(written) in wanted and written not in block.ends:
                        block.ends[written] = s.line - 1
                        s.closes = True


def scalar_ranges(text: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    out = []
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if isinstance(token, yaml.ScalarToken):
                s, e = token.start_mark, token.end_mark
                out.append(((s.line, s.column), (e.line, e.column)))
    except yaml.YAMLError:  # the loader accepted the text, so this is not expected; keep going
        pass
    return out
