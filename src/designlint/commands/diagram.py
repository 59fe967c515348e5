"""`designlint diagram FILE -o OUT`: draw the architecture as PNG, SVG, PDF, DOT or Mermaid.

Exit codes: 0 drawn (even when the design has findings: they are highlighted, not fatal);
1 the design cannot be drawn because it does not load (DL001 YAML or DL002 schema errors: the
count is printed, `designlint check` shows them); 2 usage, unreadable input, output refused
(same as the input, missing directory) or rendering errors (Graphviz missing, failed, timed out).
"""

from __future__ import annotations

import os

import click

from designlint.errors import UsageError

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
    "--timeout",
    type=click.FloatRange(min=1),
    default=30.0,
    show_default=True,
    help="Seconds Graphviz may take before the render is abandoned.",
)
def command(
    file: str, output: str, highlight: bool | None, max_nodes: int | None, timeout: float
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
    protect(file)
    check_writable(output)  # the input by any name (hard links too), a missing directory

    # The findings `check` would report: the project's config (found upward) and suppressions.
    settings = config.Resolver({}).for_file(file)
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
            f"designlint: {file}: cannot draw: {len(stopping)} finding(s) stop the design from "
            f"loading (DL001/DL002); run `designlint check {file}`",
            err=True,
        )
        return 1
    shown = [f for f in findings if f.severity.value in ("error", "warning")]
    if highlight is None:
        highlight = bool(shown)
    if max_nodes is None:
        max_nodes = planning.MAX_NODES if fmt in ("dot", "mmd") else planning.IMAGE_MAX_NODES
    plan = planning.build(design, shown if highlight else (), max_nodes=max_nodes)
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
