"""DL604 non-idempotent-consumer: what an at-least-once queue redelivers must be harmless twice."""

from __future__ import annotations

import re
from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.model.components import Consumer, Queue
from designlint.registry import rule


@rule("DL604", "non-idempotent-consumer", "error")
def non_idempotent_consumer(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a consumer of an at-least-once queue that is not declared idempotent. A queue
    whose `delivery` is not stated is judged as at-least-once, since that is what brokers do
    by default, and the finding says that delivery is not stated rather than claiming the
    design chose it. A consumer's `idempotent` defaults to `false`, so a consumer listed as
    `worker: {}` is reported until it says how duplicates are made harmless.

    Saying it in prose counts when the flag is left out: the consumer's `how`, the consuming
    service's description, or a mitigation of a bottleneck on that service (its `component`,
    or naming its id) that deduplicates ("a dedup mechanism discarding an event id already
    seen", "skip processed ids", "upsert by event id", "idempotency key"). An explicit
    `idempotent: false` is taken at its word.

    A fan-out's `worker` consumes the fan-out's `source` queue even when the queue does not
    list it under `consumers`; such an undeclared consumer cannot be shown to be idempotent and
    is reported at the fan-out's `worker`.

    Queues declared `at-most-once` (which never redeliver) and `exactly-once` are not checked;
    the latter is taken at its word, though be aware that brokers' exactly-once guarantees stop
    at the broker, and side effects in a cache or database can still happen twice.

    ## Why is this bad?
    At-least-once is what Kafka, SQS and RabbitMQ give by default: a message is only marked done
    after the consumer acknowledges it, so a consumer that crashes, times out or is rebalanced
    mid-batch gets the same message again. If processing is not idempotent, the replay shows up
    as duplicate timeline entries, double notifications or a charge taken twice. The fix is in
    the consumer, not the broker: write with operations that are no-ops when repeated (a ZADD of
    the same member and score, an upsert keyed by the event id) or record processed ids and
    skip them.

    ## Example
    ```yaml
    designlint: 1
    name: Timeline
    services:
      fanout-worker: {kind: worker}
    queues:
      new-tweets:
        delivery: at-least-once
        dead_letter: true
        lag_alert: 30s
        consumers:
          fanout-worker: {idempotent: false}
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Timeline
    services:
      fanout-worker: {kind: worker}
    queues:
      new-tweets:
        delivery: at-least-once
        dead_letter: true
        lag_alert: 30s
        consumers:
          fanout-worker:
            idempotent: true
            how: ZADD of the same tweet id with the same score is a no-op
    ```
    """
    design = ctx.design
    for qid, queue in design.queues.items():
        if queue.delivery != "at-least-once":
            continue
        how = _delivery(queue, qid)
        for sid, consumer in queue.consumers.items():
            if not consumer.idempotent and not _dedup_in_prose(ctx, sid, consumer):
                yield Violation(
                    ("queues", qid, "consumers", sid),
                    f"`{sid}` consumes {how} but is not idempotent, so a redelivered message "
                    "is processed twice",
                    fix="make processing repeat-safe (upsert by event id, ZADD) and set "
                    "`idempotent: true` with `how:`",
                )
    for fid, fan in design.fanout.items():
        queue = design.queues.get(fan.source or "")
        if queue is None or fan.worker is None or queue.delivery != "at-least-once":
            continue
        if fan.worker not in queue.consumers:
            yield Violation(
                ("fanout", fid, "worker"),
                f"fan-out worker `{fan.worker}` consumes {_delivery(queue, fan.source or '')} "
                "but is not declared among its consumers, so nothing says it is idempotent",
                fix=f"list it under `queues.{fan.source}.consumers` with `idempotent: true`",
            )


_DEDUP = re.compile(
    r"\b(de-?dup\w*|idempoten\w*|upsert\w*|already (seen|processed|handled)"
    r"|(processed|seen) (event |message )?ids?)\b",
    re.I,
)


def _dedup_in_prose(ctx: Context, sid: str, consumer: Consumer) -> bool:
    """Whether the design says in words that `sid` makes a redelivery harmless."""
    if "idempotent" in consumer.model_fields_set:
        return False  # an explicit `idempotent: false` is the design's word
    service = ctx.design.services.get(sid)
    texts = [consumer.how or "", service.description or "" if service else ""]
    named = re.compile(rf"(?<![\w-]){re.escape(sid)}(?![\w-])")
    for neck in ctx.design.bottlenecks.values():
        if neck.component == sid or named.search(neck.description):
            texts.extend(neck.mitigations)
    return any(_DEDUP.search(text) for text in texts)


def _delivery(queue: Queue, qid: str) -> str:
    """The queue as the message names it: what it guarantees, or that nobody said."""
    if "delivery" in queue.model_fields_set:
        return f"at-least-once queue `{qid}`"
    return f"queue `{qid}`, whose delivery is not stated (brokers redeliver by default),"
