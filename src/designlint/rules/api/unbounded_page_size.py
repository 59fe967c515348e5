"""DL303 unbounded-page-size."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.registry import rule
from designlint.rules.api import is_paginated, limit_param


@rule("DL303", "unbounded-page-size", "warning")
def unbounded_page_size(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a paginated endpoint that has no page-size parameter, or no maximum page size.
    The parameter is `pagination.limit_param` or a parameter named `limit`, `page_size`,
    `per_page`, `count`, `size`, `max_results`, `first`, `top` or `take`; the maximum can
    only be stated as `pagination.max_limit`, since a parameter type cannot say it.

    An endpoint is paginated when it declares a `pagination` style other than `none`, or when
    it returns a collection and takes a cursor or offset parameter or returns a next cursor.
    One finding per endpoint, naming what is missing.

    ## Why is this bad?
    A cursor bounds where a page starts, not how long it is. Without a limit parameter the
    server picks a size nobody has agreed on; without a maximum, one client asking for
    `limit=1000000` turns a cheap indexed read into a scan that holds memory and a database
    connection for seconds. Stating the default and the ceiling in the contract keeps every
    page's cost known in advance.

    ## Example
    ```yaml
    designlint: 1
    name: Twitter
    apis:
      get-timeline:
        method: GET
        path: /v1/users/{user_id}/timeline
        params: {user_id: uuid, cursor: string, limit: int}
        response: {tweets: "tweet[]", next_cursor: string}
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
        pagination: {style: cursor, default_limit: 20, max_limit: 100}
    ```
    """
    for aid, api in ctx.design.apis.items():
        if not is_paginated(api):
            continue
        has_limit = limit_param(api) is not None
        has_max = api.pagination is not None and api.pagination.max_limit is not None
        if has_limit and has_max:
            continue
        if not has_limit and not has_max:
            path: tuple[str, ...] = ("apis", aid)
            message = f"paginated endpoint `{aid}` has no limit parameter and no maximum limit"
        elif not has_limit:
            path = ("apis", aid, "params")
            message = f"paginated endpoint `{aid}` has no limit parameter"
        else:
            path = ("apis", aid, "pagination")
            message = f"paginated endpoint `{aid}` has no maximum limit"
        yield Violation(
            path,
            message,
            fix="take a `limit: int` parameter and cap it with `pagination: {max_limit: 100}`",
        )
