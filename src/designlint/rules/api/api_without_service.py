"""DL306 api-without-service."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.registry import rule


@rule("DL306", "api-without-service", "error")
def api_without_service(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports an endpoint with no `service`: nothing says which service answers it. A `service`
    naming an undeclared id is not reported here: DL003 (unknown-reference) already reports
    it, with a suggestion.

    ## Why is this bad?
    The contract and the architecture meet at this field. An endpoint routed nowhere cannot be
    traced to the service that owns its data, so nobody can tell which store it reads, which
    latency budget it spends or which team changes it. It is usually a sign that the API was
    written but the service split was never finished.

    ## Example
    ```yaml
    designlint: 1
    name: Twitter
    apis:
      post-tweet: {method: POST, path: /v1/tweets}
    services:
      tweet-service: {}
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Twitter
    apis:
      post-tweet: {method: POST, path: /v1/tweets, service: tweet-service}
    services:
      tweet-service: {}
    ```
    """
    for aid, api in ctx.design.apis.items():
        if api.service is None:
            yield Violation(
                ("apis", aid),
                f"endpoint `{aid}` is not routed to any service",
                fix="add `service: <service id>` naming the service that answers it",
            )
