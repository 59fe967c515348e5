"""`designlint init [FILE]`: write a commented starter design that passes `check`."""

from __future__ import annotations

import os
from importlib import resources

import click

from designlint.errors import UsageError


def starter_text() -> str:
    """The template shipped in the package (the same text the tests check)."""
    return (resources.files("designlint") / "templates" / "starter.design.yaml").read_text(
        encoding="utf-8"
    )


@click.command("init")
@click.argument("file", default="system.design.yaml", required=False)
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
def command(file: str, force: bool) -> int:
    """Write a commented starter design to FILE (default: system.design.yaml).

    The starter passes `designlint check` cleanly and shows every section of the format.
    """
    from designlint.output import write_atomic

    if os.path.exists(file) and not force:
        raise UsageError(f"{file} exists; pass --force to overwrite it")
    write_atomic(file, starter_text())
    click.echo(f"wrote {file}; check it with: designlint check {file}")
    return 0
