"""DL203 unevaluable-estimate: an estimate that cannot be computed (a cycle, a bad expression)."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.registry import rule


@rule("DL203", "unevaluable-estimate", "error", aliases=("estimate-cycle",))
def unevaluable_estimate(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports an estimate that cannot be computed. That is the case for estimates that
    reference each other in a cycle (naming it: `a` -> `b` -> `a`), and for every expression
    that cannot be evaluated: a syntax error, an unknown name (the nearest estimate or unit is
    suggested), adding a size to a duration, division by zero, a number beyond 1e100 such as
    `1e400`, an exponent larger than 64, parentheses nested more than 32 deep, an expression
    over 2,000 characters. Its former name `estimate-cycle` is still accepted in selectors,
    suppressions and config.

    Expressions are read by a small grammar: numbers with units and the `k`/`M`/`bn` suffixes
    (`200 B`, `1 day`, `1.2k/s`, `20%`), estimate names, `+ - * / ^` and parentheses. Nothing
    else exists in it: `__import__('os').system('id')` or `().__class__` is a syntax error
    reported here, and nothing runs. A name right after a number is a unit (`1 day`); a name
    on its own is an estimate if one has that name, else a unit (`1/day`). Only the first
    failure in a chain is reported: estimates computed from a failed one are skipped, not
    reported again.

    ## Why is this bad?
    An estimate that cannot be computed checks nothing, and a cycle means no number in it was
    derived from a fact: each was justified by another that was justified by the first. Back of
    the envelope, the chain must start from stated inputs (daily users, a posting ratio, a
    tweet size) and run one way to the rates and sizes the design depends on.

    ## Example
    ```yaml
    designlint: 1
    name: Twitter
    estimates:
      tweet_write_qps:
        expr: peak_write_qps / 3
        value: 1.2k/s
      peak_write_qps:
        expr: tweet_write_qps * 3
        value: 3.6k/s
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
      peak_write_qps:
        expr: tweet_write_qps * 3
        value: 3.6k/s
    ```
    """
    if not ctx.design.estimates and not ctx.overrides:
        return  # nothing to evaluate; a `--set` still needs its estimate (a usage error)
    for problem in ctx.estimates.problems:
        if problem.code == "DL203":
            yield Violation(problem.path, problem.message, fix=problem.fix)
