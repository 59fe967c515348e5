"""DL405 sync-call-cycle: services calling each other synchronously in a cycle."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.registry import rule


@rule("DL405", "sync-call-cycle", "error")
def sync_call_cycle(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports services that call each other synchronously in a cycle, naming the cycle:
    `a -> b -> c -> a`. Synchronous calls are `services.*.calls` and, when a service calls
    through a load balancer or gateway, that edge component's `routes_to`. Publishing to a
    queue is asynchronous and never closes a cycle.

    Each tangle of mutually reachable services (a strongly connected component of the call
    graph) is reported once, at the `calls` entry of its first declared service that starts
    the shortest cycle back to that service; when the tangle holds more components than that
    one cycle, the message names the rest too. A service calling itself is a cycle of one.
    Cycles made only of edge components (a routing loop) are not this rule's business.

    Cycles are found with strongly connected components in linear time; the tool never
    enumerates every cycle, which can be exponential in a large design.

    ## Why is this bad?
    In a synchronous cycle every request holds a thread or connection in each service it
    passes while it waits for the next. When one service in the ring slows down, the others
    fill up with waiting requests and slow down in turn, until the whole ring deadlocks or
    times out together; none of them can be deployed, scaled or degraded on its own. The
    article has services talk through APIs one way or through events on a queue: break the
    cycle by making one direction an event, or by moving the shared piece into a service both
    call.

    ## Example
    ```yaml
    designlint: 1
    name: Twitter
    services:
      timeline-service: {calls: [tweet-service]}
      tweet-service: {calls: [timeline-service]}
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Twitter
    services:
      timeline-service: {calls: [tweet-service]}
      tweet-service: {publishes: [new-tweets]}
    queues:
      new-tweets:
        consumers:
          timeline-service: {idempotent: true}
    ```
    """
    if not any(svc.calls for svc in ctx.design.services.values()):
        return  # a reported cycle runs through a service's `calls`: no graph (nor networkx)
    from designlint.depgraph import chain
    from designlint.graph import cycle_in

    facts = ctx.graph_facts
    cycles = facts.call_cycles
    if not cycles:
        return  # no networkx graph of the call layer needed
    calls = facts.call_layer
    order = facts.order
    for component in cycles:
        start = min((n for n in component if n[0] == "services"), key=order.__getitem__)
        cycle = cycle_in(calls, component, start)
        message = f"synchronous call cycle: {chain([n[1] for n in [*cycle, start]])}"
        on_cycle = set(cycle)
        rest = sorted((n for n in component if n not in on_cycle), key=order.__getitem__)
        if rest:
            shown = ", ".join(f"`{n[1]}`" for n in rest[:10])
            more = f" and {len(rest) - 10} more" if len(rest) > 10 else ""
            message += f" (part of a tangle that also includes {shown}{more})"
        nxt = cycle[1] if len(cycle) > 1 else start
        yield Violation(
            calls[start][nxt]["path"],
            message,
            fix="make one direction asynchronous (publish an event to a queue), or move the "
            "shared logic into a service both call",
        )
