"""`diff --format text`: for the terminal, one line per change, grouped by design."""

from __future__ import annotations

from designlint.diff import words
from designlint.diff.compare import DesignDiff, Diff
from designlint.findings import Finding


def _clean(text: str) -> str:
    """One change, one line, whatever the design's names contain."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in str(text))


def _finding(f: Finding) -> str:
    where = f"{_clean(f.file)}:{f.span.line}:{f.span.column}"
    return f"{where}: {f.code} [{f.severity.value}] {_clean(f.message)} ({f.rule})"


def design(d: DesignDiff) -> list[str]:
    c = _clean
    out = [_clean(words.title(d))]
    fc = d.findings
    out.append(f"  findings: {len(fc.new)} new, {len(fc.fixed)} fixed, {fc.unchanged} unchanged")
    out += [f"    new    {_finding(f)}" for f in fc.new]
    out += [f"    fixed  {_finding(f)}" for f in fc.fixed]
    if not all(d.loaded):
        out.append("  the design does not load on one side: numbers and structure not compared")
    if d.estimates:
        out.append("  estimates:")
        out += [f"    {words.estimate(e, c)}" for e in d.estimates]
    if d.flows:
        out.append("  flows:")
        for f in d.flows:
            parts = [p for p in (words.latency(f, c), words.availability(f, c)) if p]
            out.append(f"    {c(f.flow)}: {'; '.join(parts) or 'no numbers'}")
    s = d.structure
    if len(s):
        out.append("  structure:")
        out += [f"    + {words.element(e, c)}" for e in s.added]
        out += [f"    - {words.element(e, c)}" for e in s.removed]
        out += [f"    ~ {words.element(e, c)}: {words.field_changes(e, c)}" for e in s.changed]
        for e in s.edges:
            mark = "~" if e.old and e.new else "+" if e.new else "-"
            out.append(f"    {mark} {words.edge(e, c)}")
        out += [f"    ~ {words.owner(o, c)}" for o in s.owners]
    return out


def render(diff: Diff) -> str:
    out = [f"designlint diff: {_clean(diff.base_label)} {words.ARROW} {_clean(diff.head_label)}"]
    for d in diff.designs:
        out += ["", *design(d)]
    if not diff.designs:
        out += ["", "no design changed"]
    out += ["", words.summary(diff)]
    return "\n".join(out) + "\n"
