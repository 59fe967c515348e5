"""Plan -> PNG/SVG/PDF through mingrammer `diagrams`: the only module that imports it.

`diagrams` builds the Graphviz source (icons from a lookup table, fixed node ids, clusters);
rendering it is ours, not `diagrams`'s: its `with` block would run `dot` with no time limit, write
into the working directory and open a viewer. Here `dot` runs under a timeout into a temporary
directory beside the output, SVG icons are embedded as data URIs (diagrams links them by absolute
path, which breaks on any other machine), and the result is moved into place atomically.
Nodes are HTML-like labels from labels.py (icon over text, sized by Graphviz around both), not
`diagrams`' fixed-size icon boxes, whose long names ran over their box.
"""

from __future__ import annotations

import base64
import html
import importlib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, replace

import diagrams
import graphviz
from diagrams import Cluster, Diagram, Edge, Node, setdiagram

from designlint.diagram import labels
from designlint.diagram.graphviz_run import ASPECT, Budget, find_dot, misfit
from designlint.diagram.icons import icon_name
from designlint.diagram.layout import EDGE_TIER
from designlint.diagram.records import Plan, PlanCluster, PlanEdge, PlanNode
from designlint.errors import InputError, RenderError

FORMATS = ("png", "svg", "pdf")
TIMEOUT = 30.0
# Splines always: orthogonal edges hang Graphviz on large graphs (84 s at 300 nodes) and misplace
# edge labels. Icon nodes are big, so dot's layout costs ~4 CPU-s at 120 of them (more on a
# loaded machine): images keep at most records.IMAGE_MAX_NODES, the rest folded or left out with
# a note (docs/diagrams.md). Past SPLINE_LIMIT nodes the spacing tightens.
SPLINE_LIMIT = 40


def _icon_class(name: str) -> type[Node]:
    module, _, cls = name.rpartition(".")
    return getattr(importlib.import_module(f"diagrams.{module}"), cls)


def _text(value: str) -> str:
    """A label for `diagrams`: backslashes literal, never an HTML label, lines as DOT `\\n`."""
    return graphviz.nohtml("\\n".join(part.replace("\\", "\\\\") for part in value.split("\n")))


class _Unrendered(Diagram):
    """A Diagram whose `with` block only builds the graph: we run `dot` ourselves."""

    def __exit__(self, exc_type, exc_value, traceback) -> None:
        setdiagram(None)


@dataclass(frozen=True)
class Shape:
    """One way to lay a plan out: edge tier stacked or in a row, how many calls no flow travels
    are left out of the ranking, how far apart the ranks are (inches), in how many columns the
    services the edge tier reaches stand."""

    stack: bool = True
    loosen: int = 0
    ranksep: float = 0.9
    stagger: int = 1  # the edge tier's targets spread over this many columns


def source(plan: Plan, budget: Budget | None = None) -> tuple[str, set[str]]:
    """The Graphviz source `diagrams` builds for the plan, and the icon files it references.

    The first layout stacks the edge tier and each service's stores in columns. Long call chains
    still make a wide strip, a tiny design a tall column: up to SHAPE_LIMIT components, when the
    layout is off ASPECT, wider ones leave calls that no flow travels out of the ranking (half of
    them, then all), taller ones lay the edge tier in a row or spread the ranks, and the layout
    closest to the aim is kept. Graphviz measures each one (`-Tplain`): no text width is guessed.
    """
    many = len(plan.nodes) > SPLINE_LIMIT
    stagger = -(-len(_entries(plan)) // ENTRY_COLUMN)
    first = Shape(ranksep=0.7 if many else 0.9, stagger=max(stagger, 1))
    text, icons = _source(plan, first)
    if len(plan.nodes) > SHAPE_LIMIT or shutil.which("dot") is None:
        return text, icons
    budget = budget or Budget(TIMEOUT, len(plan.nodes))
    off, ratio = misfit(text, budget)
    loose = sum(1 for e in plan.edges if _loosable(plan, e))
    if ratio > ASPECT[1]:
        tries = [replace(first, loosen=-(-loose * k // 4)) for k in (1, 2, 3, 4)] if loose else []
    else:
        tries = [replace(first, ranksep=r) for r in (1.5, 2.4)] + [replace(first, stack=False)]
    best = (off, text)
    for shape in tries:
        if best[0] == 0:
            break
        candidate, _ = _source(plan, shape)
        best = min(best, (misfit(candidate, budget)[0], candidate))
    return best[1], icons


SHAPE_LIMIT = 40
# At most this many services the edge tier reaches stand in one column; more are staggered
# over several (as Graphviz's `unflatten -l` does), so 30 gateway routes are not one tall strip.
ENTRY_COLUMN = 8


def _entries(plan: Plan) -> list[str]:
    """Components past the edge tier that the edge tier reaches, in plan order."""
    out = [e.target for e in plan.edges if _tier(plan, e.source) < _tier(plan, e.target)]
    return list(dict.fromkeys(out))


def _tier(plan: Plan, node_id: str) -> int:
    return 0 if plan.node(node_id).section in EDGE_TIER else 1


def _unranked(plan: Plan, edge: PlanEdge, column: dict[str, str], entries: dict) -> bool:
    """Edges that must not decide ranks: ranking by them would drag a service (a column with
    its stores) behind the caller, far from the edge tier that routes to it and from the
    callers it shares with other services. Into a service the edge tier reaches, from a
    service; into a store another service owns."""
    if _tier(plan, edge.source) == 0:
        return False
    if edge.target in entries:
        return True
    owner = column.get(edge.target)
    return owner not in (None, column.get(edge.source), f"cluster_{edge.target}")


def _loosable(plan: Plan, edge: PlanEdge) -> bool:
    return edge.kind == "call" and not edge.flows and plan.node(edge.source).section == "services"


def _source(plan: Plan, shape: Shape) -> tuple[str, set[str]]:
    many = len(plan.nodes) > SPLINE_LIMIT
    loosen = shape.loosen
    graph_attr = {
        "label": labels.title(plan),
        "labelloc": "t",
        "labeljust": "l",
        "pad": "0.3",
        "splines": "spline",
        "nodesep": "0.35" if many else "0.45",
        "ranksep": f"{shape.ranksep:g}",
        "newrank": "true",
    }
    with _Unrendered(
        name="", filename="designlint", outformat="png", show=False, graph_attr=graph_attr
    ) as diagram:
        by_id = {n.id: n for n in plan.nodes}
        icons: set[str] = set()
        columns = COLUMNS if shape.stack else ("service",)
        for cluster in plan.clusters:
            _cluster(cluster, by_id, icons, columns)
        for node in plan.loose_nodes():
            _node(node, icons)
        nodes = {n.id: _Ref(n.id) for n in plan.nodes}
        column = _columns(plan.clusters, columns)
        entries = {nid: i for i, nid in enumerate(_entries(plan))}
        for edge in plan.edges:
            attrs = {"color": plan.edge_color(edge), "style": edge.style, "fontsize": "11"}
            if edge.style == "bold":
                attrs["penwidth"] = "2.5"
            if _unranked(plan, edge, column, entries):
                attrs["constraint"] = "false"
            elif edge.target in entries and shape.stagger > 1:
                attrs["minlen"] = str(1 + entries[edge.target] % shape.stagger)
            elif edge.flows:
                attrs["weight"] = "4"  # keep the flows' paths straight and short
            elif loosen and _loosable(plan, edge):
                loosen -= 1
                attrs["minlen"] = "0"
            label = _text(edge.text()) if edge.text() else ""
            if column.get(edge.source, edge) == column.get(edge.target):
                # Dot lays an edge inside one column bottom-up; drawn reversed, it reads down.
                way = Edge(reverse=True, label=label, **attrs)
                diagram.connect(nodes[edge.target], nodes[edge.source], way)
            else:
                way = Edge(forward=True, label=label, **attrs)
                diagram.connect(nodes[edge.source], nodes[edge.target], way)
        return diagram.dot.source, icons


# Clusters whose nodes share one rank: a column, read top to bottom, keeps the drawing from
# growing one rank wider per hop of the edge tier and per store a service owns.
COLUMNS = ("edge", "service")


def _columns(clusters: tuple[PlanCluster, ...], columns: tuple[str, ...]) -> dict[str, str]:
    """Node id -> the id of the column cluster holding it."""
    out: dict[str, str] = {}
    stack = list(clusters)
    while stack:
        cluster = stack.pop()
        stack.extend(cluster.clusters)
        if cluster.kind in columns:
            out.update(dict.fromkeys(cluster.nodes, cluster.id))
    return out


class _Ref:
    """What `Diagram.connect` needs of a node: its id (the nodes are already in the graph)."""

    def __init__(self, nodeid: str) -> None:
        self.nodeid = nodeid


def _cluster(
    cluster: PlanCluster, by_id: dict[str, PlanNode], icons: set[str], columns: tuple[str, ...]
) -> None:
    attrs = {"label": _text("\n".join(labels.wrap(cluster.label, 32))), "fontsize": "13"}
    if cluster.kind == "region":
        attrs["style"] = "dashed"
    if cluster.kind in columns:
        attrs["rank"] = "same"
    with Cluster(cluster.id, graph_attr=attrs):
        for sub in cluster.clusters:
            _cluster(sub, by_id, icons, columns)
        for nid in cluster.nodes:
            if nid in by_id:
                # A service's own cluster says its name: its node says only kind and replicas.
                named = not (cluster.kind == "service" and nid == cluster.nodes[0])
                _node(by_id[nid], icons, named)


def _node(node: PlanNode, icons: set[str], named: bool = True) -> None:
    icon = icon_path(icon_name(node))
    icons.add(icon)
    Node(labels.node(node, icon, named), nodeid=node.id, **NODE_ATTRS)


# An HTML-like label is the whole node: Graphviz sizes it around the icon and the text.
NODE_ATTRS = {
    "shape": "plain",
    "style": "",
    "fixedsize": "false",
    "width": "0",
    "height": "0",
    "margin": "0",
}


def icon_path(name: str) -> str:
    """The PNG file of a `diagrams` icon class, where `diagrams` itself would look for it."""
    cls = _icon_class(name)
    return os.path.join(
        os.path.dirname(os.path.dirname(diagrams.__file__)), cls._icon_dir, cls._icon
    )


def render(plan: Plan, out: str, fmt: str, timeout: float = TIMEOUT) -> bytes:
    """Run `dot` under `timeout` seconds in a temporary directory beside `out`; the bytes."""
    if fmt not in FORMATS:
        raise RenderError(f"{out}: cannot render `{fmt}`; use one of {', '.join(FORMATS)}")
    find_dot()
    budget = Budget(timeout, len(plan.nodes))
    text, icons = source(plan, budget)
    directory = os.path.dirname(os.path.abspath(out))
    try:
        workdir = tempfile.TemporaryDirectory(prefix=".designlint-", dir=directory)
    except OSError as exc:
        raise InputError(f"{out}: cannot write in {directory} ({exc.strerror or exc})") from exc
    with workdir as tmp:
        target = os.path.join(tmp, f"diagram.{fmt}")
        done = budget.run([f"-T{fmt}", "-o", target], text, cwd=tmp)
        if done.returncode != 0 or not os.path.exists(target):
            why = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise RenderError(f"Graphviz failed: {why[-1] if why else f'exit {done.returncode}'}")
        with open(target, "rb") as handle:
            data = handle.read()
    return embed_icons(data, icons) if fmt == "svg" else data


_HREF = re.compile(rb'(xlink:href|href)="([^"]*)"')


def embed_icons(svg: bytes, icons: set[str]) -> bytes:
    """Replace icon file links by data URIs; drop any other link to a file."""
    cache: dict[bytes, bytes] = {}

    def swap(match: re.Match[bytes]) -> bytes:
        attr, value = match.group(1), match.group(2)
        if value.startswith((b"data:", b"#")):
            return match.group(0)
        if value not in cache:
            path = html.unescape(value.decode("utf-8", "replace"))
            cache[value] = b""
            if path in icons and path.lower().endswith(".png") and os.path.isfile(path):
                with open(path, "rb") as handle:
                    cache[value] = b"data:image/png;base64," + base64.b64encode(handle.read())
        return attr + b'="' + cache[value] + b'"'

    return _HREF.sub(swap, svg)
