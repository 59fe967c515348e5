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
through `Context.graph`, and networkx only by the functions that build or search a graph, so
networkx's import cost is paid only when a design needs its graph (`GraphFacts.entry_points`,
for one, does not).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cached_property
from typing import TYPE_CHECKING

from designlint.model import Design
from designlint.model.base import as_list

if TYPE_CHECKING:
    import networkx as nx

Node = tuple[str, str]

# Most significant first: a pair that is both called and read is a synchronous dependency first.
KIND_ORDER = ("call", "publish", "consume", "write", "read", "own", "fanout", "dead-letter")
_RANK = {kind: i for i, kind in enumerate(KIND_ORDER)}
STORE_SECTIONS = ("datastores", "caches")
CALL_SECTIONS = ("services", "edge")
_SERVICE_FIELDS = (
    ("calls", "call", CALL_SECTIONS),
    ("publishes", "publish", ("queues",)),
    ("reads", "read", STORE_SECTIONS),
    ("writes", "write", STORE_SECTIONS),
    ("owns", "own", STORE_SECTIONS),
)


def build_graph(design: Design) -> nx.DiGraph:
    """The component graph of `design`; see the module docstring for nodes and edge kinds."""
    index = design.components  # id -> (section, model); first declaration wins (DL005)
    section_of = {cid: entry[0] for cid, entry in index.items()}
    # Edges are gathered in a plain dict and handed to networkx once: per-edge `add_edge`
    # calls cost several times more on a 10,000-service design.
    edges: dict[tuple[Node, Node], dict] = {}

    def node(cid: str | None, sections: Iterable[str] | None = None) -> Node | None:
        section = section_of.get(cid) if cid else None
        if section is None or (sections is not None and section not in sections):
            return None
        return (section, cid)  # type: ignore[return-value]

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

    def link_all(src: Node | None, base: tuple, targets: list, kind: str, sections) -> None:
        """One field's references; the common case (a list of declared ids) stays in the loop."""
        if src is None:
            return
        for i, target in enumerate(targets):
            section = section_of.get(target) if target else None
            if section is None or (sections is not None and section not in sections):
                continue
            dst = (section, target)
            if (src, dst) in edges:
                link(src, dst, kind, (*base, i))
            else:
                edges[(src, dst)] = {"kind": kind, "kinds": {kind}, "paths": {kind: (*base, i)}}

    for cid, client in design.clients.items():
        link_all(node(cid, ("clients",)), ("clients", cid, "calls"), client.calls, "call", None)
    for cid, edge in design.edge.items():
        src = node(cid, ("edge",))
        link_all(src, ("edge", cid, "routes_to"), edge.routes_to, "call", None)
    for sid, svc in design.services.items():
        if section_of.get(sid) != "services":
            continue  # a duplicate id declared first elsewhere (DL005)
        src = ("services", sid)
        for field, kind, sections in _SERVICE_FIELDS:
            targets = getattr(svc, field)
            if not targets:
                continue
            # link_all's loop, inlined: services hold most of a big design's references.
            for i, target in enumerate(targets):
                section = section_of.get(target) if target else None
                if section is None or section not in sections:
                    continue
                dst = (section, target)
                path = ("services", sid, field, i)
                if (src, dst) in edges:
                    link(src, dst, kind, path)
                else:
                    edges[(src, dst)] = {"kind": kind, "kinds": {kind}, "paths": {kind: path}}
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
    import networkx as nx

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
    import networkx as nx

    wanted = set(kinds)
    return nx.subgraph_view(graph, filter_edge=lambda u, v: bool(graph[u][v]["kinds"] & wanted))


def reachable(graph: nx.DiGraph, sources: Iterable[Node], kinds: Iterable[str]) -> set[Node]:
    """Nodes reachable from `sources` (included) following only edges carrying `kinds`.

    A breadth-first search by frontiers, linear in nodes plus edges; when every kind is
    followed, the edge data is not even looked at.
    """
    wanted = set(kinds)
    every = wanted >= set(KIND_ORDER)
    seen = {s for s in sources if s in graph}
    frontier = list(seen)
    succ = _adjacency(graph)
    while frontier:
        found: set[Node] = set()
        for current in frontier:
            if every:
                found.update(succ[current])
            else:
                found.update(n for n, data in succ[current].items() if data["kinds"] & wanted)
        found -= seen
        seen |= found
        frontier = list(found)
    return seen


def _adjacency(graph: nx.DiGraph) -> dict[Node, dict[Node, dict]]:
    """The graph's successor dicts themselves, read-only: `graph.succ[node]` builds a view
    object per lookup, which the walks over 10,000-service designs feel."""
    return graph._succ  # noqa: SLF001 - networkx's documented adjacency storage


class GraphFacts:
    """What several architecture rules ask of the component graph, each answered once per design.

    DL405 reads the cycles of the synchronous call layer, DL406 what the entry points reach,
    DL702 what client traffic reaches; `Context.graph_facts` holds one instance per file, so a
    10,000-service design pays for one strongly-connected-components pass and one walk per
    question, not one per rule.
    """

    def __init__(self, design: Design, graph: Callable[[], nx.DiGraph]) -> None:
        self.design = design
        self._graph = graph

    @cached_property
    def graph(self) -> nx.DiGraph:
        """The component graph, built on the first question that needs it: `entry_points`
        alone does not."""
        return self._graph()

    @cached_property
    def order(self) -> dict[Node, int]:
        """Declaration order of the nodes, for picking the first of a set deterministically."""
        return {node: i for i, node in enumerate(self.graph)}

    @cached_property
    def call_layer(self) -> nx.DiGraph:
        """The part of the synchronous call layer (services and edge components) that can hold
        a cycle; each edge's `path` is the `calls` or `routes_to` entry that declares it.

        A component with no call in, or none out, within the layer is on no cycle; peeling such
        components off until none is left (linear, on plain dicts) leaves every cycle intact and,
        in the common acyclic design, nothing at all. networkx then gets only that core, in one
        bulk construction, instead of a filtered view of the whole graph that re-tests every
        edge on every visit.
        """
        succ = _adjacency(self.graph)
        out: dict[Node, dict[Node, tuple]] = {
            u: {
                v: data["paths"]["call"]
                for v, data in succ[u].items()
                if v[0] in CALL_SECTIONS and "call" in data["kinds"]
            }
            for u in self.order
            if u[0] in CALL_SECTIONS
        }
        into: dict[Node, int] = dict.fromkeys(out, 0)
        for targets in out.values():
            for v in targets:
                into[v] += 1
        callers: dict[Node, list[Node]] = {u: [] for u in out}
        for u, targets in out.items():
            for v in targets:
                callers[v].append(u)
        removed: set[Node] = set()
        outdeg = {u: len(targets) for u, targets in out.items()}
        stack = [u for u in out if not into[u] or not outdeg[u]]
        while stack:
            u = stack.pop()
            if u in removed:
                continue
            removed.add(u)
            for v in out[u]:
                into[v] -= 1
                if not into[v] and v not in removed:
                    stack.append(v)
            for w in callers[u]:
                outdeg[w] -= 1
                if not outdeg[w] and w not in removed:
                    stack.append(w)
        core = {
            u: {v: {"path": path} for v, path in targets.items() if v not in removed}
            for u, targets in out.items()
            if u not in removed
        }
        import networkx as nx

        return nx.DiGraph(core)

    @cached_property
    def call_cycles(self) -> list[set[Node]]:
        """Strongly connected parts of the call layer that hold a cycle and a service, found by
        one pass of networkx's strongly connected components over the layer's cyclic core."""
        import networkx as nx

        calls = self.call_layer
        cycles = []
        for component in nx.strongly_connected_components(calls):
            if len(component) == 1:
                (only,) = component
                if only[0] != "services" or not calls.has_edge(only, only):
                    continue
            elif not any(n[0] == "services" for n in component):
                continue
            cycles.append(component)
        return cycles

    @cached_property
    def entry_points(self) -> list[Node]:
        """Where traffic starts: every client, and every service of `kind: job`."""
        design = self.design
        entries = [("clients", cid) for cid in design.clients]
        entries += [("services", sid) for sid, svc in design.services.items() if svc.kind == "job"]
        return entries

    @cached_property
    def reached_from_entries(self) -> set[Node]:
        """Everything an entry point reaches along edges of any kind: each carries traffic or
        data onward, and ownership counts so that a store is reached through the service that
        owns it even when no read or write is spelled out."""
        return reachable(self.graph, self.entry_points, KIND_ORDER)

    @cached_property
    def called_by_clients(self) -> set[Node]:
        """Everything client traffic reaches through synchronous calls (clients included)."""
        clients = [("clients", cid) for cid in self.design.clients]
        return reachable(self.graph, clients, ("call",))

    @cached_property
    def request_path(self) -> dict[Node, str]:
        """Components on a request path -> why: a sync flow hop, client calls, or a service's
        store. A flow's path stops counting at its first asynchronous hop: what follows runs
        behind a queue, once the user already has a response."""
        design = self.design
        why: dict[Node, str] = {}
        for fid, flow in design.flows.items():
            for hop in flow.hops():
                if hop.call == "async":
                    break
                node = design.component_path(hop.component)
                if node is not None:
                    why.setdefault(node, f"a synchronous hop of flow `{fid}`")
        called = self.called_by_clients
        for node in self.graph:
            if node in called:
                why.setdefault(node, "called, directly or not, by client traffic")
        succ = _adjacency(self.graph)
        for node in [n for n in why if n[0] == "services"]:
            for store, data in succ[node].items():
                if data["kinds"] & {"read", "write"}:
                    why.setdefault(store, f"read or written synchronously by `{node[1]}`")
        return why


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
