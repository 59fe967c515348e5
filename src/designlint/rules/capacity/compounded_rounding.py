"""DL208 compounded-rounding: steps each within tolerance whose rounding adds up past it."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.registry import rule
from designlint.rules.capacity.estimate_mismatch import Options as MismatchOptions


@rule("DL208", "compounded-rounding", "warning")
def compounded_rounding(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports an estimate at the end of a chain of estimates (each computed from the one before)
    whose every step is within the tolerance of DL201 (estimate-mismatch), but whose declared
    value is off by more than the tolerance from the value recomputed from the chain's root.
    The message names the chain and both numbers.

    DL201 judges each step on its own: an estimate passes its declared value on, so a rounded
    `1.2k/s` for 1,157/s makes `3 × 1.2k/s = 3.6k/s` right, and the article's whiteboard
    numbers stay clean (rounding by the same factor at every step does not compound). What
    adds up is rounding in the same direction at several steps. Here every expression is
    evaluated a second time from the values recomputed from the roots; the first estimate
    where the drift passes the tolerance is reported, and the chain restarts there, as it does
    at a step DL201 reports, so one drift is one finding. Expressions without a declared value
    carry the drift on without being reported.

    The tolerance is DL201's: its `tolerance` option (default 10 %), or the estimate's own
    `tolerance`. Under a what-if (`--set`) the estimates downstream of the override are
    recomputed anyway and are not judged here.

    ## Why is this bad?
    Each rounding is harmless and every neighbour agrees, so nobody notices that the number at
    the end of the chain (a peak rate, a year of storage, a cache size) is 15 or 20 % away
    from what the inputs give. That number is the one a shard count or a budget is sized from.
    Either round once, at the end, or state the end value the root gives.

    ## Example
    ```yaml
    designlint: 1
    name: Metrics
    estimates:
      samples: {value: 1k/s}
      stored_samples: {expr: samples, value: 1.08k/s}
      replicated_samples: {expr: 2 * stored_samples, value: 2.3k/s}
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Metrics
    estimates:
      samples: {value: 1k/s}
      stored_samples: {expr: samples, value: 1.08k/s}
      replicated_samples: {expr: 2 * stored_samples, value: 2.1k/s}
    ```
    """
    if not ctx.design.estimates:
        return
    from designlint.numbers.chains import drifts

    options = ctx.options("DL201") or MismatchOptions()
    for drift in drifts(ctx.estimates, options.tolerance / 100):
        yield Violation(
            drift.row.value_path(),
            drift.message(),
            fix="round once, at the end: declare the value the chain's root gives",
        )
