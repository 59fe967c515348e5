"""DL401 shared-datastore: a datastore or cache with more than one owning service."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.registry import rule
from designlint.rules.services._access import shared_unowned_users
from designlint.rules.services._ownership import context_of, shared_ownership


@rule("DL401", "shared-datastore", "error")
def shared_datastore(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a datastore or cache that more than one service owns. The owners of a store are the
    union of its `owner` field and every service that lists it under `owns`; naming the same
    service on both sides counts once. Owners that are parts of one service (`part_of`, an
    API and its workers) are one owner.

    A store with no owner at all that two or more services use is shared too, only less
    visibly: the finding names the services that use it. A service uses a store through its
    `reads` and `writes`, a flow from the service to the store, or a fan-out (the same accesses
    DL402 judges). DL404 (unowned-datastore) reports the missing owner as well.

    The finding points at the store and names every owner or user. Owner ids that are not
    declared services are left to DL003 (unknown-reference).

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
    table = shared_ownership(ctx)
    users = shared_unowned_users(ctx)
    for (section, cid), owners in table.of.items():
        if len(owners) < 2 and cid not in users:
            continue  # the common case: one owner, or none and no more than one user
        kind = "datastore" if section == "datastores" else "cache"
        if len(owners) >= 2 and len({context_of(ctx.design, sid) for sid in owners}) >= 2:
            names = ", ".join(f"`{sid}`" for sid in owners)
            message = f"{kind} `{cid}` is owned by {len(owners)} services: {names}"
        elif cid in users:
            names = ", ".join(f"`{sid}`" for sid in users[cid])
            message = f"{kind} `{cid}` has no owner and is used by {names}"
        else:
            continue
        yield Violation(
            (section, cid),
            message,
            fix="give it one owner; the other services call the owner's API or consume its events",
        )
