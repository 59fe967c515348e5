"""DL703 no-conflict-resolution: regions that all accept writes must say who wins."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.model.flows import Region, Replication
from designlint.registry import rule

# Text that fills a field without stating anything.
PLACEHOLDERS = {"", "-", "?", "none", "no", "n/a", "na", "tbd", "todo", "unknown"}


def accepts_writes(region: Region, replication: Replication | None) -> bool:
    """Whether a region takes writes, preferring what the author wrote over defaults.

    `accepts_writes` defaults to true, so a bare `eu-west: {}` would count as a writer even in
    an active-passive design. An explicit `accepts_writes` wins; then an explicit `role`
    (`secondary` does not take writes); then the replication mode: under `active-passive` or
    `single-region` an undescribed region is not assumed to take writes.
    """
    given = region.model_fields_set
    if "accepts_writes" in given:
        return region.accepts_writes
    if "role" in given:
        return region.role != "secondary"
    return replication is None or replication.mode == "active-active"


@rule("DL703", "no-conflict-resolution", "error")
def no_conflict_resolution(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a design in which more than one region accepts writes, or whose
    `replication.mode` is `active-active`, that states no `replication.conflict_resolution`
    (or states a placeholder such as `none` or `tbd`).

    A region accepts writes when it says so (`accepts_writes: true`); failing that, when its
    `role` is `primary` or `active`; failing both, when the replication mode is
    `active-active` or no replication is described, since `accepts_writes` defaults to true.
    Synchronous replication is not an exemption: even a consensus-based store should name
    that as its strategy (`conflict_resolution: writes serialised by Paxos per key`).

    ## Why is this bad?
    When two regions take writes and replicate asynchronously, the same record can be changed
    in both before either hears of the other: a profile edited in Europe and in the US within
    the replication lag, a counter incremented on both sides. Something has to decide what the
    record ends as. Without a stated rule the database's default decides (often last-write-wins
    on a wall clock, silently losing one update), or the replicas diverge for good. Saying
    which strategy applies (last-write-wins with a deterministic tiebreaker, CRDTs, per-record
    home regions, merge on read) shows the data can tolerate it, or that it cannot and must be
    written in one region.

    ## Example
    ```yaml
    designlint: 1
    name: Timeline
    regions:
      us-east: {}
      eu-west: {}
    replication:
      mode: active-active
      failover: latency-based DNS routing to the nearest healthy region
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Timeline
    regions:
      us-east: {}
      eu-west: {}
    replication:
      mode: active-active
      failover: latency-based DNS routing to the nearest healthy region
      conflict_resolution: last-write-wins with tweet_id as tiebreaker (tweets are immutable)
    ```
    """
    design = ctx.design
    replication = design.replication
    if replication is not None and _stated(replication.conflict_resolution):
        return
    writers = [rid for rid, r in design.regions.items() if accepts_writes(r, replication)]
    active_active = replication is not None and replication.mode == "active-active"
    if len(writers) < 2 and not active_active:
        return
    if len(writers) >= 2:
        names = [f"`{w}`" for w in writers]
        listed = ", ".join(names[:-1]) + " and " + names[-1]
        what = f"regions {listed} {'both' if len(names) == 2 else 'all'} accept writes"
    else:
        what = "replication is active-active"
    missing = "no conflict-resolution strategy is stated"
    if replication is None:
        path: tuple[str, ...] = ("regions",)
    elif replication.conflict_resolution is not None:
        path = ("replication", "conflict_resolution")
        missing = (
            f"`{replication.conflict_resolution.strip()}` is not a conflict-resolution strategy"
        )
    else:
        path = ("replication",)
    yield Violation(
        path,
        f"{what} but {missing}",
        fix="add `replication.conflict_resolution`, e.g. last-write-wins with a "
        "deterministic tiebreaker, CRDTs, or a home region per record",
    )


def _stated(text: str | None) -> bool:
    return text is not None and text.strip().lower() not in PLACEHOLDERS
