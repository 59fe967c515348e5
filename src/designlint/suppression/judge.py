"""Judging suppressions: which findings they hide, and DL008/DL009 about the comments."""

from __future__ import annotations

from designlint.findings import Finding, Violation
from designlint.reading.source import SourceMap
from designlint.suppression.comments import Suppression


def apply(
    findings: list[Finding], suppressions: list[Suppression], resolve, smap: SourceMap
) -> list[Finding]:
    """The findings no suppression covers; marks what each suppression used.

    `resolve(name)` -> Rule or None. A finding is anchored at its own line and at the line of
    its element's key, so `links:  # designlint: ignore[DL601] why` covers a finding reported at
    the first line of the block mapping below `links:`."""
    by_line: dict[int, list[Suppression]] = {}
    wide: list[Suppression] = []  # disable-file and disable: few, checked for every finding
    for s in suppressions:
        if s.kind == "ignore":
            by_line.setdefault(s.applies_to, []).append(s)
        elif s.kind != "enable":
            wide.append(s)
    kept: list[Finding] = []
    for f in findings:
        hit = False
        lines = {f.span.line}
        key = smap.key_span(f.model_path) if f.model_path else None
        if key is not None:
            lines.add(key.line)
        near = [s for line in sorted(lines) for s in by_line.get(line, ())]
        for s in near + wide:
            for written in s.codes:
                if not any(s.covers(written, line) for line in lines):
                    continue
                named = rules_named(s.kind, written, resolve)
                if any(r.code == f.code and r.suppressible for r in named):
                    s.used.add(written)
                    hit = True
        if not hit:
            kept.append(f)
    return kept


def rules_named(kind: str, written: str, resolve) -> list:
    """The rules a written code stands for: one rule, or (outside `ignore`) a code prefix."""
    r = resolve(written)
    if r is not None:
        return [r]
    if kind == "ignore" or not written.strip().upper().startswith("DL"):
        return []
    from designlint.registry import all_rules

    prefix = written.strip().upper()
    return [r for code, r in all_rules().items() if code.startswith(prefix)]


def problems(suppressions: list[Suppression], resolve, ran) -> list[tuple[str, Violation]]:
    """DL008 for a missing reason; DL009 for codes that suppressed nothing.

    `ran(rule)` says whether that rule ran on this file: a suppression of a rule that was not
    selected cannot be judged, so it is left alone.
    """
    out: list[tuple[str, Violation]] = []
    for s in suppressions:
        if not s.codes:
            msg = f"a suppression must name its rules: `{s.comment()} reason`"
            out.append(("DL009", Violation((), msg, span=s.span)))
            continue
        if s.kind == "enable":
            if not s.closes:
                codes = ", ".join(s.codes)
                msg = f"`enable[{codes}]` closes no `disable` above it"
                fix = f"remove it, or open the block with `# designlint: disable[{codes}] reason`"
                out.append(("DL009", Violation((), msg, fix=fix, span=s.span)))
            continue
        if not s.reason:
            codes = ", ".join(s.codes)
            msg = f"the suppression of {codes} gives no reason"
            fix = f"say why after the bracket: `{s.comment()} <reason>`"
            out.append(("DL008", Violation((), msg, fix=fix, span=s.span)))
        for written in s.codes:
            if written not in s.used:
                msg = _unused(s, written, resolve, ran)
                if msg:
                    fix = "remove it (or the stale code from its list)"
                    out.append(("DL009", Violation((), msg, fix=fix, span=s.span)))
    return out


_WHERE = {"ignore": "here", "disable-file": "in this file", "disable": "in its block"}


def _unused(s: Suppression, written: str, resolve, ran) -> str | None:
    """Why a written code suppressed nothing, or None when that cannot be judged."""
    rules = rules_named(s.kind, written, resolve)
    if not rules:
        if s.kind == "ignore" and written.strip().upper().startswith("DL"):
            if rules_named("disable", written, resolve):
                return (
                    f"`ignore` names rules exactly and `{written}` is a prefix; use "
                    f"`disable-file[{written}]` or a `disable` block for a family"
                )
        return f"the suppression names `{written}`, which is no designlint rule"
    if len(rules) == 1 and not rules[0].suppressible:
        r = rules[0]
        return f"{r.code} ({r.name}) cannot be suppressed; fix the document instead"
    judged = [r for r in rules if r.suppressible and ran(r)]
    if not judged:
        return None
    label = f"{rules[0].code} ({rules[0].name})" if len(rules) == 1 else f"{written.upper()}"
    return f"the suppression of {label} matches no finding {_WHERE[s.kind]}"
