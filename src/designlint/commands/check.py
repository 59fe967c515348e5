"""`designlint check PATH...`: the main job."""

from __future__ import annotations

import os
import sys

import click

from designlint.errors import InputError, UsageError
from designlint.report import REPORTERS

FORMATS = ["text", "json", "sarif", "junit", "github", "markdown"]


def _use_colour(no_color: bool, output: str | None) -> bool:
    if no_color or os.environ.get("NO_COLOR") or output:
        return False
    return sys.stdout.isatty()


@click.command("check")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report here.")
@click.option("--select", multiple=True, help="Rules to run: codes, prefixes (DL3) or names.")
@click.option("--extend-select", multiple=True, help="Rules to add to the selection.")
@click.option("--ignore", multiple=True, help="Rules to skip: codes, prefixes or names.")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help="Lowest severity that makes the exit code 1 (default: warning).",
)
@click.option(
    "--set",
    "overrides",
    multiple=True,
    metavar="NAME=VALUE",
    help="What-if: override an estimate (repeatable), e.g. --set dau=2bn.",
)
@click.option("--statistics", is_flag=True, help="Count findings per rule.")
@click.option("--quiet", "-q", is_flag=True, help="Findings only: no excerpts, no success line.")
@click.option("--no-color", is_flag=True, help="No colour (also when NO_COLOR is set).")
def command(
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    overrides: tuple[str, ...],
    statistics: bool,
    quiet: bool,
    no_color: bool,
) -> int:
    """Lint design files, directories (recursing into *.design.yaml, *.design.yml and YAML
    files that declare `designlint:`) and globs.

    Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or unreadable input,
    3 internal error.
    """
    from designlint import config
    from designlint.discover import expand
    from designlint.findings import Severity
    from designlint.linter import lint_path
    from designlint.output import protect
    from designlint.registry import all_rules

    if fmt not in REPORTERS:
        raise UsageError(f"the `{fmt}` format is not available in this version")
    rules = all_rules()
    settings = config.Settings()
    changes: dict = {}
    if select:
        changes["select"] = config.split_codes(select)
    if extend_select:
        changes["extend_select"] = config.split_codes(extend_select)
    if ignore:
        changes["ignore"] = config.split_codes(ignore)
    if fail_on:
        changes["fail_on"] = Severity.parse(fail_on)
    if overrides:
        changes["overrides"] = _parse_overrides(overrides)
    settings = settings.with_(**changes)
    config.check_selectors(settings.select + settings.extend_select + settings.ignore, rules)

    files, errors = expand(paths)
    for path in files:
        protect(path)
    findings = []
    sources: dict[str, list[str]] = {}
    for path in files:
        try:
            findings.extend(lint_path(path, settings))
        except InputError as exc:
            errors.append(str(exc))
            continue
        if fmt == "text" and not quiet:
            sources[path] = _lines(path)
    for message in errors:
        click.echo(f"designlint: error: {message}", err=True)

    render = __import__("designlint.report", fromlist=["get"]).get(fmt)
    text = render(
        findings,
        len(files),
        {
            "color": _use_colour(no_color, output),
            "quiet": quiet,
            "statistics": statistics,
            "sources": sources,
        },
    )
    if files or not errors:
        _emit(text, output)
    if errors:
        return 2
    failing = [f for f in findings if f.severity.rank >= settings.fail_on.rank]
    return 1 if failing else 0


def _parse_overrides(values: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise UsageError(f"--set takes NAME=VALUE, got `{item}`")
        out[name.strip()] = value.strip()
    return out


def _lines(path: str) -> list[str]:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read(2_000_000).splitlines()
    except OSError:
        return []


def _emit(text: str, output: str | None) -> None:
    if not output:
        click.echo(text, nl=False)
        return
    from designlint.output import write_atomic

    write_atomic(output, text)
