"""DL503 unindexed-query: a query that neither the primary key nor an index serves."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.indexes import suggest
from designlint.registry import rule
from designlint.rules.data._coverage import SKIPPED_KINDS, query_table


@rule("DL503", "unindexed-query", "error")
def unindexed_query(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a declared query (access pattern) that neither the entity's primary key nor any of
    its indexes serves. Coverage follows the leftmost-prefix rule of a sorted index:

    - the `equals` columns must be exactly the first index columns, in any order among
      themselves;
    - then at most one `range` column, the next index column;
    - then the `order_by` columns (leaving out columns fixed by equality), continuing the
      index in order, all in the index's directions or all flipped: an index scanned
      backwards serves exactly the reverse order. Mixed directions need a sort.

    A query with equality on a prefix and nothing else is served. In a hashed store
    (`key-value`, `wide-column`, `object-store`) the primary key is the partition key followed
    by the clustering columns, and the partition key (the first column of a key or index) must
    be compared with `=`. A query naming an entity the store does not declare is reported too,
    since nothing can serve it.

    Also served, and not reported:

    - a query whose `equals` fixes every column of a key and adds more (`WHERE user_id = ?
      AND month = ?` with an index on `user_id`): the key finds the rows of one value and a
      residual filter drops the rest. An `order_by` on other columns then needs a sort, which
      is only free when the key is unique (one row);
    - a query with no predicate and no order but a `limit` (a work queue's `LIMIT 1000 FOR
      UPDATE SKIP LOCKED`): it stops after N rows; without a `limit` it is a full scan;
    - a `range` or `order_by` on the score of a Redis sorted set (technology Redis, Valkey,
      KeyDB or Dragonfly, and a column named `score` or a store or query that says "sorted
      set", `ZADD`, `ZRANGE`...): the members are kept in score order.

    Stores of kind `search` and `graph` are not judged.

    With the index `(author_id, created_at desc)` on tweets:

    | query | served |
    |---|---|
    | `WHERE author_id = ? ORDER BY created_at DESC LIMIT 20` | yes |
    | `WHERE author_id = ?` | yes, equality on a prefix |
    | `WHERE author_id = ? ORDER BY created_at ASC` | yes, scanning backwards |
    | `WHERE author_id = ? AND created_at < ? ORDER BY created_at DESC` | yes |
    | `WHERE tweet_id = ? AND author_id = ?` | yes, the primary key plus a residual filter |
    | `LIMIT 100` (no predicate, no order) | yes, it stops after 100 rows |
    | `WHERE created_at > ?` | no, `author_id` is not fixed |
    | `WHERE created_at = ?` | no, equality on a non-prefix column |
    | `ORDER BY author_id ASC, created_at ASC` | no, mixed directions for this index |
    | (no predicate, no order, no limit) | no, a full scan |

    The Example below runs three of the "no" rows and is reported three times; Use instead
    runs five "yes" rows, including the backwards scan, and is quiet.

    ## Why is this bad?
    An access pattern the indexes do not serve is a full table (or partition) scan, which is
    fine on a laptop and fatal at the article's scale: every execution reads rows in
    proportion to the table, not to the answer. The article's rule is "no full-table scan
    ever: every query must hit an index", and the store is chosen for its access patterns in
    the first place. Getting the column order right matters as much as having the index:
    `(author_id, created_at desc)` serves "an author's newest tweets" and is useless for "all
    tweets since yesterday".

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
          recent-tweets:
            entity: tweets
            range: created_at
          tweets-at:
            entity: tweets
            equals: [created_at]
          mixed-order:
            entity: tweets
            order_by: [author_id, created_at]
            limit: 20
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
          newest-by-author:
            entity: tweets
            equals: [author_id]
            order_by: created_at desc
            limit: 20
          all-by-author:
            entity: tweets
            equals: [author_id]
          oldest-by-author:
            entity: tweets
            equals: [author_id]
            order_by: created_at asc
            limit: 20
          own-tweet:
            entity: tweets
            equals: [tweet_id, author_id]
          any-hundred:
            entity: tweets
            limit: 100
    ```
    """
    for did, store, qid, query, entity, access, _, judgement in query_table(ctx):
        if store.kind in SKIPPED_KINDS:
            continue
        path = ("datastores", did, "queries", qid)
        if entity is None:
            yield Violation(
                (*path, "entity"),
                f"query `{qid}` reads `{query.entity}`, which `{did}` does not declare, so "
                "no key or index can serve it",
                fix=f"declare entity `{query.entity}` with its keys under `{did}`",
            )
            continue
        if judgement is None or judgement.served:
            continue
        if judgement.reasons:
            why = "; ".join(f"{k.label}: {r.reason}" for k, r in judgement.reasons[:3])
        else:
            why = "the entity has no primary key and no index"
        index = suggest(access)
        fix = (
            f"add an index `[{', '.join(index)}]` on `{query.entity}`"
            if index
            else "give the query a predicate on a key (`equals`) or a `limit`, or drop it"
        )
        yield Violation(
            path,
            f"query `{qid}` on `{query.entity}` is served by neither the primary key nor an "
            f"index ({why})",
            fix=fix,
        )
