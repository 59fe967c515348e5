"""DL701 single-region-high-availability: four nines cannot come from one region."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from designlint.context import Context
from designlint.findings import Violation
from designlint.numbers.capacity import availability_percent
from designlint.registry import rule

# Text that fills a field without stating anything.
PLACEHOLDERS = {"", "-", "?", "none", "no", "n/a", "na", "tbd", "todo", "unknown"}


class Options(BaseModel):
    """The availability from which one region is no longer enough."""

    model_config = ConfigDict(defer_build=True)

    min_availability: float = Field(
        99.99,
        gt=0,
        le=100,
        description="Availability target, in percent, from which at least two regions and a "
        "stated failover are required.",
    )


def stated(text: str | None) -> bool:
    """True when a free-text field says something (not blank, not `none` or `tbd`)."""
    return text is not None and text.strip().lower() not in PLACEHOLDERS


def availability_targets(ctx: Context) -> list[tuple[str, float]]:
    """(NFR id, percent) for every availability NFR whose target reads as a percentage or as
    `N nines`."""
    out = []
    for nid, nfr in ctx.design.requirements.non_functional.items():
        if nfr.kind != "availability":
            continue
        percent = availability_percent(nfr.target)
        if percent is not None:
            out.append((nid, percent))
    return out


@rule("DL701", "single-region-high-availability", "error", options=Options)
def single_region_high_availability(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a design that requires availability of 99.99 % or more (an NFR with
    `kind: availability`) but does not run in two regions with a stated failover.

    It fires when any of these holds:

    - fewer than two regions are declared under `regions`;
    - `replication.mode` is `single-region`;
    - failover reaches only another zone or data centre (`replication.failover_scope: zone` or
      `datacenter`): only `region` survives the loss of a whole region. When the scope is not
      stated, a stated `failover` is taken at its word;
    - no failover is stated (`replication.failover` is absent, blank, or a placeholder such
      as `none` or `tbd`), whatever the number of regions.

    One finding is reported, at the strictest qualifying availability target, naming every
    reason that applies. A region counts when it is declared under the top-level `regions`;
    extra regions listed only on components are not counted (DL003 reports them). A target
    counts when it reads as a percentage (`99.99%`) or as `N nines` (`4 nines` is 99.99 %);
    those that do not (`99.99` with no `%`, `four nines` in words) are left to DL105. This is
    stricter than "one region and no failover": two regions without a stated way to move
    traffic between them are not redundancy but a second bill, and one region with a
    failover plan elsewhere should declare that second region.

    ## Why is this bad?
    99.99 % allows about 4.4 minutes of downtime a month. Every large cloud provider has lost
    a whole region (or the one availability zone everything actually landed in) for an hour or
    more in recent years, and a single such outage spends more than a year of that budget. Replicas
    inside one region protect against losing a machine, not against losing the region's
    power, network or control plane. Four nines therefore needs a second region already
    running, data replicated to it, and a stated mechanism (health-checked DNS, anycast, a
    promoted replica) that moves users there without a human in the loop.

    ## Example
    ```yaml
    designlint: 1
    name: Timeline
    requirements:
      non_functional:
        availability: {kind: availability, target: 99.99%}
    regions:
      us-east: {}
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Timeline
    requirements:
      non_functional:
        availability: {kind: availability, target: 99.99%}
    regions:
      us-east: {role: primary}
      eu-west: {role: secondary, accepts_writes: false}
    replication:
      mode: active-passive
      failover: health-checked DNS moves traffic to eu-west; its replica is promoted
    ```

    ## Options
    - `min_availability` (default `99.99`): the availability target, in percent, from which
      two regions and a stated failover are required.
    """
    limit = ctx.options().min_availability
    design = ctx.design
    demanding = [(nid, pct) for nid, pct in availability_targets(ctx) if pct >= limit - 1e-9]
    if not demanding:
        return
    nid, pct = max(demanding, key=lambda item: item[1])
    reasons = []
    regions = list(design.regions)
    if not regions:
        reasons.append("declares no regions")
    elif len(regions) == 1:
        reasons.append(f"runs in one region (`{regions[0]}`)")
    replication = design.replication
    if replication is not None and replication.mode == "single-region":
        reasons.append("replicates within a single region")
    if replication is None or not stated(replication.failover):
        reasons.append("states no failover")
    elif replication.failover_scope in ("zone", "datacenter"):
        reasons.append(
            f"fails over only within a region (`failover_scope: {replication.failover_scope}`)"
        )
    if not reasons:
        return
    target = design.requirements.non_functional[nid].target
    yield Violation(
        ("requirements", "non_functional", nid, "target"),
        f"availability `{nid}` requires {target} but the design " + _join(reasons),
        fix="deploy to at least two regions and state `replication.failover` "
        "(how traffic moves when a region fails)",
    )


def _join(parts: list[str]) -> str:
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " and " + parts[-1]
