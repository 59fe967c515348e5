"""DL304 unversioned-api."""

from __future__ import annotations

import re
from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.registry import rule

# A whole path segment: `v1`, `v12`, and the pre-release forms `v1beta`, `v2alpha1`.
_VERSION = re.compile(r"v\d+(?:(?:alpha|beta)\d*)?", re.I)


def versioned(path: str) -> bool:
    """Whether some segment of the path (query string ignored) is a version."""
    route = path.split("?", 1)[0]
    return any(_VERSION.fullmatch(segment) for segment in route.split("/"))


@rule("DL304", "unversioned-api", "warning")
def unversioned_api(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports an endpoint whose path has no version segment. A version is a whole segment
    `v<N>` (`/v1/tweets`, `/api/v2/users`), optionally with a pre-release tag (`/v1beta/`).
    Only HTTP endpoints are judged: a gRPC method, a WebSocket channel, a GraphQL operation
    or an event is versioned by its package, schema or topic, not by a path.
    `v1` glued to another word (`/tweetsv1`) does not count, and neither does versioning by
    header or media type: the format has no place to record it, so the path must carry it.

    ## Why is this bad?
    A public API outlives the first version of its contract. Mobile clients in particular stay
    installed for years and keep calling whatever shape they were built against. With the
    version in the path, a breaking change ships as `/v2/...` next to the old one, and both
    can be routed, measured and retired separately; without it, every change must be
    backwards compatible forever or break someone.

    ## Example
    ```yaml
    designlint: 1
    name: Twitter
    apis:
      post-tweet:
        method: POST
        path: /tweets
        request: {content: string(280)}
        response: {tweet_id: uuid}
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Twitter
    apis:
      post-tweet:
        method: POST
        path: /v1/tweets
        request: {content: string(280)}
        response: {tweet_id: uuid}
    ```
    """
    for aid, api in ctx.design.apis.items():
        if api.protocol != "http" or api.path is None or versioned(api.path):
            continue
        suggestion = "/v1/" + api.path.lstrip("/")
        yield Violation(
            ("apis", aid, "path"),
            f"endpoint `{aid}` path `{api.path}` carries no version",
            fix=f"put a version segment in the path, e.g. `{suggestion}`",
        )
