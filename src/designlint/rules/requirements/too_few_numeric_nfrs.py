"""DL103 too-few-numeric-nfrs."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, Field

from designlint.context import Context
from designlint.findings import Violation
from designlint.registry import rule
from designlint.rules.requirements import is_numeric


class Options(BaseModel):
    """How many measurable NFRs a design needs."""

    threshold: int = Field(
        3, ge=0, description="Fewest non-functional requirements with a numeric target."
    )


@rule("DL103", "too-few-numeric-nfrs", "error", options=Options)
def too_few_numeric_nfrs(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a design with fewer than 3 non-functional requirements whose target is a number
    with a fitting unit (`1.2k/s`, `200ms`, `99.99%`).

    A target only counts when DL105 would accept it: words (`fast`), bare numbers (`200`) and
    units that do not fit the kind (a latency of `1.2k/s`) do not count, and neither does a
    consistency requirement stated as a model name (`strong`), which is a decision rather than
    a number.

    ## Why is this bad?
    Numbers are the design contract. Without a throughput, a latency SLA and an availability
    target there is no way to say whether a cache, a queue or a second region is needed, so
    every component choice becomes a guess. Three measurable targets is the minimum that lets
    the rest of the design be justified rather than asserted.

    ## Example
    ```yaml
    designlint: 1
    name: Twitter
    requirements:
      non_functional:
        timeline-latency: {kind: latency, target: 200ms, percentile: p99}
        availability: {kind: availability, target: highly available}
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Twitter
    requirements:
      non_functional:
        reads: {kind: throughput, target: 120k/s}
        timeline-latency: {kind: latency, target: 200ms, percentile: p99}
        availability: {kind: availability, target: 99.99%}
    ```

    ## Options
    - `threshold` (default `3`): the fewest NFRs with a numeric target a design must declare.
    """
    threshold: int = ctx.options().threshold
    nfrs = ctx.design.requirements.non_functional
    numeric = sum(1 for nfr in nfrs.values() if is_numeric(nfr))
    if numeric >= threshold:
        return
    yield Violation(
        ("requirements", "non_functional"),
        f"only {numeric} non-functional requirement{'' if numeric == 1 else 's'} "
        f"carr{'ies' if numeric == 1 else 'y'} a numeric target; at least {threshold} needed",
        fix="state throughput, latency and availability as numbers with units, "
        "e.g. `target: 1.2k/s`, `target: 200ms`, `target: 99.99%`",
    )
