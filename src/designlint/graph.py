"""The architecture as a directed graph: who sends requests, messages and data to whom.

`build_graph(design)` turns the reference fields of a design into one `networkx.DiGraph` so that
the architecture rules (ownership, cycles, reachability, gateways, single points of failure)
ask graph questions instead of re-walking the document each in its own way.

Nodes are keyed by model path tuples, `("services", "tweet-service")`, so a finding about a node
can be located in the YAML directly. Node attributes: `section`, `id`, `model`.

Edges point in the direction requests or data flow and carry:

- `kind`: the most significant kind of the edge (see `KIND_ORDER`);
- `kinds`: every kind declared between the two nodes (a service may both read and write a store,
  and a DiGraph holds one edge per ordered pair);
- `paths`: kind -> model path of the first reference that declared it, so that a rule can point
  at the exact `calls:` entry that closes a cycle.

Edge kinds:

- `call`: synchronous request/response: `clients.*.calls`, `edge.*.routes_to`, `services.*.calls`;
- `publish`: service -> queue (`services.*.publishes`);
- `consume`: queue -> consuming service (`queues.*.consumers`, and a fan-out's `source` ->
  `worker`);
- `read`, `write`: service -> store (`services.*.reads` / `writes`);
- `own`: service -> store, from either side (`services.*.owns` or the store's `owner`);
- `fanout`: fan-out worker -> target and -> `followers_from`, and the celebrity pull path
  `pull_by` -> `pull_from`;
- `dead-letter`: queue -> its dead-letter queue.

References to undeclared ids are skipped: DL003 reports them, and a rule judging a graph with a
phantom node would report the typo a second time under a misleading name.

Building is linear in the size of the document (each reference adds at most one edge), which
matters because the benchmark design has 10,000 services. This module is only imported lazily
through `Context.graph`, so networkx's import cost is paid only by rules that need the graph.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from designlint.model import Design
from designlint.model.base import as_list

Node = tuple[str, str]

# Most significant first: a pair that is both called and read is a synchronous dependency first.
KIND_ORDER = ("call", "publish", "consume", "write", "read", "own", "fanout", "dead-letter")
_RANK = {kind: i for i, kind in enumerate(KIND_ORDER)}
STORE_SECTIONS = ("datastores", "caches")


def build_graph(design: Design) -> nx.DiGraph:
    """The component graph of `design`; see the module docstring for nodes and edge kinds."""
    index = design.components  # id -> (section, model); first declaration wins (DL005)
    # Edges are gathered in a plain dict and handed to networkx once: per-edge `add_edge`
    # calls cost several times more on a 10,000-service design.
    edges: dict[tuple[Node, Node], dict] = {}

    def node(cid: str | None, sections: Iterable[str] | None = None) -> Node | None:
        entry = index.get(cid) if cid else None
        if entry is None or (sections is not None and entry[0] not in sections):
            return None
        return (entry[0], cid)

    def link(src: Node | None, dst: Node | None, kind: str, path: tuple) -> None:
        if src is None or dst is None:
            return
        data = edges.get((src, dst))
        if data is None:
            edges[(src, dst)] = {"kind": kind, "kinds": {kind}, "paths": {kind: path}}
            return
        data["kinds"].add(kind)
        data["paths"].setdefault(kind, path)
        if _RANK[kind] < _RANK[data["kind"]]:
            data["kind"] = kind

    for cid, client in design.clients.items():
        src = node(cid, ("clients",))
        for i, target in enumerate(client.calls):
            link(src, node(target), "call", ("clients", cid, "calls", i))
    for cid, edge in design.edge.items():
        src = node(cid, ("edge",))
        for i, target in enumerate(edge.routes_to):
            link(src, node(target), "call", ("edge", cid, "routes_to", i))
    for sid, svc in design.services.items():
        src = node(sid, ("services",))
        for field, kind, sections in (
            ("calls", "call", ("services", "edge")),
            ("publishes", "publish", ("queues",)),
            ("reads", "read", STORE_SECTIONS),
            ("writes", "write", STORE_SECTIONS),
            ("owns", "own", STORE_SECTIONS),
        ):
            for i, target in enumerate(getattr(svc, field)):
                link(src, node(target, sections), kind, ("services", sid, field, i))
    for section in STORE_SECTIONS:
        for cid, store in getattr(design, section).items():
            dst = node(cid, (section,))
            multi = isinstance(store.owner, list)
            for i, owner in enumerate(as_list(store.owner)):
                path = (section, cid, "owner") + ((i,) if multi else ())
                link(node(owner, ("services",)), dst, "own", path)
    for qid, queue in design.queues.items():
        src = node(qid, ("queues",))
        for consumer in queue.consumers:
            link(
                src,
                node(consumer, ("services",)),
                "consume",
                ("queues", qid, "consumers", consumer),
            )
        if isinstance(queue.dead_letter, str):
            link(
                src,
                node(queue.dead_letter, ("queues",)),
                "dead-letter",
                ("queues", qid, "dead_letter"),
            )
    for fid, fan in design.fanout.items():
        base = ("fanout", fid)
        worker = node(fan.worker, ("services",))
        link(node(fan.source, ("queues",)), worker, "consume", (*base, "source"))
        link(worker, node(fan.target, STORE_SECTIONS), "fanout", (*base, "target"))
        link(worker, node(fan.followers_from), "fanout", (*base, "followers_from"))
        link(node(fan.pull_by, ("services",)), node(fan.pull_from), "fanout", (*base, "pull_from"))
    graph = nx.DiGraph()
    graph.add_nodes_from(
        ((section, cid), {"section": section, "id": cid, "model": model})
        for cid, (section, model) in index.items()
    )
    graph.add_edges_from((u, v, data) for (u, v), data in edges.items())
    return graph


def edges_of_kind(graph: nx.DiGraph, kinds: Iterable[str]) -> list[tuple[Node, Node]]:
    """Every edge carrying at least one of `kinds` (not only as its primary kind)."""
    wanted = set(kinds)
    return [(u, v) for u, v, data in graph.edges(data=True) if data["kinds"] & wanted]


def subgraph_of_kind(graph: nx.DiGraph, kinds: Iterable[str]) -> nx.DiGraph:
    """A view of `graph` keeping every node but only the edges carrying one of `kinds`."""
    wanted = set(kinds)
    return nx.subgraph_view(graph, filter_edge=lambda u, v: bool(graph[u][v]["kinds"] & wanted))


def reachable(graph: nx.DiGraph, sources: Iterable[Node], kinds: Iterable[str]) -> set[Node]:
    """Nodes reachable from `sources` (included) following only edges carrying `kinds`.

    A plain breadth-first search, linear in nodes plus edges.
    """
    wanted = set(kinds)
    seen = {s for s in sources if s in graph}
    stack = list(seen)
    succ = graph.succ
    while stack:
        current = stack.pop()
        for nxt, data in succ[current].items():
            if nxt not in seen and data["kinds"] & wanted:
                seen.add(nxt)
                stack.append(nxt)
    return seen


def cycle_in(graph: nx.DiGraph, component: set[Node], start: Node) -> list[Node]:
    """One concrete cycle through `start` inside a strongly connected `component`.

    A breadth-first search from `start` restricted to the component finds the shortest way back
    to `start`, so the cost is linear in the component, never in the number of cycles.
    Returns the nodes in order, without repeating `start` at the end.
    """
    succ = graph.succ
    if start in succ[start]:
        return [start]
    parent: dict[Node, Node] = {}
    frontier = [start]
    seen = {start}
    while frontier:
        nxt_frontier = []
        for current in frontier:
            for nxt in succ[current]:
                if nxt == start:
                    path = [current]
                    while path[-1] != start:
                        path.append(parent[path[-1]])
                    return path[::-1]
                if nxt in component and nxt not in seen:
                    seen.add(nxt)
                    parent[nxt] = current
                    nxt_frontier.append(nxt)
        frontier = nxt_frontier
    return []
