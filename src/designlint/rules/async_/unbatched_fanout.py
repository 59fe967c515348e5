"""DL608 unbatched-fanout: a follower list must be streamed in batches, never read whole."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.registry import rule


@rule("DL608", "unbatched-fanout", "warning")
def unbatched_fanout(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a fan-out on write (`strategy: push` or `hybrid`) that states no `batch_size`
    for reading the author's follower list.

    Pull fan-out is not checked: it reads the reader's followed accounts at read time, not an
    author's followers. A hybrid fan-out is checked even though its push path only handles
    authors below the celebrity threshold, because the worker still has to page through the
    list to deliver it, and the threshold is a tunable that tends to be raised. The rule does
    not judge the size itself: 1,000 to 10,000 ids per page is typical.

    ## Why is this bad?
    The fan-out worker's first step is fetching who follows the author. Fetched in one call,
    the list is unbounded: tens of millions of ids for a popular account, which exhausts the
    worker's memory, times out the graph store's query, and turns a worker crash into a replay
    of the whole fan-out from the start. Streaming the list with cursor pagination in fixed
    batches keeps memory flat, lets the work be spread across workers, and makes a crash cost
    one batch rather than the whole list.

    ## Example
    ```yaml
    designlint: 1
    name: Timeline
    fanout:
      timeline-fanout:
        strategy: push
        max_followers: 5000
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Timeline
    fanout:
      timeline-fanout:
        strategy: push
        max_followers: 5000
        batch_size: 1000
    ```
    """
    for fid, fan in ctx.design.fanout.items():
        if fan.strategy in ("push", "hybrid") and fan.batch_size is None:
            yield Violation(
                ("fanout", fid),
                f"fan-out `{fid}` reads the follower list with no `batch_size`, "
                "so a large account's followers are fetched in one call",
                fix="add `batch_size: 10000` and stream the list with a cursor",
            )
