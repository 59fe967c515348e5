"""DL205 no-peak-estimate: throughput estimated only as a daily average."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.model.estimates import Estimate
from designlint.numbers.quantity import sized, try_parse
from designlint.registry import rule

THROUGHPUT = ("write-rate", "read-rate")


@rule("DL205", "no-peak-estimate", "warning")
def no_peak_estimate(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a throughput estimate that has no peak: an estimate that `measures: write-rate` or
    `read-rate` which no other estimate names in `peak_of`. The finding sits on the average
    estimate.

    When no estimate says it measures a rate, the rule falls back on units: if some estimate
    is declared as a rate of events (`1.2k/s`, `100M/day`) and no estimate anywhere is a
    `peak_of`, the first such rate is reported. Peaks themselves, and rates of data
    (`20 GB/day`), need no peak of their own.

    An estimate whose `expr` is just another estimate's name, and that `measures` the same
    thing (`write_qps: {expr: urls_per_day, measures: write-rate}` beside `urls_per_day:
    {value: 100M/day, measures: write-rate}`), restates that rate in other units: the two are
    one throughput. A peak of either covers both, and a throughput with no peak is reported
    once, on its last statement (the one the rest of the design usually reads). A rate that
    merely equals another quantity (a read rate set to the rate of logins) is its own.

    ## Why is this bad?
    Traffic is not flat: a day's average hides the evening peak, the news event, the Monday
    morning. A system sized for its average (1,200 writes a second) falls over at its peak
    (3x that, or 10x during a world event), and the peak is what queues, shards and autoscaling
    are sized for. Saying "peak ~3x = 3,600" out loud costs one line and is the number the
    capacity plan actually uses.

    ## Example
    ```yaml
    designlint: 1
    name: Twitter
    estimates:
      tweet_write_qps: {value: 1.2k/s, measures: write-rate}
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Twitter
    estimates:
      tweet_write_qps: {value: 1.2k/s, measures: write-rate}
      peak_write_qps:
        expr: 3 * tweet_write_qps
        value: 3.6k/s
        peak_of: tweet_write_qps
    ```
    """
    specs = {n: e for n, e in ctx.design.estimates.items() if isinstance(e, Estimate)}
    peaked = {e.peak_of for e in specs.values() if e.peak_of}
    tagged = [n for n, e in specs.items() if e.measures in THROUGHPUT and not e.peak_of]
    fix = "add a peak estimate, e.g. `{expr: 3 * NAME, peak_of: NAME}`"
    groups = _restatements(specs)
    for name in tagged:
        same = groups.get(name, [name])
        if peaked.intersection(same) or name != [n for n in same if n in tagged][-1]:
            continue
        also = ", ".join(f"`{n}`" for n in same if n != name)
        yield Violation(
            ("estimates", name),
            f"throughput estimate `{name}` has no peak (no estimate has `peak_of: {name}`"
            + (f", nor of {also}, the same rate)" if also else ")"),
            fix=fix.replace("NAME", name),
        )
    if tagged or peaked or any(e.measures in THROUGHPUT for e in specs.values()):
        return
    for name, est in ctx.design.estimates.items():
        value = sized(est.value) if isinstance(est, Estimate) else try_parse(est)
        if value is not None and value.is_rate and value.dimension == "count":
            yield Violation(
                ("estimates", name),
                f"throughput `{name}` ({value.text}) is estimated as an average only: "
                "no estimate is a peak (`peak_of`)",
                fix=fix.replace("NAME", name),
            )
            return


def _restatements(specs: dict[str, Estimate]) -> dict[str, list[str]]:
    """Each estimate's group of restatements of one quantity, in file order.

    `b: {expr: a}` with the same `measures` states `a` again (in other units, for another
    reader): the two are one quantity. Groups are closed over chains (`c: {expr: b}`).
    """
    parent = {name: name for name in specs}

    def root(name: str) -> str:
        while parent[name] != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    for name, est in specs.items():
        ref = (est.expr or "").strip().strip("()").strip()
        if ref in specs and ref != name and specs[ref].measures == est.measures:
            parent[root(name)] = root(ref)
    members: dict[str, list[str]] = {}
    for name in specs:
        members.setdefault(root(name), []).append(name)
    return {name: members[root(name)] for name in specs}
