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
    ending in `-dlq` alone does not exempt a queue: only a reference does, or a consumer that
    moves its failures on: a consumer of the queue that `publishes` to another queue named
    for failures (`retry-queue`, `failed-sends`, `payments-dlq`) or described as retrying
    them ("retried later", "put back here") has given the queue its failure path, and the
    question moves to that queue, which is judged like any other. The rule applies
    whatever the delivery guarantee: under at-most-once a failed message is silently lost, and
    the dead-letter queue is the only trace of it.

    The exception is a stream whose order is the contract, where parking one message would
    corrupt everything after it:

    - its id, name or description says so: FIFO, strictly (globally, totally) ordered, in
      order, sequenced, a journal, an event, commit or transaction log, a changelog, event
      sourcing, replayed to rebuild state;
    - or it is a log (called a log, or Kafka, Kinesis, Pulsar, Redpanda, Event Hubs as its
      `technology`, name or description) consumed `exactly-once`: that guarantee is a
      transactional pipeline whose offsets are committed with its output, so the output is a
      function of the log in order.

    Every consumer of such a stream rebuilds or aggregates its state from the events in order,
    so an event set aside in a dead-letter queue would leave every later state wrong, and
    replaying it afterwards would apply it out of order. Such a stream stops and alerts on a
    poison event instead, is fixed, and resumes from the same offset; the lag alert that
    DL606 asks for is what makes the stop visible, so DL605 asks for nothing more
    (`dead_letter: false` there states the choice). A dead-letter queue naming the stream
    itself is still reported. Everything else needs a
    dead-letter queue whatever its delivery guarantee: an exactly-once work queue (payout
    requests) that says nothing about order is blocked by a poison message all the same, and
    "order" as the business's word (an order service, purchase orders, "in order to") says
    nothing about the queue.

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
        if qid in dead_letter_queues:
            continue
        dlq = queue.dead_letter
        if dlq != qid and ordered_stream(qid, queue):
            continue
        if dlq is None and _failures_moved_on(ctx, qid, queue):
            continue
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


def _failures_moved_on(ctx: Context, qid: str, queue: Queue) -> bool:
    """Whether a consumer of `qid` publishes its failures to another queue (a retry queue)."""
    queues = ctx.design.queues
    for sid in queue.consumers:
        service = ctx.design.services.get(sid)
        for target in service.publishes if service else ():
            other = queues.get(target)
            if other is None or target == qid:
                continue
            named = " ".join(filter(None, (target, other.name))).replace("_", " ")
            if _HOLDS_FAILURES.search(named.replace("-", " ")) or _RETRIES.search(
                other.description or ""
            ):
                return True
    return False


# A queue named for what failed elsewhere: a retry queue, a parking lot, failed messages.
_HOLDS_FAILURES = re.compile(
    r"\b(?:retry|retries|failed|failures?|dlq|dead letters?|parking|poison)\b", re.I
)
# A description of such a queue: what lands there is tried again.
_RETRIES = re.compile(r"\b(?:retry|retries|retried|re-?enqueue\w*|put back|parked)\b", re.I)


def ordered_stream(qid: str, queue: Queue) -> bool:
    """A stream whose order is the contract: said in words, or a log consumed exactly-once."""
    text = " ".join(filter(None, (qid, queue.name, queue.description)))
    text = text.replace("_", " ").replace("-", " ")
    if _ORDER_IS_THE_CONTRACT.search(text):
        return True
    if queue.delivery != "exactly-once":
        return False
    return bool(_LOG.search(" ".join(filter(None, (text, queue.technology)))))


# Words that make the order of events the point. Bare "order" is left out: it is the business
# word of shops (an order service, purchase orders), and "in order to" is just English.
_ORDER_IS_THE_CONTRACT = re.compile(
    r"\b(?:fifo|first in,? first out|sequenc\w*|journal\w*|changelog|oplog"
    r"|(?:strict|strictly|global|globally|total|totally|causal|causally)\s+order\w*"
    r"|ordered(?:\W+\w+){0,2}?\W+(?:events?|log|list|stream|messages?|commands?|operations?"
    r"|updates?|changes?|entries|records?|writes?)"
    r"|in order(?! to\b)|order(?:ing)? (?:is )?(?:preserved|guaranteed)"
    r"|(?:preserv\w*|guarantee\w*) (?:the )?(?:message |event )?order(?:ing)?"
    r"(?! (?:service|book|id|number|status))"
    r"|(?:event|commit|transaction|write ahead|append only|replicated|operations?) log"
    r"|event sourc\w*|replay\w*(?:\W+\w+){0,3}?\W+(?:rebuild\w*|restor\w*|reconstruct\w*)"
    r"|rebuild\w* (?:\w+ ){0,2}state)\b",
    re.I,
)

# A log, by name or by technology: a topic there is retained and ordered per partition.
_LOG = re.compile(r"\b(?:log|kafka|kinesis|pulsar|redpanda|event ?hubs?|msk)\b", re.I)
