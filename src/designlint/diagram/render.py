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

import diagrams
import graphviz
from diagrams import Cluster, Diagram, Edge, Node, setdiagram

from designlint.diagram import changes, labels, shape
from designlint.diagram.graphviz_run import Budget, find_dot
from designlint.diagram.icons import icon_name
from designlint.diagram.records import Plan, PlanCluster, PlanNode
from designlint.diagram.shape import Shape
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


def source(plan: Plan, budget: Budget | None = None) -> tuple[str, set[str]]:
    """The Graphviz source `diagrams` builds for the plan, and the icon files it references.

    Its shape is shape.py's choice: the first layout, or, off the aspect aim, the best of a few
    more, each measured by Graphviz within `budget` (by default TIMEOUT; without Graphviz on
    PATH nothing is measured)."""
    icons: set[str] = set()
    if budget is None and shutil.which("dot") is not None:
        budget = Budget(TIMEOUT, len(plan.nodes))

    def draw(candidate: Shape) -> str:
        text, used = _source(plan, candidate)
        icons.update(used)
        return text

    start = shape.first(plan, len(plan.nodes) > SPLINE_LIMIT)
    return shape.choose(plan, start, draw, budget), icons


def _source(plan: Plan, candidate: Shape) -> tuple[str, set[str]]:
    many = len(plan.nodes) > SPLINE_LIMIT
    ranking = shape.Ranking(plan, candidate)
    graph_attr = {
        "label": labels.title(plan),
        "labelloc": "t",
        "labeljust": "l",
        "pad": "0.3",
        "splines": "spline",
        "nodesep": "0.35" if many else "0.45",
        "ranksep": f"{candidate.ranksep:g}",
        "newrank": "true",
    }
    with _Unrendered(
        name="", filename="designlint", outformat="png", show=False, graph_attr=graph_attr
    ) as diagram:
        by_id = {n.id: n for n in plan.nodes}
        icons: set[str] = set()
        for cluster in plan.clusters:
            _cluster(cluster, by_id, icons, ranking)
        for node in plan.loose_nodes():
            _node(node, icons)
        nodes = {n.id: _Ref(n.id) for n in plan.nodes}
        for index, edge in enumerate(plan.edges):
            attrs = {"color": plan.edge_color(edge), "style": edge.style, "fontsize": "11"}
            if edge.style == "bold":
                attrs["penwidth"] = "2.5"
            attrs.update(ranking.attrs(index, edge))
            attrs = changes.dot_edge(edge, attrs)  # `diagram --diff`: added bold, removed dashed
            label = _text(edge.text()) if edge.text() else ""
            if ranking.within_column(edge):
                way = Edge(reverse=True, label=label, **attrs)
                diagram.connect(nodes[edge.target], nodes[edge.source], way)
            else:
                way = Edge(forward=True, label=label, **attrs)
                diagram.connect(nodes[edge.source], nodes[edge.target], way)
        for anchor, nid, minlen in ranking.anchors():
            diagram.connect(nodes[anchor], nodes[nid], Edge(style="invis", minlen=minlen))
        return diagram.dot.source, icons


class _Ref:
    """What `Diagram.connect` needs of a node: its id (the nodes are already in the graph)."""

    def __init__(self, nodeid: str) -> None:
        self.nodeid = nodeid


def _cluster(
    cluster: PlanCluster, by_id: dict[str, PlanNode], icons: set[str], ranking: shape.Ranking
) -> None:
    attrs = {"label": _text("\n".join(labels.wrap(cluster.label, 32))), "fontsize": "13"}
    if cluster.kind == "region":
        attrs["style"] = "dashed"
    if ranking.is_column(cluster):
        attrs["rank"] = "same"
    with Cluster(cluster.id, graph_attr=attrs):
        for sub in cluster.clusters:
            _cluster(sub, by_id, icons, ranking)
        for nid in cluster.nodes:
            if nid in by_id:
                # A service's own cluster says its name: its node says only kind and replicas.
                _node(by_id[nid], icons, not cluster.names(nid))


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
