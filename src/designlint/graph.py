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

In the adjacency, an edge is the tuple of its kinds alone, in the order they were declared; the
primary kind is the first of them in `KIND_ORDER`. The paths are not kept there: `references`
yields every reference with its path, and `call_paths` the calls of one component, for the
rare finding that points at one.

Building is linear in the size of the document (each reference adds at most one edge), which
matters because the benchmark design has 10,000 services. This module is only imported lazily
through `Context.graph_facts`, and networkx only by the functions that build a graph or run an
algorithm on one, so networkx's import cost is paid only when a design needs it: the graph
rules need it only for a call layer that holds a cycle.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from functools import cached_property
from typing import TYPE_CHECKING

from designlint.findings import ModelPath
from designlint.model import Design

if TYPE_CHECKING:
    import networkx as nx

Node = tuple[str, str]
# node -> successor -> the kinds of the edge between them, in the order they were declared
Adjacency = dict[Node, dict[Node, tuple[str, ...]]]
# one reference: source node, target node, kind, model path of the reference
Reference = tuple[Node, Node, str, ModelPath]

# Most significant first: a pair that is both called and read is a synchronous dependency first.
KIND_ORDER = ("call", "publish", "consume", "write", "read", "own", "fanout", "dead-letter")
_RANK = {kind: i for i, kind in enumerate(KIND_ORDER)}
_OWN = ("own",)
STORE_SECTIONS = ("datastores", "caches")
CALL_SECTIONS = ("services", "edge")
# section -> (field, kind, the sections its targets may be in, or None for any)
_FIELDS: dict[str, tuple[tuple[str, str, tuple[str, ...] | None], ...]] = {
    "clients": (("calls", "call", None),),
    "edge": (("routes_to", "call", None),),
    "services": (
        ("calls", "call", CALL_SECTIONS),
        ("publishes", "publish", ("queues",)),
        ("reads", "read", STORE_SECTIONS),
        ("writes", "write", STORE_SECTIONS),
        ("owns", "own", STORE_SECTIONS),
    ),
}


def references(design: Design) -> Iterator[Reference]:
    """Every reference of `design` that makes an edge, in declaration order, with the model path
    that declares it: the one definition of the graph's edges (`adjacency` is the same walk
    without the paths, and `build_graph` keeps the first path of each kind)."""
    node_of = _node_of(design)
    for section, fields in _FIELDS.items():
        for cid, model in getattr(design, section).items():
            src = node_of.get(cid)
            if src is None or src[0] != section:
                continue  # a duplicate id declared first elsewhere (DL005)
            for field, kind, sections in fields:
                for i, target in enumerate(getattr(model, field)):
                    dst = node_of.get(target)
                    if dst is not None and (sections is None or dst[0] in sections):
                        yield src, dst, kind, (section, cid, field, i)
    yield from _store_owners(design, node_of)
    yield from _flow_references(design, node_of)


def _node_of(design: Design) -> dict[str, Node]:
    """id -> node; the first declaration wins (DL005), so a node is never made twice."""
    return {cid: (section, cid) for cid, (section, _) in design.components.items()}


def _store_owners(design: Design, node_of: dict[str, Node]) -> Iterator[Reference]:
    """The `own` edges a store's `owner` declares."""
    for section in STORE_SECTIONS:
        for cid, store in getattr(design, section).items():
            owner = store.owner
            dst = node_of.get(cid) if owner is not None else None
            if dst is None or dst[0] != section:
                continue
            if isinstance(owner, str):
                src = node_of.get(owner)
                if src is not None and src[0] == "services":
                    yield src, dst, "own", (section, cid, "owner")
                continue
            for i, one in enumerate(owner):
                src = node_of.get(one)
                if src is not None and src[0] == "services":
                    yield src, dst, "own", (section, cid, "owner", i)


def _flow_references(design: Design, node_of: dict[str, Node]) -> Iterator[Reference]:
    """The references of queues and fan-outs: consumers, dead letters, the fan-out links."""

    def node(cid: str | None, sections: tuple[str, ...] | None = None) -> Node | None:
        found = node_of.get(cid) if cid else None
        if found is None or (sections is not None and found[0] not in sections):
            return None
        return found

    def edge(src: Node | None, dst: Node | None, kind: str, path: ModelPath) -> Iterator[Reference]:
        if src is not None and dst is not None:
            yield src, dst, kind, path

    for qid, queue in design.queues.items():
        src = node(qid, ("queues",))
        for consumer in queue.consumers:
            path = ("queues", qid, "consumers", consumer)
            yield from edge(src, node(consumer, ("services",)), "consume", path)
        if isinstance(queue.dead_letter, str):
            path = ("queues", qid, "dead_letter")
            yield from edge(src, node(queue.dead_letter, ("queues",)), "dead-letter", path)
    for fid, fan in design.fanout.items():
        base = ("fanout", fid)
        worker = node(fan.worker, ("services",))
        yield from edge(node(fan.source, ("queues",)), worker, "consume", (*base, "source"))
        yield from edge(worker, node(fan.target, STORE_SECTIONS), "fanout", (*base, "target"))
        yield from edge(worker, node(fan.followers_from), "fanout", (*base, "followers_from"))
        pull = (*base, "pull_from")
        yield from edge(node(fan.pull_by, ("services",)), node(fan.pull_from), "fanout", pull)


def adjacency(design: Design) -> Adjacency:
    """Every component of `design`, in declaration order, -> its successors -> the kinds of the
    edge between them, in the order they were declared.

    The walk of `references` without the paths, and as plain dicts: the rules ask only "what
    follows this node, and how", which a dict answers for a fraction of what building a
    `networkx.DiGraph` costs on a 10,000-service design. An edge's value is a tuple of kinds,
    most often one of the shared one-kind tuples, so that the 36,000 edges of the benchmark
    design allocate nothing of their own; the path of a reference is looked up only when a
    finding points at it (`call_paths`, `references`).
    """
    return _walk(design)[0]


def _walk(design: Design) -> tuple[Adjacency, dict[Node, object]]:
    """`adjacency(design)`, and the components that may run fewer than 2 replicas (see
    `GraphFacts.few_replicas`), read in the same walk while each model is at hand: a second
    pass over 21,000 models costs what their memory reads cost."""
    node_of = _node_of(design)
    succ: Adjacency = {node: {} for node in node_of.values()}
    few: dict[Node, object] = {}
    get = node_of.get
    # The components' own reference fields inline: services hold most of a big design's
    # references, and a function call or a generator step per reference is a measurable share
    # of the walk.
    for section, fields in _FIELDS.items():
        plain = [(field, (kind,), sections) for field, kind, sections in fields]
        for cid, model in getattr(design, section).items():
            src = get(cid)
            if src is None or src[0] != section:
                continue
            replicas = model.replicas
            if type(replicas) is not int or replicas < 2:
                few[src] = replicas
            out = succ[src]
            for field, one, sections in plain:
                targets = getattr(model, field)
                if not targets:
                    continue
                kind = one[0]
                for target in targets:
                    dst = get(target)
                    if dst is not None and (sections is None or dst[0] in sections):
                        edge = out.get(dst)
                        if edge is None:
                            out[dst] = one
                        elif kind not in edge:
                            out[dst] = edge + one
    for section in STORE_SECTIONS:
        for cid, store in getattr(design, section).items():
            dst = get(cid)
            if dst is None or dst[0] != section:
                continue
            replicas = store.replicas
            if type(replicas) is not int or replicas < 2:
                few[dst] = replicas
            owner = store.owner
            if owner is None:
                continue
            for one in (owner,) if isinstance(owner, str) else owner:
                src = get(one)
                if src is not None and src[0] == "services":
                    out = succ[src]
                    edge = out.get(dst)
                    if edge is None:
                        out[dst] = _OWN
                    elif "own" not in edge:
                        out[dst] = (*edge, "own")
    for qid, queue in design.queues.items():
        node = get(qid)
        replicas = queue.replicas
        if node is not None and node[0] == "queues" and (type(replicas) is not int or replicas < 2):
            few[node] = replicas
    for src, dst, kind, _ in _flow_references(design, node_of):
        out = succ[src]
        edge = out.get(dst)
        if edge is None:
            out[dst] = (kind,)
        elif kind not in edge:
            out[dst] = (*edge, kind)
    return succ, few


def build_graph(design: Design, succ: Adjacency | None = None) -> nx.DiGraph:
    """The component graph of `design` (see the module docstring for nodes and edge kinds),
    built in bulk from its `adjacency` (`succ`, when the caller has it already), each edge with
    the paths of the references that declare it (`references`)."""
    import networkx as nx

    if succ is None:
        succ = adjacency(design)
    paths: dict[tuple[Node, Node], dict[str, ModelPath]] = {}
    for src, dst, kind, path in references(design):
        paths.setdefault((src, dst), {}).setdefault(kind, path)
    graph = nx.DiGraph()
    graph.add_nodes_from(
        ((section, cid), {"section": section, "id": cid, "model": model})
        for cid, (section, model) in design.components.items()
    )
    graph.add_edges_from(
        (
            u,
            v,
            {
                "kind": min(kinds, key=_RANK.__getitem__),
                "kinds": set(kinds),
                "paths": {kind: paths[u, v][kind] for kind in kinds},
            },
        )
        for u, targets in succ.items()
        for v, kinds in targets.items()
    )
    return graph


def call_paths(design: Design, node: Node) -> dict[Node, ModelPath]:
    """The components `node` calls -> the `calls` or `routes_to` entry that first says so.

    A call is declared only in its caller's own model, so this reads one component, not the
    whole design: the adjacency keeps no paths, and a finding about a call looks its path up
    here."""
    section, cid = node
    fields = _FIELDS.get(section, ())
    model = design.components[cid][1] if fields else None
    node_of = design.component_path
    found: dict[Node, ModelPath] = {}
    for field, kind, sections in fields:
        if kind != "call":
            continue
        for i, target in enumerate(getattr(model, field)):
            dst = node_of(target)
            if dst is not None and (sections is None or dst[0] in sections):
                found.setdefault(dst, (section, cid, field, i))
    return found


def reachable(succ: Adjacency, sources: Iterable[Node], kinds: Iterable[str]) -> set[Node]:
    """Nodes reachable from `sources` (included) following only edges carrying `kinds`.

    A depth-first search over the adjacency with one stack, linear in nodes plus edges.
    """
    wanted = frozenset(kinds)
    every = wanted >= set(KIND_ORDER)
    (only,) = wanted if len(wanted) == 1 else (None,)
    seen = {s for s in sources if s in succ}
    stack = list(seen)
    add, push, pop = seen.add, stack.append, stack.pop
    if every:  # the kinds of an edge are not even looked at
        while stack:
            for n in succ[pop()]:
                if n not in seen:
                    add(n)
                    push(n)
    elif only is not None:  # one kind, the common question: a plain membership test
        while stack:
            for n, edge in succ[pop()].items():
                if only in edge and n not in seen:
                    add(n)
                    push(n)
    else:
        while stack:
            for n, edge in succ[pop()].items():
                if n not in seen and not wanted.isdisjoint(edge):
                    add(n)
                    push(n)
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
    def _walked(self) -> tuple[Adjacency, dict[Node, object]]:
        return _walk(self.design)

    @cached_property
    def succ(self) -> Adjacency:
        """The design's `adjacency`, built on the first question that needs it:
        `entry_points` alone does not."""
        return self._walked[0]

    @cached_property
    def few_replicas(self) -> dict[Node, object]:
        """The components whose `replicas` is not a whole number of 2 or more (unset, 0, 1, a
        range, words), with that value: the only ones DL702 has to judge, found in the walk
        that builds `succ`."""
        return self._walked[1]

    @cached_property
    def order(self) -> dict[Node, int]:
        """Declaration order of the nodes, for picking the first of a set deterministically."""
        return {node: i for i, node in enumerate(self.succ)}

    @cached_property
    def _call_core(self) -> dict[Node, list[Node]]:
        """The part of the synchronous call layer (services and edge components) that can hold
        a cycle: each component -> the components it calls.

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
            [index[v] for v, kinds in targets.items() if "call" in kinds and v[0] in CALL_SECTIONS]
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
            u: [v for v, kinds in targets.items() if "call" in kinds and v in kept]
            for u, targets in layer
            if u in kept
        }
        return _peel(rest)

    @cached_property
    def call_layer(self) -> nx.DiGraph:
        """`_call_core` as a networkx graph, for its strongly connected components; each edge's
        `path` is the `calls` or `routes_to` entry that declares it."""
        import networkx as nx

        layer = {}
        for u, targets in self._call_core.items():
            paths = call_paths(self.design, u)
            layer[u] = {v: {"path": paths[v]} for v in targets}
        return nx.DiGraph(layer)

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
        """Where work starts: every client, every service of `kind: job` (a scheduler starts
        it), and every service of `kind: worker` that does something (calls, reads, writes,
        publishes, owns, or consumes a queue or a fan-out's source): a worker runs its own
        loop, pulling work from what it calls or consumes, whether or not anything calls it.
        Read from the models, not the adjacency, so that a design with no entry point at all
        is told so without a walk."""
        design = self.design
        entries = [("clients", cid) for cid in design.clients]
        workers = []
        for sid, svc in design.services.items():  # one pass: a big design has 10,000
            kind = svc.kind
            if kind == "job":
                entries.append(("services", sid))
            elif kind == "worker":
                workers.append((sid, svc))
        if not workers:
            return entries
        consumers = {c for queue in design.queues.values() for c in queue.consumers}
        consumers.update(fan.worker for fan in design.fanout.values() if fan.worker)
        entries += [
            ("services", sid)
            for sid, svc in workers
            if svc.calls or svc.reads or svc.writes or svc.publishes or svc.owns or sid in consumers
        ]
        return entries

    @cached_property
    def reached_from_entries(self) -> set[Node]:
        """Everything an entry point reaches along edges of any kind: each carries traffic or
        data onward, and ownership counts so that a store is reached through the service that
        owns it even when no read or write is spelled out.

        Two links that are not edges of the architecture reach too: a flow's path (each hop
        reaches the next: the design says the request or the event goes there), and `part_of`
        (a service that is part of a reached one runs with it). They are added only when the
        edges alone leave something unreached, the exception, so that the common design pays
        for one walk."""
        succ = self.succ
        seen = reachable(succ, self.entry_points, KIND_ORDER)
        if len(seen) == len(succ):
            return seen
        implied = self._implied_links()
        stack = [v for u in seen for v in implied.get(u, ()) if v not in seen]
        seen.update(stack)
        while stack:
            node = stack.pop()
            for nxt in (*succ[node], *implied.get(node, ())):
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        return seen

    def _implied_links(self) -> dict[Node, list[Node]]:
        """node -> the nodes it reaches other than by an edge: the next declared hop of each
        flow's path (an undeclared hop, DL003's finding, is stepped over), and a service ->
        the services `part_of` it."""
        design = self.design
        node_of = design.component_path
        links: dict[Node, list[Node]] = {}
        for flow in design.flows.values():
            hops = [node_of(h if isinstance(h, str) else h.component) for h in flow.path]
            nodes = [n for n in hops if n is not None]
            for u, v in itertools.pairwise(nodes):
                if u != v:
                    links.setdefault(u, []).append(v)
        for sid, svc in design.services.items():
            whole = node_of(svc.part_of) if svc.part_of else None
            if whole is not None and whole[0] == "services" and node_of(sid) == ("services", sid):
                links.setdefault(whole, []).append(("services", sid))
        return links

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
            for hop in flow.path:  # an id alone is a synchronous hop (`Flow.hops`)
                if not isinstance(hop, str):
                    if hop.call == "async":
                        break
                    hop = hop.component
                node = design.component_path(hop)
                if node is not None and node not in why:
                    why[node] = f"a synchronous hop of flow `{fid}`"
        called = self.called_by_clients
        succ = self.succ
        for node in succ:  # in declaration order
            if node in called and node not in why:
                why[node] = "called, directly or not, by client traffic"
        for node in [n for n in why if n[0] == "services"]:
            for store, kinds in succ[node].items():
                if ("read" in kinds or "write" in kinds) and store not in why:
                    why[store] = f"read or written synchronously by `{node[1]}`"
        return why


def _peel(layer: dict[Node, list[Node]]) -> dict[Node, list[Node]]:
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
        u: [v for v in targets if v not in removed]
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
