"""DL704 latency-budget-exceeded: the hops of a flow add up to more than its SLA."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.numbers.capacity import budget, ms
from designlint.registry import rule


@rule("DL704", "latency-budget-exceeded", "error")
def latency_budget_exceeded(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Adds up the per-hop latency `budget`s along a flow and reports the flow when the sum
    exceeds the target of its latency NFR (`sla`). The message shows the sum, hop by hop in
    path order: "15 + 1 + 10 + 20 + 1 = 47 ms".

    Only synchronous hops count: a hop reached with `call: async` (a queue, a fan-out worker)
    happens after the response and adds nothing to what the user waits for. Hops without a
    budget add nothing either (DL705 asks for budgets when there are none at all). The finding
    sits on the flow's `sla`.

    ## Why is this bad?
    A latency SLA is a budget to be spent along the request path: network and serialization,
    a cache lookup, a database query, hydration, the merge. The article's read path spends
    1 + 10 + 20 + 1 + 15 = 47 ms at the median against a 200 ms p99 target, which leaves room
    for the slow tail. When the stated budgets already add up to more than the SLA at their
    stated values, the design cannot meet its target even on a good day, and the only fixes
    are architectural: fewer hops, parallel calls, a cache in front of the slow one.

    ## Example
    ```yaml
    designlint: 1
    name: Timeline
    requirements:
      non_functional:
        timeline-latency: {kind: latency, target: 200ms, percentile: p99}
    services:
      timeline-service: {}
      tweet-service: {}
    datastores:
      tweet-db: {kind: wide-column}
    flows:
      read-timeline:
        sla: timeline-latency
        path:
          - {component: timeline-service, budget: 60ms}
          - {component: tweet-db, budget: 100ms}
          - {component: tweet-service, budget: 100ms}
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Timeline
    requirements:
      non_functional:
        timeline-latency: {kind: latency, target: 200ms, percentile: p99}
    services:
      timeline-service: {}
      tweet-service: {}
    datastores:
      tweet-db: {kind: wide-column}
    flows:
      read-timeline:
        sla: timeline-latency
        path:
          - {component: timeline-service, budget: 15ms}
          - {component: tweet-db, budget: 10ms}
          - {component: tweet-service, budget: 20ms}
    ```
    """
    for fid, flow in ctx.design.flows.items():
        b = budget(ctx.design, fid, flow)
        if not b.exceeded or b.sla is None:
            continue
        pct = f" {b.percentile}" if b.percentile else ""
        yield Violation(
            ("flows", fid, "sla"),
            f"the hop budgets of flow `{fid}` add up to {b.sum_text()}, over its "
            f"{ms(b.sla.base)} ms{pct} SLA `{b.sla_id}`",
            fix=f"cut {ms(b.total - b.sla.base)} ms: fewer sequential hops, parallel calls, "
            "or a cache in front of the slowest hop",
        )
