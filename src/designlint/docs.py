"""Rule documentation: the docstring sections, their YAML examples, and rendered pages."""

from __future__ import annotations

import re

from designlint.registry import Rule

SECTIONS = ("## What it does", "## Why is this bad?", "## Example", "Use instead:")
_BLOCK = re.compile(r"```yaml\n(.*?)```", re.S)


def examples(rule: Rule) -> tuple[str | None, str | None]:
    """The bad (Example) and good (Use instead) YAML blocks of a rule's docs."""
    doc = rule.doc
    bad_part, _, good_part = doc.partition("Use instead:")
    bad = _BLOCK.search(bad_part.partition("## Example")[2])
    good = _BLOCK.search(good_part)
    return (bad.group(1) if bad else None, good.group(1) if good else None)


def options_markdown(rule: Rule) -> str:
    """The Options section, generated from the rule's options model."""
    if rule.options is None:
        return ""
    lines = ["## Options", ""]
    for name, info in rule.options.model_fields.items():
        lines.append(f"- `{name}` (default `{info.default}`): {info.description or ''}")
    lines.append("")
    lines.append(f"Set them in `.designlint.yaml` under `rules: {{{rule.code}: {{{name}: ...}}}}`.")
    return "\n".join(lines)


def rule_markdown(rule: Rule) -> str:
    """A rule's page for `docs/rules/CODE.md`."""
    head = f"# {rule.code} {rule.name}\n\nDefault severity: **{rule.severity.value}**"
    if not rule.suppressible:
        head += " (always on; cannot be suppressed)"
    body = rule.doc.strip()
    opts = options_markdown(rule)
    if opts and "## Options" not in body:
        body += "\n\n" + opts
    return f"{head}\n\n{body}\n"


def render_rule(rule: Rule) -> str:
    """The same page for a terminal: headings emphasised, code fences dropped."""
    out = []
    for line in rule_markdown(rule).splitlines():
        if line.startswith("```"):
            continue
        if line.startswith("#"):
            out.append(line.lstrip("# ").upper() if line.startswith("# ") else line.lstrip("# "))
        else:
            out.append(line)
    return "\n".join(out)
