"""DL202 estimate-unit-mismatch: the expression measures something else than the declared value."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.registry import rule


@rule("DL202", "estimate-unit-mismatch", "error")
def estimate_unit_mismatch(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports an estimate whose `expr` has a different dimension from its declared `value`: an
    amount of data declared for a per-day expression (`20 GB` for
    `tweet_size * tweets_per_day`, which is GB per day), a plain count declared for a rate, a
    duration for a size. Units of the same dimension are converted, never reported: `1.2k/s`
    against `100M/day` is a question for DL201.

    ## Why is this bad?
    A storage growth written without its "per day" reads as a total, and a design that sizes
    its disks for 20 GB when it receives 20 GB every day runs out in a day. Requests per day
    and requests per second differ by a factor of 86,400; mixing them up is the classic
    back-of-the-envelope slip, and dimensional analysis catches it for free.

    ## Example
    ```yaml
    designlint: 1
    name: Twitter
    estimates:
      tweets_per_day: {value: 100M/day}
      tweet_size: {value: 200 B}
      tweet_storage_per_day:
        expr: tweet_size * tweets_per_day
        value: 20 GB
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Twitter
    estimates:
      tweets_per_day: {value: 100M/day}
      tweet_size: {value: 200 B}
      tweet_storage_per_day:
        expr: tweet_size * tweets_per_day
        value: 20 GB/day
    ```
    """
    if not ctx.design.estimates and not ctx.overrides:
        return  # nothing to evaluate; a `--set` still needs its estimate (a usage error)
    for problem in ctx.estimates.problems:
        if problem.code == "DL202":
            yield Violation(problem.path, problem.message, fix=problem.fix)
