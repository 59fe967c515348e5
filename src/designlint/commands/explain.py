"""`designlint explain CODE|NAME`: a rule's full documentation for the terminal."""

from __future__ import annotations

import click

from designlint.commands._rules_config import catalogue, config_option, no_plugins_option
from designlint.errors import UsageError


@click.command("explain")
@click.argument("rule")
@config_option
@no_plugins_option
def command(rule: str, config_file: str | None, no_plugins: bool) -> int:
    """Show RULE's documentation: what it does, why, a bad and a good example, options.

    Custom rules of the config (found from the current directory, or `--config`) and rules
    from plug-ins are explained too.
    """
    from designlint.docs import render_rule
    from designlint.registry import find

    found = find(rule, catalogue(config_file, no_plugins))
    if found is None:
        raise UsageError(f"unknown rule `{rule}` (see `designlint rules`)")
    click.echo(render_rule(found))
    return 0
