"""DL504 offset-query: a query that skips rows with OFFSET."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.registry import rule


@rule("DL504", "offset-query", "error")
def offset_query(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a declared query that sets `offset`: any number, including `0`, or `true`. Only
    `offset: false` (or leaving it out) is quiet. `offset: 0` is reported because it is the
    first page of an OFFSET pager: the later pages of the same query skip rows.

    ## Why is this bad?
    OFFSET does not jump: the database walks the index to the offset and throws the rows away,
    so page n costs n pages of work. `LIMIT 20 OFFSET 10000` reads 10,020 rows to return 20,
    deep pages get slower the more people scroll, and rows inserted meanwhile shift the pages
    so readers see duplicates or miss items. A keyset (cursor) query, `WHERE created_at <
    :cursor ORDER BY created_at DESC LIMIT 20`, starts where the last page ended by seeking
    the index: the same cost on every page, stable under inserts.

    ## Example
    ```yaml
    designlint: 1
    name: Twitter
    datastores:
      tweet-db:
        kind: relational
        queries:
          tweets-page:
            entity: tweets
            equals: [author_id]
            order_by: created_at desc
            limit: 20
            offset: 10000
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Twitter
    datastores:
      tweet-db:
        kind: relational
        queries:
          tweets-page:
            entity: tweets
            equals: [author_id]
            range: created_at
            order_by: created_at desc
            limit: 20
            description: WHERE author_id = ? AND created_at < :cursor
    ```
    """
    for did, store in ctx.design.datastores.items():
        for qid, query in store.queries.items():
            if query.offset is None or query.offset is False:
                continue
            yield Violation(
                ("datastores", did, "queries", qid, "offset"),
                f"query `{qid}` on `{did}` pages with OFFSET, which reads and discards every "
                "skipped row",
                fix="page with a cursor: a `range` on the sort column from the last row seen, "
                "plus `limit`",
            )
