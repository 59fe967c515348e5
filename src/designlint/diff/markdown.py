"""`diff --format markdown`: one pull-request comment or job summary.

A hidden marker first (the GitHub Action finds its own comment by it and edits it in place),
then a short summary that fits on a screen (counts, one row per design, the new findings),
then everything else folded in `<details>`: fixed findings, estimates, flows, structure.
A design's own text only ever appears escaped or inside code spans (no HTML, links or
@-mentions). GitHub refuses comments over 65,536 characters: long lists are cut per section,
and whole designs' details are left out from the end, with a note saying so, to stay under it.
"""

from __future__ import annotations

import html
import re

from designlint.diff import words
from designlint.diff.compare import DesignDiff, Diff
from designlint.findings import Finding, Severity
from designlint.formats.markdown import escape

MARKER = "<!-- designlint-diff -->"
LIMIT = 65_536  # GitHub's limit for a comment body, in characters (UTF-16 code units)
MAX_ROWS = 100  # rows per table, items per list
_ICON = {Severity.ERROR: "🔴 error", Severity.WARNING: "🟡 warning", Severity.INFO: "🔵 info"}
_BACKTICKS = re.compile(r"`+")
_QUOTED = re.compile(r"`([^`\n]+)`")


def size(text: str) -> int:
    """Length as GitHub counts it (UTF-16 code units: an emoji can count twice)."""
    return len(text.encode("utf-16-le")) // 2


def code(text: str, table: bool = True) -> str:
    """A code span holding `text` literally: the fence is longer than any backtick run inside,
    and in a table cell `|` is escaped (GFM splits cells before parsing code spans)."""
    text = " ".join(str(text).split()) or " "
    if table:
        text = text.replace("|", "\\|")
    longest = max((len(m) for m in _BACKTICKS.findall(text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text[0] in "` " or text[-1] in "` " else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def prose(text: str) -> str:
    """Escaped text; a word joiner after `@` (GitHub finds mentions after decoding entities)."""
    if not text.strip():
        return " " if text else ""
    lead = " " if text[0].isspace() else ""
    trail = " " if text[-1].isspace() else ""
    return lead + escape(text.replace("@", "@\u2060")) + trail


def message(text: str) -> str:
    """A finding's message: its backtick-quoted names as code spans, the prose escaped."""
    out, last = [], 0
    for m in _QUOTED.finditer(text):
        out.append(prose(text[last : m.start()]) + code(m.group(1)))
        last = m.end()
    out.append(prose(text[last:]))
    return "".join(out)


def _where(f: Finding) -> str:
    return f"{code(f.file)}:{f.span.line}"


def _rule(f: Finding) -> str:
    return f"[{f.code}]({f.url})" if f.url else f.code


def _findings_table(findings: list[Finding], severity: bool = True) -> list[str]:
    head = "| Severity | Rule | Where | Message |" if severity else "| Rule | Where | Message |"
    out = [head, "|---|---|---|---|" if severity else "|---|---|---|"]
    for f in findings[:MAX_ROWS]:
        cells = [_rule(f), _where(f), message(f.message)]
        if severity:
            cells.insert(0, _ICON[f.severity])
        out.append("| " + " | ".join(cells) + " |")
    if len(findings) > MAX_ROWS:
        out += ["", f"… and {len(findings) - MAX_ROWS} more."]
    return out


def _bullets(items: list[str]) -> list[str]:
    out = [f"- {item}" for item in items[:MAX_ROWS]]
    if len(items) > MAX_ROWS:
        out.append(f"- … and {len(items) - MAX_ROWS} more")
    return out


def _design_name(d: DesignDiff, mark=code) -> str:
    if d.status == "renamed":
        return f"{mark(d.base or '')} {words.ARROW} {mark(d.head or '')}"
    return mark(d.name)


def html_code(text: str) -> str:
    """`<code>` for raw HTML lines (`<summary>`), where Markdown is not parsed."""
    return "<code>" + html.escape(" ".join(str(text).split())) + "</code>"


def details(d: DesignDiff) -> list[str]:
    """The folded part of one design."""
    c = code
    fc = d.findings
    summary = (
        f"{escape(d.status)}: {len(fc.new)} new, {len(fc.fixed)} fixed, "
        f"{words.plural(d.changes(), 'model change')}"
    )
    name = _design_name(d, html_code)
    out = ["<details>", f"<summary>{name} — {html.escape(summary)}</summary>", ""]
    if fc.fixed:
        out += ["**Fixed findings**", "", *_findings_table(fc.fixed, severity=False), ""]
    if not all(d.loaded):
        out += ["The design does not load on one side: numbers and structure not compared.", ""]
    if d.estimates:
        out += ["**Estimates**", "", "| Estimate | Old | New | Ratio |", "|---|---|---|---:|"]
        for e in d.estimates[:MAX_ROWS]:
            old = c(e.old) if e.old is not None else "—"
            new = c(e.new) if e.new is not None else "—"
            out.append(f"| {c(e.name)} | {old} | {new} | {words.ratio(e.ratio)} |")
        out.append("")
    if d.flows:
        out += ["**Flows**", "", "| Flow | Latency budget | Availability |", "|---|---|---|"]
        for f in d.flows[:MAX_ROWS]:
            latency = words.latency(f, c) or "—"
            avail = words.availability(f, c) or "—"
            out.append(f"| {c(f.flow)} | {latency} | {avail} |")
        out.append("")
    s = d.structure
    if len(s):
        items = [f"added {words.element(e, c)}" for e in s.added]
        items += [f"removed {words.element(e, c)}" for e in s.removed]
        items += [f"changed {words.element(e, c)}: {words.field_changes(e, c)}" for e in s.changed]
        for e in s.edges:
            verb = "changed" if e.old and e.new else "added" if e.new else "removed"
            items.append(f"{verb} edge {words.edge(e, c)}")
        items += [f"changed {words.owner(o, c)}" for o in s.owners]
        out += ["**Structure**", "", *_bullets(items), ""]
    if len(out) == 3:
        out += ["Nothing else changed.", ""]
    out.append("</details>")
    return out


def render(diff: Diff) -> str:
    counts = diff.counts()
    new = [f"{n} new {level}{'s' if n != 1 else ''}" for level, n in counts.items() if n]
    head = "❌ " + ", ".join(new) if new else "✅ no new findings"
    changes = sum(d.changes() for d in diff.designs)
    out = [
        MARKER,
        "## designlint diff",
        "",
        f"**{head}** · {len(diff.fixed)} fixed · {diff.unchanged} unchanged · "
        f"{words.plural(changes, 'model change')} in {words.plural(len(diff.designs), 'design')} "
        f"(against {code(diff.base_label, table=False)})",
        "",
    ]
    if diff.designs:
        out += [
            "| Design | Status | New | Fixed | Unchanged | Changes |",
            "|---|---|--:|--:|--:|--:|",
        ]
        for d in diff.designs[:MAX_ROWS]:
            fc = d.findings
            out.append(
                f"| {_design_name(d)} | {escape(d.status)} | {len(fc.new)} | {len(fc.fixed)} "
                f"| {fc.unchanged} | {d.changes()} |"
            )
        if len(diff.designs) > MAX_ROWS:
            out += ["", f"… and {len(diff.designs) - MAX_ROWS} more designs."]
        out.append("")
    else:
        out += ["No design changed.", ""]
    if diff.new:
        out += ["### New findings", "", *_findings_table(diff.new), ""]
    text = "\n".join(out) + "\n"
    blocks = ["\n".join(details(d)) + "\n\n" for d in diff.designs]
    return _fit(text, blocks)


def _fit(text: str, blocks: list[str]) -> str:
    """Append the details while they fit under LIMIT, then say what was left out."""
    if blocks:
        text += "### Details\n\n"
    for i, block in enumerate(blocks):
        note = (
            f"> [!NOTE]\n> Cut to stay under GitHub's {LIMIT:,}-character limit: the details of "
            f"{len(blocks) - i} more design(s) are left out. Run `designlint diff` with "
            "`--format text` or `--format json` for everything.\n"
        )
        if size(text) + size(block) + size(note) >= LIMIT:
            return _cut(text + note)
        text += block
    return text


def _cut(text: str) -> str:
    """A last resort when even the summary is too long (thousands of designs)."""
    if size(text) < LIMIT:
        return text
    tail = "\n\n… cut at GitHub's comment limit.\n"
    keep = LIMIT - size(tail) - 1000
    return text[:keep].rsplit("\n", 1)[0] + tail
