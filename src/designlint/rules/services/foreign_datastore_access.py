"""DL402 foreign-datastore-access: a service reaching into a store another service owns."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.registry import rule
from designlint.rules.services._ownership import external, ownership, same_context


@rule("DL402", "foreign-datastore-access", "error")
def foreign_datastore_access(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a service whose `reads` or `writes` name a datastore or cache owned by a different
    service. One finding per offending `reads`/`writes` entry.

    Decisions:

    - A service that is one of several owners of a store is not reported here: the store is
      shared, and DL401 (shared-datastore) reports that once.
    - A service that is `part_of` the owner (an API and its workers), or part of the same
      service as the owner, shares the owner's stores and is not reported.
    - A `kind: external` service (a third party) is not judged.
    - A store with no owner at all is DL404's business (unowned-datastore), not this rule's.
    - Fan-out `target`s and the hybrid pull path (`pull_by` reading `pull_from`) are declared
      mechanisms judged by the DL6xx rules; only `reads` and `writes` are judged here.

    ## Why is this bad?
    Reading another service's tables is the quiet way to share a database: the owner can no
    longer change its schema, cache its data or move to another store without breaking a
    consumer it cannot see in its API. The article's Timeline Service does not query the Tweet
    Service's database; it calls the Tweet Service, or learns about new tweets from an event on
    a queue. Both keep the owner in control of its data and make the dependency visible.

    ## Example
    ```yaml
    designlint: 1
    name: Twitter
    services:
      tweet-service: {owns: [tweet-db]}
      timeline-service: {reads: [tweet-db]}
    datastores:
      tweet-db: {kind: wide-column}
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Twitter
    services:
      tweet-service: {owns: [tweet-db], reads: [tweet-db]}
      timeline-service: {calls: [tweet-service]}
    datastores:
      tweet-db: {kind: wide-column}
    ```
    """
    owned = {key[1]: entry for key, entry in reversed(list(ownership(ctx.design).items()))}
    for sid, svc in ctx.design.services.items():
        for field, verb in (("reads", "reads"), ("writes", "writes")):
            for i, target in enumerate(getattr(svc, field)):
                entry = owned.get(target)
                if entry is None or not entry.owners or sid in entry.owners:
                    continue
                if external(ctx.design, sid) or any(
                    same_context(ctx.design, sid, o) for o in entry.owners
                ):
                    continue
                owners = ", ".join(f"`{o}`" for o in entry.owners)
                yield Violation(
                    ("services", sid, field, i),
                    f"service `{sid}` {verb} `{target}`, which {owners} owns",
                    fix=f"call the owning service's API, or consume its events, instead of "
                    f"touching `{target}` directly",
                )
