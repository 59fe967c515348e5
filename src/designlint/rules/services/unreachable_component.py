"""DL406 unreachable-component: a component no entry point (client or job) can reach."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.model import COMPONENT_SECTIONS
from designlint.registry import rule


@rule("DL406", "unreachable-component", "warning")
def unreachable_component(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a component that cannot be reached from any entry point (a client or a job). An edge
    component, service, datastore, cache or queue is reachable when a path of the
    architecture's edges leads to it from an entry point: client `calls`, edge
    `routes_to`, service `calls`, `publishes`, `reads`, `writes` and `owns`, a store's
    `owner`, queue `consumers`, a queue's `dead_letter`, and the fan-out links (source queue to
    worker, worker to target and to `followers_from`, `pull_by` to `pull_from`).

    Decisions:

    - Entry points are the clients, plus services of `kind: job`, which a scheduler starts
      rather than a request.
    - A service `part_of` a reached service (an API's change-data-capture indexer or worker)
      runs with it and is reached, with what it reaches.
    - A design that declares components but no entry point at all (no client and no job)
      gets one finding, at the top of the document, instead of one per component: the missing
      entry point is the problem. A design driven only by jobs (a crawler, a batch pipeline)
      needs no client.
    - Flows are not edges: a component that appears only in a flow's path is still
      unreachable in the architecture, because the flow describes a path the services do not
      declare.

    ## Why is this bad?
    The article draws the path from the client through the load balancer and gateway to the
    services and stores before anything else, because every box must earn its place by serving
    a request. A component nothing reaches is either dead weight, or, more often, a missing
    arrow: a worker that consumes a queue nobody publishes to, a store whose owner forgot to
    declare it. Either way the drawn architecture does not do what the design claims.

    ## Example
    ```yaml
    designlint: 1
    name: Twitter
    clients:
      web: {calls: [tweet-service]}
    services:
      tweet-service: {}
      search-service: {}
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Twitter
    clients:
      web: {calls: [tweet-service, search-service]}
    services:
      tweet-service: {}
      search-service: {}
    ```
    """
    # The graph's nodes, in its order, without building it: a design with no component past
    # its clients needs no graph (nor networkx's import).
    components = ctx.design.components
    if all(sec == "clients" for sec, _ in components.values()):
        return  # nothing but clients: nothing to reach
    facts = ctx.graph_facts
    if not facts.entry_points:
        yield Violation(
            (),
            "the design declares no client and no job, so no component is reachable from an "
            "entry point",
            fix="declare the clients (`clients: {web: {calls: [...]}}`) that send the traffic, "
            "or mark scheduled work `kind: job`",
        )
        return
    from designlint.graph import KIND_ORDER, reachable

    seen = facts.reached_from_entries  # not changed in place: rebound below
    graph = facts.succ
    if len(seen) == len(graph):
        return  # every component is reached, the common case: no component to look at
    design = ctx.design
    while True:  # a part of a reached service (`part_of`) runs with it
        parts = [
            ("services", sid)
            for sid, svc in design.services.items()
            if svc.part_of and ("services", svc.part_of) in seen and ("services", sid) not in seen
        ]
        parts = [node for node in parts if node in graph]
        if not parts:
            break
        seen = seen | reachable(graph, parts, KIND_ORDER)
    for node in graph:  # in declaration order
        if node[0] != "clients" and node not in seen:
            section, cid = node
            what = section.rstrip("s") if section in COMPONENT_SECTIONS[2:] else "edge component"
            yield Violation(
                node,
                f"{what} `{cid}` cannot be reached from any entry point (client or job)",
                fix="connect it (a client or gateway route, a `calls`, `publishes`, `owns` or "
                "queue consumer), or remove it",
            )
