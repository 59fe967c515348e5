"""DL702 single-point-of-failure: a component on a request path with fewer than 2 replicas."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, Field

from designlint.context import Context
from designlint.findings import Violation
from designlint.numbers.quantity import Prose, try_parse
from designlint.registry import rule

JUDGED = ("edge", "services", "datastores", "caches", "queues")


class Options(BaseModel):
    """The availability from which every request-path component must be redundant."""

    min_availability: float = Field(
        99.9,
        gt=0,
        le=100,
        description="Availability target, in percent, from which a component on a request "
        "path needs at least two replicas.",
    )


def _strictest_target(ctx: Context) -> tuple[str, float] | None:
    """(NFR id, percent) of the highest availability NFR that reads as a percentage."""
    best: tuple[str, float] | None = None
    for nid, nfr in ctx.design.requirements.non_functional.items():
        if nfr.kind != "availability":
            continue
        value = try_parse(nfr.target)
        if value is None or value.dimension != "percent" or value.is_rate:
            continue
        if best is None or value.magnitude > best[1]:
            best = (nid, value.magnitude)
    return best


@rule("DL702", "single-point-of-failure", "warning", options=Options)
def single_point_of_failure(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a component on a request path that runs fewer than 2 replicas, or states no
    `replicas` at all, while an availability NFR of 99.9 % or more is required. One finding
    per component.

    A component is on a request path when it is:

    - a synchronous hop of a flow, up to the flow's first `call: async` hop (what follows runs
      behind a queue, after the user has been answered);
    - reachable from a client by synchronous calls (client `calls`, edge `routes_to`,
      service `calls`);
    - or a datastore or cache that such a service `reads` or `writes`: a request waits on it.

    Clients and `kind: external` services (third parties) are not judged; replicas stated in
    words (`replicas: multiple`) are not judged here either, DL207 asks for the number. A
    component with no `replicas` is reported too: redundancy that is not stated cannot be
    checked, and the default of most deployments is one instance. The
    strictest availability NFR that reads as a percentage decides; targets without a percent
    sign are left to DL105 (vague-nfr).

    ## Why is this bad?
    An availability target is only as good as the weakest component every request must pass.
    With one instance of a load balancer, service or database on the path, a deploy, a crashed
    process or a lost machine takes the whole flow down, and 99.9 % leaves under 45 minutes of
    downtime a month for all of that. The article closes by stress-testing the design for its
    failure modes; a single instance on the hot path is the first one a reviewer looks for, and
    two replicas behind a load balancer (or a replicated store) is the minimum answer.

    ## Example
    ```yaml
    designlint: 1
    name: Twitter
    requirements:
      non_functional:
        availability: {kind: availability, target: 99.99%}
    clients:
      mobile: {calls: [api-gateway]}
    edge:
      api-gateway: {kind: api-gateway, routes_to: [timeline-service], replicas: 3}
    services:
      timeline-service: {replicas: 1}
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Twitter
    requirements:
      non_functional:
        availability: {kind: availability, target: 99.99%}
    clients:
      mobile: {calls: [api-gateway]}
    edge:
      api-gateway: {kind: api-gateway, routes_to: [timeline-service], replicas: 3}
    services:
      timeline-service: {replicas: 12}
    ```

    ## Options
    `min_availability` (default `99.9`): the availability target, in percent, from which the
    rule applies. Lower targets tolerate a single instance.
    """
    opts = ctx.options() or Options()
    target = _strictest_target(ctx)
    if target is None or target[1] < opts.min_availability or not ctx.design.components:
        return
    nid, percent = target
    components = ctx.design.components
    for node, reason in ctx.graph_facts.request_path.items():
        section, cid = node
        if section not in JUDGED:
            continue
        model = components[cid][1]
        replicas = model.replicas
        if getattr(model, "kind", None) == "external" or isinstance(replicas, Prose):
            continue  # a third party's redundancy is not the design's; words are DL207's
        if replicas is not None and replicas >= 2:
            continue
        stated = "states no `replicas`" if replicas is None else f"has {replicas} replica(s)"
        yield Violation(
            (section, cid) if replicas is None else (section, cid, "replicas"),
            f"`{cid}` is on a request path ({reason}) and {stated}, while `{nid}` requires "
            f"{percent:g}% availability",
            fix="run at least 2 replicas (`replicas: 2` or more) behind a load balancer, or a "
            "replicated store with failover",
        )
