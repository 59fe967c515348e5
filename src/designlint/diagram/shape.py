"""The shape of a picture: which edges rank the layout, which clusters are columns, and the
search for a layout whose width:height is within the aim. No `diagrams` here: render.py draws
a Shape, Graphviz measures it (graphviz_run.misfit), this module decides what to try.

Ranks run left to right. The edge tier and each service with the stores it owns are columns
(one rank, read top to bottom). Edges that would drag a column far from where it belongs do
not rank: calls into a service the edge tier reaches, writes into another service's store.
The edge tier's targets stand in columns of at most ENTRY_COLUMN, as Graphviz's
`unflatten -l` staggers leaves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from designlint.diagram.graphviz_run import ASPECT, Budget, misfit
from designlint.diagram.layout import EDGE_TIER
from designlint.diagram.records import Plan, PlanCluster, PlanEdge

# Up to this many components, layouts off the aspect aim are re-tried (each try is a `dot` run).
SHAPE_LIMIT = 40
# The edge tier's targets stand in columns at most this many nodes tall (a service counts with
# the stores in its cluster): a taller column crams the edges between its members.
ENTRY_COLUMN = 6
# Clusters whose nodes share one rank.
COLUMNS = ("edge", "service")


@dataclass(frozen=True)
class Shape:
    """One way to lay a plan out: edge tier stacked or in a row, how many calls that no flow
    travels may put caller and callee in one rank, how far apart ranks are (inches), and over
    how many columns the edge tier's targets are staggered."""

    stack: bool = True
    loosen: int = 0
    ranksep: float = 0.9
    stagger: int = 1


def first(plan: Plan, many: bool) -> Shape:
    sizes = _column_sizes(plan.clusters)
    height = sum(sizes.get(f"cluster_{nid}", 1) for nid in _entries(plan))
    stagger = -(-height // ENTRY_COLUMN)
    return Shape(ranksep=0.7 if many else 0.9, stagger=max(stagger, 1))


def choose(plan: Plan, start: Shape, draw: Callable[[Shape], str], budget: Budget | None) -> str:
    """The drawing of `start`, or, when it is off the aim and the plan small enough, of the
    first candidate within the aim (else the closest). Wider than the aim: a growing share of
    the loosable calls (a quarter .. all) may share a rank; taller: the edge tier's targets
    over more columns, wider rank spacing, then the edge tier in a row."""
    text = draw(start)
    if budget is None or len(plan.nodes) > SHAPE_LIMIT:
        return text
    off, ratio = misfit(text, budget)
    loose = sum(1 for e in plan.edges if _loosable(plan, e))
    if ratio > ASPECT[1]:
        tries = [replace(start, loosen=-(-loose * k // 4)) for k in (1, 2, 3, 4)] if loose else []
    else:
        tries = [replace(start, stagger=start.stagger + k) for k in (1, 2)]
        tries += [replace(start, ranksep=r) for r in (1.5, 2.4)] + [replace(start, stack=False)]
    best = (off, text)
    for shape in tries:
        if best[0] == 0:
            break
        candidate = draw(shape)
        best = min(best, (misfit(candidate, budget)[0], candidate))
    return best[1]


class Ranking:
    """For one plan and Shape: the column clusters and each edge's ranking attributes."""

    def __init__(self, plan: Plan, shape: Shape) -> None:
        self.plan = plan
        self.shape = shape
        self.columns = COLUMNS if shape.stack else ("service",)
        self.column = _columns(plan.clusters, self.columns)
        self.entries = {nid: i for i, nid in enumerate(_entries(plan))}
        loosable = [i for i, e in enumerate(plan.edges) if _loosable(plan, e)]
        self.loose = set(loosable[: shape.loosen])

    def anchors(self) -> list[tuple[str, str, str]]:
        """(edge-tier node, component, minlen) of invisible edges placing the components
        nothing reaches in the entries' columns, as if the edge tier reached them."""
        tier = [n.id for n in self.plan.nodes if _tier(self.plan, n.id) == 0]
        reached = {e.target for e in self.plan.edges}
        return [
            (tier[-1], nid, str(1 + i % self.shape.stagger))
            for nid, i in self.entries.items()
            if nid not in reached
        ]

    def is_column(self, cluster: PlanCluster) -> bool:
        return cluster.kind in self.columns

    def within_column(self, edge: PlanEdge) -> bool:
        """Dot lays an edge inside one column bottom-up: such edges are drawn reversed."""
        return self.column.get(edge.source, edge) == self.column.get(edge.target)

    def attrs(self, index: int, edge: PlanEdge) -> dict[str, str]:
        if self._unranked(edge):
            return {"constraint": "false"}
        if edge.target in self.entries and self.shape.stagger > 1:
            return {"minlen": str(1 + self.entries[edge.target] % self.shape.stagger)}
        if edge.flows:
            return {"weight": "4"}  # keep the flows' paths straight and short
        if index in self.loose:
            return {"minlen": "0"}
        return {}

    def _unranked(self, edge: PlanEdge) -> bool:
        """Ranking by these would drag a service column behind the caller, far from the edge
        tier that routes to it: calls from past the edge tier into a service the edge tier
        reaches, and edges into a store in another service's column."""
        if _tier(self.plan, edge.source) == 0:
            return False
        if edge.target in self.entries:
            return True
        owner = self.column.get(edge.target)
        return owner not in (None, self.column.get(edge.source), f"cluster_{edge.target}")


def _entries(plan: Plan) -> list[str]:
    """Components past the edge tier that the edge tier reaches, in plan order, then those
    nothing reaches (dot would stack them all in the first rank, beside the edge tier)."""
    out = [e.target for e in plan.edges if _tier(plan, e.source) < _tier(plan, e.target)]
    reached = {e.target for e in plan.edges}
    if any(_tier(plan, n.id) == 0 for n in plan.nodes):
        out += [n.id for n in plan.nodes if _tier(plan, n.id) and n.id not in reached]
    return list(dict.fromkeys(out))


def _tier(plan: Plan, node_id: str) -> int:
    return 0 if plan.node(node_id).section in EDGE_TIER else 1


def _loosable(plan: Plan, edge: PlanEdge) -> bool:
    return edge.kind == "call" and not edge.flows and plan.node(edge.source).section == "services"


def _column_sizes(clusters: tuple[PlanCluster, ...]) -> dict[str, int]:
    """Cluster id -> how many nodes it holds, for every cluster at any depth."""
    out: dict[str, int] = {}
    stack = list(clusters)
    while stack:
        cluster = stack.pop()
        stack.extend(cluster.clusters)
        out[cluster.id] = len(cluster.nodes)
    return out


def _columns(clusters: tuple[PlanCluster, ...], kinds: tuple[str, ...]) -> dict[str, str]:
    """Node id -> the id of the column cluster holding it."""
    out: dict[str, str] = {}
    stack = list(clusters)
    while stack:
        cluster = stack.pop()
        stack.extend(cluster.clusters)
        if cluster.kind in kinds:
            out.update(dict.fromkeys(cluster.nodes, cluster.id))
    return out
