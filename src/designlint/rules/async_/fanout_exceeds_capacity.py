"""DL609 fanout-exceeds-capacity: fan-out writes per second beyond what the target can take."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.numbers import unitfmt as fmt
from designlint.numbers.capacity import fanout_rate
from designlint.numbers.quantity import sized
from designlint.registry import rule


@rule("DL609", "fanout-exceeds-capacity", "warning")
def fanout_exceeds_capacity(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Computes a fan-out's writes per second as its `writes` estimate (the peak rate of posts
    feeding it) × `avg_followers`, and reports it when that exceeds the `capacity` of the cache
    or datastore it writes into (`target`). The message shows the arithmetic: "`peak_write_qps`
    3.6k/s × 1000 followers = 3.6M/s".

    The `writes` estimate's declared value is used, or its computed value when it has none
    (and under a what-if, `check --set`, the recomputed value). A fan-out that names no
    `writes` estimate, no `avg_followers`, or whose target states no `capacity`, is not judged:
    there is nothing to compare.

    ## Why is this bad?
    Fan-out on write multiplies every post by the author's follower count. At the article's
    3,600 posts a second at peak and 1,000 followers on average that is 3.6 million cache
    writes a second: achievable for a Redis cluster sized for it, fatal for one sized for the
    post rate. When the multiplication exceeds the store's capacity the fan-out queue backs up
    and timelines go stale, which is exactly the bottleneck the design must show it has sized.

    ## Example
    ```yaml
    designlint: 1
    name: Timelines
    estimates:
      peak_write_qps: {value: 3.6k/s}
    caches:
      timeline-cache: {capacity: 500k/s}
    fanout:
      timeline-fanout:
        strategy: hybrid
        target: timeline-cache
        avg_followers: 1000
        writes: peak_write_qps
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Timelines
    estimates:
      peak_write_qps: {value: 3.6k/s}
    caches:
      timeline-cache: {capacity: 5M/s, clustered: true, nodes: 20}
    fanout:
      timeline-fanout:
        strategy: hybrid
        target: timeline-cache
        avg_followers: 1000
        writes: peak_write_qps
    ```
    """
    if not ctx.design.estimates and not ctx.overrides:
        return  # nothing to evaluate; a `--set` still needs its estimate (a usage error)
    for fid, fan in ctx.design.fanout.items():
        entry = ctx.design.components.get(fan.target or "")
        capacity = sized(getattr(entry[1], "capacity", None)) if entry else None  # words: DL207
        if capacity is None or not fan.writes or fan.writes not in ctx.design.estimates:
            continue
        estimates = ctx.estimates
        result = fanout_rate(fan, estimates, capacity)
        if result is None:
            continue
        rate, working = result
        limit = estimates.to_pint(capacity)
        if fmt.dims(limit) != fmt.dims(rate):
            continue
        if rate.to(limit.units).magnitude <= limit.magnitude:
            continue
        row = estimates.rows[fan.writes]
        scenario = f" under {estimates.what_if()}" if row.stale or row.overridden else ""
        yield Violation(
            ("fanout", fid, "writes"),
            f"fan-out `{fid}`{scenario} writes {working} into `{fan.target}`, above its "
            f"capacity of {capacity.text}",
            fix="cluster the target and raise its `capacity`, or pull more authors at read "
            "time (a lower `celebrity_threshold`)",
        )
