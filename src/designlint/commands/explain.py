"""`designlint explain CODE|NAME`: a rule's full documentation for the terminal."""

from __future__ import annotations

import click

from designlint.errors import UsageError


@click.command("explain")
@click.argument("rule")
def command(rule: str) -> int:
    """Show RULE's documentation: what it does, why, a bad and a good example, options."""
    from designlint.docs import render_rule
    from designlint.registry import lookup

    found = lookup(rule)
    if found is None:
        raise UsageError(f"unknown rule `{rule}` (see `designlint rules`)")
    click.echo(render_rule(found))
    return 0
