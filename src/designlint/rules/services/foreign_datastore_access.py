"""DL402 foreign-datastore-access: a service reaching into a store another service owns."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain

from designlint.context import Context
from designlint.findings import Violation
from designlint.registry import rule
from designlint.rules.services._access import declared_foreign, through_fanout, through_flows
from designlint.rules.services._ownership import external, same_context, shared_ownership


@rule("DL402", "foreign-datastore-access", "error")
def foreign_datastore_access(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a service that reaches a datastore or cache owned by a different service. Three
    things count as reaching it:

    - the service's own `reads` and `writes` (one finding per offending entry);
    - a flow whose path goes from the service to the store with only other stores in between
      (`[timeline-service, timeline-cache, tweet-db]` has the timeline service read both),
      unless the service does not use the store and an earlier service of the path that
      `calls` it does: that hop is the caller's step after its callee answered
      (`[query-api, cache, document-service, cache]`);
    - a fan-out: its `worker` writes the `target` and reads `followers_from` when that is a
      store, and `pull_by` reads `pull_from`. A fan-out service that `calls` the store's owner
      is taken to go through the owner's API, and is not reported.

    A pair of service and store that flows or fan-outs reveal is reported once: not at all when
    a `reads`/`writes` entry already reports it, else at the first flow hop, else at the
    fan-out.

    Decisions:

    - A service that is one of several owners of a store is not reported here: the store is
      shared, and DL401 (shared-datastore) reports that once.
    - A service that is `part_of` the owner (an API and its workers), or part of the same
      service as the owner, shares the owner's stores and is not reported.
    - A `kind: external` service (a third party) is not judged.
    - A store with no owner at all is DL404's business (unowned-datastore), and DL401's when
      two or more services use it, not this rule's.

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
    owned = shared_ownership(ctx).by_id
    # the owners of each store, as sets, for the fan-outs alone
    owners = {sid: set(names) for sid, names in owned.items()} if ctx.design.fanout else {}
    reported: set[tuple[str, str]] = set()
    design = ctx.design
    found = chain(
        declared_foreign(design, owned, ctx.graph_facts.succ),
        through_flows(design),
        through_fanout(design, owners),
    )
    for access in found:
        names = owned.get(access.store)
        sid = access.service
        if not names or sid in names:
            continue
        if external(ctx.design, sid) or any(same_context(ctx.design, sid, o) for o in names):
            continue
        pair = (sid, access.store)
        if not access.declared and pair in reported:
            continue
        reported.add(pair)
        said = ", ".join(f"`{o}`" for o in names)
        if access.declared:
            what = f"service `{sid}` {access.verb} `{access.store}`"
        elif access.path[0] == "flows":
            what = f"flow `{access.path[1]}` goes from service `{sid}` straight to `{access.store}`"
        else:
            what = f"fan-out `{access.path[1]}` has `{sid}` {access.verb[:-1]} `{access.store}`"
        yield Violation(
            access.path,
            f"{what}, which {said} owns",
            fix=f"call the owning service's API, or consume its events, instead of "
            f"touching `{access.store}` directly",
        )
