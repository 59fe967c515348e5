"""Plan -> Graphviz DOT text: portable (shapes, no icon files), byte-identical across runs.

Every user-supplied string goes through `quote`, which makes it a plain double-quoted DOT string:
never an HTML label (`<...>`), never a Graphviz escape (`\\N`, `\\G`, `\\l`), never a second
statement. Ids are the plan's `[A-Za-z0-9_]` ids.
"""

from __future__ import annotations

from designlint.diagram import changes
from designlint.diagram.records import SEVERITY_COLORS, Plan, PlanCluster, PlanEdge, PlanNode

SHAPES = {
    "clients": "oval",
    "edge": "hexagon",
    "services": "box",
    "datastores": "cylinder",
    "caches": "box3d",
    "queues": "cds",
    "system": "box3d",
}
FONT = "Helvetica"


def quote(text: str) -> str:
    """A DOT double-quoted string whose newlines are centred line breaks and nothing else."""
    body = text.replace("\\", "\\\\").replace('"', '\\"')
    body = body.replace("\r", "").replace("\n", "\\n")
    return f'"{body}"'


def _attrs(pairs: dict[str, str]) -> str:
    return ", ".join(f"{k}={quote(v)}" for k, v in pairs.items())


def _node(node: PlanNode, indent: str, named: bool = True) -> str:
    attrs = {"label": node.text(named), "shape": SHAPES.get(node.section, "box")}
    if node.section == "services":
        attrs["style"] = "rounded,dashed" if node.kind == "external" else "rounded"
    if node.severity in SEVERITY_COLORS:
        line, fill = SEVERITY_COLORS[node.severity]
        attrs.update(color=line, fillcolor=fill, penwidth="2.5")
        attrs["style"] = ",".join(filter(None, [attrs.get("style"), "filled"]))
    attrs = changes.dot_node(node, attrs)
    return f"{indent}{node.id} [{_attrs(attrs)}];"


def _cluster(plan: Plan, cluster: PlanCluster, by_id: dict[str, PlanNode], depth: int) -> list[str]:
    pad = "  " * depth
    lines = [f"{pad}subgraph {cluster.id} {{", f"{pad}  label={quote(cluster.label)};"]
    lines.append(f'{pad}  style="rounded,dashed"; color="#AEB6BE";')
    for sub in cluster.clusters:
        lines += _cluster(plan, sub, by_id, depth + 1)
    lines += [
        _node(by_id[n], pad + "  ", not cluster.names(n)) for n in cluster.nodes if n in by_id
    ]
    lines.append(f"{pad}}}")
    return lines


def _edge(plan: Plan, edge: PlanEdge) -> str:
    attrs = {"color": plan.edge_color(edge), "style": edge.style}
    if edge.style == "bold":
        attrs["penwidth"] = "2.5"
    text = edge.text()
    if text:
        attrs["label"] = text
    attrs = changes.dot_edge(edge, attrs)
    return f"  {edge.source} -> {edge.target} [{_attrs(attrs)}];"


def _legend(plan: Plan) -> list[str]:
    lines = ["  subgraph cluster_legend {", f"    label={quote('legend')};", '    style="dashed";']
    for level, count in plan.highlight.items():
        line, fill = SEVERITY_COLORS[level]
        text = f"{level}s ({count})" if count != 1 else f"{level} (1)"
        lines.append(
            f"    legend_{level} [{_attrs({'label': text, 'shape': 'box', 'style': 'filled'})}, "
            f"color={quote(line)}, fillcolor={quote(fill)}];"
        )
    lines.append("  }")
    return lines


def render(plan: Plan) -> str:
    """The plan as DOT source (newline-terminated)."""
    title = "\n".join((plan.title, *plan.notes, *plan.omitted))
    lines = [
        "digraph designlint {",
        f"  graph [{_attrs({'label': title, 'labelloc': 't', 'rankdir': 'LR'})}, "
        f"fontname={quote(FONT)}, newrank=true, nodesep=0.5, ranksep=0.9];",
        f"  node [fontname={quote(FONT)}, fontsize=12];",
        f"  edge [fontname={quote(FONT)}, fontsize=10];",
    ]
    by_id = {n.id: n for n in plan.nodes}
    for cluster in plan.clusters:
        lines += _cluster(plan, cluster, by_id, 1)
    lines += [_node(n, "  ") for n in plan.loose_nodes()]
    lines += [_edge(plan, e) for e in plan.edges]
    if plan.highlight:
        lines += _legend(plan)
    lines += changes.dot_legend(plan, quote)
    lines.append("}")
    return "\n".join(lines) + "\n"
