"""DL406 unreachable-component: a component no entry point (client, job, worker) can reach."""

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
    Reports a component that cannot be reached from any entry point (a client, a job, or a
    worker that runs on its own). An edge component, service, datastore, cache or queue is
    reachable when a path of the architecture's edges leads to it from an entry point: client
    `calls`, edge `routes_to`, service `calls`, `publishes`, `reads`, `writes` and `owns`, a
    store's `owner`, queue `consumers`, a queue's `dead_letter`, the fan-out links (source
    queue to worker, worker to target and to `followers_from`, `pull_by` to `pull_from`), and
    each hop of a flow's `path` to the next one.

    Decisions:

    - Entry points are the clients, services of `kind: job`, which a scheduler starts rather
      than a request, and services of `kind: worker` that do something (`calls`, `reads`,
      `writes`, `publishes`, `owns`, or consume a queue or a fan-out's source): a worker runs
      its own loop and pulls its work (a crawler's downloaders call the URL frontier for the
      next URL), so nothing has to call it. A worker that does nothing at all is reported like
      any other component nothing reaches.
    - A flow's path reaches each of its hops from the one before, synchronous or `call: async`
      (an upload lands in the object store, whose event starts the transcoder): the design
      states that the request or the event goes there. A hop that is not declared (DL003) is
      stepped over.
    - A service `part_of` a reached service (an API's change-data-capture indexer or worker)
      runs with it and is reached, with what it reaches.
    - A queue nobody publishes to is reported, not the workers consuming it: the missing
      arrow is the publisher's.
    - A design that declares components but no entry point at all (no client, no job and no
      worker doing anything) gets one finding, at the top of the document, instead of one per
      component: the missing entry point is the problem. A design driven only by jobs or
      workers (a crawler, a batch pipeline) needs no client.

    ## Why is this bad?
    The article draws the path from the client through the load balancer and gateway to the
    services and stores before anything else, because every box must earn its place by serving
    a request. A component nothing reaches is either dead weight, or, more often, a missing
    arrow: a queue nobody publishes to, a store whose owner forgot to declare it. Either way
    the drawn architecture does not do what the design claims.

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
            "the design declares no client, no job and no worker doing anything, so no "
            "component is reachable from an entry point",
            fix="declare the clients (`clients: {web: {calls: [...]}}`) that send the traffic, "
            "mark scheduled work `kind: job`, or work that runs on its own `kind: worker`",
        )
        return
    seen = facts.reached_from_entries
    graph = facts.succ
    if len(seen) == len(graph):
        return  # every component is reached, the common case: no component to look at
    for node in graph:  # in declaration order
        if node[0] != "clients" and node not in seen:
            section, cid = node
            what = section.rstrip("s") if section in COMPONENT_SECTIONS[2:] else "edge component"
            yield Violation(
                node,
                f"{what} `{cid}` cannot be reached from any entry point (client, job or worker)",
                fix="connect it (a client or gateway route, a `calls`, `publishes`, `owns`, a "
                "queue consumer or a flow hop), or remove it",
            )
