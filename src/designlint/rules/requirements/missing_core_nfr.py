"""DL104 missing-core-nfr."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.registry import rule
from designlint.rules.requirements import serves_no_requests

# The three targets every design needs, with the question each one answers.
CORE_KINDS: dict[str, tuple[str, str]] = {
    "throughput": (
        "no throughput requirement: the QPS the design must sustain is not stated",
        "add e.g. `write-qps: {kind: throughput, target: 1.2k/s}`",
    ),
    "latency": (
        "no latency requirement: the response time the design promises is not stated",
        "add e.g. `read-latency: {kind: latency, target: 200ms, percentile: p99}`",
    ),
    "availability": (
        "no availability requirement: the uptime the design promises is not stated",
        "add e.g. `availability: {kind: availability, target: 99.99%}`",
    ),
}


@rule("DL104", "missing-core-nfr", "error")
def missing_core_nfr(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports each of the three core non-functional requirements that is missing: throughput
    (QPS), latency SLA and availability. One finding per missing kind, placed on
    `requirements.non_functional` (or the nearest existing parent).

    A requirement of the right `kind` counts as present even if its target is vague: that is
    reported separately by DL105, so one defect is not reported twice.

    A design that answers no request (no client, no endpoint, and every functional
    requirement has `trigger: schedule`, `batch` or `event`: a crawler, a batch pipeline)
    promises no response time, so it is not asked for a latency requirement; throughput and
    availability still apply (pages a second, how long the pipeline may stop).

    ## Why is this bad?
    These three numbers decide most of a design. Throughput sizes the fleet, the database and
    the cache; the latency SLA decides what may sit on the read path; availability decides
    replicas, regions and failover. Leave one out and the matching part of the design has
    nothing to be measured against, so it can neither be right nor wrong.

    ## Example
    ```yaml
    designlint: 1
    name: Twitter
    requirements:
      non_functional:
        reads: {kind: throughput, target: 120k/s}
        timeline-latency: {kind: latency, target: 200ms, percentile: p99}
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
    """
    present = {nfr.kind for nfr in ctx.design.requirements.non_functional.values()}
    if serves_no_requests(ctx.design):
        present.add("latency")
    for kind, (message, fix) in CORE_KINDS.items():
        if kind not in present:
            yield Violation(("requirements", "non_functional"), message, fix=fix)
