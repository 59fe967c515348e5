"""DL606 unmonitored-queue-lag: a queue's backlog must be watched or acted upon."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.registry import rule


@rule("DL606", "unmonitored-queue-lag", "warning")
def unmonitored_queue_lag(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a queue that declares neither a consumer-lag alert (`lag_alert`) nor
    autoscaling of its consumers on lag (`autoscaling: true`). Either one is enough.

    Dead-letter queues are checked like any other queue: a dead-letter queue nobody is alerted
    about is where failures go to be forgotten, so give it a `lag_alert` (how long a message
    may sit there before someone looks).

    ## Why is this bad?
    A queue hides overload instead of failing loudly. When producers outrun consumers (a spike
    of ten times the usual traffic, a slow downstream, a stuck partition) nothing errors: the
    backlog just grows, and the first anyone hears of it is a user asking why their feed or
    notifications are minutes behind. Lag per partition is the metric that says the
    asynchronous half of the system is healthy; alerting on it (say, over 30 seconds) and
    scaling consumers on it is how the backlog is caught while it is still seconds, not hours.

    ## Example
    ```yaml
    designlint: 1
    name: Timeline
    queues:
      new-tweets:
        technology: kafka
        dead_letter: true
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Timeline
    queues:
      new-tweets:
        technology: kafka
        dead_letter: true
        lag_alert: 30s
        autoscaling: true
    ```
    """
    for qid, queue in ctx.design.queues.items():
        if queue.lag_alert is None and not queue.autoscaling:
            yield Violation(
                ("queues", qid),
                f"queue `{qid}` has no consumer-lag alert and no autoscaling, "
                "so a growing backlog goes unnoticed",
                fix="add `lag_alert: 30s` and/or `autoscaling: true` (scale consumers on lag)",
            )
