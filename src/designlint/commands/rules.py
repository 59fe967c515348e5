"""`designlint rules`: the rule catalogue as a table or JSON."""

from __future__ import annotations

import json

import click


@click.command("rules")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def command(fmt: str) -> int:
    """List every rule: code, name, default severity and a one-line summary."""
    from designlint.registry import all_rules

    rules = all_rules().values()
    if fmt == "json":
        rows = [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity.value,
                "summary": r.summary,
                "url": r.url,
            }
            for r in rules
        ]
        click.echo(json.dumps(rows, indent=2))
        return 0
    width = max(len(r.name) for r in rules)
    for r in rules:
        click.echo(f"{r.code}  {r.name:<{width}}  {r.severity.value:<7}  {r.summary}")
    return 0
