"""DL502 no-primary-key: an entity with no primary key."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.registry import rule
from designlint.rules.data._keys import primary_key_columns

KEYLESS_KINDS = ("log", "file", "warehouse", "probabilistic")


@rule("DL502", "no-primary-key", "error")
def no_primary_key(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports an entity in any datastore (object stores included) whose `primary_key` is absent,
    empty (`[]`) or blank. A unique index does not count as a primary key: it is an extra way
    in, not the identity the store partitions, replicates and deduplicates by.

    Stores whose records have no key by nature are not judged: a `log` (records are found by
    their offset), a `file` (a settlement file, a configuration file), a `warehouse` (scanned
    fact tables, whose keys analytical engines do not enforce) and a `probabilistic` structure.

    ## Why is this bad?
    The primary key is the first decision about a record: how one row is found, how the table is
    partitioned or sharded, and what makes a retried write idempotent instead of a duplicate.
    In a wide-column store it is also the partition key followed by the clustering columns,
    so it decides which queries are cheap at all. The article's tweets table starts with
    `tweet_id UUID PK` for these reasons; an entity without one cannot be reasoned about.

    ## Example
    ```yaml
    designlint: 1
    name: Twitter
    datastores:
      tweet-db:
        kind: relational
        entities:
          tweets:
            fields: {tweet_id: uuid, author_id: uuid, created_at: timestamp}
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Twitter
    datastores:
      tweet-db:
        kind: relational
        entities:
          tweets:
            fields: {tweet_id: uuid, author_id: uuid, created_at: timestamp}
            primary_key: tweet_id
    ```
    """
    for did, store in ctx.design.datastores.items():
        if store.kind in KEYLESS_KINDS:
            continue
        for eid, entity in store.entities.items():
            if primary_key_columns(entity):
                continue
            base = ("datastores", did, "entities", eid)
            path = (*base, "primary_key") if entity.primary_key is not None else base
            yield Violation(
                path,
                f"entity `{eid}` of `{did}` has no primary key",
                fix="add `primary_key:` (for a wide-column store, the partition key then the "
                "clustering columns)",
            )
