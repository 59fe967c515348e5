"""DL606 unmonitored-queue-lag: a queue's backlog must be watched or acted upon."""

from __future__ import annotations

import re
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

    Monitoring stated in prose counts too: the queue's description, or a bottleneck on the
    queue (its `component`, or naming the queue's id), that says the backlog is monitored or
    alerted on ("monitor the queue depth", "alert on consumer lag", "track the number of
    queued notifications") or that consumers autoscale. Adding workers without watching the
    backlog is not monitoring: nobody knows when to add them.

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
        if queue.lag_alert is None and not queue.autoscaling and not _watched_in_prose(ctx, qid):
            yield Violation(
                ("queues", qid),
                f"queue `{qid}` has no consumer-lag alert and no autoscaling, "
                "so a growing backlog goes unnoticed",
                fix="add `lag_alert: 30s` and/or `autoscaling: true` (scale consumers on lag)",
            )


_WATCH = re.compile(
    r"\b(monitor\w*|alert\w*|alarm\w*|watch\w*|track\w*|metrics?|dashboards?)\b",
    re.I,
)
_BACKLOG = re.compile(
    r"\b(lag|backlog\w*|queued|(queue|partition) (size|length|depth)|(size|length|depth) of the"
    r" queue|pending (messages|events|jobs|tasks|notifications))\b",
    re.I,
)
_AUTOSCALE = re.compile(r"\bauto-?scal\w*", re.I)


def _watched_in_prose(ctx: Context, qid: str) -> bool:
    """Whether the queue's description or a bottleneck on it says its backlog is watched."""
    texts = [ctx.design.queues[qid].description or ""]
    named = re.compile(rf"(?<![\w-]){re.escape(qid)}(?![\w-])")
    for neck in ctx.design.bottlenecks.values():
        text = " ".join([neck.description, neck.symptom or "", *neck.mitigations])
        if neck.component == qid or named.search(text):
            texts.append(text)
    return any((_WATCH.search(t) and _BACKLOG.search(t)) or _AUTOSCALE.search(t) for t in texts)
