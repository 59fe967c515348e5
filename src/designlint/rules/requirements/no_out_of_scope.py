"""DL102 no-out-of-scope."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.registry import rule


@rule("DL102", "no-out-of-scope", "warning")
def no_out_of_scope(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a design whose `requirements.out_of_scope` is missing, empty, or holds only blank
    entries.

    ## Why is this bad?
    Choosing the core flows is half of scoping; the other half is saying out loud what you are
    *not* building. A parked list ("search, DMs and ads are out of scope for now") shows the
    reader that the omissions are deliberate rather than forgotten, and stops a review from
    spending its time on features nobody meant to design.

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
      out_of_scope: [search, direct messages, ads]
    ```
    """
    parked = [item for item in ctx.design.requirements.out_of_scope if item.strip()]
    if parked:
        return
    yield Violation(
        ("requirements", "out_of_scope"),
        "nothing is explicitly parked out of scope",
        fix="list what the design deliberately leaves out, "
        "e.g. `out_of_scope: [search, direct messages]`",
    )
