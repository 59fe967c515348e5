"""DL305 flow-without-api."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.model import COMPONENT_SECTIONS
from designlint.registry import rule


@rule("DL305", "flow-without-api", "error")
def flow_without_api(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports each in-scope functional requirement started by a client request that no endpoint
    serves. An endpoint serves a requirement when its `flows` list names the requirement, or
    names a flow whose `requirement` is that requirement.

    Work no client asks for (a crawler, a nightly job, an expiry sweep, a reaction to an event)
    says so with `trigger: schedule`, `event` or `batch` and is not judged. A requirement that
    a component `serves` (a CDN rule, a gateway policy, a worker) has a home and is not
    reported either. Every entry of `requirements.functional` is in scope,
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
    served: set[str] = {
        rid
        for section in COMPONENT_SECTIONS
        for comp in getattr(design, section).values()
        for rid in comp.serves
    }
    for api in design.apis.values():
        for fid in api.flows:
            served.add(fid)
            flow = design.flows.get(fid)
            if flow is not None and flow.requirement:
                served.add(flow.requirement)
    for rid, req in design.requirements.functional.items():
        if req.trigger == "request" and rid not in served:
            yield Violation(
                ("requirements", "functional", rid),
                f"functional requirement `{rid}` is served by no endpoint",
                fix=f"add an endpoint under `apis` with `flows: [{rid}]`",
            )
