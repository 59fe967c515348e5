"""DL1xx: requirements, the first phase of the interview.

Before a single box is drawn, a design must say which flows are in scope, what is parked, which
numbers it is built to (throughput, latency at a percentile, availability, durability) and which
consistency model it accepts. These rules check that the design contract exists and is
measurable; everything later is judged against it.

The helpers below are shared by the rules of this family: what makes an NFR target measurable,
and which consistency models let a read miss an acknowledged write.
"""

from __future__ import annotations

import re
from typing import get_args

from designlint.model import Design
from designlint.model.requirements import ConsistencyModel, NonFunctionalRequirement
from designlint.numbers.quantity import Quantity, QuantityError, parse, try_parse

# Models under which a read may not see a write that was already acknowledged. `sequential`
# is in the list: it keeps one global order but not real time, so a read can still be stale.
STALE_READ_MODELS = frozenset(
    {"eventual", "bounded-staleness", "monotonic-reads", "read-your-writes", "causal", "sequential"}
)

# Consistency-kind NFRs may name a model in words: that is a decision, not vagueness.
CONSISTENCY_WORDS = frozenset(get_args(ConsistencyModel))

# `11 nines` is as exact as `99.999999999%` and is how people say it.
_NINES = frozenset({"nine", "nines"})

# `100 members per group`, `10 GB/user`: a quantity per thing, which a kind-`other` target may
# be (a limit, a quota), though no quantity field takes it (a rate is per unit of time).
_PER_THING = re.compile(r"^(?P<count>.+?)\s*(?:/|\bper\b)\s*(?P<thing>[^\W\d][\w -]*)$", re.I)


def _fits(kind: str, qty: Quantity) -> str | None:
    """Why a parsed target does not fit its kind, or None when it does."""
    shown = f"`{qty.text}`"
    if kind == "latency" and qty.kind != "time":
        return f"{shown} is not a time; a latency target reads like `200ms`"
    if kind == "throughput" and not qty.is_rate:
        return f"{shown} is not a rate; a throughput target reads like `1.2k/s` or `12k rps`"
    if kind in ("availability", "durability"):
        if (qty.noun or "").lower() in _NINES:
            return None if qty.magnitude >= 1 else f"{shown} is less than one nine"
        if qty.dimension != "percent" or qty.is_rate:
            return f"{shown} is not a percentage; {kind} targets read like `99.99%`"
        if not 0 < qty.magnitude <= 100:
            return f"{shown} is not a percentage between 0 and 100"
    if kind == "storage" and qty.dimension != "data":
        return f"{shown} is not a size; a storage target reads like `7 TB` or `20 GB/day`"
    if kind == "consistency" and qty.kind != "time":
        return f"{shown} is neither a model (`strong`) nor a staleness bound (`2s`)"
    return None


def vagueness(nfr: NonFunctionalRequirement) -> str | None:
    """Why an NFR's target is not measurable (DL105), or None when it is a number with a unit.

    A bare number is vague (`200`: milliseconds? seconds?), and so is a unit that does not fit
    the kind (`latency: 1.2k/s`): either way nobody can tell whether the design meets it.
    """
    target = nfr.target
    if nfr.kind == "consistency" and isinstance(target, str):
        if target.strip().lower() in CONSISTENCY_WORDS:
            return None
    try:
        qty = parse(target)
    except QuantityError as exc:
        text = target.strip() if isinstance(target, str) else ""
        if nfr.kind == "other" and (_count_per_thing(text) or _POLICY.search(text)):
            return None
        if text[:1].isdigit():
            return str(exc)  # a number was meant: say what is wrong with it
        bare = text.lstrip("<>=~≈≤≥ ")
        if bare != text and try_parse(bare) is not None:
            # Every rule reads the target as a plain quantity: keep the qualifier out of it.
            return (
                f"`{target}` is not a plain quantity; write `{bare}` (the kind implies the bound)"
            )
        return f"`{target}` is not a number with a unit"
    if not qty.has_unit:
        return f"`{target}` is a bare number with no unit"
    return _fits(nfr.kind, qty)


# A kind-`other` target that is a policy, met or not, with no unit to give it: compliance
# with a named regulation, encryption, an audit trail.
_POLICY = re.compile(
    r"\b(?:compl(?:y|ies|iant|iance)|regulations?|regulatory|gdpr|hipaa|pci(?:[ -]dss)?|ccpa"
    r"|soc ?2|encrypt\w*|audit (?:log|trail)s?)\b",
    re.I,
)


def _count_per_thing(text: str) -> bool:
    """Whether `text` is a quantity per something (`100 members per group`, `10 GB/user`)."""
    match = _PER_THING.match(text)
    if match is None:
        return False
    count = try_parse(match["count"])
    return count is not None and not count.is_rate


def is_numeric(nfr: NonFunctionalRequirement) -> bool:
    """Whether an NFR carries a measurable number (DL103): parsed, with a unit that fits."""
    if vagueness(nfr) is not None:
        return False
    if try_parse(nfr.target) is not None:
        return True
    text = nfr.target if isinstance(nfr.target, str) else ""
    return nfr.kind == "other" and _count_per_thing(text.strip())


def serves_no_requests(design: Design) -> bool:
    """Whether nothing in the design answers a request (a crawler, a batch pipeline).

    No client, no endpoint, and every functional requirement is started by a schedule, a
    batch or an event: there is no reader waiting on a response, so no response time to
    promise and no read that could see stale data.
    """
    functional = design.requirements.functional.values()
    return (
        not design.clients
        and not design.apis
        and bool(functional)
        and all(req.trigger != "request" for req in functional)
    )


def consistency_decided(design: Design) -> bool:
    """Whether any consistency model is decided: system-wide, or on some flow or datastore."""
    return (
        design.consistency is not None
        or any(flow.consistency for flow in design.flows.values())
        or any(store.consistency for store in design.datastores.values())
    )
