"""`designlint rules`: the rule catalogue as a table or JSON."""

from __future__ import annotations

import json

import click

from designlint.commands._rules_config import catalogue, config_option, no_plugins_option


@click.command("rules")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@config_option
@no_plugins_option
def command(fmt: str, config_file: str | None, no_plugins: bool) -> int:
    """List every rule: code, name, default severity and a summary, wrapped to the terminal's
    width (COLUMNS when set).

    Rules from plug-ins and the config's custom rules are listed too, each with where it
    comes from (the plug-in's distribution, or the config file).
    """
    rules = catalogue(config_file, no_plugins).values()
    if fmt == "json":
        rows = [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity.value,
                "summary": r.summary,
                "url": r.url,
                "kind": r.kind,
                "origin": r.origin,
            }
            for r in rules
        ]
        click.echo(json.dumps(rows, indent=2))
        return 0
    width = max(len(r.name) for r in rules)
    for r in rules:
        origin = f"  [{r.kind}: {r.origin}]" if r.kind != "builtin" else ""
        head = f"{r.code}  {r.name:<{width}}  {r.severity.value:<7}  "
        click.echo("\n".join(_wrap(head, r.summary + origin, _columns())))
    return 0


def _columns() -> int:
    """The terminal's width (COLUMNS, else the terminal, else 80), as `ls` and git do."""
    import shutil

    return max(40, shutil.get_terminal_size((80, 24)).columns)


def _wrap(head: str, summary: str, columns: int) -> list[str]:
    """The summary beside its head, wrapped under itself; on its own indented lines when the
    terminal leaves it fewer than 30 columns there. No line is longer than `columns` unless a
    single word is."""
    import textwrap

    if columns - len(head) >= 30:
        indent = " " * len(head)
        return textwrap.wrap(
            summary, columns, initial_indent=head, subsequent_indent=indent, break_on_hyphens=False
        )
    indent = " " * 6
    body = textwrap.wrap(
        summary, columns, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False
    )
    return [head.rstrip(), *body]
