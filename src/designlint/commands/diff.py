"""`designlint diff BASE HEAD` / `designlint diff --git REF`: what a change did to a design.

Exit codes: 0 no new finding at or above the `--fail-on` level; 1 there is one; 2 usage or
input errors (an unreadable file, a ref git does not know, git missing, a bad config).
"""

from __future__ import annotations

import click

from designlint.errors import UsageError

FORMATS = ["text", "json", "markdown", "sarif", "github"]
FAIL_ON = {"new-error": "error", "new-warning": "warning", "any": "info"}


@click.command("diff")
@click.argument("paths", nargs=-1, metavar="[BASE HEAD | --git REF [PATH]...]")
@click.option(
    "--git",
    "ref",
    metavar="REF",
    help="Compare every changed design in the working tree (added, modified, renamed, "
    "deleted) with its version at REF, read through `git show`; PATHS then limit the search.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="text and json: everything; markdown: a pull-request comment (summary on top, details "
    "folded); sarif and github: the new findings only, as `check` writes them.",
)
@click.option(
    "-o",
    "--output",
    "outputs",
    multiple=True,
    metavar="[FORMAT=]FILE",
    help="Write to FILE instead of stdout; FORMAT=FILE (repeatable) writes another format as "
    "well, e.g. --format github --output markdown=diff.md.",
)
@click.option(
    "--fail-on",
    type=click.Choice(list(FAIL_ON)),
    default=None,
    help="Exit 1 on a new error, a new warning or error, or any new finding (default: new "
    "findings at or above the config's fail-on level, warning unless configured).",
)
@click.option("--select", multiple=True, help="Rules to run: codes, prefixes (DL3) or names.")
@click.option("--ignore", multiple=True, help="Rules to skip: codes, prefixes or names.")
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    help="Config file; default: discovered upward from each design (the head's for both sides).",
)
def command(
    paths: tuple[str, ...],
    ref: str | None,
    fmt: str,
    outputs: tuple[str, ...],
    fail_on: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_file: str | None,
) -> int:
    """Compare two versions of a design: findings new, fixed and unchanged (matched by
    fingerprint: code, model path and subject, as baselines are); estimates old -> new with
    the ratio; each flow's latency budget and availability against its targets; components,
    edges, ownership, queues, flows and the other elements added, removed or changed.

    BASE and HEAD are two design files, or use --git REF to compare the working tree with REF
    (e.g. `designlint diff --git origin/main`).

    Exit codes: 0 no new finding at or above --fail-on, 1 there is one, 2 usage or input
    error, 3 internal error.
    """
    from designlint import config
    from designlint.diff import collect
    from designlint.findings import Severity
    from designlint.output import check_writable, parse_targets, protect
    from designlint.registry import all_rules

    if ref is None and len(paths) != 2:
        raise UsageError("diff takes BASE and HEAD (two design files), or --git REF [PATH...]")
    rules = all_rules()
    flags = {"select": config.split_codes(select), "ignore": config.split_codes(ignore)}
    config.check_selectors(flags["select"] + flags["ignore"], rules)
    resolver = config.Resolver(flags, explicit=config_file)
    resolver.default()  # an explicit --config is read now: its errors come first
    if ref is None:
        for path in paths:
            protect(path)
    output, extra = parse_targets(outputs, FORMATS)
    for target in [output, *(t for _, t in extra)]:
        if target:
            check_writable(target)
    if ref is not None:
        diff = collect.from_git(ref, list(paths), resolver.for_file)
    else:
        diff = collect.from_files(paths[0], paths[1], resolver.for_file)
    for message in diff.errors:
        click.echo(f"designlint: error: {message}", err=True)
    _emit(_render(diff, fmt), output)
    for name, target in extra:
        _emit(_render(diff, name), target)
    if diff.errors:
        return 2
    if fail_on:
        level = Severity.parse(FAIL_ON[fail_on])
        return 1 if any(f.severity.rank >= level.rank for f in diff.new) else 0
    return (
        1 if any(f.severity.rank >= resolver.for_file(f.file).fail_on.rank for f in diff.new) else 0
    )


def _render(diff, fmt: str) -> str:
    if fmt in ("sarif", "github"):
        from designlint.formats import get

        heads = len([d for d in diff.designs if d.head])
        return get(fmt)(diff.new, heads, {})
    from importlib import import_module

    module = {"text": "text", "json": "json_", "markdown": "markdown"}[fmt]
    return import_module(f"designlint.diff.{module}").render(diff)


def _emit(text: str, output: str | None) -> None:
    if not output:
        click.echo(text, nl=False)
        return
    from designlint.output import write_atomic

    write_atomic(output, text)
