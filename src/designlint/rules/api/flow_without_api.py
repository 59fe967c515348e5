"""DL305 flow-without-api."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.model.components import Service
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
    an edge component (a CDN rule, a gateway policy) or a `worker` or `job` `serves` needs no
    client call and is not reported either, unless a client `serves` it too: a requirement a
    client asks for needs an endpoint whoever does the work. A service or store that `serves`
    a requirement still has to be reached through an endpoint. Every entry of
    `requirements.functional` is in scope, secondary ones included: what is not in scope
    belongs in `out_of_scope`.

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
    asked = {rid for client in design.clients.values() for rid in client.serves}
    served: set[str] = {
        rid
        for comp in [*design.edge.values(), *design.services.values()]
        if not isinstance(comp, Service) or comp.kind in ("worker", "job")
        for rid in comp.serves
    } - asked
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
