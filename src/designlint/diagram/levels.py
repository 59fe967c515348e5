"""How much of the design a picture shows: C4-style levels and a focus on one component.

- `context`: who uses the system and what it depends on: the clients, the system as one box,
  and the external services; at most CONTEXT_MAX nodes whatever the design's size.
- `containers`: every component and how they connect, with the edges' words but no rates.
- `full`: everything the plan knows (the default): rates, fan-out arithmetic, batch sizes.

`focus` keeps one component and its direct neighbours. Pure functions over plan records.
"""

from __future__ import annotations

from designlint.diagram.records import PlanEdge, PlanNode, clean

LEVELS = ("context", "containers", "full")
CONTEXT_MAX = 15
# Components drawn outside the system box at the context level (services of these kinds).
EXTERNAL_KINDS = ("external",)
SYSTEM_ID = "system__design"


def is_outside(node: PlanNode) -> bool:
    """A client or an external service: what the context level keeps apart from the system."""
    return node.section == "clients" or node.kind in EXTERNAL_KINDS


def focus(
    nodes: list[PlanNode], edges: list[PlanEdge], node_id: str
) -> tuple[list[PlanNode], list[PlanEdge]]:
    """The component `node_id`, the components one edge away (either way), and their edges."""
    near = {node_id}
    for e in edges:
        if node_id in (e.source, e.target):
            near.update((e.source, e.target))
    kept = [n for n in nodes if n.id in near]
    return kept, [e for e in edges if e.source in near and e.target in near]


def brief(edges: list[PlanEdge]) -> list[PlanEdge]:
    """Edges that say what they are (`reads`, `publish`) but no rates or arithmetic."""
    return [PlanEdge(e.source, e.target, e.kind, e.label, e.flows, brief=True) for e in edges]


def context(
    title: str, nodes: list[PlanNode], edges: list[PlanEdge]
) -> tuple[list[PlanNode], list[PlanEdge], list[str]]:
    """Clients and externals around one box for the rest; past CONTEXT_MAX nodes the least
    connected outsiders of each section are folded into one `N more` node, with a note."""
    outside = [n for n in nodes if is_outside(n)]
    inner = [n for n in nodes if not is_outside(n)]
    counts: dict[str, int] = {}
    for n in inner:
        counts[n.section] = counts.get(n.section, 0) + 1
    detail = ", ".join(_count(count, section) for section, count in counts.items())
    system = PlanNode(SYSTEM_ID, ("", ""), clean(title), "system", "system", detail=detail)
    into = {n.id: SYSTEM_ID for n in inner}
    notes: list[str] = []
    if len(outside) + 1 > CONTEXT_MAX:
        outside, folded, note = _fold(outside, edges, CONTEXT_MAX - 1)
        into.update(folded)
        notes.append(note)
    merged: dict[tuple[str, str], PlanEdge] = {}
    for e in edges:
        a, b = into.get(e.source, e.source), into.get(e.target, e.target)
        if a == b:
            continue
        old = merged.get((a, b))
        flows = old.flows + tuple(f for f in e.flows if f not in old.flows) if old else e.flows
        merged[(a, b)] = PlanEdge(a, b, old.kind if old else e.kind, "", flows, brief=True)
    shown = [system, *outside] if inner else outside
    return shown, list(merged.values()), notes


WORDS = {
    "edge": ("edge component", "edge components"),
    "services": ("service", "services"),
    "datastores": ("datastore", "datastores"),
    "caches": ("cache", "caches"),
    "queues": ("queue", "queues"),
}


def _count(count: int, section: str) -> str:
    one, many = WORDS.get(section, (section, section))
    return f"{count} {one if count == 1 else many}"


def _fold(
    outside: list[PlanNode], edges: list[PlanEdge], room: int
) -> tuple[list[PlanNode], dict[str, str], str]:
    degree: dict[str, int] = {}
    for e in edges:
        for end in (e.source, e.target):
            degree[end] = degree.get(end, 0) + 1
    sections = list(dict.fromkeys(n.section for n in outside))
    keep_count = room - len(sections)  # one `N more` node per section at most
    rank = sorted(range(len(outside)), key=lambda i: (-degree.get(outside[i].id, 0), i))
    keep = set(rank[: max(keep_count, 0)])
    kept = [n for i, n in enumerate(outside) if i in keep]
    folded: dict[str, str] = {}
    for section in sections:
        rest = [n for i, n in enumerate(outside) if i not in keep and n.section == section]
        if not rest:
            continue
        more = PlanNode(
            f"{section}__more", (section, ""), f"{len(rest)} more {section}", section, "more"
        )
        kept.append(more)
        folded.update(dict.fromkeys((n.id for n in rest), more.id))
    note = (
        f"context: {len(folded)} of {len(outside)} clients and externals folded into 'more' boxes"
    )
    return kept, folded, note
