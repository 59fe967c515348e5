"""DL305 flow-without-api."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.registry import rule


@rule("DL305", "flow-without-api", "error")
def flow_without_api(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports each in-scope functional requirement that no endpoint serves. An endpoint serves a
    requirement when its `flows` list names the requirement, or names a flow whose
    `requirement` is that requirement. Every entry of `requirements.functional` is in scope,
    secondary ones included: what is not in scope belongs in `out_of_scope`.

    ## Why is this bad?
    Every core flow starts with a client request, so each one needs an endpoint in the
    contract. Writing the API before the backend is what keeps the services honest: a flow
    with no endpoint is a flow whose inputs, outputs and pagination were never decided, and
    the backend drawn for it is answering a question nobody asked precisely.

    ## Example
    ```yaml
    designlint: 1
    name: Twitter
    requirements:
      functional:
        post-tweet: {description: A user posts a tweet.}
        read-timeline: {description: A user reads their home timeline.}
    apis:
      post-tweet:
        method: POST
        path: /v1/tweets
        flows: [post-tweet]
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Twitter
    requirements:
      functional:
        post-tweet: {description: A user posts a tweet.}
        read-timeline: {description: A user reads their home timeline.}
    apis:
      post-tweet:
        method: POST
        path: /v1/tweets
        flows: [post-tweet]
      get-timeline:
        method: GET
        path: /v1/users/{user_id}/timeline
        flows: [read-timeline]
    ```
    """
    design = ctx.design
    served: set[str] = set()
    for api in design.apis.values():
        for fid in api.flows:
            served.add(fid)
            flow = design.flows.get(fid)
            if flow is not None and flow.requirement:
                served.add(flow.requirement)
    for rid in design.requirements.functional:
        if rid not in served:
            yield Violation(
                ("requirements", "functional", rid),
                f"functional requirement `{rid}` is served by no endpoint",
                fix=f"add an endpoint under `apis` with `flows: [{rid}]`",
            )
