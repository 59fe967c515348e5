"""DL204 missing-scale-estimate: one of the four numbers every design is sized from is absent."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.registry import rule

# (what is missing, `measures` values that provide it, an example estimate)
SCALE = (
    ("users", ("users",), "dau: {value: 500M, measures: users}"),
    ("write rate", ("write-rate",), "write_qps: {expr: writes_per_day, measures: write-rate}"),
    ("read rate", ("read-rate",), "read_qps: {expr: 100 * write_qps, measures: read-rate}"),
    (
        "storage growth",
        ("storage-growth", "storage"),
        "storage_per_day: {expr: 200 B * writes_per_day, measures: storage-growth}",
    ),
)


@rule("DL204", "missing-scale-estimate", "warning")
def missing_scale_estimate(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports each of the four scale estimates a design lacks: users, write rate, read rate and
    storage growth (a total `storage` estimate counts too). One finding per missing one, at the
    `estimates` section (or the top of the file when there is none).

    An estimate counts by what it says it `measures` (`users`, `write-rate`, `read-rate`,
    `storage-growth`, `storage`), not by its name: `dau` is obvious to a person and a guess to
    a tool, and one line of `measures` makes it unambiguous.

    ## Why is this bad?
    Users, how often they write, how often they read, and how much the data grows are the four
    numbers the rest of the design is justified against: the read:write ratio picks the caching
    and fan-out strategy, the write rate sizes the queue and the database, the storage growth
    sizes the shards. A design without one of them has a component whose size nobody can
    defend.

    ## Example
    ```yaml
    designlint: 1
    name: Twitter
    estimates:
      dau: {value: 500M, measures: users}
      write_qps: {value: 1.2k/s, measures: write-rate}
      read_qps: {value: 120k/s, measures: read-rate}
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Twitter
    estimates:
      dau: {value: 500M, measures: users}
      write_qps: {value: 1.2k/s, measures: write-rate}
      read_qps: {value: 120k/s, measures: read-rate}
      storage_per_day: {value: 20 GB/day, measures: storage-growth}
    ```
    """
    measured = {getattr(e, "measures", None) for e in ctx.design.estimates.values()}
    path = ("estimates",) if ctx.design.estimates else ()
    for what, kinds, example in SCALE:
        if not measured.intersection(kinds):
            yield Violation(
                path,
                f"no estimate of {what} (an estimate with `measures: {kinds[0]}`)",
                fix=f"add one, e.g. `{example}`",
            )
