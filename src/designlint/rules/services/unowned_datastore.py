"""DL404 unowned-datastore: a datastore or cache no service owns."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.registry import rule
from designlint.rules.services._ownership import shared_ownership


@rule("DL404", "unowned-datastore", "warning")
def unowned_datastore(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a datastore or cache that no service owns: it has no `owner`, and no service lists
    it under `owns`.

    A store whose `owner` names an undeclared id is not reported: that is a typo, and DL003
    (unknown-reference) reports it with a suggestion. A store with no owner that two or more
    services use is reported here too: nobody answers for it, and DL401 (shared-datastore)
    adds that it is a shared database, naming the services. One owner settles both.

    ## Why is this bad?
    In the article each service is introduced together with the primary data it owns, because
    ownership answers the questions that come next: who may change the schema, who is paged
    when the store is slow, whose API others must call to get the data. A store without an
    owner has no answer to any of them, and in practice ends up written by whoever needs it,
    which is the shared database the design was meant to avoid.

    ## Example
    ```yaml
    designlint: 1
    name: Twitter
    services:
      user-service: {reads: [user-db]}
    datastores:
      user-db: {kind: relational}
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Twitter
    services:
      user-service: {reads: [user-db]}
    datastores:
      user-db: {kind: relational, owner: user-service}
    ```
    """
    table = shared_ownership(ctx)
    if all(table.of.values()):
        return  # every store has a declared owner, the common case
    for (section, cid), names in table.of.items():
        if names or (section, cid) in table.undeclared:
            continue
        kind = "datastore" if section == "datastores" else "cache"
        yield Violation(
            (section, cid),
            f"{kind} `{cid}` is owned by no service",
            fix="set `owner:` to the one service whose data it is (or list it in that "
            "service's `owns`)",
        )
