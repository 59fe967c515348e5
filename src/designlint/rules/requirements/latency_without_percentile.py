"""DL106 latency-without-percentile."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.registry import rule


@rule("DL106", "latency-without-percentile", "warning")
def latency_without_percentile(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a latency requirement (`kind: latency`) with no `percentile` field. A percentile
    written into the target or the description (`200ms p99`) does not count: it must be the
    `percentile` field so that tools can read it. `percentile: max` counts.

    ## Why is this bad?
    "200 ms" means nothing until you say for whom. An average hides the slow tail that users
    actually notice, and the p50 and the p99 of the same system can differ several times over
    (a cold cache or a slow shard only shows up in the tail). Naming the percentile says which
    requests the budget protects and what the design has to provision for.

    ## Example
    ```yaml
    designlint: 1
    name: Twitter
    requirements:
      non_functional:
        timeline-latency: {kind: latency, target: 200ms}
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Twitter
    requirements:
      non_functional:
        timeline-latency: {kind: latency, target: 200ms, percentile: p99}
    ```
    """
    for nid, nfr in ctx.design.requirements.non_functional.items():
        if nfr.kind == "latency" and nfr.percentile is None:
            yield Violation(
                ("requirements", "non_functional", nid),
                f"latency requirement `{nid}` names no percentile",
                fix="add `percentile: p99` (or p50, p95, p999)",
            )
