"""DL507 unbounded-query: a query with neither a key predicate nor a limit."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.answer_bounds import stated_bound
from designlint.context import Context
from designlint.findings import Violation
from designlint.registry import rule
from designlint.rules.data._answers import answering
from designlint.rules.data._coverage import bounded, query_table


@rule("DL507", "unbounded-query", "error")
def unbounded_query(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a declared query that has no `limit` and no key predicate. A key predicate is
    equality (`equals`) on every column of the primary key, or on every column of a
    `unique: true` index: it returns at most one row per value looked up. Equality on only a
    prefix, or on a non-unique index, is not a key predicate: `WHERE author_id = ?` returns
    every tweet the author ever wrote, and for the most prolific authors that is unbounded.

    Also bounded, and not reported:

    - equality on every column of a unique key but the last, and a `range` on the last: one
      row per value in the range (the nights of one stay, keyed by `(listing_id, night)`);
    - lookups that are unique by construction when the entity declares no primary key (or
      is not declared): a GET of one key (`equals` on one column, no range) in a
      `key-value` or `object-store` store, or equality on the entity's own identifier (`id`,
      or `user_id` on `users`).

    A query is also bounded when the design states its size in words, the way a reviewer
    reads it. Either its own `description` says so ("at most 50 per user", "a handful per
    user", "the top 10", `LIMIT 20` in the SQL), or an endpoint that answers with its rows
    does: an endpoint whose answer is bounded without paging, as DL302 reads it ("all folders
    of an account, a handful per user", "exactly the top 10", a ranking cut sized by a `count`
    parameter), that returns a list of the query's entity (a response field `folders` or
    `folder[]`, or a path ending in `/folders`, for the entity `folders`), that reaches the
    query's store (its `service` reads, writes or owns it, or a flow named in its `flows`
    passes through it), and that receives the query's `equals` columns (as parameters, path
    parameters or request fields, or as the caller's own `user_id` or `account_id`) while
    each of its path parameters is one of them. A top-10 endpoint over `posts` does not vouch
    for `posts-by-author`, whose `author_id` it never receives. Counts too large for one
    answer ("a few hundred thousand") and page sizes ("up to 20 per page") bound nothing.

    Stores of kind `search` are not judged: a search engine answers with one page of the
    best hits (ten by default in Elasticsearch and OpenSearch), never with everything that
    matches. A query that no key or index serves is a scan, which DL503 (unindexed-query)
    reports; it is not reported a second time here. A query on an entity the store does not
    declare is judged all the same: with no schema, only a `limit` or a lookup unique by
    construction bounds it.

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
          pinned-of-author:
            entity: tweets
            equals: [author_id]
            description: the pinned tweets of an author, at most 5
    ```
    """
    for did, store, qid, query, entity, access, keys, judgement in query_table(ctx):
        if store.kind == "search":
            continue  # a search engine always answers with one page of hits
        if query.limit is not None:
            continue
        if judgement is not None and not judgement.served:
            continue  # a scan: DL503 reports it, and its fix comes first
        if bounded(store, entity, query, access, keys):
            continue
        if stated_bound(query.description) or answering(ctx, did, query):
            continue  # bounded in words, by the query or by the endpoint it answers
        yield Violation(
            ("datastores", did, "queries", qid),
            f"query `{qid}` on `{query.entity}` has neither a key predicate nor a limit, so "
            "it returns as many rows as the data holds",
            fix="add `limit:` (and page with a cursor), or look rows up by the full primary "
            "key or a unique index",
        )
