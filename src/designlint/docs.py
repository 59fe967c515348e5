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
            out.append(line.replace("**", ""))
    return "\n".join(out)


def index_markdown(rules: list[Rule]) -> str:
    """`docs/rules/index.md`: the catalogue as a table, one row per rule."""
    lines = [
        "# Rules",
        "",
        "Generated from the rule modules by `make docs`; do not edit by hand.",
        "",
        "| code | name | severity | what it reports |",
        "|---|---|---|---|",
    ]
    for r in rules:
        summary = r.summary.replace("|", "\\|")
        lines.append(f"| [{r.code}]({r.code}.md) | `{r.name}` | {r.severity.value} | {summary} |")
    return "\n".join(lines) + "\n"


def generated_pages() -> dict[str, str]:
    """File name -> content of every generated page under docs/rules/."""
    from designlint.registry import all_rules

    rules = list(all_rules().values())
    pages = {f"{r.code}.md": rule_markdown(r) for r in rules}
    pages["index.md"] = index_markdown(rules)
    return pages


def main() -> None:
    """`python -m designlint.docs DIR`: (re)write the rule pages."""
    import sys
    from pathlib import Path

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/rules")
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob("DL*.md"):
        stale.unlink()
    for name, text in generated_pages().items():
        (out / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
