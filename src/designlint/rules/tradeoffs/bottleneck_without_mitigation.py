"""DL802 bottleneck-without-mitigation."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.registry import rule


@rule("DL802", "bottleneck-without-mitigation", "warning")
def bottleneck_without_mitigation(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a bottleneck whose `mitigations` list is missing, empty, or holds only blank
    entries.

    ## Why is this bad?
    Naming a weakness is half of the work; the other half is saying what limits the damage.
    A bottleneck without a mitigation reads as a risk the design accepts without knowing it:
    the reader cannot tell whether the author has a plan (auto-scaling on lag, a degraded
    mode, eviction, a second region) or just hopes it will not happen.

    ## Example
    ```yaml
    designlint: 1
    name: Twitter
    bottlenecks:
      fanout-lag:
        description: a traffic spike makes the fan-out consumers fall behind
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Twitter
    bottlenecks:
      fanout-lag:
        description: a traffic spike makes the fan-out consumers fall behind
        mitigations:
          - alert when consumer lag exceeds 30 seconds
          - auto-scale fan-out workers on the lag metric
    ```
    """
    for bid, neck in ctx.design.bottlenecks.items():
        if any(m.strip() for m in neck.mitigations):
            continue
        yield Violation(
            ("bottlenecks", bid, "mitigations"),
            f"bottleneck `{bid}` names no mitigation",
            fix="list what limits the damage under `mitigations:`",
        )
