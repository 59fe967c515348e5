"""DL307 incomplete-contract."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.registry import rule

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH"})
# HEAD and OPTIONS answer with headers only: there is no body to describe.
BODYLESS_RESPONSES = frozenset({"HEAD", "OPTIONS"})
# Protocols besides HTTP whose calls answer: an event or a WebSocket push answers nothing.
ANSWERING = frozenset({"grpc", "graphql"})
# Protocols that carry messages one way: their message needs a shape on one side or the other.
MESSAGING = frozenset({"websocket", "event"})


@rule("DL307", "incomplete-contract", "warning")
def incomplete_contract(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports an endpoint with no `response` schema (HTTP, gRPC and GraphQL; an event or a
    WebSocket message answers nothing), and a write (`POST`, `PUT`, `PATCH`) with
    no `request` schema; an endpoint missing both gets two findings. `HEAD` and `OPTIONS` need
    no response schema. A WebSocket or event endpoint with neither `request` (what is sent)
    nor `response` (what is pushed) describes no message at all and is reported once.

    An explicitly empty schema (`response: {}` for a `204 No Content`, `request: {}` for a
    `POST /v1/tweets/{id}/like` with nothing in the body) is a decision and counts as present;
    only a missing key is reported. `DELETE` needs a response schema like any other method:
    write `response: {}` if it returns nothing.

    ## Why is this bad?
    A contract is its shapes. Without the response, nobody can check that the client gets what
    the flow needs (ids to hydrate, a next cursor, a status); without the request, nobody can
    check what a write accepts, what it validates or whether it can carry an idempotency key.
    An endpoint given as a method and a path is a placeholder, not a contract.

    ## Example
    ```yaml
    designlint: 1
    name: Twitter
    apis:
      post-tweet:
        method: POST
        path: /v1/tweets
        response: {tweet_id: uuid, created_at: timestamp}
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Twitter
    apis:
      post-tweet:
        method: POST
        path: /v1/tweets
        request: {user_id: uuid, content: string(280), media_ids: "uuid[]"}
        response: {tweet_id: uuid, created_at: timestamp}
    ```
    """
    for aid, api in ctx.design.apis.items():
        answers = api.protocol in ANSWERING if api.protocol != "http" else True
        if api.response is None and answers and api.method not in BODYLESS_RESPONSES:
            yield Violation(
                ("apis", aid),
                f"endpoint `{aid}` has no response schema",
                fix="add `response: {field: type, ...}` (or `response: {}` if it returns nothing)",
            )
        if api.protocol in MESSAGING and api.request is None and api.response is None:
            yield Violation(
                ("apis", aid),
                f"{api.protocol} endpoint `{aid}` describes no message",
                fix="add `request: {field: type, ...}` for what is sent, or `response:` for "
                "what is pushed",
            )
        if api.request is None and api.method in WRITE_METHODS:
            yield Violation(
                ("apis", aid),
                f"{api.method} endpoint `{aid}` has no request schema",
                fix="add `request: {field: type, ...}` (or `request: {}` for an empty body)",
            )
