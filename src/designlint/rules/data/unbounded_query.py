"""DL507 unbounded-query: a query with neither a key predicate nor a limit."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.indexes import parse_columns
from designlint.registry import rule
from designlint.rules.data._keys import keys


@rule("DL507", "unbounded-query", "error")
def unbounded_query(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a declared query that has no `limit` and no key predicate. A key predicate is
    equality (`equals`) on every column of the primary key, or on every column of a
    `unique: true` index: it returns at most one row per value looked up. Equality on only a
    prefix, or on a non-unique index, is not a key predicate: `WHERE author_id = ?` returns
    every tweet the author ever wrote, and for the most prolific authors that is unbounded.

    Queries on entities the store does not declare are left to DL503 (unindexed-query).

    ## Why is this bad?
    A query without a bound returns as many rows as the data happens to hold. It is fast while
    the table is small and then degrades exactly when the product succeeds: a celebrity with
    millions of rows, a follower list of 50M ids loaded into one worker's memory. The article
    pages timelines 20 at a time and streams follower lists in batches of 10,000 for this
    reason. Stating either a limit or a unique lookup makes the cost of every query known in
    advance.

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
            primary_key: tweet_id
            indexes:
              by_author: [author_id, created_at desc]
        queries:
          tweets-by-author:
            entity: tweets
            equals: [author_id]
            order_by: created_at desc
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
            indexes:
              by_author: [author_id, created_at desc]
        queries:
          tweets-by-author:
            entity: tweets
            equals: [author_id]
            order_by: created_at desc
            limit: 20
          tweet-by-id:
            entity: tweets
            equals: [tweet_id]
    ```
    """
    for did, store in ctx.design.datastores.items():
        for qid, query in store.queries.items():
            if query.limit is not None:
                continue
            entity = store.entities.get(query.entity)
            if entity is None:
                continue
            equals = {c.name for c in parse_columns(list(query.equals))}
            if any(
                k.unique and {c.name for c in parse_columns(list(k.columns))} <= equals
                for k in keys(entity)
            ):
                continue
            yield Violation(
                ("datastores", did, "queries", qid),
                f"query `{qid}` on `{query.entity}` has neither a key predicate nor a limit, so "
                "it returns as many rows as the data holds",
                fix="add `limit:` (and page with a cursor), or look rows up by the full primary "
                "key or a unique index",
            )
