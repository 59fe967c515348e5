"""DL005 duplicate-id."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.model import COMPONENT_SECTIONS
from designlint.registry import rule


@rule("DL005", "duplicate-id", "error", suppressible=False)
def duplicate_id(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports two components of different kinds that share an id, such as a service and a
    datastore both called `timeline`.

    ## Why is this bad?
    References name components by id alone (`path: [timeline]`), so a shared id makes every
    reference ambiguous: the diagram and the graph rules would pick one and ignore the other.

    ## Example
    ```yaml
    designlint: 1
    name: Feed
    services:
      timeline: {}
    caches:
      timeline: {ttl: 1d}
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Feed
    services:
      timeline-service: {}
    caches:
      timeline-cache: {ttl: 1d}
    ```
    """
    first: dict[str, str] = {}
    for section in COMPONENT_SECTIONS:
        for cid in getattr(ctx.design, section):
            if cid in first:
                yield Violation(
                    (section, cid),
                    f"`{cid}` is declared in both `{first[cid]}` and `{section}`",
                    fix="give each component its own id",
                )
            else:
                first[cid] = section
