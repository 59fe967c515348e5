"""DL706 availability-not-composed: components in series are less available than any one."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.numbers.capacity import availability, downtime, pct
from designlint.registry import rule


@rule("DL706", "availability-not-composed", "warning")
def availability_not_composed(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Multiplies the availabilities of the components a flow passes through and reports the flow
    when the product falls short of its availability NFR (`availability`). The message shows
    the product and the downtime per month it means against the downtime the target allows.

    - A component counts with its `availability` (of one instance). With `replicas: k` it is a
      redundant group: it is down only when all k are, so it counts as 1 − (1 − a)^k.
    - Only synchronous hops count (an async queue or worker being down delays work, it does
      not fail the request), and a component visited twice counts once.
    - Components that state no `availability` are skipped, not guessed: assuming 100 % would
      hide them and assuming anything less would invent a number. The message says how many
      were skipped; when no component on the flow states one, the flow is not judged.
    - A month is a twelfth of a year (43,830 minutes).

    ## Why is this bad?
    Availabilities in series multiply: five components at 99.9 % each give 99.5 %, about 3.6
    hours of downtime a month, against the 4.4 minutes that four nines allow. A design promising
    99.99 % has to show where the nines come from: redundancy on every hop (three replicas at
    99.9 % are 99.9999999 %), multiple regions, fewer hard dependencies on the request path.

    ## Example
    ```yaml
    designlint: 1
    name: Timeline
    requirements:
      non_functional:
        availability: {kind: availability, target: 99.99%}
    services:
      timeline-service: {availability: 99.9%}
    caches:
      timeline-cache: {availability: 99.9%}
    flows:
      read-timeline:
        availability: availability
        path: [timeline-service, timeline-cache]
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Timeline
    requirements:
      non_functional:
        availability: {kind: availability, target: 99.99%}
    services:
      timeline-service: {availability: 99.9%, replicas: 3}
    caches:
      timeline-cache: {availability: 99.9%, replicas: 2}
    flows:
      read-timeline:
        availability: availability
        path: [timeline-service, timeline-cache]
    ```
    """
    for fid, flow in ctx.design.flows.items():
        a = availability(ctx.design, fid, flow)
        if not a.short or a.target is None:
            continue
        skipped = ""
        if a.unknown:
            names = ", ".join(f"`{c}`" for c in a.unknown)
            skipped = f" ({len(a.unknown)} component(s) state no availability and are skipped: "
            skipped += f"{names})"
        yield Violation(
            ("flows", fid, "availability"),
            f"flow `{fid}` composes to {a.product_text()}, below the {pct(a.target)} of "
            f"`{a.nfr_id}`: about {downtime(a.product)} of downtime against "
            f"{downtime(a.target)} allowed{skipped}",
            fix="add replicas to the weakest hops or take hard dependencies off the request path",
        )
