"""`designlint lsp`: the language server, over standard input and output.

pygls is an optional extra (`pip install 'designlint[lsp]'`) so that `check` and the pre-commit
hook never install or import it; without it the command says how to get it and exits 2.
"""

from __future__ import annotations

import importlib.util

import click

from designlint.errors import UsageError


@click.command("lsp")
@click.option(
    "--stdio",
    is_flag=True,
    help="Talk over standard input and output (the default and only transport; accepted "
    "because many editors pass it).",
)
def command(stdio: bool) -> int:
    """Run the designlint language server over stdio: findings as you type, the working of
    every estimate on hover, go to definition and references for ids, completion of ids,
    and quick fixes (an inline suppression; the computed value for DL201).

    Editor set-up: docs/editors.md. Needs the `lsp` extra: pip install 'designlint[lsp]'.
    """
    if importlib.util.find_spec("pygls") is None:
        raise UsageError(
            "the language server needs pygls: pip install 'designlint[lsp]' (then run "
            "`designlint lsp` again)"
        )
    from designlint.lsp.server import serve

    serve()
    return 0
