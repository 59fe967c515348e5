"""Plan -> Mermaid `flowchart` text with subgraphs (GitHub renders it), byte-identical across runs.

Not `architecture-beta`: GitHub's Mermaid lags behind it. Every user-supplied string goes through
`text`, which keeps letters, digits, spaces and a few harmless marks and writes every other
character as a Mermaid entity (`#35;`): a quote, bracket, pipe, `<`, `>`, `&`, `%%`, backtick or
HTML tag in a name can neither end the label, start a comment, nor reach the page as markup.
Ids are the plan's `[A-Za-z0-9_]` ids, all prefixed by a section, so never a keyword like `end`.
"""

from __future__ import annotations

import re

from designlint.diagram import changes
from designlint.diagram.records import SEVERITY_COLORS, Plan, PlanCluster, PlanNode

# Opening and closing brackets of the node shape per section (the label sits quoted inside).
SHAPES = {
    "clients": ("([", "])"),
    "edge": ("{{", "}}"),
    "services": ("[", "]"),
    "datastores": ("[(", ")]"),
    "caches": ("[(", ")]"),
    "queues": ("[[", "]]"),
}
ARROWS = {"solid": "-->", "dashed": "-.->", "bold": "==>"}
_UNSAFE = re.compile(r"[^A-Za-z0-9 .,:/+=_()-]")


def text(value: str) -> str:
    """A label body safe inside `"..."`: unsafe characters as `#<code>;`, newlines as `<br>`."""
    lines = value.replace("\r", "").split("\n")
    return "<br>".join(_UNSAFE.sub(lambda m: f"#{ord(m.group())};", line) for line in lines)


def _node(node: PlanNode, indent: str, named: bool = True) -> str:
    # A third party (`kind: external`) is a parallelogram: outside the design's boundary.
    left, right = ("[/", "/]") if node.kind == "external" else SHAPES.get(node.section, ("[", "]"))
    return f'{indent}{node.id}{left}"{text(node.text(named))}"{right}'


def _cluster(cluster: PlanCluster, by_id: dict[str, PlanNode], depth: int) -> list[str]:
    pad = "  " * depth
    lines = [f'{pad}subgraph {cluster.id}["{text(cluster.label)}"]']
    for sub in cluster.clusters:
        lines += _cluster(sub, by_id, depth + 1)
    lines += [
        _node(by_id[n], pad + "  ", not cluster.names(n)) for n in cluster.nodes if n in by_id
    ]
    lines.append(f"{pad}end")
    return lines


def render(plan: Plan) -> str:
    """The plan as a Mermaid flowchart (newline-terminated)."""
    lines = ["---", f'title: "{text(plan.title)}"', "---", "flowchart LR"]
    lines += [f"  %% {text(note)}" for note in (*plan.notes, *plan.omitted)]
    by_id = {n.id: n for n in plan.nodes}
    for cluster in plan.clusters:
        lines += _cluster(cluster, by_id, 1)
    lines += [_node(n, "  ") for n in plan.loose_nodes()]
    styles: list[str] = []
    for i, edge in enumerate(plan.edges):
        label = edge.text()
        arrow = ARROWS[edge.style]
        middle = f'{arrow}|"{text(label)}"|' if label else arrow
        lines.append(f"  {edge.source} {middle} {edge.target}")
        color = plan.edge_color(edge).split(":")[0]
        width = "3px" if edge.style == "bold" else "1.5px"
        styles.append(f"  linkStyle {i} stroke:{color},stroke-width:{width}")
    lines += styles
    if plan.highlight:
        lines.append('  subgraph legend["legend"]')
        for level, count in plan.highlight.items():
            lines.append(f'    legend_{level}["{text(f"{level} ({count})")}"]')
        lines.append("  end")
        for level in plan.highlight:
            line, fill = SEVERITY_COLORS[level]
            lines.append(f"  classDef {level} fill:{fill},stroke:{line},stroke-width:3px")
            members = [n.id for n in plan.nodes if n.severity == level] + [f"legend_{level}"]
            lines.append(f"  class {','.join(members)} {level}")
    lines += changes.mermaid_lines(plan)
    return "\n".join(lines) + "\n"
