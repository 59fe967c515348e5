"""`diagram --diff BASE`: the head's plan marked against the base's, and how each output draws
the marks.

Added components and edges are drawn in one colour (GitHub's diff green, filled for
components, bold and thick for edges, so an added edge is not taken for a thin flow-coloured
one); removed ones come back from the base drawn dashed and faded grey; components whose
model changed get a thick purple outline. Components never take a flow colour, and none of
these is a severity colour. The styling is kept here, apart
from layout: each output adds these attributes to what it already draws.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from designlint.diagram.records import Plan, PlanEdge, PlanNode
from designlint.model import Design

ADDED = ("#1A7F37", "#DAFBE1")  # line, fill
REMOVED = ("#8C959F", "#F6F8FA")
CHANGED = "#8250DF"
WORDS = {"added": "added", "removed": "removed (dashed)", "changed": "changed (outlined)"}


@dataclass(frozen=True)
class MarkedNode(PlanNode):
    """A plan node with its change: only `--diff` plans hold these, so other plans (and their
    golden files) stay as they are."""

    change: str | None = None


@dataclass(frozen=True)
class MarkedEdge(PlanEdge):
    change: str | None = None


def change_of(item: PlanNode | PlanEdge) -> str | None:
    return getattr(item, "change", None)


def _marked(item, cls, **changes):
    values = {f.name: getattr(item, f.name) for f in fields(item) if f.name != "change"}
    return cls(**{**values, **changes})


def changed_components(base: Design, head: Design) -> set[str]:
    """Ids of components in both versions whose fields differ."""
    from designlint.diff.structure import element_changed

    old = base.components
    return {
        cid
        for cid, (section, model) in head.components.items()
        if cid in old and old[cid][0] == section and element_changed(old[cid][1], model)
    }


def mark(head: Plan, base: Plan, changed: set[str]) -> Plan:
    """The head's plan with changes marked, and the base's removed nodes and edges added back
    (as loose nodes: their cluster may be gone)."""
    before = {n.path for n in base.nodes}
    nodes = [
        _marked(n, MarkedNode, change="added")
        if n.path not in before
        else _marked(n, MarkedNode, change="changed")
        if n.path[1] in changed
        else n
        for n in head.nodes
    ]
    now = {n.path for n in head.nodes}
    nodes += [
        _marked(n, MarkedNode, change="removed", severity=None)
        for n in base.nodes
        if n.path not in now
    ]
    ids = {n.id for n in nodes}

    def key(e: PlanEdge) -> tuple[str, str, str]:
        return (e.source, e.target, e.kind)

    old_edges = {key(e) for e in base.edges}
    new_edges = {key(e) for e in head.edges}
    edges = [
        e if key(e) in old_edges else _marked(e, MarkedEdge, change="added") for e in head.edges
    ]
    edges += [
        _marked(e, MarkedEdge, change="removed", flows=())
        for e in base.edges
        if key(e) not in new_edges and e.source in ids and e.target in ids
    ]
    counts: dict[str, int] = {}
    for item in (*nodes, *edges):
        kind = change_of(item)
        if kind:
            counts[kind] = counts.get(kind, 0) + 1
    notes = head.notes + (("changes: " + _summary(counts)),) if counts else head.notes
    return replace(head, nodes=tuple(nodes), edges=tuple(edges), notes=notes)


def _summary(counts: dict[str, int]) -> str:
    return ", ".join(f"{counts[c]} {c}" for c in ("added", "removed", "changed") if c in counts)


def dot_node(node: PlanNode, attrs: dict[str, str]) -> dict[str, str]:
    """`attrs` (a node's Graphviz attributes) with its change drawn; styles are combined."""
    extra: dict[str, str] = {}
    if change_of(node) == "added":
        extra = {"color": ADDED[0], "fillcolor": ADDED[1], "penwidth": "2.5", "style": "filled"}
    elif change_of(node) == "removed":
        extra = {"color": REMOVED[0], "fontcolor": REMOVED[0], "style": "dashed", "penwidth": "1.5"}
    elif change_of(node) == "changed":
        extra = {"color": CHANGED, "penwidth": "3"}
    if not extra:
        return attrs
    styles = [s for s in (attrs.get("style", ""), extra.pop("style", "")) for s in s.split(",")]
    out = {**attrs, **extra}
    if any(styles):
        out["style"] = ",".join(dict.fromkeys(s for s in styles if s))
    return out


def dot_edge(edge: PlanEdge, attrs: dict[str, str]) -> dict[str, str]:
    """`attrs` (an edge's Graphviz attributes) with its change drawn."""
    if change_of(edge) == "added":
        return {**attrs, "color": ADDED[0], "style": "bold", "penwidth": "3"}
    if change_of(edge) == "removed":
        return {**attrs, "color": REMOVED[0], "fontcolor": REMOVED[0], "style": "dashed"}
    return attrs


def dot_legend(plan: Plan, quote) -> list[str]:
    """A DOT legend cluster for the kinds of change shown (none when nothing is marked)."""
    kinds = present(plan)
    if not kinds:
        return []
    lines = [
        "  subgraph cluster_changes {",
        f"    label={quote('changes')};",
        '    style="dashed";',
    ]
    for kind in kinds:
        attrs = {"shape": "box", **legend_style(kind), "label": WORDS[kind]}
        body = ", ".join(f"{k}={quote(v)}" for k, v in attrs.items())
        lines.append(f"    legend_change_{kind} [{body}];")
    lines.append("  }")
    return lines


def cluster_attrs(node: PlanNode) -> dict[str, str] | None:
    """For icon outputs: the box drawn around a changed node's icon (None when unchanged)."""
    if not change_of(node):
        return None
    attrs = dot_node(node, {"label": "", "style": "rounded"})
    attrs["pencolor"] = attrs.pop("color")
    attrs.pop("fontcolor", None)
    return attrs


def legend_style(kind: str) -> dict[str, str]:
    """A legend entry's box for a kind of change."""
    return dot_node(MarkedNode("", ("", ""), "", "", "", change=kind), {"style": "rounded"})


def present(plan: Plan) -> list[str]:
    """The kinds of change the plan shows, in legend order."""
    seen = {change_of(x) for x in (*plan.nodes, *plan.edges)}
    return [c for c in ("added", "removed", "changed") if c in seen]


def mermaid_lines(plan: Plan) -> list[str]:
    """classDef/class lines for changed nodes and linkStyle lines for changed edges."""
    out = []
    styles = {
        "added": f"fill:{ADDED[1]},stroke:{ADDED[0]},stroke-width:3px",
        "removed": f"fill:{REMOVED[1]},stroke:{REMOVED[0]},stroke-dasharray:5 5,color:{REMOVED[0]}",
        "changed": f"stroke:{CHANGED},stroke-width:3px",
    }
    for change in present(plan):
        members = [n.id for n in plan.nodes if change_of(n) == change]
        if members:
            out.append(f"  classDef {change} {styles[change]}")
            out.append(f"  class {','.join(members)} {change}")
    for i, edge in enumerate(plan.edges):
        if change_of(edge) == "added":
            out.append(f"  linkStyle {i} stroke:{ADDED[0]},stroke-width:4px")
        elif change_of(edge) == "removed":
            out.append(
                f"  linkStyle {i} stroke:{REMOVED[0]},stroke-width:1.5px,stroke-dasharray:5 5"
            )
    return out
