"""DL401 shared-datastore: a datastore or cache with more than one owning service."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.registry import rule
from designlint.rules.services._ownership import context_of, ownership


@rule("DL401", "shared-datastore", "error")
def shared_datastore(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a datastore or cache that more than one service owns. The owners of a store are the
    union of its `owner` field and every service that lists it under `owns`; naming the same
    service on both sides counts once. Owners that are parts of one service (`part_of`, an
    API and its workers) are one owner.

    The finding points at the store and names every owner. Owner ids that are not declared
    services are left to DL003 (unknown-reference).

    ## Why is this bad?
    A service is the unit you deploy, scale and change independently, and it can only do that
    if nobody else depends on the shape of its data. Two services owning one database share a
    schema: a migration for one breaks the other, a slow query from one starves the other, and
    neither can move to another store without the other's consent. The coupling is invisible in
    the API contract, which is why a reviewer asks for it to be called out and removed: give
    the data one owner and let the others call it or consume its events.

    ## Example
    ```yaml
    designlint: 1
    name: Twitter
    services:
      tweet-service: {owns: [tweet-db]}
      timeline-service: {owns: [tweet-db]}
    datastores:
      tweet-db: {kind: wide-column}
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Twitter
    services:
      tweet-service: {owns: [tweet-db]}
      timeline-service: {calls: [tweet-service]}
    datastores:
      tweet-db: {kind: wide-column}
    ```
    """
    for entry in ownership(ctx.design).values():
        contexts = {context_of(ctx.design, sid) for sid in entry.owners}
        if len(entry.owners) < 2 or len(contexts) < 2:
            continue  # owners that are parts of one service share one context
        names = ", ".join(f"`{sid}`" for sid in entry.owners)
        kind = "datastore" if entry.section == "datastores" else "cache"
        yield Violation(
            entry.path,
            f"{kind} `{entry.id}` is owned by {len(entry.owners)} services: {names}",
            fix="give it one owner; the other services call the owner's API or consume its events",
        )
