"""The command line: a click group whose commands load lazily; the only module that exits.

Commands live in `designlint.commands.<name>` and are imported only when invoked, so that
`--version` and `--help` stay cheap and `check` never pays for diagram or report code.
Exit codes (docs/cli.md): 0 clean, 1 findings, 2 usage/input/config/render errors, 3 internal error.
"""

from __future__ import annotations

import atexit
import gc
import importlib
import os
import sys
from typing import NoReturn

import click

from designlint import __version__, process

COMMANDS: dict[str, str] = {
    "check": "Lint design files, directories and globs.",
    "diagram": "Draw the architecture (PNG/SVG/PDF via Graphviz, DOT, Mermaid).",
    "diff": "Compare two versions of a design: new and fixed findings, numbers, structure.",
    "estimate": "Print the capacity table: estimates, latency budgets, availability.",
    "report": "Write a design-review report (HTML or Markdown).",
    "rules": "List every rule: code, name, severity, summary.",
    "explain": "Show a rule's full documentation.",
    "schema": "Print the JSON Schema of the design format.",
    "init": "Write a commented starter design that passes `check`.",
    "lsp": "Run the language server (diagnostics, hover, definitions) over stdio.",
}


def _available() -> list[str]:
    import importlib.util  # only listing the commands needs it (~20 ms at start-up)

    return [n for n in COMMANDS if importlib.util.find_spec(f"designlint.commands.{n}")]


def _command_module(name: str) -> object | None:
    """`designlint.commands.<name>`, or None when this build has no such command."""
    module = f"designlint.commands.{name}"
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name == module:
            return None
        raise


class LazyGroup(click.Group):
    """Imports a command's module only when that command runs (or its help is shown)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return _available()

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        module = _command_module(name) if name in COMMANDS else None
        return None if module is None else module.command  # type: ignore[attr-defined]

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name]) for name in _available()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="designlint")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """designlint: lint system designs written as YAML, and draw them.

    Exit codes: 0 no findings at or above --fail-on, 1 findings, 2 usage, input, config or
    rendering error, 3 internal error (a bug in designlint: please report it).
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def _safe_streams() -> None:
    """An undecodable file name (a lone surrogate) must not crash printing, nor put invalid
    UTF-8 into JSON: write such characters as `\\udcxx` escapes instead."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):  # replaced or closed streams (tests)
            pass


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the group and turn every outcome into a documented exit code."""
    from designlint.errors import DesignlintError
    from designlint.output import forget_inputs

    forget_inputs()
    args = sys.argv[1:] if argv is None else argv
    process.exits_fast = argv is None
    _safe_streams()
    # One short-lived run: the cyclic GC finds almost nothing here but rescans every model
    # and graph node we build (measured: 0.89x wall on the 10k-service design, bench/).
    # Input size is bounded by the loader's limits, so memory stays bounded without it.
    if not os.environ.get("DESIGNLINT_GC"):
        gc.disable()
    debug = "--debug" in args or bool(os.environ.get("DESIGNLINT_DEBUG"))
    try:
        code = cli.main(args=args, prog_name="designlint", standalone_mode=False)
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except click.exceptions.Abort:
        click.echo("designlint: aborted", err=True)
        code = 2
    except click.ClickException as exc:
        exc.show()
        code = 2 if exc.exit_code == 1 else exc.exit_code
    except DesignlintError as exc:
        click.echo(f"designlint: error: {exc}", err=True)
        code = exc.exit_code
    except KeyboardInterrupt:
        click.echo("designlint: interrupted", err=True)
        code = 130
    except BrokenPipeError:
        sys.stderr.close()
        code = 0
    except Exception as exc:  # noqa: BLE001 - the last guard: a bug must not look like findings
        if debug:
            import traceback  # only an internal error pays for it

            traceback.print_exc()
        name = type(exc).__name__
        click.echo(
            f"designlint: internal error ({name}: {exc}); this is a bug, please report it "
            "(run with --debug for the traceback)",
            err=True,
        )
        code = 3
    # The interpreter's last act is a full collection over every object still alive (the
    # modules, their classes, caches): nothing of it is garbage worth finding at exit. Frozen
    # objects are left out of it (~30M instructions, ~0.8% of checking the 1k-service design).
    gc.freeze()
    code = code if isinstance(code, int) else 0
    if process.exits_fast:
        _exit_now(code)
    sys.exit(code)


def _exit_now(code: int) -> NoReturn:
    """Leave without tearing the interpreter down: the exit handlers run and the streams are
    flushed, as at a normal exit, but the modules and the objects still alive are not freed one
    by one (designlint.process). Every file designlint writes is closed before this point."""
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing left to deliver
            if code == 0 and stream is sys.stdout:
                code = 120  # what the interpreter returns when it cannot flush stdout
    os._exit(code)
