"""DL705 no-latency-budget: a flow promises a latency but never says where the time goes."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.numbers.capacity import budget
from designlint.registry import rule


@rule("DL705", "no-latency-budget", "info")
def no_latency_budget(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a flow that names a latency SLA (`sla`) but gives no synchronous hop of its `path`
    a `budget`, so DL704 has nothing to add up. The finding sits on the flow's `path`. It is
    information only: budgets are the next step of a design, not an error in it.

    ## Why is this bad?
    "Under 200 ms p99" is a promise; the budget per hop is how the design keeps it. Writing
    down that the cache lookup takes ~1 ms, the indexed query ~10 ms and hydration ~20 ms shows
    where the time goes, which hop to optimise first, and whether the target is reachable at
    all. Without it the SLA is a number nobody checked.

    ## Example
    ```yaml
    designlint: 1
    name: Timeline
    requirements:
      non_functional:
        timeline-latency: {kind: latency, target: 200ms, percentile: p99}
    services:
      timeline-service: {}
    caches:
      timeline-cache: {}
    flows:
      read-timeline:
        sla: timeline-latency
        path: [timeline-service, timeline-cache]
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
    caches:
      timeline-cache: {}
    flows:
      read-timeline:
        sla: timeline-latency
        path:
          - {component: timeline-service, budget: 15ms}
          - {component: timeline-cache, budget: 1ms}
    ```
    """
    for fid, flow in ctx.design.flows.items():
        if not flow.sla:
            continue
        b = budget(ctx.design, fid, flow)
        if b.hops or b.unsized or not b.unbudgeted:  # budgets in words are DL207's
            continue
        yield Violation(
            ("flows", fid, "path"),
            f"flow `{fid}` has a latency SLA (`{flow.sla}`) but no hop of its path has a `budget`",
            fix="give each synchronous hop a budget, e.g. `{component: cache, budget: 1ms}`",
        )
