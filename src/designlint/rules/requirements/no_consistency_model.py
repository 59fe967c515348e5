"""DL107 no-consistency-model."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.registry import rule
from designlint.rules.requirements import consistency_decided, serves_no_requests


@rule("DL107", "no-consistency-model", "error")
def no_consistency_model(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a design that decides no consistency model anywhere. There is no top-level
    `consistency`, and no flow or datastore declares its own `consistency`.

    A decision at any of those levels silences the rule; a system-wide model is the clearest.
    A non-functional requirement of `kind: consistency` does not count on its own: it states a
    wish, while the `consistency` fields record the model the design accepts, which is what
    the money rule (DL108) reads.

    A design that answers no request (no client, no endpoint, and every functional
    requirement has `trigger: schedule`, `batch` or `event`: a crawler, a batch pipeline) is
    not asked: consistency is what a reader may see, and nobody reads from it.

    ## Why is this bad?
    Whether a reader may see stale data changes almost everything downstream: whether replicas
    can serve reads, whether fan-out can be asynchronous, whether regions can accept writes
    independently. A timeline can tolerate a tweet showing up two seconds late; a balance
    cannot. Leaving the question open means those choices are made by accident.

    ## Example
    ```yaml
    designlint: 1
    name: Twitter
    requirements:
      functional:
        read-timeline: {description: A user reads their home timeline.}
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Twitter
    requirements:
      functional:
        read-timeline: {description: A user reads their home timeline.}
    consistency:
      model: eventual
      staleness: 2s
      rationale: a tweet seen two seconds late is fine
    ```
    """
    if consistency_decided(ctx.design) or serves_no_requests(ctx.design):
        return
    yield Violation(
        ("consistency",),
        "no consistency model is decided, for the system or for any flow or datastore",
        fix="add a top-level `consistency: {model: eventual, staleness: 2s}` "
        "(or `strong`), or `consistency:` on each flow",
    )
