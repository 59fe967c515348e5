"""The architecture as a directed graph: who sends requests, messages and data to whom.

`adjacency(design)` turns the reference fields of a design into plain successor dicts, in one
walk, and `GraphFacts` answers the architecture rules' graph questions (cycles, reachability,
gateways, request paths) from them once per design, instead of each rule re-walking the
document in its own way. `build_graph(design)` hands the same adjacency to networkx in bulk, for
callers that want a `networkx.DiGraph` itself (`designlint diff`).

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

In the adjacency, an edge is the dict `kinds -> paths` alone: its keys are the kinds, in the
order they were declared, and the primary kind is the first of them in `KIND_ORDER`.

Building is linear in the size of the document (each reference adds at most one edge), which
matters because the benchmark design has 10,000 services. This module is only imported lazily
through `Context.graph_facts`, and networkx only by the functions that build a graph or run an
algorithm on one, so networkx's import cost is paid only when a design needs it: the graph
rules need it only for a call layer that holds a cycle.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from typing import TYPE_CHECKING

from designlint.findings import ModelPath
from designlint.model import Design

if TYPE_CHECKING:
    import networkx as nx

Node = tuple[str, str]
# node -> successor -> {kind: model path of the first reference that declared it}
Adjacency = dict[Node, dict[Node, dict[str, ModelPath]]]

# Most significant first: a pair that is both called and read is a synchronous dependency first.
KIND_ORDER = ("call", "publish", "consume", "write", "read", "own", "fanout", "dead-letter")
_RANK = {kind: i for i, kind in enumerate(KIND_ORDER)}
STORE_SECTIONS = ("datastores", "caches")
CALL_SECTIONS = ("services", "edge")
_CLIENT_FIELDS = (("calls", "call", None),)
_EDGE_FIELDS = (("routes_to", "call", None),)
_SERVICE_FIELDS = (
    ("calls", "call", CALL_SECTIONS),
    ("publishes", "publish", ("queues",)),
    ("reads", "read", STORE_SECTIONS),
    ("writes", "write", STORE_SECTIONS),
    ("owns", "own", STORE_SECTIONS),
)


def adjacency(design: Design) -> Adjacency:
    """Every component of `design`, in declaration order, -> its successors -> the kinds of the
    edge between them, each with the model path of the first reference that declared it (kinds
    in the order they were declared).

    Plain dicts, in one walk over the design's references: the rules ask only "what follows
    this node, and how", which a dict answers for a fraction of what building a
    `networkx.DiGraph` costs on a 10,000-service design; `build_graph` hands the same adjacency
    to networkx in bulk when a caller wants the graph itself.
    """
    # id -> node; the first declaration wins (DL005), so a node is never made twice.
    node_of = {cid: (section, cid) for cid, (section, _) in design.components.items()}
    succ: Adjacency = {node: {} for node in node_of.values()}

    def link(src: Node | None, dst: Node | None, kind: str, path: ModelPath) -> None:
        if src is not None and dst is not None:
            edge = succ[src].setdefault(dst, {kind: path})
            if kind not in edge:
                edge[kind] = path

    def node(cid: str | None, sections: tuple[str, ...] | None = None) -> Node | None:
        found = node_of.get(cid) if cid else None
        if found is None or (sections is not None and found[0] not in sections):
            return None
        return found

    # The references of each component, inline: services hold most of a big design's
    # references, and a function call per reference is a measurable share of the walk.
    # `setdefault` keeps the first path of a kind; a repeated kind leaves the edge as it was.
    for section, fields in (("clients", _CLIENT_FIELDS), ("edge", _EDGE_FIELDS)):
        for cid, model in getattr(design, section).items():
            src = node_of.get(cid)
            if src is None or src[0] != section:
                continue  # a duplicate id declared first elsewhere (DL005)
            out = succ[src]
            for field, kind, sections in fields:
                for i, target in enumerate(getattr(model, field)):
                    dst = node_of.get(target)
                    if dst is not None and (sections is None or dst[0] in sections):
                        edge = out.setdefault(dst, {kind: (section, cid, field, i)})
                        if kind not in edge:
                            edge[kind] = (section, cid, field, i)
    # A service that reads, writes and owns one store adds three kinds to one edge: the edge's
    # dict is made once, not once per reference (`setdefault` would build it every time).
    get = node_of.get
    for sid, svc in design.services.items():
        src = get(sid)
        if src is None or src[0] != "services":
            continue
        out = succ[src]
        for field, kind, sections in _SERVICE_FIELDS:
            targets = getattr(svc, field)
            if targets:
                for i, target in enumerate(targets):
                    dst = get(target)
                    if dst is not None and dst[0] in sections:
                        edge = out.get(dst)
                        if edge is None:
                            out[dst] = {kind: ("services", sid, field, i)}
                        elif kind not in edge:
                            edge[kind] = ("services", sid, field, i)
    for section in STORE_SECTIONS:
        for cid, store in getattr(design, section).items():
            owner = store.owner
            if owner is None:
                continue
            dst = node_of.get(cid)
            if dst is None or dst[0] != section:
                continue
            if isinstance(owner, str):  # the common case, inline
                src = node_of.get(owner)
                if src is not None and src[0] == "services":
                    edge = succ[src].setdefault(dst, {"own": (section, cid, "owner")})
                    if "own" not in edge:
                        edge["own"] = (section, cid, "owner")
                continue
            for i, one in enumerate(owner):
                link(node(one, ("services",)), dst, "own", (section, cid, "owner", i))
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
    return succ


def build_graph(design: Design, succ: Adjacency | None = None) -> nx.DiGraph:
    """The component graph of `design` (see the module docstring for nodes and edge kinds),
    built in bulk from its `adjacency` (`succ`, when the caller has it already)."""
    import networkx as nx

    if succ is None:
        succ = adjacency(design)
    graph = nx.DiGraph()
    graph.add_nodes_from(
        ((section, cid), {"section": section, "id": cid, "model": model})
        for cid, (section, model) in design.components.items()
    )
    graph.add_edges_from(
        (u, v, {"kind": min(paths, key=_RANK.__getitem__), "kinds": set(paths), "paths": {**paths}})
        for u, targets in succ.items()
        for v, paths in targets.items()
    )
    return graph


def reachable(succ: Adjacency, sources: Iterable[Node], kinds: Iterable[str]) -> set[Node]:
    """Nodes reachable from `sources` (included) following only edges carrying `kinds`.

    A breadth-first search by frontiers over the adjacency, linear in nodes plus edges; when
    every kind is followed, the kinds of an edge are not even looked at.
    """
    wanted = frozenset(kinds)
    every = wanted >= set(KIND_ORDER)
    (only,) = wanted if len(wanted) == 1 else (None,)
    seen = {s for s in sources if s in succ}
    frontier = list(seen)
    while frontier:
        found: set[Node] = set()
        for current in frontier:
            if every:
                found.update(succ[current])
            elif only is not None:  # one kind, the common question: a plain membership test
                for n, paths in succ[current].items():
                    if only in paths:
                        found.add(n)
            else:
                for n, paths in succ[current].items():
                    if not wanted.isdisjoint(paths):
                        found.add(n)
        found -= seen
        seen |= found
        frontier = list(found)
    return seen


class GraphFacts:
    """What several architecture rules ask of the component graph, each answered once per design.

    DL405 reads the cycles of the synchronous call layer, DL406 what the entry points reach,
    DL407 the calls out of each component, DL702 what client traffic reaches;
    `Context.graph_facts` holds one instance per file, so a 10,000-service design pays for one
    walk over its references and one walk per question, not one per rule. The answers come
    from the plain `adjacency`; networkx runs only where an algorithm is needed (the strongly
    connected components of a call layer that can hold a cycle), and is not imported at all
    for a design without one.
    """

    def __init__(self, design: Design) -> None:
        self.design = design

    @cached_property
    def succ(self) -> Adjacency:
        """The design's `adjacency`, built on the first question that needs it:
        `entry_points` alone does not."""
        return adjacency(self.design)

    @cached_property
    def order(self) -> dict[Node, int]:
        """Declaration order of the nodes, for picking the first of a set deterministically."""
        return {node: i for i, node in enumerate(self.succ)}

    @cached_property
    def _call_core(self) -> dict[Node, dict[Node, ModelPath]]:
        """The part of the synchronous call layer (services and edge components) that can hold
        a cycle: each component -> the components it calls -> the `calls` or `routes_to` entry
        that says so.

        A component with no call in, or none out, within the layer is on no cycle; peeling such
        components off until none is left (linear, on plain dicts) leaves every cycle intact and,
        in the common acyclic design, nothing at all. The callers with no call in go first, by
        in-degree alone (in an acyclic layer that is every component); what is left, the
        cycles and what they call, is peeled from both sides. The order of removals does not
        change what is left.
        """
        layer = [(u, targets) for u, targets in self.succ.items() if u[0] in CALL_SECTIONS]
        index = {u: i for i, (u, _) in enumerate(layer)}
        # The first pass on positions in `layer`, so that peeling an acyclic layer hashes no node.
        calls = [
            [index[v] for v, paths in targets.items() if "call" in paths and v[0] in CALL_SECTIONS]
            for _, targets in layer
        ]
        into = [0] * len(layer)
        for row in calls:
            for v in row:
                into[v] += 1
        stack = [i for i, n in enumerate(into) if not n]
        left = len(layer)
        while stack:
            u = stack.pop()
            left -= 1
            for v in calls[u]:
                into[v] -= 1
                if not into[v]:
                    stack.append(v)
        if not left:
            return {}
        kept = {u for u, _ in layer if into[index[u]]}  # a node removed has no call in left
        rest = {
            u: {v: paths["call"] for v, paths in targets.items() if "call" in paths and v in kept}
            for u, targets in layer
            if u in kept
        }
        return _peel(rest)

    @cached_property
    def call_layer(self) -> nx.DiGraph:
        """`_call_core` as a networkx graph, for its strongly connected components; each edge's
        `path` is the `calls` or `routes_to` entry that declares it."""
        import networkx as nx

        core = self._call_core
        return nx.DiGraph(
            {u: {v: {"path": path} for v, path in targets.items()} for u, targets in core.items()}
        )

    @cached_property
    def call_cycles(self) -> list[set[Node]]:
        """Strongly connected parts of the call layer that hold a cycle and a service, found by
        one pass of networkx's strongly connected components over the layer's cyclic core (no
        pass, and no networkx, when the core is empty)."""
        if not self._call_core:
            return []
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
        return reachable(self.succ, self.entry_points, KIND_ORDER)

    @cached_property
    def called_by_clients(self) -> set[Node]:
        """Everything client traffic reaches through synchronous calls (clients included)."""
        clients = [("clients", cid) for cid in self.design.clients]
        return reachable(self.succ, clients, ("call",))

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
        succ = self.succ
        for node in succ:  # in declaration order
            if node in called and node not in why:
                why[node] = "called, directly or not, by client traffic"
        for node in [n for n in why if n[0] == "services"]:
            for store, paths in succ[node].items():
                if store not in why and ("read" in paths or "write" in paths):
                    why[store] = f"read or written synchronously by `{node[1]}`"
        return why


def _peel(layer: dict[Node, dict[Node, ModelPath]]) -> dict[Node, dict[Node, ModelPath]]:
    """`layer` without every node that has no edge in, or none out, within what is left."""
    into: dict[Node, int] = dict.fromkeys(layer, 0)
    callers: dict[Node, list[Node]] = {u: [] for u in layer}
    for u, targets in layer.items():
        for v in targets:
            into[v] += 1
            callers[v].append(u)
    outdeg = {u: len(targets) for u, targets in layer.items()}
    removed: set[Node] = set()
    stack = [u for u in layer if not into[u] or not outdeg[u]]
    while stack:
        u = stack.pop()
        if u in removed:
            continue
        removed.add(u)
        for v in layer[u]:
            into[v] -= 1
            if not into[v] and v not in removed:
                stack.append(v)
        for w in callers[u]:
            outdeg[w] -= 1
            if not outdeg[w] and w not in removed:
                stack.append(w)
    return {
        u: {v: path for v, path in targets.items() if v not in removed}
        for u, targets in layer.items()
        if u not in removed
    }


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
