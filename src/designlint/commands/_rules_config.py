"""The config that `rules` and `explain` read: custom rules and plug-ins make the catalogue."""

from __future__ import annotations

import click

config_option = click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    help="Config file whose custom rules to include; default: discovered from the current "
    "directory upward.",
)
no_plugins_option = click.option(
    "--no-plugins", is_flag=True, help="Leave out rules from plug-ins (do not load them)."
)


def catalogue(config_file: str | None, no_plugins: bool) -> dict:
    """The rules a `check` from here would know: built-in, plug-in (unless off) and custom."""
    from designlint import config
    from designlint.registry import all_rules

    settings = config.Resolver({"no_plugins": no_plugins}, explicit=config_file).default()
    return {
        code: r
        for code, r in all_rules().items()
        if r.kind == "builtin"
        or (r.kind == "plugin" and settings.plugins)
        or code in settings.custom_codes
    }
