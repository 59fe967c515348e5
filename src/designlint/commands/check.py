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
    "--stdin-filename",
    metavar="PATH",
    help="With PATH `-` (standard input): the file name the text stands for, used to find "
    "the config, in messages and for per-file ignores.",
)
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
    "format as well, e.g. --output sarif=designlint.sarif (an unknown FORMAT is an error).",
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
@click.option(
    "--add-suppressions",
    "add_reason",
    metavar="REASON",
    help="Write `# designlint: ignore[CODE] REASON` into the design files for every current "
    "finding that can be suppressed, then report what is left.",
)
@click.option(
    "--no-plugins",
    is_flag=True,
    help="Do not load rule plug-ins (the `designlint.rules` entry points); also `plugins: false`.",
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
    stdin_filename: str | None,
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
    add_reason: str | None,
    no_plugins: bool,
    statistics: bool,
    quiet: bool,
    no_color: bool,
    jobs: int,
) -> int:
    """Lint design files, directories (recursing into *.design.yaml, *.design.yml and YAML
    files that declare `designlint:`), globs, or `-` for standard input.

    A PATH that yields no design (a directory without designs, a glob matching nothing) is an
    error, so a job pointed at the wrong folder fails.

    Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or unreadable input, no
    design found, or bad config, 3 internal error.
    """
    from designlint import config
    from designlint.findings import Severity
    from designlint.linter import lint_files, rule_enabled
    from designlint.output import check_writable, parse_targets, protect
    from designlint.reading.discover import expand
    from designlint.registry import all_rules
    from designlint.stdin import lint_stdin, stdin_name

    output, extra = parse_targets(outputs, [f for f in FORMATS if f in REPORTERS])
    stdin = stdin_name(paths, stdin_filename, add_reason)
    flags: dict = {
        "select": config.split_codes(select),
        "extend_select": config.split_codes(extend_select),
        "ignore": config.split_codes(ignore),
        "fail_on": Severity.parse(fail_on) if fail_on else None,
        "overrides": _parse_overrides(overrides) if overrides else None,
        "no_plugins": no_plugins,
    }
    resolver = config.Resolver(flags, explicit=config_file)
    default = resolver.default()  # loads an explicit --config now: its errors come first

    files, errors = expand(paths) if stdin is None else ([stdin], [])
    if not files and not errors:  # e.g. a glob that matched only directories
        errors.append(f"{' '.join(paths)}: no design found")
    for path in [*files, *([baseline_file] if baseline_file else [])]:
        protect(path)
    settings = {path: resolver.for_file(path) for path in files}  # configs read: inputs too
    for target in [output, *(t for _, t in extra)]:
        if target:
            check_writable(target)  # refused before any work: an input, or no such directory
    rules = all_rules()
    _check_flag_selectors(flags, rules, [default, *settings.values()])
    texts: dict[str, str] = {}
    if stdin is not None:
        results = [lint_stdin(stdin, settings[stdin], texts)]
    else:
        results = lint_files(files, settings, jobs)
    if add_reason is not None:
        from designlint.suppression.writer import add_suppressions

        done = [(p, found) for p, (found, error) in zip(files, results, strict=True) if not error]
        added, written, refused = add_suppressions(done, add_reason, settings)
        errors.extend(refused)
        if not quiet:
            click.echo(
                f"designlint: added {_plural(added, 'suppression')} to {_plural(written, 'file')}",
                err=True,
            )
        results = lint_files(files, settings, jobs)  # what is left, as the files now read
    findings = []
    checked: list[str] = []
    for path, (found, error) in zip(files, results, strict=True):
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
    sources = {}
    if "text" in wanted and not quiet:
        sources = {p: texts[p].splitlines() if p in texts else _lines(p) for p in shown}
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
        if fmt == "github" and not quiet:  # stdout holds workflow commands only
            from designlint.formats.summary import sentence

            click.echo(f"designlint: {sentence(findings, len(checked))}.", err=True)
    if errors:
        return 2
    failing = [f for f in findings if f.severity.rank >= settings.get(f.file, default).fail_on.rank]
    return 1 if failing else 0


def _plural(n: int, word: str) -> str:
    from designlint.formats.summary import plural

    return plural(n, word)


def _check_flag_selectors(flags: dict, rules: dict, settings: list) -> None:
    """Flags may name the custom rules of any config in play, and plug-in rules when loaded."""
    from designlint import config

    custom = {c for s in settings for c in s.custom_codes}
    plugins = any(s.plugins for s in settings)
    known = {
        code: r
        for code, r in rules.items()
        if r.kind == "builtin" or (r.kind == "plugin" and plugins) or code in custom
    }
    selectors = flags["select"] + flags["extend_select"] + flags["ignore"]
    config.check_selectors(selectors, known, plugins)


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
