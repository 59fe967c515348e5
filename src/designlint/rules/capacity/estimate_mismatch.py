"""DL201 estimate-mismatch: a declared number that its own arithmetic does not give."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from designlint.context import Context
from designlint.findings import Violation
from designlint.registry import rule


class Options(BaseModel):
    """How far a declared value may sit from its computed expression."""

    model_config = ConfigDict(defer_build=True)

    tolerance: float = Field(
        10.0,
        ge=0,
        description="Allowed gap in percent of the computed value; an estimate's own "
        "`tolerance` field overrides it.",
    )


@rule("DL201", "estimate-mismatch", "error", options=Options)
def estimate_mismatch(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports an estimate whose declared `value` differs from what its `expr` computes by more
    than the tolerance (10 % by default). The message shows both numbers and the arithmetic:
    "`tweet_write_qps` is declared as 12k/s but `tweets_per_day` = 100M/day = 1,157/s
    (100,000,000 / 86,400 s)".

    The gap is measured against the computed value: |declared − computed| / |computed|.
    Expressions are evaluated with units, so `100M/day` compared with `1.2k/s` is converted
    first. Each estimate that declares a value passes that declared value on to the estimates
    built from it, so a wrong step is reported once, where it is made, and a rounded step does
    not make the next one wrong (3 × 1,200 = 3,600, as on the whiteboard). Rounding that adds
    up along a chain past the tolerance is DL208's (compounded-rounding). Under a what-if
    (`check --set dau=2bn`) the estimates downstream of the override are recomputed, and every
    declared number that no longer follows is reported.

    ## Why is this bad?
    Back-of-the-envelope numbers are the contract every later choice is justified against: a
    cache size, a shard count, a queue's throughput. A declared value that does not follow from
    its own inputs (100M tweets a day written down as 12,000 writes a second, ten times too
    many) sends the whole design after the wrong bottleneck. Showing the working is what makes
    an estimate checkable; this rule does the checking.

    ## Example
    ```yaml
    designlint: 1
    name: Twitter
    estimates:
      tweets_per_day: {value: 100M/day}
      tweet_write_qps:
        expr: tweets_per_day
        value: 12k/s
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Twitter
    estimates:
      tweets_per_day: {value: 100M/day}
      tweet_write_qps:
        expr: tweets_per_day
        value: 1.2k/s
    ```

    ## Options
    - `tolerance` (default `10`): the allowed gap, in percent of the computed value. An
      estimate's own `tolerance` field takes precedence: `5%`, or `0.05` (a plain number up
      to 1 is a fraction, above 1 a percentage).
    """
    if not ctx.design.estimates and not ctx.overrides:
        return  # nothing to evaluate; a `--set` still needs its estimate (a usage error)
    estimates = ctx.estimates
    tolerance = ctx.options().tolerance / 100
    for row in estimates.rows.values():
        if row.verdict(tolerance) == "mismatch":
            yield Violation(
                row.value_path(),
                estimates.mismatch_message(row, tolerance),
                fix="fix the declared value or the expression",
            )
