"""DL301 offset-pagination."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.registry import rule
from designlint.rules.api import offset_params, offset_style

_FIX = "page with an opaque cursor: `cursor` parameter in, `next_cursor` field out"


@rule("DL301", "offset-pagination", "error")
def offset_pagination(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports an endpoint that pages by skipping rows, with `offset`, `page` or `skip`. It
    looks for a parameter named `offset`, `page`, `skip`, `page_number`, `pageNo`,
    `page_index` or `start_index` (compared without case, `_` or `-`), and for a declared
    `pagination.style` of `offset` or `page`. One finding per offending parameter or style.

    Only collection endpoints are judged, recognised as DL302 (list-without-cursor) does:
    `collection: true`, or, when `collection` is not given, an array-typed response field
    (`tweet[]`); a declared `pagination` also makes an endpoint a collection. On an endpoint
    returning one object the parameter means something else, such as seconds into a video or
    a byte offset into a file, and an endpoint marked `collection: false` is never judged.

    ## Why is this bad?
    To serve page 500, an offset query still reads the 10,000 rows before it and throws them
    away, so the cost of a page grows with its depth; at scale the deep pages become full
    scans. Offsets are also unstable: a row inserted while the user scrolls shifts every page,
    so items repeat or vanish. A cursor (the last id seen, encoded as an opaque token) lets the
    database seek straight to the position through the index, at the same cost on every page.

    ## Example
    ```yaml
    designlint: 1
    name: Twitter
    apis:
      get-timeline:
        method: GET
        path: /v1/users/{user_id}/timeline
        params: {user_id: uuid, offset: int, limit: int}
        response: {tweets: "tweet[]"}
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Twitter
    apis:
      get-timeline:
        method: GET
        path: /v1/users/{user_id}/timeline
        params: {user_id: uuid, cursor: string, limit: int}
        response: {tweets: "tweet[]", next_cursor: string}
        pagination: {style: cursor, max_limit: 100}
    ```
    """
    for aid, api in ctx.design.apis.items():
        for name in offset_params(api):
            yield Violation(
                ("apis", aid, "params", name),
                f"endpoint `{aid}` pages with the offset parameter `{name}`",
                fix=_FIX,
            )
        if api.collection is not False and offset_style(api):
            assert api.pagination is not None
            yield Violation(
                ("apis", aid, "pagination", "style"),
                f"endpoint `{aid}` declares `{api.pagination.style}` pagination",
                fix=_FIX,
            )
