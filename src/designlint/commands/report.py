"""`designlint report FILE -o OUT`: a design-review report, HTML (.html) or Markdown (.md).

People would rather look at a design than read a log: the report shows the diagram with the
findings highlighted, the findings grouped by interview phase with a coverage score each, the
capacity table and each flow's latency budget against its SLA (docs/report.md).

Exit codes: 0 written (even with findings: the report is how they are read); 1 written, but the
design does not load (DL001/DL002), so the report holds only those findings and a score of 0;
2 usage or input errors: unknown suffix, unreadable input, output equal to the input, missing
output directory. A missing or failing Graphviz is not an error: the HTML report says the
picture is left out (and carries the Mermaid text instead), and a note goes to stderr.
"""

from __future__ import annotations

import os

import click

from designlint.commands.params import FiniteFloat
from designlint.errors import UsageError

SUFFIXES = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}


@click.command("report")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    help="Where to write; the suffix picks the format: .html (self-contained page) or .md.",
)
@click.option(
    "--timeout",
    type=FiniteFloat(min=1),
    default=30.0,
    show_default=True,
    help="Seconds Graphviz may take to draw the HTML report's diagram before it is left out.",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="Config file (.designlint.yaml or pyproject.toml); default: discovered upward from "
    "FILE, as `check` does, so the report scores the rules `check` runs.",
)
def command(file: str, output: str, timeout: float, config_file: str | None) -> int:
    """Write a design-review report of FILE: the diagram, findings by interview phase with a
    coverage score per phase, the capacity table and each flow's latency budget.

    Exit codes: 0 written, 1 written but the design does not load (DL001/DL002), 2 usage or
    input error (unknown suffix, output equal to the input, missing output directory).
    """
    from designlint.output import check_writable, protect, write_atomic
    from designlint.review import data as gathering

    fmt = SUFFIXES.get(os.path.splitext(output)[1].lower())
    if fmt is None:
        raise UsageError(f"{output}: unknown output suffix; use one of {', '.join(SUFFIXES)}")
    protect(file)
    check_writable(output)  # the input (by any name, hard links too) or no such directory

    data = gathering.gather(
        file,
        os.path.dirname(os.path.abspath(output)),
        want_svg=fmt == "html",
        timeout=timeout,
        config_file=config_file,
    )
    if fmt == "html":
        from designlint.review import html

        if data.loaded and data.svg is None and data.svg_note:
            click.echo(f"designlint: note: {data.svg_note} The page says so.", err=True)
        write_atomic(output, html.render(data))
    else:
        from designlint.review import markdown

        text = markdown.render(data)
        if len(text) > markdown.GITHUB_LIMIT:
            click.echo(
                f"designlint: note: {output} has {len(text):,} characters; a GitHub comment "
                f"holds at most {markdown.GITHUB_LIMIT:,}: attach it or use the HTML report",
                err=True,
            )
        write_atomic(output, text)
    found = ", ".join(_count(n, level) for level, n in data.counts.items() if n) or "no findings"
    click.echo(f"wrote {output} (overall coverage {data.overall:g}/100; {found})")
    if not data.loaded:
        click.echo(
            f"designlint: {file}: the design does not load (DL001/DL002); the report shows why",
            err=True,
        )
        return 1
    return 0


def _count(n: int, level: str) -> str:
    return f"{n} {level}{'s' if n != 1 and level != 'info' else ''}"
