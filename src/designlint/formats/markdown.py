"""`--format markdown`: a summary for `$GITHUB_STEP_SUMMARY` or a pull-request comment.

Everything taken from a design (names in messages, paths) goes through `escape`: the code spans
of messages stay code spans, the rest cannot form markup, links, HTML or mentions. Long runs are
cut at MAX_ROWS findings to stay well under GitHub's comment and summary size limits.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from designlint.findings import Finding, Severity
from designlint.formats.summary import breakdown, files_phrase, findings_phrase, sentence
from designlint.visible import visible

MAX_ROWS = 500
_ICON = {Severity.ERROR: "🔴 error", Severity.WARNING: "🟡 warning", Severity.INFO: "🔵 info"}
_RUN = re.compile(r"`+")
# Characters that can start inline markup; `<` also covers raw HTML and <autolinks>.
_SPECIAL = re.compile(r"([\\`*_\[\]|~!<])")
# `&` only needs escaping where it would read as an entity reference.
_ENTITY = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
# Text that starts like a heading, list, quote, rule or setext underline.
_BLOCK_START = re.compile(r"^(\s*)(\d{1,9}(?=[.)])|)([#>+=.)-])")


def escape(text: str) -> str:
    """Make arbitrary text inert in a table cell or a one-line paragraph, keeping the code spans
    that messages use for names (a backtick-quoted `links`) as code spans.

    Outside code spans, Markdown punctuation is backslash-escaped (no HTML entities: `->` stays
    `->`); `://` and `www.` get a backslash so that no link forms, and an `@` before a word
    gets a zero-width space after it, as GitHub mentions are found in the rendered text.
    Inside code spans the text is literal; only `|` is escaped, which GFM tables require.
    """
    text = visible(" ".join(str(text).split()))  # one row; no NUL, ESC or BEL
    out: list[str] = []
    pos = 0
    for start, end, inner_start, inner_end in code_spans(text):
        out.append(_text(text[pos:start]))
        out.append(_code_span(text[inner_start:inner_end]))
        pos = end
    out.append(_text(text[pos:]))
    return "".join(out)


def code_spans(text: str) -> list[tuple[int, int, int, int]]:
    """(start, end, content start, content end) of each code span, as CommonMark finds them:
    a backtick run opens a span that the next run of the same length closes; a run with no
    such closer is literal. Runs are indexed by length, so hostile text costs O(n log n)."""
    import bisect

    runs = [(m.start(), m.end()) for m in _RUN.finditer(text)]
    by_length: dict[int, list[int]] = {}
    for i, (a, b) in enumerate(runs):
        by_length.setdefault(b - a, []).append(i)
    spans = []
    i = 0
    while i < len(runs):
        a, b = runs[i]
        same = by_length[b - a]
        k = bisect.bisect_right(same, i)
        if k == len(same):  # no closer: the run is literal
            i += 1
            continue
        j = same[k]
        spans.append((a, runs[j][1], b, runs[j][0]))
        i = j + 1
    return spans


def paragraph(text: str) -> str:
    """`escape` for text that starts a line of its own (a paragraph, a quote's content), where
    `# `, `- `, `1. ` or `>` would begin a heading, list or quote."""
    return _BLOCK_START.sub(r"\1\2\\\3", escape(text), count=1)


def _text(text: str) -> str:
    text = _SPECIAL.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    text = re.sub(r"(?i)(www)\.", r"\1\\.", text.replace("://", "\\://"))
    return re.sub(r"@(?=\w)", "@\u200b", text)


def _code_span(content: str) -> str:
    """`content` as one code span whose fence is longer than any backtick run inside it."""
    longest = max((len(run) for run in re.findall(r"`+", content)), default=0)
    fence = "`" * (longest + 1)
    # CommonMark strips one space from each end when both ends have one: pad to keep them.
    spaced = content.startswith(" ") and content.endswith(" ") and content.strip()
    pad = " " if content.startswith("`") or content.endswith("`") or spaced else ""
    return f"{fence}{pad}{content.replace('|', chr(92) + '|')}{pad}{fence}"


def render(findings: Sequence[Finding], files: int, options: dict | None = None) -> str:
    out = ["## designlint", ""]
    if not findings:
        out.append(f"✅ {sentence(findings, files)}.")
        return "\n".join(out) + "\n"
    out.append(f"**{findings_phrase(findings)}** in {files_phrase(files)}: {breakdown(findings)}.")
    out += ["", "| Severity | Rule | Location | Message |", "|---|---|---|---|"]
    for f in findings[:MAX_ROWS]:
        rule = f"[{f.code}]({f.url}) {escape(f.rule)}" if f.url else f"{f.code} {escape(f.rule)}"
        where = f"{escape(f.file)}:{f.span.line}:{f.span.column}"
        message = escape(f.message)
        if f.help:
            message += f"<br>*help:* {escape(f.help)}"
        out.append(f"| {_ICON[f.severity]} | {rule} | {where} | {message} |")
    if len(findings) > MAX_ROWS:
        out += ["", f"… and {len(findings) - MAX_ROWS} more (see the full report)."]
    stats = Counter((f.code, f.rule) for f in findings)
    out += ["", "<details><summary>Findings per rule</summary>", ""]
    out += ["| Rule | Name | Count |", "|---|---|---:|"]
    for (code, name), n in sorted(stats.items(), key=lambda kv: (-kv[1], kv[0])):
        out.append(f"| {code} | {escape(name)} | {n} |")
    out += ["", "</details>"]
    return "\n".join(out) + "\n"
