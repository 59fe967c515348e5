"""Clusters of the plan (regions, the edge tier, services with the stores they own) and the
collapse of very large designs, saying what was left out. Pure functions over plan records."""

from __future__ import annotations

from designlint.diagram.records import PlanCluster, PlanEdge, PlanNode, clean, slug
from designlint.model import Design

EDGE_TIER = ("clients", "edge")


def clusters(
    design: Design, nodes: list[PlanNode], owner: dict[str, str], node_of: dict[str, str]
) -> tuple[PlanCluster, ...]:
    """Edge tier, one cluster per service owning stores, all inside region clusters when the
    components name regions (a component in several regions goes in a cluster naming them all)."""
    kept = {n.id for n in nodes}
    owned: dict[str, list[str]] = {}
    for store, svc in owner.items():
        if node_of.get(store) in kept and node_of.get(svc) in kept:
            owned.setdefault(node_of[svc], []).append(node_of[store])
    inside = {sid for ids in owned.values() for sid in ids}
    # (region key) -> ordered top-level items: node ids and clusters
    groups: dict[tuple[str, ...], list[str | PlanCluster]] = {}
    tiers: dict[tuple[str, ...], list[str]] = {}
    for n in nodes:
        if n.id in inside:
            continue
        key = _regions(design, n)
        items = groups.setdefault(key, [])
        if n.section in EDGE_TIER:
            if key not in tiers:
                tiers[key] = []
                items.append(f"tier:{'|'.join(key)}")
            tiers[key].append(n.id)
        elif n.id in owned:
            items.append(PlanCluster(f"cluster_{n.id}", n.label, "service", (n.id, *owned[n.id])))
        else:
            items.append(n.id)
    out: list[PlanCluster | str] = []
    for key, items in groups.items():
        resolved: list[PlanCluster | str] = []
        for item in items:
            if isinstance(item, str) and item.startswith("tier:"):
                suffix = "_" + slug("_".join(key)) if key else ""
                sections = {n.section for n in nodes if n.id in tiers[key]}
                words = "clients and edge" if len(sections) > 1 else sections.pop()
                resolved.append(
                    PlanCluster(f"cluster_edge{suffix}", words, "edge", tuple(tiers[key]))
                )
            else:
                resolved.append(item)
        if not key:
            out.extend(resolved)
            continue
        words = "region " if len(key) == 1 else "regions "
        out.append(
            PlanCluster(
                f"cluster_region_{slug('_'.join(key))}",
                words + ", ".join(clean(r, 32) for r in key),
                "region",
                tuple(i for i in resolved if isinstance(i, str)),
                tuple(i for i in resolved if isinstance(i, PlanCluster)),
            )
        )
    return tuple(c for c in out if isinstance(c, PlanCluster))


def _regions(design: Design, node: PlanNode) -> tuple[str, ...]:
    if node.path[1] not in design.components:
        return ()  # the context level's system box or `N more` boxes: no one region
    comp = design.components[node.path[1]][1]
    return tuple(dict.fromkeys(getattr(comp, "regions", None) or ()))


def collapse(
    nodes: list[PlanNode],
    edges: list[PlanEdge],
    owner: dict[str, str],
    node_of: dict[str, str],
    max_nodes: int,
) -> tuple[list[PlanNode], list[PlanEdge], dict[str, str], list[str]]:
    """Fold owned stores into their services; if still too many, keep the nodes that flows
    travel, the edge tier and the best connected, and name what was left out."""
    total = len(nodes)
    omitted: list[str] = []
    fold = {node_of[s]: node_of[v] for s, v in owner.items() if s in node_of and v in node_of}
    if fold:
        count: dict[str, int] = {}
        for svc in fold.values():
            count[svc] = count.get(svc, 0) + 1
        nodes = [
            PlanNode(**{**n.__dict__, "detail": f"{n.detail} +{count[n.id]} owned"})
            if n.id in count
            else n
            for n in nodes
            if n.id not in fold
        ]
        edges = _redirect(edges, fold)
        omitted.append(f"{len(fold)} owned datastores and caches folded into their services")
        owner = {}
    if len(nodes) > max_nodes:
        degree: dict[str, int] = {}
        on_flow: set[str] = set()
        for e in edges:
            for end in (e.source, e.target):
                degree[end] = degree.get(end, 0) + 1
                if e.flows:
                    on_flow.add(end)
        rank = sorted(
            range(len(nodes)),
            key=lambda i: (
                nodes[i].id not in on_flow,
                nodes[i].section not in EDGE_TIER,
                -degree.get(nodes[i].id, 0),
                i,
            ),
        )
        keep = set(sorted(rank[:max_nodes]))
        dropped = [n for i, n in enumerate(nodes) if i not in keep]
        nodes = [n for i, n in enumerate(nodes) if i in keep]
        ids = {n.id for n in nodes}
        edges = [e for e in edges if e.source in ids and e.target in ids]
        names = ", ".join(f"`{n.label}`" for n in dropped[:5])
        more = f" and {len(dropped) - 5} more" if len(dropped) > 5 else ""
        omitted.append(
            f"left out {len(dropped)} of {total} components to stay readable "
            f"(kept those on flows and the best connected): {names}{more}"
        )
    return nodes, edges, owner, omitted


def cap_edges(edges: list[PlanEdge], limit: int) -> tuple[list[PlanEdge], str]:
    """Keep the edges flows travel, then the first declared, up to `limit` (Mermaid refuses
    more than 500 edges by default, and nobody reads them)."""
    order = sorted(range(len(edges)), key=lambda i: (not edges[i].flows, i))
    keep = set(order[:limit])
    note = f"left out {len(edges) - limit} of {len(edges)} edges (kept those on flows first)"
    return [e for i, e in enumerate(edges) if i in keep], note


def _redirect(edges: list[PlanEdge], fold: dict[str, str]) -> list[PlanEdge]:
    merged: dict[tuple[str, str, str], PlanEdge] = {}
    for e in edges:
        a, b = fold.get(e.source, e.source), fold.get(e.target, e.target)
        if a == b:
            continue
        key = (a, b, e.kind)
        if key in merged:
            old = merged[key]
            flows = old.flows + tuple(f for f in e.flows if f not in old.flows)
            merged[key] = PlanEdge(a, b, e.kind, old.label, flows)
        else:
            merged[key] = PlanEdge(a, b, e.kind, e.label, e.flows)
    return list(merged.values())
