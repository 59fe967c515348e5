"""DL801 too-few-bottlenecks."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from designlint.context import Context
from designlint.findings import Violation
from designlint.registry import rule


class Options(BaseModel):
    """How many bottlenecks a design must name."""

    model_config = ConfigDict(defer_build=True)

    threshold: int = Field(3, ge=0, description="Fewest bottlenecks a design must identify.")


@rule("DL801", "too-few-bottlenecks", "warning", options=Options)
def too_few_bottlenecks(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a design that identifies fewer than 3 bottlenecks under `bottlenecks`. Every
    entry counts, with or without mitigations: a bottleneck with none is DL802's finding.

    ## Why is this bad?
    Every design has weak points; the question is whether its author found them first. Naming
    how the system fails under a spike, where memory runs out and what happens when a region
    goes down shows the design was stress-tested rather than just drawn. One or two named
    weaknesses usually means the search stopped early: a queue, a cache and a failure domain
    are almost always worth a line each.

    ## Example
    ```yaml
    designlint: 1
    name: Twitter
    bottlenecks:
      fanout-lag:
        description: a traffic spike makes the fan-out consumers fall behind
        mitigations: [auto-scale fan-out workers on consumer lag]
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Twitter
    bottlenecks:
      fanout-lag:
        description: a traffic spike makes the fan-out consumers fall behind
        mitigations: [auto-scale fan-out workers on consumer lag]
      cache-memory:
        description: 500M timelines of 800 ids take about 3.2 TB of memory
        mitigations: [expire timelines of inactive users, store ids only]
      single-region:
        description: one region is a single point of failure
        mitigations: [three active-active regions behind latency-based DNS]
    ```

    ## Options
    - `threshold` (default `3`): the fewest bottlenecks a design must identify.
    """
    threshold: int = ctx.options().threshold
    count = len(ctx.design.bottlenecks)
    if count >= threshold:
        return
    named = (
        "no bottleneck is"
        if count == 0
        else f"only {count} bottleneck{'s are' if count > 1 else ' is'}"
    )
    yield Violation(
        ("bottlenecks",),
        f"{named} identified; at least {threshold} expected",
        fix="name where the design breaks first (queue lag, memory, a failure domain) "
        "under `bottlenecks`, each with its mitigations",
    )
