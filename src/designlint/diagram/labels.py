"""Graphviz HTML-like labels for the rendered picture: icon nodes, the title and its legend.

An icon and its text sit in one table, so Graphviz sizes the node around both: a long, wide or
non-Latin name widens its node instead of running over a fixed-size box (what `diagrams`' own
`fixedsize` icon nodes do). Every design string passes through `esc` exactly once, here: in an
HTML-like label `<`, `>`, `&` and `"` are markup, everything else (any script) is text.
Pure strings, no Graphviz, no `diagrams`, so the shapes are testable as data.
"""

from __future__ import annotations

import html
import textwrap

from designlint.diagram import changes
from designlint.diagram.records import SEVERITY_COLORS, Plan, PlanEdge, PlanNode

# Names wrap at this many characters (at spaces and hyphens first), so that one long name does
# not widen its whole column of the layout.
WRAP = 20
ICON_PT = 60  # the icon's square cell, in points
FONT = 13
SMALL = 11
TEXT_COLOR = "#2D3436"
MUTED = "#5F6B76"


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def wrap(text: str, width: int = WRAP) -> list[str]:
    """Lines of at most `width` characters, broken at spaces or hyphens where possible."""
    return textwrap.wrap(text, width, break_on_hyphens=True, break_long_words=True) or [""]


def _lines(lines: list[str], size: int, color: str, bold: bool = False) -> str:
    body = "<BR/>".join(esc(line) for line in lines)
    if bold:
        body = f"<B>{body}</B>"
    return f'<FONT POINT-SIZE="{size}" COLOR="{color}">{body}</FONT>'


def node(node: PlanNode, icon: str, named: bool = True) -> str:
    """An icon over the component's name and detail; `named=False` when the cluster around it
    already says the name (a service with the stores it owns), so the name is not repeated."""
    frame, color = _frame(node)
    rows = [
        f'<TR><TD FIXEDSIZE="TRUE" WIDTH="{ICON_PT}" HEIGHT="{ICON_PT}">'
        f'<IMG SRC="{esc(icon)}" SCALE="TRUE"/></TD></TR>'
    ]
    if named or not node.detail:
        rows.append(f"<TR><TD>{_lines(wrap(node.label), FONT, color)}</TD></TR>")
    if node.detail:
        rows.append(f"<TR><TD>{_lines(wrap(node.detail, WRAP + 4), SMALL, color)}</TD></TR>")
    return (
        f'<<TABLE {frame} CELLBORDER="0" CELLSPACING="0" CELLPADDING="3">{"".join(rows)}</TABLE>>'
    )


def _frame(node: PlanNode) -> tuple[str, str]:
    """The table's border attributes and the text colour: one branch per node style."""
    change = changes.change_of(node)
    if change is not None:  # `diagram --diff` marks a change over a severity
        return _change_frame(change)
    if node.severity in SEVERITY_COLORS:
        line, fill = SEVERITY_COLORS[node.severity]
        return f'BORDER="3" STYLE="ROUNDED" COLOR="{line}" BGCOLOR="{fill}"', line
    return 'BORDER="0"', TEXT_COLOR


def _change_frame(change: str) -> tuple[str, str]:
    if change == "added":
        line, fill = changes.ADDED
        return f'BORDER="3" STYLE="ROUNDED" COLOR="{line}" BGCOLOR="{fill}"', TEXT_COLOR
    if change == "removed":
        line, _ = changes.REMOVED
        return f'BORDER="2" STYLE="DASHED" COLOR="{line}"', line
    return f'BORDER="3" STYLE="ROUNDED" COLOR="{changes.CHANGED}"', TEXT_COLOR


def title(plan: Plan) -> str:
    """The title, the plan's notes under it, and the legend beside it (not off in a corner)."""
    row = '<TR><TD ALIGN="LEFT" BALIGN="LEFT">{}</TD></TR>'
    head = [row.format(_lines(wrap(plan.title, 60), 20, TEXT_COLOR, bold=True))]
    notes = (*plan.notes, *plan.omitted)
    head += [row.format(_lines(wrap(note, 90), SMALL + 1, MUTED)) for note in notes]
    left = f'<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="2">{"".join(head)}</TABLE>'
    cells = [f"<TD>{left}</TD>"]
    legend = _legend(plan)
    if legend:
        cells.append(f'<TD WIDTH="24"></TD><TD VALIGN="TOP">{legend}</TD>')
    return f'<<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>{"".join(cells)}</TR></TABLE>>'


def _legend(plan: Plan) -> str:
    entries = []
    for flow in plan.flows:
        color = plan.edge_color(PlanEdge("", "", "call", "", ((flow, ""),))).split(":")[0]
        entries.append(
            f'<TD BORDER="2" STYLE="ROUNDED" COLOR="{color}">'
            f"{_lines(wrap('flow ' + flow, 30), SMALL + 1, color)}</TD>"
        )
    for level, count in plan.highlight.items():
        line, fill = SEVERITY_COLORS[level]
        entries.append(
            f'<TD BORDER="2" STYLE="ROUNDED" COLOR="{line}" BGCOLOR="{fill}">'
            f"{_lines([f'{level} ({count})'], SMALL + 1, TEXT_COLOR)}</TD>"
        )
    for kind in changes.present(plan):
        frame, color = _change_frame(kind)
        entries.append(f"<TD {frame}>{_lines([changes.WORDS[kind]], SMALL + 1, color)}</TD>")
    if not entries:
        return ""
    rows = [entries[i : i + 3] for i in range(0, len(entries), 3)]
    body = "".join("<TR>" + "".join(r) + "</TR>" for r in rows)
    return f'<TABLE BORDER="0" CELLSPACING="6" CELLPADDING="5">{body}</TABLE>'
