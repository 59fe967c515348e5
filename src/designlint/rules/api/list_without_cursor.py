"""DL302 list-without-cursor."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.registry import rule
from designlint.rules.api import (
    answer_bound,
    cursor_param,
    is_collection,
    next_cursor_field,
    pages_by_offset,
)


@rule("DL302", "list-without-cursor", "error")
def list_without_cursor(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports an endpoint returning a collection that is not paged with a cursor. Both halves of
    cursor pagination are required: a request parameter carrying the cursor, and a response
    field handing out the next one. Either half alone cannot page (a cursor nobody receives, or
    one nobody can send back), so the finding names whichever is missing.

    An endpoint is a collection when it says `collection: true`, or, when `collection` is not
    given, when any response field has an array type (`tweet[]`, `list[tweet]`, `array`) and
    the path does not end in a parameter: `GET /v1/events/{id}` returns one event, whose
    `tickets[]` are a part of it, not a list to page. With no `response` written, an HTTP
    `GET` whose path ends in a plural noun (`GET /v1/reservations`, `GET
    /v1/users/{id}/orders`) is a collection by REST's own convention; plural-looking names
    of one thing (`settings`, `preferences`, `stats`, `metrics`, `status`, `news`) are not.
    Cursors are recognised from `pagination.cursor_param` / `pagination.next_cursor_field`, or
    by name: a parameter containing `cursor` or named `after`, `before`, `since_id`,
    `max_id`, `last_seen_id`, `page_token`...; a response field containing `cursor` or
    named `next`, `next_token`, `next_page_token`...

    Endpoints that page by offset are left to DL301, which already asks for a cursor.

    A collection whose whole answer fits in one response needs no cursor, and is not
    reported when the design says so. Either its description (or its id, name or path)
    bounds it in words: "exactly the top 10", "the top N", "top-k", "the 5 nearest", "at
    most 50", "up to 20", "a handful per user", "a fixed-size list", "bounded by the venue";
    or it is a ranking cut
    (`top`, `popular`, `trending`, `leaderboard`, `ranking` in its id, name or path) whose
    size is a request parameter (`count`, `limit`, `k`, `n`, `top_n`). A count larger than
    1,000 ("a few hundred thousand", "up to 10k"), the size of one page ("up to 20 per page",
    "returns the first page", "the 20 most recent"), a number that is not a count ("up to
    200 ms"), the parts of each item ("each with up to 4 images") and look-alikes ("top-level
    folders") bound nothing. An endpoint with half a cursor means to page and is
    reported whatever it says.

    ## Why is this bad?
    A list with no cursor either returns everything at once, which grows without bound as the
    data grows, or gets paged later with offsets, which slow down with every page. Deciding on
    cursor pagination in the contract, before any backend exists, is what lets the query
    behind the endpoint seek through an index instead of scanning.

    ## Example
    ```yaml
    designlint: 1
    name: Twitter
    apis:
      get-timeline:
        method: GET
        path: /v1/users/{user_id}/timeline
        params: {user_id: uuid, limit: int}
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
      trending-topics:
        method: GET
        path: /v1/trends
        response: {topics: "topic[]"}
        description: the top 10 topics of the hour
    ```
    """
    for aid, api in ctx.design.apis.items():
        if not is_collection(api) or pages_by_offset(api):
            continue
        has_param, has_next = cursor_param(api) is not None, next_cursor_field(api) is not None
        if has_param and has_next:
            continue
        if answer_bound(aid, api) is not None:
            continue  # a top N or a handful: one answer holds it all
        if api.pagination is not None and api.pagination.style == "none":
            path: tuple[str, ...] = ("apis", aid, "pagination", "style")
            message = f"endpoint `{aid}` returns a collection but declares no pagination"
        elif not has_param and not has_next:
            path = ("apis", aid)
            message = (
                f"endpoint `{aid}` returns a collection with no cursor parameter "
                "and no next cursor in the response"
            )
        elif not has_param:
            path = ("apis", aid, "params")
            message = f"endpoint `{aid}` returns a next cursor but takes no cursor parameter"
        else:
            path = ("apis", aid, "response")
            message = f"endpoint `{aid}` takes a cursor but its response has no next cursor"
        yield Violation(
            path,
            message,
            fix="add a `cursor: string` parameter and a `next_cursor: string` response field",
        )
