"""Design -> Plan: the pure, Graphviz-free picture of a design (nodes, clusters, typed edges).

Every output (PNG/SVG/PDF through `diagrams`, DOT, Mermaid) is drawn from this one plan, so what
the picture shows is decided here and golden-tested as data. Node ids come from model paths
(`("services", "tweet-service")` -> `services__tweet_service`), never from memory addresses or
random numbers, so outputs are byte-identical across runs. Labels are plain text here; each
output escapes them for its own syntax.
"""

from __future__ import annotations

from collections.abc import Iterable

from designlint.diagram import layout, levels, paths
from designlint.diagram.records import (
    IMAGE_MAX_NODES,
    MAX_EDGES,
    MAX_LABEL,
    MAX_NODES,
    STYLES,
    Plan,
    PlanCluster,
    PlanEdge,
    PlanNode,
    clean,
    node_ids,
    slug,
)
from designlint.findings import Finding
from designlint.model import Design

__all__ = [
    "IMAGE_MAX_NODES",
    "MAX_EDGES",
    "MAX_LABEL",
    "MAX_NODES",
    "STYLES",
    "Plan",
    "PlanCluster",
    "PlanEdge",
    "PlanNode",
    "build",
    "clean",
    "node_ids",
    "slug",
]


def build(
    design: Design,
    findings: Iterable[Finding] = (),
    max_nodes: int = MAX_NODES,
    level: str = "full",
    focus: str | None = None,
) -> Plan:
    """The plan of a valid design; `findings` (optional) colour the components they are about.

    `level` is one of levels.LEVELS; `focus`, a component id of the design, keeps only it and
    its neighbours (the caller checks that the id exists)."""
    node_of = node_ids(design)
    nodes = [_node(node_of[cid], sec, cid, comp) for cid, (sec, comp) in design.components.items()]
    severities = paths.severities(design, findings)
    nodes = [PlanNode(**{**n.__dict__, "severity": severities.get(n.path[1])}) for n in nodes]
    edges = paths.mark_flows(design, paths.edges(design))
    owner = paths.owners(design)
    notes = _notes(design)
    omitted: list[str] = []
    if focus is not None:
        nodes, edges = levels.focus(nodes, edges, node_of[focus])
        notes += (f"focus: {clean(focus)} and its {len(nodes) - 1} neighbours",)
    if level == "context":
        nodes, edges, folded = levels.context(design.name, nodes, edges)
        omitted += folded
        owner = {}
    if len(nodes) > max_nodes:
        nodes, edges, owner, omitted = layout.collapse(nodes, edges, owner, node_of, max_nodes)
    if len(edges) > MAX_EDGES:
        edges, note = layout.cap_edges(edges, MAX_EDGES)
        omitted.append(note)
    if level == "containers":
        edges = levels.brief(edges)
    clusters = layout.clusters(design, nodes, owner, node_of)
    counts: dict[str, int] = {}
    for n in nodes:
        if n.severity:
            counts[n.severity] = counts.get(n.severity, 0) + 1
    return Plan(
        title=clean(design.name, 120),
        nodes=tuple(nodes),
        clusters=clusters,
        edges=tuple(edges),
        flows=tuple(clean(f) for f in design.flows),
        notes=tuple(notes),
        omitted=tuple(omitted),
        highlight=dict(sorted(counts.items())),
    )


def _node(nid: str, section: str, cid: str, comp: object) -> PlanNode:
    name = getattr(comp, "name", None) or cid
    kind = getattr(comp, "kind", None) or {"caches": "cache", "queues": "queue"}.get(section, "")
    tech = getattr(comp, "technology", None)
    what = clean(tech, 32) if tech else str(kind)
    replicas = getattr(comp, "replicas", None)
    parts = [what] if what.lower() != clean(name).lower() else []
    if isinstance(replicas, int) and replicas > 1:  # words (`multiple`) are not drawn
        parts.append(f"×{replicas}")
    detail = " ".join(parts)
    return PlanNode(
        id=nid,
        path=(section, cid),
        label=clean(name),
        section=section,
        kind=str(kind),
        technology=clean(tech, 32).lower() if tech else None,
        detail=detail,
    )


def _notes(design: Design) -> tuple[str, ...]:
    notes: list[str] = []
    if design.regions:
        text = "regions: " + ", ".join(clean(r, 32) for r in design.regions)
        if design.replication is not None:
            rep = design.replication
            lag = f", lag {rep.lag.text}" if rep.lag is not None else ""
            text += f" ({rep.mode}, {rep.sync} replication{lag})"
        notes.append(text)
    return tuple(notes)
