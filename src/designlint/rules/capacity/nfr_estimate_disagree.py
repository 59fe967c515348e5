"""DL206 nfr-estimate-disagree: the throughput promised is not the throughput estimated."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from designlint.context import Context
from designlint.findings import Violation
from designlint.model.estimates import Estimate
from designlint.numbers import unitfmt as fmt
from designlint.numbers.quantity import try_parse
from designlint.registry import rule


class Options(BaseModel):
    """How far a throughput target may sit from its estimate."""

    model_config = ConfigDict(defer_build=True)

    tolerance: float = Field(
        10.0, ge=0, description="Allowed gap in percent of the estimate's value."
    )


def backing_estimate(ctx: Context, nfr_estimate: str | None, flow: str | None) -> str | None:
    """The NFR's `estimate`, else the average (not peak) estimate sizing the same flow."""
    if nfr_estimate:
        return nfr_estimate if nfr_estimate in ctx.design.estimates else None
    if not flow:
        return None
    candidates = [
        (e.peak_of is not None, e.measures not in ("write-rate", "read-rate"), name)
        for name, e in ctx.design.estimates.items()
        if isinstance(e, Estimate) and e.flow == flow
    ]
    return min(candidates)[2] if candidates else None


@rule("DL206", "nfr-estimate-disagree", "warning", options=Options)
def nfr_estimate_disagree(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a throughput NFR whose target differs by more than the tolerance (10 % by default)
    from the capacity estimate behind it. The estimate is the one the NFR names in `estimate`,
    or else the estimate whose `flow` is the NFR's flow (an average rather than a `peak_of`,
    one that `measures` a rate first). The value compared is the estimate's declared value,
    or its computed value when it has none (or under a what-if, `check --set`). A target and
    estimate of different dimensions (a rate against a size) are reported too. NFRs with no
    backing estimate, or whose target is not a number with a unit (DL105's business), are
    skipped.

    ## Why is this bad?
    The requirements promise a throughput and the estimates derive one; when they disagree, one
    of them was not updated and the design is sized for the other. A target of 12,000 writes a
    second against an estimate of 1,200 means either the cluster is ten times too big, or the
    promise is ten times too small. Traceability from requirement to number is the point of
    writing both down.

    ## Example
    ```yaml
    designlint: 1
    name: Twitter
    requirements:
      functional:
        post-tweet: {description: A user posts a tweet.}
      non_functional:
        write-throughput: {kind: throughput, target: 12k/s, flow: post-tweet}
    estimates:
      tweet_write_qps: {value: 1.2k/s, measures: write-rate, flow: post-tweet}
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Twitter
    requirements:
      functional:
        post-tweet: {description: A user posts a tweet.}
      non_functional:
        write-throughput: {kind: throughput, target: 1.2k/s, flow: post-tweet}
    estimates:
      tweet_write_qps: {value: 1.2k/s, measures: write-rate, flow: post-tweet}
    ```

    ## Options
    - `tolerance` (default `10`): the allowed gap, in percent of the estimate's value.
    """
    if not ctx.design.estimates and not ctx.overrides:
        return  # nothing to evaluate; a `--set` still needs its estimate (a usage error)
    tolerance = ctx.options().tolerance / 100
    estimates = None
    for nid, nfr in ctx.design.requirements.non_functional.items():
        if nfr.kind != "throughput":
            continue
        target = try_parse(nfr.target)
        name = backing_estimate(ctx, nfr.estimate, nfr.flow)
        if target is None or not target.has_unit or name is None:  # unitless: DL105's
            continue
        estimates = estimates or ctx.estimates
        value = estimates.value(name)
        if value is None:
            continue
        goal = estimates.to_pint(target)
        path = ("requirements", "non_functional", nid, "target")
        row = estimates.rows[name]
        scenario = f" under {estimates.what_if()}" if row.stale or row.overridden else ""
        if fmt.dims(goal) != fmt.dims(value):
            yield Violation(
                path,
                f"throughput NFR `{nid}` targets {target.text} "
                f"({fmt.describe(fmt.dims(goal))}) but estimate `{name}` is {row.shown} "
                f"({fmt.describe(fmt.dims(value))})",
                fix="point the NFR at the rate estimate of its flow (`estimate:`)",
            )
            continue
        est = value.to(goal.units).magnitude
        gap = abs(goal.magnitude - est) / abs(est) if est else (0.0 if not goal.magnitude else 1e9)
        if gap > tolerance + 1e-12:
            yield Violation(
                path,
                f"throughput NFR `{nid}` targets {target.text} but{scenario} estimate `{name}` "
                f"is {fmt.show(value, target)}: the target is {fmt.gap(goal.magnitude, est)}, "
                f"more than the {tolerance * 100:g}% tolerance",
                fix="update the target or the estimate so that they tell the same story",
            )
