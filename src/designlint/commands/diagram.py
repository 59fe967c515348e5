"""`designlint diagram FILE -o OUT`: draw the architecture as PNG, SVG, PDF, DOT or Mermaid.

Exit codes: 0 drawn (even when the design has findings: they are highlighted, not fatal);
1 the design cannot be drawn because it does not load (DL001 YAML or DL002 schema errors: the
count is printed, `designlint check` shows them); 2 usage, unreadable input, output refused
(same as the input, missing directory) or rendering errors (Graphviz missing, failed, timed out),
or a picture asked of an install without the `diagram` extra (.dot and .mmd need neither).
"""

from __future__ import annotations

import os

import click

from designlint.commands.params import FiniteFloat
from designlint.errors import UsageError

EXTRA_HINT = (
    "drawing {fmt} needs the `diagram` extra: pip install 'designlint[diagram]' (and Graphviz); "
    "without it, write .dot or .mmd"
)
SUFFIXES = {".png": "png", ".svg": "svg", ".pdf": "pdf", ".dot": "dot", ".gv": "dot", ".mmd": "mmd"}


@click.command("diagram")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    help="Where to write; the suffix picks the format: .png .svg .pdf (Graphviz), .dot, .mmd.",
)
@click.option(
    "--highlight/--no-highlight",
    default=None,
    help="Colour components with errors red and warnings orange, with a legend "
    "(default: on when the design has findings).",
)
@click.option(
    "--max-nodes",
    type=click.IntRange(min=2),
    default=None,
    help="Fold owned stores into services, then leave out components, past this many "
    "(default 60 for images, 150 for .dot and .mmd).",
)
@click.option(
    "--diff",
    "diff_base",
    metavar="BASE",
    help="Mark what changed since BASE (a design file, or a git ref whose version of FILE is "
    "read through `git show`): added components and edges green, removed ones dashed and "
    "faded, changed ones outlined in purple.",
)
@click.option(
    "--level",
    type=click.Choice(["context", "containers", "full"]),
    default="full",
    show_default=True,
    help="How much to draw: context (clients, the system as one box, external services; at "
    "most 15 boxes), containers (every component and how they connect, no rates), full "
    "(with flow rates and fan-out arithmetic).",
)
@click.option(
    "--focus",
    metavar="ID",
    default=None,
    help="Draw only the component ID (its key in the design) and its direct neighbours.",
)
@click.option(
    "--timeout",
    type=FiniteFloat(min=1),
    default=30.0,
    show_default=True,
    help="Seconds Graphviz may take before the render is abandoned.",
)
def command(
    file: str,
    output: str,
    highlight: bool | None,
    max_nodes: int | None,
    diff_base: str | None,
    level: str,
    focus: str | None,
    timeout: float,
) -> int:
    """Draw FILE's architecture: clients and edge, services with the stores they own, queues,
    fan-out and the celebrity pull path, with flow rates on the edges.

    Exit codes: 0 written, 1 the design does not load (DL001/DL002), 2 usage, input or
    rendering error (e.g. Graphviz missing for .png/.svg/.pdf).
    """
    from designlint import config
    from designlint.diagram import plan as planning
    from designlint.linter import lint_path, read_bytes
    from designlint.output import check_writable, protect, write_atomic
    from designlint.reading.load import validate
    from designlint.reading.source import decode, load_text

    fmt = SUFFIXES.get(os.path.splitext(output)[1].lower())
    if fmt is None:
        raise UsageError(f"{output}: unknown output suffix; use one of {', '.join(SUFFIXES)}")
    if fmt not in ("dot", "mmd") and not _has_diagrams():
        raise UsageError(EXTRA_HINT.format(fmt=fmt.upper()))
    protect(file)
    # The findings `check` would report: the project's config (found upward) and suppressions.
    settings = config.Resolver({}).for_file(file)
    check_writable(output)  # an input by any name (hard links too, the config), no directory
    text, _ = decode(read_bytes(file, settings.limits.max_bytes))
    source = load_text(text, settings.limits) if text is not None else None
    design = None
    if source is not None and not any(code == "DL001" for code, _ in source.problems):
        design, problems = validate(source)
        if problems:  # the loader set nodes aside: the picture would miss them silently
            design = None
    findings = lint_path(file, settings)
    if design is None:
        stopping = [f for f in findings if f.code in ("DL001", "DL002", "DL007")] or findings
        click.echo(
            f"designlint: {file}: cannot draw: {_findings(len(stopping))} the design "
            f"from loading (DL001/DL002); run `designlint check {file}`",
            err=True,
        )
        return 1
    shown = [f for f in findings if f.severity.value in ("error", "warning")]
    if highlight is None:
        highlight = bool(shown)
    if max_nodes is None:
        max_nodes = planning.MAX_NODES if fmt in ("dot", "mmd") else planning.IMAGE_MAX_NODES
    if focus is not None:
        _check_focus(focus, level, design)
    plan = planning.build(
        design, shown if highlight else (), max_nodes=max_nodes, level=level, focus=focus
    )
    if diff_base is not None:
        from designlint.diagram import changes

        base = _base_design(diff_base, file, settings)
        before = None
        if base is not None and (focus is None or focus in base.components):
            before = planning.build(base, max_nodes=max_nodes, level=level, focus=focus)
        empty = planning.Plan(plan.title, (), (), ())
        plan = changes.mark(
            plan, before or empty, changes.changed_components(base, design) if base else set()
        )
    for note in plan.omitted:
        click.echo(f"designlint: note: {note}", err=True)
    if fmt == "dot":
        from designlint.diagram import dot

        write_atomic(output, dot.render(plan))
    elif fmt == "mmd":
        from designlint.diagram import mermaid

        write_atomic(output, mermaid.render(plan))
    else:
        from designlint.diagram import render

        write_atomic(output, render.render(plan, output, fmt, timeout=timeout))
    marked = ", ".join(f"{n} {level}" for level, n in plan.highlight.items())
    extra = f"; highlighted: {marked}" if marked else ""
    click.echo(f"wrote {output} ({len(plan.nodes)} components, {len(plan.edges)} edges{extra})")
    return 0


def _base_design(base: str, file: str, settings):
    """The design to compare with: the file BASE, or FILE as it was at the git ref BASE (None
    when FILE did not exist there: everything is new)."""
    import os

    from designlint.errors import InputError
    from designlint.linter import read_bytes
    from designlint.reading.load import validate
    from designlint.reading.source import decode, load_text

    limit = settings.limits.max_bytes
    if os.path.isfile(base):
        raw: bytes | None = read_bytes(base, limit)
        name = base
    else:
        from designlint.diff import git

        commit = git.resolve(base)
        rel = os.path.relpath(os.path.abspath(file), git.root()).replace(os.sep, "/")
        # Follow a rename; an added file has no base (everything is new).
        moved = [c.base for c in git.changes(commit, []) if c.head == rel]
        at_ref = moved[0] if moved else rel
        raw = git.show(commit, at_ref, limit) if at_ref else None
        name = f"{base}:{at_ref}"
    if raw is None:
        return None
    text, _ = decode(raw)
    source = load_text(text, settings.limits) if text is not None else None
    design = None
    if source is not None and not any(code == "DL001" for code, _ in source.problems):
        design, _ = validate(source)
    if design is None:
        raise InputError(f"{name}: the base design does not load; run `designlint check` on it")
    return design


def _findings(n: int) -> str:
    return "1 finding stops" if n == 1 else f"{n} findings stop"


def _has_diagrams() -> bool:
    """Whether the optional `diagrams` package is importable (without importing it)."""
    import importlib.util

    try:
        return importlib.util.find_spec("diagrams") is not None
    except (ImportError, ValueError):  # a module set to None in sys.modules, a broken install
        return False


def _check_focus(focus: str, level: str, design) -> None:
    """`--focus` names a component of the design, and draws components (not the context)."""
    import difflib

    if level == "context":
        raise UsageError(
            "--focus draws components and their neighbours; use it with --level containers or full"
        )
    if focus not in design.components:
        close = difflib.get_close_matches(focus, list(design.components), n=3)
        hint = f"; did you mean {', '.join(f'`{c}`' for c in close)}?" if close else ""
        raise UsageError(f"--focus: the design has no component `{focus}`{hint}")
