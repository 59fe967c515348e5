"""DL103 too-few-numeric-nfrs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import get_args

from pydantic import BaseModel, ConfigDict, Field

from designlint.context import Context
from designlint.findings import Violation
from designlint.model.requirements import NfrKind
from designlint.registry import rule
from designlint.rules.requirements import is_numeric

# The kinds a user feels: a design must put a number on at least one of them.
PROMISES = frozenset({"latency", "availability"})
KIND_ORDER = get_args(NfrKind)


class Options(BaseModel):
    """How many kinds of measurable NFR a design needs."""

    model_config = ConfigDict(defer_build=True)

    threshold: int = Field(
        3,
        ge=0,
        description="Fewest distinct kinds of non-functional requirement with a numeric "
        "target (0 turns the rule off).",
    )


@rule("DL103", "too-few-numeric-nfrs", "error", options=Options)
def too_few_numeric_nfrs(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a design whose numeric non-functional requirements cover fewer than 3 distinct
    kinds (throughput, latency, availability, durability, storage, consistency, other), or
    none of latency and availability. A requirement counts when its target is a number with a
    fitting unit (`1.2k/s`, `200ms`, `99.99%`). Kinds are counted, not requirements: three
    throughput numbers are one kind, and leave latency and availability "fast" and "high".

    A target only counts when DL105 would accept it: words (`fast`), bare numbers (`200`) and
    units that do not fit the kind (a latency of `1.2k/s`) do not count, and neither does a
    consistency requirement stated as a model name (`strong`), which is a decision rather than
    a number.

    ## Why is this bad?
    Numbers are the design contract. Without a throughput, a latency SLA and an availability
    target there is no way to say whether a cache, a queue or a second region is needed, so
    every component choice becomes a guess. Three measurable kinds of target is the minimum
    that lets the rest of the design be justified rather than asserted, and latency or
    availability must be among them: they are what the user experiences.

    ## Example
    ```yaml
    designlint: 1
    name: Twitter
    requirements:
      non_functional:
        timeline-latency: {kind: latency, target: 200ms, percentile: p99}
        availability: {kind: availability, target: highly available}
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Twitter
    requirements:
      non_functional:
        reads: {kind: throughput, target: 120k/s}
        timeline-latency: {kind: latency, target: 200ms, percentile: p99}
        availability: {kind: availability, target: 99.99%}
    ```

    ## Options
    - `threshold` (default `3`): the fewest distinct kinds of NFR with a numeric target a
      design must declare; `0` turns the rule off.
    """
    threshold: int = ctx.options().threshold
    if threshold == 0:
        return
    nfrs = ctx.design.requirements.non_functional
    kinds = {nfr.kind for nfr in nfrs.values() if is_numeric(nfr)}
    promise = kinds & PROMISES
    if len(kinds) >= threshold and promise:
        return
    stated = ", ".join(k for k in KIND_ORDER if k in kinds) or "none"
    problems = []
    if len(kinds) < threshold:
        problems.append(f"at least {threshold} kinds are needed")
    if not promise:
        problems.append("neither latency nor availability is a number")
    yield Violation(
        ("requirements", "non_functional"),
        f"numeric targets cover {len(kinds)} kind{'' if len(kinds) == 1 else 's'} of "
        f"requirement ({stated}): {' and '.join(problems)}",
        fix="state throughput, latency and availability as numbers with units, "
        "e.g. `target: 1.2k/s`, `target: 200ms`, `target: 99.99%`",
    )
