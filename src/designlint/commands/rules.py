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
    """List every rule: code, name, default severity and a one-line summary.

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
        click.echo(f"{r.code}  {r.name:<{width}}  {r.severity.value:<7}  {r.summary}{origin}")
    return 0
