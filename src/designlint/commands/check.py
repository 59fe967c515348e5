"""`designlint check PATH...`: the main job."""

from __future__ import annotations

import os
import sys

import click

from designlint.errors import UsageError
from designlint.formats import REPORTERS

FORMATS = ["text", "json", "sarif", "junit", "github", "markdown"]


def _use_colour(no_color: bool, output: str | None) -> bool:
    """Colour only for a terminal, and never with --no-color or NO_COLOR (no-color.org)."""
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
@click.option(
    "-o",
    "--output",
    "outputs",
    multiple=True,
    metavar="[FORMAT=]FILE",
    help="Write the report to FILE instead of stdout; FORMAT=FILE (repeatable) writes another "
    "format as well, e.g. --output sarif=designlint.sarif.",
)
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
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    help="Config file (.designlint.yaml or pyproject.toml); default: discovered upward from "
    "each checked file.",
)
@click.option(
    "--set",
    "overrides",
    multiple=True,
    metavar="NAME=VALUE",
    help="What-if: override an estimate (repeatable), e.g. --set dau=2bn.",
)
@click.option("--baseline", "baseline_file", metavar="FILE", help="Hide findings recorded here.")
@click.option(
    "--write-baseline", metavar="FILE", help="Record the current findings in FILE (then hide them)."
)
@click.option("--statistics", is_flag=True, help="Count findings per rule.")
@click.option("--quiet", "-q", is_flag=True, help="Findings only: no excerpts, no success line.")
@click.option("--no-color", is_flag=True, help="No colour (also when NO_COLOR is set).")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Check files on N processes (0: one per CPU). Output order does not change.",
)
def command(
    paths: tuple[str, ...],
    fmt: str,
    outputs: tuple[str, ...],
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    config_file: str | None,
    overrides: tuple[str, ...],
    baseline_file: str | None,
    write_baseline: str | None,
    statistics: bool,
    quiet: bool,
    no_color: bool,
    jobs: int,
) -> int:
    """Lint design files, directories (recursing into *.design.yaml, *.design.yml and YAML
    files that declare `designlint:`) and globs.

    Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or unreadable input or bad
    config, 3 internal error.
    """
    from designlint import config
    from designlint.findings import Severity
    from designlint.linter import lint_files, rule_enabled
    from designlint.output import check_writable, protect
    from designlint.reading.discover import expand
    from designlint.registry import all_rules

    output, extra = _parse_outputs(outputs)
    rules = all_rules()
    flags: dict = {
        "select": config.split_codes(select),
        "extend_select": config.split_codes(extend_select),
        "ignore": config.split_codes(ignore),
        "fail_on": Severity.parse(fail_on) if fail_on else None,
        "overrides": _parse_overrides(overrides) if overrides else None,
    }
    config.check_selectors(flags["select"] + flags["extend_select"] + flags["ignore"], rules)
    resolver = config.Resolver(flags, explicit=config_file)
    default = resolver.default()  # loads an explicit --config now: its errors come first

    files, errors = expand(paths)
    for path in [*files, *([baseline_file] if baseline_file else [])]:
        protect(path)
    settings = {path: resolver.for_file(path) for path in files}  # configs read: inputs too
    for target in [output, *(t for _, t in extra)]:
        if target:
            check_writable(target)  # refused before any work: an input, or no such directory
    findings = []
    checked: list[str] = []
    for path, (found, error) in zip(files, lint_files(files, settings, jobs), strict=True):
        if error:
            errors.append(error)
            continue
        checked.append(path)
        findings.extend(found)
    for message in errors:
        click.echo(f"designlint: error: {message}", err=True)

    if write_baseline:
        from designlint import baseline

        n = baseline.write(write_baseline, findings)
        if not quiet:
            click.echo(f"designlint: wrote {n} baseline entries to {write_baseline}", err=True)
    if baseline_file or write_baseline:
        from designlint import baseline

        findings = baseline.apply(
            baseline_file or write_baseline, findings, checked, settings, default
        )

    wanted = [fmt, *(f for f, _ in extra)]
    shown = checked + [b for b in (baseline_file or write_baseline,) if b]
    sources = {p: _lines(p) for p in shown} if "text" in wanted and not quiet else {}
    options = {
        "color": _use_colour(no_color, output),
        "quiet": quiet,
        "statistics": statistics,
        "sources": sources,
        "fail_on": default.fail_on,
        "fail_on_by_file": {p: s.fail_on for p, s in settings.items()},
    }
    if "junit" in wanted:
        options["rules_by_file"] = {
            p: [r.code for r in rules.values() if rule_enabled(r, settings[p], p)] for p in checked
        }
    from designlint.formats import get

    # Files that could not be read are reported on stderr; "passed" must not cover them.
    if checked or not errors:
        _emit(get(fmt)(findings, len(checked), options), output)
        for name, target in extra:
            _emit(get(name)(findings, len(checked), {**options, "color": False}), target)
    if errors:
        return 2
    failing = [f for f in findings if f.severity.rank >= settings.get(f.file, default).fail_on.rank]
    return 1 if failing else 0


def _parse_outputs(values: tuple[str, ...]) -> tuple[str | None, list[tuple[str, str]]]:
    """`-o FILE` (the main report) and `--output FORMAT=FILE` (more reports)."""
    main: str | None = None
    extra: list[tuple[str, str]] = []
    for value in values:
        name, sep, target = value.partition("=")
        if sep and name in FORMATS:
            if not target:
                raise UsageError(f"--output {value}: give a file after `=`")
            extra.append((name, target))
        elif main is None:
            main = value
        else:
            raise UsageError("only one --output FILE for the main report; use FORMAT=FILE")
    for name in [f for f, _ in extra]:
        if name not in REPORTERS:
            raise UsageError(f"the `{name}` format is not available in this version")
    return main, extra


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
