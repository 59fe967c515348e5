"""What the editor asks of an analysed document: hover, definition, references, completion and
code actions. Plain data in, plain data out, positions as 1-based lines and character columns
(the loader's own); the server converts to the client's units, so every feature here can be
tested without a protocol in between.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from designlint.findings import Finding, Span
from designlint.lsp.document import Analysis
from designlint.lsp.symbols import FIELD_KINDS, Symbol, path_at
from designlint.registry import lookup

DESCRIBED = {
    "clients": "client",
    "edge": "edge component",
    "services": "service",
    "datastores": "datastore",
    "caches": "cache",
    "queues": "queue",
    "functional": "functional requirement",
    "non_functional": "non-functional requirement",
    "flows": "flow",
    "estimates": "estimate",
    "regions": "region",
    "fanout": "fan-out",
    "apis": "endpoint",
    "bottlenecks": "bottleneck",
    "decisions": "decision",
}


@dataclass(frozen=True)
class Edit:
    span: Span  # the text to replace; an empty span inserts
    text: str


@dataclass(frozen=True)
class Action:
    title: str
    edits: tuple[Edit, ...]
    finding: Finding
    preferred: bool = False


def findings_at(analysis: Analysis, line: int, column: int) -> list[Finding]:
    out = []
    for f in analysis.findings:
        end = f.span.end()
        if (f.span.line, f.span.column) <= (line, column) <= end or (
            f.span.line == line and end == (f.span.line, f.span.column)
        ):
            out.append(f)
    return out


def hover(analysis: Analysis, line: int, column: int) -> str | None:
    """Markdown: the estimate's working, the component's facts, and the findings under it."""
    parts: list[str] = []
    index = analysis.index
    if index is not None and analysis.source is not None:
        found = path_at(analysis.source.smap, line, column)
        if found and found[0][:1] == ("estimates",) and len(found[0]) >= 2:
            parts.append(_estimate(analysis, str(found[0][1])))
        else:
            symbol = index.symbol(line, column)
            if symbol is not None:
                parts.append(_component(analysis, symbol))
    for f in findings_at(analysis, line, column):
        parts.append(_finding(f))
    text = "\n\n---\n\n".join(p for p in parts if p)
    return text or None


def _estimate(analysis: Analysis, name: str) -> str:
    from designlint.numbers import unitfmt as fmt
    from designlint.numbers.estimates import DEFAULT_TOLERANCE

    estimates = analysis.estimates
    row = estimates.rows.get(name) if estimates is not None else None
    if row is None:
        return f"**estimate `{name}`**"
    lines = [f"**estimate `{name}`** = {row.shown}"]
    if row.expr:
        working = [f"`{' '.join(row.expr.split())}`"]
        if row.substituted and row.substituted != " ".join(row.expr.split()):
            working.append(row.substituted)
        if row.computed is not None:
            working.append(fmt.show(row.computed, row.declared))
        lines.append(" = ".join(working))
    option = analysis.settings.rule_options.get("DL201", {}).get("tolerance")
    tolerance = float(option) / 100 if option is not None else DEFAULT_TOLERANCE
    verdict = row.verdict(tolerance)
    if row.declared is not None and row.computed is not None and row.deviation is not None:
        lines.append(
            f"declared {row.declared.text}, computed {fmt.show(row.computed, row.declared)}: "
            f"{row.deviation * 100:.1f} % off ({verdict})"
        )
    elif row.error:
        lines.append(f"cannot be evaluated: {row.error}")
    else:
        lines.append(f"verdict: {verdict}")
    return "  \n".join(lines)


def _component(analysis: Analysis, symbol: Symbol) -> str:
    index = analysis.index
    assert index is not None
    if symbol.kind is None:
        return f"`{symbol.name}` is not declared"
    kind = DESCRIBED.get(symbol.kind, symbol.kind)
    lines = [f"**{kind} `{symbol.name}`**"]
    entry = index.design
    section = getattr(entry, symbol.kind, None) if symbol.kind in DESCRIBED else None
    item = section.get(symbol.name) if isinstance(section, dict) else None
    for attribute in ("kind", "technology", "description"):
        value = getattr(item, attribute, None)
        if isinstance(value, str) and value:
            lines.append(f"{attribute}: {value}")
    owner = getattr(item, "owner", None)
    if owner:
        owners = owner if isinstance(owner, list) else [owner]
        lines.append("owner: " + ", ".join(f"`{o}`" for o in owners))
    owns = getattr(item, "owns", None)
    if owns:
        lines.append("owns: " + ", ".join(f"`{o}`" for o in owns))
    users = _users(analysis, symbol)
    if users:
        lines.append("used by: " + ", ".join(f"`{u}`" for u in users))
    return "  \n".join(lines)


def _users(analysis: Analysis, symbol: Symbol) -> list[str]:
    """Who names this id: the owning element of each reference, once each, in order."""
    index = analysis.index
    assert index is not None
    seen: dict[str, None] = {}
    for path in index.uses(symbol.name, symbol.kind):
        owner = path[2] if path[0] == "requirements" and len(path) > 2 else path[1]
        seen.setdefault(f"{path[0]}.{owner}" if path[0] != "requirements" else str(owner))
    return list(seen)


def _finding(f: Finding) -> str:
    rule = lookup(f.code)
    lines = [f"**{f.code}** {f.rule}: {f.message}"]
    if rule is not None:
        lines.append(rule.summary)
    if f.help:
        lines.append(f"fix: {f.help}")
    if f.url:
        lines.append(f"[documentation]({f.url})")
    return "  \n".join(lines)


def definition(analysis: Analysis, line: int, column: int) -> Span | None:
    index = analysis.index
    symbol = index.symbol(line, column) if index is not None else None
    if symbol is None or symbol.declaration is None:
        return None
    return index.span(symbol.declaration, key=True)


def references(
    analysis: Analysis, line: int, column: int, include_declaration: bool = True
) -> list[Span]:
    index = analysis.index
    symbol = index.symbol(line, column) if index is not None else None
    if symbol is None:
        return []
    spans = []
    if include_declaration and symbol.declaration is not None:
        spans.append(index.span(symbol.declaration, key=True))
    lines = analysis.text.splitlines()
    for path in index.uses(symbol.name, symbol.kind):
        value = index.span(path)
        # A reference that is a mapping key (a queue's consumer) is located at its key.
        named = _text(lines, value).strip("'\"") == symbol.name
        spans.append(value if named else index.span(path, key=True))
    return sorted(set(spans))


def _text(lines: list[str], span: Span) -> str:
    end_line, end_column = span.end()
    if span.line != end_line or not 1 <= span.line <= len(lines):
        return ""
    return lines[span.line - 1][span.column - 1 : end_column - 1]


_KEY_LINE = re.compile(r"^(?P<indent>\s*)(?:-\s+)?(?P<key>[A-Za-z_][\w-]*)\s*:(?P<rest>.*)$")


def expected_kinds(text: str, line: int, column: int) -> tuple[str, ...]:
    """The kinds of id expected at the cursor, from the key the value sits under.

    Read from the text rather than the model: while an id is being typed the document is often
    not valid YAML, yet `calls: [tw` or a `- tw` item under `calls:` says what is wanted.
    """
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return ()
    current = lines[line - 1][: column - 1]
    match = _KEY_LINE.match(current)
    if match:
        return FIELD_KINDS.get(match.group("key"), ())
    if not current.lstrip().startswith("-"):
        return ()
    indent = len(current) - len(current.lstrip())
    for above in reversed(lines[: line - 1]):
        stripped = above.lstrip()
        if not stripped or stripped.startswith("#"):
            continue
        if len(above) - len(stripped) < indent or (
            len(above) - len(stripped) == indent and not stripped.startswith("-")
        ):
            found = _KEY_LINE.match(above)
            return FIELD_KINDS.get(found.group("key"), ()) if found else ()
    return ()


def completion(
    analysis: Analysis, ids_from: Analysis | None, line: int, column: int
) -> list[tuple[str, str]]:
    """(id, kind) pairs for the kinds expected at the cursor, from the last design that loaded."""
    kinds = expected_kinds(analysis.text, line, column)
    source = analysis if analysis.index is not None else ids_from
    if not kinds or source is None or source.index is None:
        return []
    return source.index.ids(kinds)


SUPPRESS = "# designlint: ignore[{code}] TODO: say why"


def code_actions(analysis: Analysis, findings: list[Finding]) -> list[Action]:
    """An inline suppression for each suppressible finding, and for DL201 the computed value."""
    lines = analysis.text.splitlines()
    actions: list[Action] = []
    for f in findings:
        rule = lookup(f.code)
        if f.code == "DL201":
            fixed = _computed_value(analysis, f)
            if fixed is not None:
                span, text = fixed
                actions.append(
                    Action(
                        f"Replace the declared value with the computed {text}",
                        (Edit(span, text),),
                        f,
                        preferred=True,
                    )
                )
        if rule is None or not rule.suppressible or not 1 <= f.span.line <= len(lines):
            continue
        target = lines[f.span.line - 1]
        indent = target[: len(target) - len(target.lstrip())]
        comment = indent + SUPPRESS.format(code=f.code) + "\n"
        actions.append(
            Action(
                f"Suppress {f.code} on this line (with a reason)",
                (Edit(Span(f.span.line, 1, f.span.line, 1), comment),),
                f,
            )
        )
    return actions


def _computed_value(analysis: Analysis, f: Finding) -> tuple[Span, str] | None:
    from designlint.numbers import unitfmt as fmt

    estimates = analysis.estimates
    if estimates is None or analysis.source is None or len(f.model_path) < 2:
        return None
    row = estimates.rows.get(str(f.model_path[1]))
    if row is None or row.computed is None:
        return None
    raw = analysis.source.smap.values.get(tuple(row.value_path()))
    if raw is None:
        return None
    return Span(*raw), fmt.show(row.computed, row.declared)
