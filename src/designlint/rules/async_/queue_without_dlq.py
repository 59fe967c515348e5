"""DL605 queue-without-dlq: messages that keep failing need somewhere to go."""

from __future__ import annotations

import re
from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.model.components import Queue
from designlint.registry import rule


@rule("DL605", "queue-without-dlq", "warning")
def queue_without_dlq(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a queue that has no dead-letter queue: `dead_letter` is absent or `false`, or it
    names the queue itself (a failed message would go back where it failed).

    A queue that is itself some other queue's dead-letter queue (another queue's
    `dead_letter` names it) is exempt. A dead-letter queue is where failed messages are parked
    for a person or a repair job to look at; giving it a dead-letter queue of its own only moves
    the pile one step further, so the reviewer's concern there is that someone watches it,
    which DL606 checks. `dead_letter: true` (one exists, unnamed) satisfies the rule. A name
    ending in `-dlq` alone does not exempt a queue: only a reference does. The rule applies
    whatever the delivery guarantee: under at-most-once a failed message is silently lost, and
    the dead-letter queue is the only trace of it.

    The exception is a sequenced event log: a queue with `delivery: exactly-once` whose id,
    name or description says its order is the point (sequencer, sequenced, ordered, journal,
    event log, replay, event sourcing). Every consumer rebuilds its state by replaying the log
    in order, so parking one event in a dead-letter queue would corrupt every state built
    after it; such a log stops and alerts on a poison event instead. An exactly-once queue
    that says nothing about order still needs a dead-letter queue: a poison message blocks
    it all the same.

    ## Why is this bad?
    Some messages can never be processed: a malformed payload, a reference to a deleted user,
    a bug that only one input triggers. Without a dead-letter queue such a poison message is
    retried forever, holding up every message behind it in its partition, or it is dropped
    after a few attempts and the work (a fan-out, a payment event) vanishes without a trace.
    A dead-letter queue after N attempts keeps the main queue moving and keeps the failure
    where it can be inspected and replayed once the bug is fixed.

    ## Example
    ```yaml
    designlint: 1
    name: Timeline
    services:
      fanout-worker: {kind: worker}
    queues:
      new-tweets:
        lag_alert: 30s
        consumers:
          fanout-worker: {idempotent: true}
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Timeline
    services:
      fanout-worker: {kind: worker}
    queues:
      new-tweets:
        lag_alert: 30s
        dead_letter: new-tweets-dlq
        consumers:
          fanout-worker: {idempotent: true}
      new-tweets-dlq:
        lag_alert: 5min
    ```
    """
    queues = ctx.design.queues
    dead_letter_queues = {
        q.dead_letter
        for qid, q in queues.items()
        if isinstance(q.dead_letter, str) and q.dead_letter != qid
    }
    for qid, queue in queues.items():
        if qid in dead_letter_queues or sequenced_log(qid, queue):
            continue
        dlq = queue.dead_letter
        if dlq is None:
            yield Violation(
                ("queues", qid),
                f"queue `{qid}` has no dead-letter queue for messages that keep failing",
                fix=f"add `dead_letter: {qid}-dlq` and declare that queue",
            )
        elif dlq is False:
            yield Violation(
                ("queues", qid, "dead_letter"),
                f"queue `{qid}` has its dead-letter queue turned off, so a poison message "
                "is retried forever or lost",
                fix=f"add `dead_letter: {qid}-dlq` and declare that queue",
            )
        elif dlq == qid:
            yield Violation(
                ("queues", qid, "dead_letter"),
                f"queue `{qid}` names itself as its dead-letter queue, so a poison message "
                "returns to where it failed",
                fix=f"use a separate queue, e.g. `dead_letter: {qid}-dlq`",
            )


def sequenced_log(qid: str, queue: Queue) -> bool:
    """An exactly-once log whose order matters: its id or description says it is sequenced."""
    if queue.delivery != "exactly-once" or "delivery" not in queue.model_fields_set:
        return False
    text = " ".join(filter(None, (qid, queue.name, queue.description)))
    return bool(_SEQUENCED.search(text.replace("_", " ").replace("-", " ")))


# Words that say the order of events is the point: a sequencer, a journal, a replayed log.
_SEQUENCED = re.compile(
    r"\b(?:sequenc\w*|ordered|in order|total order|journal\w*|event log|log|replay\w*|"
    r"event sourc\w*)\b",
    re.I,
)
