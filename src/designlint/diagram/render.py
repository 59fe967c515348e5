"""Plan -> PNG/SVG/PDF through mingrammer `diagrams`: the only module that imports it.

`diagrams` builds the Graphviz source (icons from a lookup table, fixed node ids, clusters);
rendering it is ours, not `diagrams`'s: its `with` block would run `dot` with no time limit, write
into the working directory and open a viewer. Here `dot` runs under a timeout into a temporary
directory beside the output, SVG icons are embedded as data URIs (diagrams links them by absolute
path, which breaks on any other machine), and the result is moved into place atomically.
"""

from __future__ import annotations

import base64
import html
import importlib
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import replace

import graphviz
from diagrams import Cluster, Diagram, Edge, Node, setdiagram

from designlint.diagram import changes
from designlint.diagram.icons import icon_name
from designlint.diagram.records import (
    SEVERITY_COLORS,
    Plan,
    PlanCluster,
    PlanEdge,
    PlanNode,
)
from designlint.errors import InputError, RenderError

FORMATS = ("png", "svg", "pdf")
TIMEOUT = 30.0
# Orthogonal edges hang Graphviz on large graphs (84 s at 300 nodes, docs/loading.md) and
# misplace edge labels: only tiny unlabelled designs get them, everything else splines. Icon
# nodes are big, so dot's layout costs ~4 CPU-s at 120 of them (more on a loaded machine):
# images keep at most records.IMAGE_MAX_NODES, the rest folded or left out with a note
# (docs/diagrams.md).
ORTHO_LIMIT = 12
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


def source(plan: Plan) -> tuple[str, set[str]]:
    """The Graphviz source `diagrams` builds for the plan, and the icon files it references."""
    many = len(plan.nodes) > SPLINE_LIMIT
    labelled = any(e.text() for e in plan.edges)
    splines = "ortho" if len(plan.nodes) <= ORTHO_LIMIT and not labelled else "spline"
    title = "\n".join((plan.title, *plan.notes, *plan.omitted))
    graph_attr = {
        "label": _text(title),
        "labelloc": "t",
        "fontsize": "20",
        "pad": "0.4",
        "splines": splines,
        "nodesep": "0.5" if many else "0.7",
        "ranksep": "0.9" if many else "1.3",
        "newrank": "true",
    }
    with _Unrendered(
        name="", filename="designlint", outformat="png", show=False, graph_attr=graph_attr
    ) as diagram:
        by_id = {n.id: n for n in plan.nodes}
        icons: set[str] = set()
        for cluster in plan.clusters:
            _cluster(cluster, by_id, icons)
        for node in plan.loose_nodes():
            _node(node, icons)
        nodes = {n.id: _Ref(n.id) for n in plan.nodes}
        on_flow = {end for e in plan.edges if e.flows for end in (e.source, e.target)}
        for edge in plan.edges:
            attrs = {"color": plan.edge_color(edge), "style": edge.style}
            if edge.style == "bold":
                attrs["penwidth"] = "2.5"
            if edge.flows:
                attrs["weight"] = "4"  # keep the flows' paths straight and short
            elif edge.target in on_flow:
                attrs["constraint"] = "false"  # a side call must not push a flow's hop away
            attrs = changes.dot_edge(edge, attrs)
            label = edge.text()
            attrs["fontsize"] = "11"
            diagram.connect(
                nodes[edge.source],
                nodes[edge.target],
                Edge(forward=True, label=_text(label) if label else "", **attrs),
            )
        if plan.highlight or plan.flows or changes.present(plan):
            _legend(plan)
        return diagram.dot.source, icons


class _Ref:
    """What `Diagram.connect` needs of a node: its id (the nodes are already in the graph)."""

    def __init__(self, nodeid: str) -> None:
        self.nodeid = nodeid


def _cluster(cluster: PlanCluster, by_id: dict[str, PlanNode], icons: set[str]) -> None:
    attrs = {"label": _text(cluster.label), "fontsize": "13"}
    if cluster.kind == "region":
        attrs["style"] = "dashed"
    with Cluster(cluster.id, graph_attr=attrs):
        for sub in cluster.clusters:
            _cluster(sub, by_id, icons)
        for nid in cluster.nodes:
            if nid in by_id:
                _node(by_id[nid], icons)


def _node(node: PlanNode, icons: set[str]) -> None:
    box = changes.cluster_attrs(node)
    if box is not None:  # `diagram --diff`: a coloured or dashed box around the icon
        with Cluster(f"change_{node.id}", graph_attr=box):
            return _node(replace(node, change=None), icons)
    label = f"{node.label}\n{node.detail}" if node.detail else node.label
    # diagrams pads the height per real newline; our lines are DOT `\n`, so pad here.
    attrs = {"height": f"{1.9 + 0.4 * label.count(chr(10)):.1f}"}
    if node.severity not in SEVERITY_COLORS:
        _icon(node, label, attrs, icons)
        return
    # A highlighted component sits in a coloured box of its own: a cluster grows around the
    # icon and its label, where a filled node shape would squeeze or cover them.
    line, fill = SEVERITY_COLORS[node.severity]
    box = {"label": "", "style": "rounded,filled", "fillcolor": fill, "pencolor": line}
    box["penwidth"] = "3"
    with Cluster(f"hl_{node.id}", graph_attr=box):
        _icon(node, label, {**attrs, "fontcolor": line}, icons)


def _icon(node: PlanNode, label: str, attrs: dict[str, str], icons: set[str]) -> None:
    made = _icon_class(icon_name(node))(_text(label), nodeid=node.id, **attrs)
    icons.add(made._load_icon())


def _legend(plan: Plan) -> None:
    with Cluster("cluster_legend", graph_attr={"label": "legend", "style": "dashed"}):
        for i, flow in enumerate(plan.flows):
            color = plan.edge_color(PlanEdge("", "", "call", "", ((flow, ""),)))
            _legend_node(
                f"flow {flow}",
                f"legend_flow_{i}",
                "1.8",
                style="rounded",
                color=color,
                fontcolor=color,
                penwidth="2",
            )
        for kind in changes.present(plan):
            _legend_node(
                changes.WORDS[kind], f"legend_change_{kind}", "1.8", **changes.legend_style(kind)
            )
        for level, count in plan.highlight.items():
            line, fill = SEVERITY_COLORS[level]
            _legend_node(
                f"{level} ({count})",
                f"legend_{level}",
                "1.6",
                style="rounded,filled",
                color=line,
                fillcolor=fill,
                penwidth="3",
            )


def _legend_node(label: str, nodeid: str, width: str, **style: str) -> None:
    """A legend entry: a labelled box; only its colours and width differ between entries."""
    Node(
        _text(label),
        nodeid=nodeid,
        shape="box",
        width=width,
        height="0.5",
        fixedsize="false",
        labelloc="c",
        **style,
    )


def render(plan: Plan, out: str, fmt: str, timeout: float = TIMEOUT) -> bytes:
    """Run `dot` under `timeout` seconds in a temporary directory beside `out`; the bytes."""
    if fmt not in FORMATS:
        raise RenderError(f"{out}: cannot render `{fmt}`; use one of {', '.join(FORMATS)}")
    exe = shutil.which("dot")
    if exe is None:
        raise RenderError(
            "Graphviz is not installed (`dot` is not on PATH): install it, e.g. "
            "`sudo apt-get install graphviz`, or write .dot or .mmd, which need no Graphviz"
        )
    text, icons = source(plan)
    directory = os.path.dirname(os.path.abspath(out))
    try:
        workdir = tempfile.TemporaryDirectory(prefix=".designlint-", dir=directory)
    except OSError as exc:
        raise InputError(f"{out}: cannot write in {directory} ({exc.strerror or exc})") from exc
    with workdir as tmp:
        target = os.path.join(tmp, f"diagram.{fmt}")
        try:
            done = subprocess.run(
                [exe, f"-T{fmt}", "-o", target],
                input=text.encode("utf-8"),
                capture_output=True,
                timeout=timeout,
                cwd=tmp,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise RenderError(
                f"Graphviz did not finish within {timeout:g} s for {len(plan.nodes)} components; "
                "write .dot or .mmd instead, or raise --timeout"
            ) from exc
        except OSError as exc:
            raise RenderError(f"cannot run Graphviz `dot`: {exc.strerror or exc}") from exc
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
