"""The plan's records: frozen dataclasses, edge styles, and the label and id helpers they use."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from designlint.model import Design

# Past this many nodes, owned datastores and caches are folded into their service, and past it
# again nodes are dropped (the plan says which): Graphviz and readers both give up on thousands,
# and Mermaid refuses more than 500 edges by default. Images keep fewer: their icon nodes make
# Graphviz's layout several times slower than plain boxes.
MAX_NODES = 150
IMAGE_MAX_NODES = 60
MAX_EDGES = 400
MAX_LABEL = 48

# Edge kind -> line style; every output maps these three words onto its own syntax.
STYLES = {
    "call": "solid",
    "route": "solid",
    "read": "solid",
    "write": "solid",
    "read-write": "solid",
    "publish": "dashed",
    "consume": "dashed",
    "dead-letter": "dashed",
    "fan-out": "bold",
    "pull": "bold",
}


# Colours shared by every output: findings (red, orange) and one colour per flow (never red or
# orange, so that a highlighted component is never mistaken for a flow).
SEVERITY_COLORS = {"error": ("#D62728", "#FDECEA"), "warning": ("#E67E00", "#FFF3E0")}
FLOW_COLORS = ("#1F77B4", "#2CA02C", "#9467BD", "#17BECF", "#8C564B", "#E377C2", "#7F7F7F")
EDGE_COLOR = "#7B8894"


@dataclass(frozen=True)
class PlanNode:
    """A component drawn as one box: `kind` is the model's kind, `section` its top-level key."""

    id: str
    path: tuple[str, str]
    label: str
    section: str
    kind: str
    technology: str | None = None
    detail: str = ""
    severity: str | None = None

    def text(self, named: bool = True) -> str:
        """Name over detail; only the detail when the cluster around it says the name."""
        if not named and self.detail:
            return self.detail
        return f"{self.label}\n{self.detail}" if self.detail else self.label


@dataclass(frozen=True)
class PlanCluster:
    """A box around nodes: a region, the edge tier, or a service with the stores it owns."""

    id: str
    label: str
    kind: str
    nodes: tuple[str, ...] = ()
    clusters: tuple[PlanCluster, ...] = ()

    def names(self, node_id: str) -> bool:
        """Whether this cluster's label is the node's name (a service's own cluster)."""
        return self.kind == "service" and self.nodes[:1] == (node_id,)


@dataclass(frozen=True)
class PlanEdge:
    """A typed arrow; `flows` lists (flow id, rate text or "") of the flows that travel it.
    A `brief` edge says only its first words (no rates): the flows still colour it."""

    source: str
    target: str
    kind: str
    label: str = ""
    flows: tuple[tuple[str, str], ...] = ()
    brief: bool = False

    @property
    def style(self) -> str:
        return STYLES.get(self.kind, "solid")

    def text(self) -> str:
        """The full edge label: its own words, then one `flow rate` line per flow."""
        if self.brief:
            return self.label.split("\n", 1)[0]
        lines = [self.label] if self.label else []
        lines += [f"{flow} {rate}".strip() for flow, rate in self.flows]
        return "\n".join(lines)


@dataclass(frozen=True)
class Plan:
    title: str
    nodes: tuple[PlanNode, ...]
    clusters: tuple[PlanCluster, ...]
    edges: tuple[PlanEdge, ...]
    flows: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    omitted: tuple[str, ...] = ()
    highlight: dict[str, int] = field(default_factory=dict)

    def node(self, node_id: str) -> PlanNode:
        return next(n for n in self.nodes if n.id == node_id)

    def loose_nodes(self) -> tuple[PlanNode, ...]:
        """Nodes that belong to no cluster, in plan order."""
        inside: set[str] = set()
        stack = list(self.clusters)
        while stack:
            c = stack.pop()
            inside.update(c.nodes)
            stack.extend(c.clusters)
        return tuple(n for n in self.nodes if n.id not in inside)

    def edge_color(self, edge: PlanEdge) -> str:
        """One colour per flow travelling the edge (Graphviz draws `a:b` as parallel lines)."""
        colors = [
            FLOW_COLORS[self.flows.index(f) % len(FLOW_COLORS)]
            for f, _ in edge.flows
            if f in self.flows
        ]
        return ":".join(dict.fromkeys(colors)) or EDGE_COLOR


def clean(text: object, limit: int = MAX_LABEL) -> str:
    """One line of printable text: control characters and newlines become spaces, long text is cut.

    Escaping for a syntax is each output's job; this only keeps labels to one tidy line.
    """
    flat = re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+", " ", str(text))
    flat = re.sub(r"\s+", " ", flat).strip()
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def slug(text: str) -> str:
    """An id fragment of [A-Za-z0-9_] only: safe unquoted in DOT, Mermaid and SVG ids."""
    out = re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_")
    return out or "x" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]


class _Ids:
    """Model path -> node id; a collision after slugging gets a short hash of the raw id."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def make(self, prefix: str, raw: str) -> str:
        nid = f"{prefix}__{slug(raw)}"
        if nid in self.taken:
            nid += "_" + hashlib.sha1(raw.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        self.taken.add(nid)
        return nid


def node_ids(design: Design) -> dict[str, str]:
    """Component id -> node id, from its model path: `("services", "a-b")` -> `services__a_b`."""
    ids = _Ids()
    return {cid: ids.make(section, cid) for cid, (section, _) in design.components.items()}
