"""DL108 eventual-consistency-on-money."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.registry import rule
from designlint.rules.requirements import STALE_READ_MODELS, consistency_decided

_FIX = "require `consistency: strong` (or linearizable/serializable) where money moves"


@rule("DL108", "eventual-consistency-on-money", "error")
def eventual_consistency_on_money(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a flow or datastore marked `handles_money: true` that accepts a consistency model
    under which a read can miss an acknowledged write. The model is the element's own
    `consistency`, or, when it has none, the system-wide `consistency.model`.

    Only `strong`, `linearizable` and `serializable` are accepted. Everything weaker is
    reported: `eventual`, and also `bounded-staleness`, `monotonic-reads`, `read-your-writes`,
    `causal` and `sequential`, since each of them lets one reader act on a stale balance.

    A money element with no model at all (neither its own nor a system one) is reported too:
    money is the one place where the model must be stated, not left to whatever the database
    does by default. When nothing at all is decided in the design, DL107 reports that once
    instead, and this rule stays quiet.

    ## Why is this bad?
    Eventual consistency is a fine bargain for a timeline: a post that appears two seconds
    late harms nobody. For money it is never acceptable. Two requests that both read a stale
    balance can both spend it, and a payment acknowledged in one replica can vanish when
    another wins a conflict. The cost of a stronger model is latency; the cost of a weaker
    one is lost money and reconciliation by hand.

    ## Example
    ```yaml
    designlint: 1
    name: Shop
    consistency: {model: eventual, staleness: 2s}
    services:
      payment-service: {}
    flows:
      checkout:
        handles_money: true
        path: [payment-service]
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Shop
    consistency: {model: eventual, staleness: 2s}
    services:
      payment-service: {}
    flows:
      checkout:
        handles_money: true
        consistency: strong
        path: [payment-service]
    ```
    """
    design = ctx.design
    system = design.consistency.model if design.consistency else None
    decided = consistency_decided(design)
    for section, items in (("flows", design.flows), ("datastores", design.datastores)):
        for eid, item in items.items():
            if not item.handles_money:
                continue
            kind = "flow" if section == "flows" else "datastore"
            if item.consistency is not None:
                if item.consistency in STALE_READ_MODELS:
                    yield Violation(
                        (section, eid, "consistency"),
                        f"{kind} `{eid}` handles money but accepts `{item.consistency}` "
                        "consistency, which allows stale reads",
                        fix=_FIX,
                    )
            elif system in STALE_READ_MODELS:
                yield Violation(
                    (section, eid, "handles_money"),
                    f"{kind} `{eid}` handles money but inherits the system's `{system}` "
                    "consistency, which allows stale reads",
                    fix=_FIX,
                )
            elif system is None and decided:
                yield Violation(
                    (section, eid, "handles_money"),
                    f"{kind} `{eid}` handles money but decides no consistency model",
                    fix=_FIX,
                )
