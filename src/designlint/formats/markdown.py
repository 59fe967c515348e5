"""`--format markdown`: a summary for `$GITHUB_STEP_SUMMARY` or a pull-request comment.

Everything taken from a design (names in messages, paths) is escaped: Markdown punctuation is
backslash-escaped, `<`, `>` and `&` become entities and `@` cannot mention anyone. Long runs are
cut at MAX_ROWS findings to stay well under GitHub's comment and summary size limits.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from designlint.findings import Finding, Severity
from designlint.formats.summary import counts
from designlint.visible import visible

MAX_ROWS = 500
_ICON = {Severity.ERROR: "🔴 error", Severity.WARNING: "🟡 warning", Severity.INFO: "🔵 info"}
# Table cells hold inline content only, so these are the characters that can start markup.
_SPECIAL = re.compile(r"([\\`*_\[\]|~!])")


def escape(text: str) -> str:
    """Make arbitrary text inert inside a Markdown table cell."""
    text = visible(" ".join(str(text).split()))  # one row; no NUL, ESC or BEL
    text = _SPECIAL.sub(r"\\\1", text)
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("@", "&#64;")
        .replace("://", "&#58;//")  # no autolinks: a design cannot plant a link
        .replace("www.", "www&#46;")
    )


def render(findings: Sequence[Finding], files: int, options: dict | None = None) -> str:
    c = counts(findings, files)
    noun = "file" if files == 1 else "files"
    out = ["## designlint", ""]
    if not findings:
        out.append(f"✅ All checks passed ({files} {noun}).")
        return "\n".join(out) + "\n"
    out.append(
        f"**{len(findings)} finding(s)** in {files} {noun}: {c['errors']} error(s), "
        f"{c['warnings']} warning(s), {c['infos']} info."
    )
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
