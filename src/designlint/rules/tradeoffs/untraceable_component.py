"""DL804 untraceable-component."""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.model import Design
from designlint.registry import rule


def _edges(design: Design) -> dict[str, list[str]]:
    """Component id -> the components a request or event travels on to from it (downstream)."""
    out: dict[str, list[str]] = defaultdict(list)
    for cid, client in design.clients.items():
        out[cid].extend(client.calls)
    for cid, edge in design.edge.items():
        out[cid].extend(edge.routes_to)
    for sid, svc in design.services.items():
        out[sid].extend([*svc.owns, *svc.reads, *svc.writes, *svc.publishes, *svc.calls])
    for section in (design.datastores, design.caches):
        for cid, store in section.items():
            owner = store.owner  # owned by a traceable service
            if isinstance(owner, str):
                out[owner].append(cid)
            elif owner:
                for one in owner:
                    out[one].append(cid)
    for qid, queue in design.queues.items():
        for consumer in queue.consumers:
            out[consumer].append(qid)  # the queue a traceable service consumes
            out[qid].append(consumer)  # and the service that processes its events
        if isinstance(queue.dead_letter, str):
            out[qid].append(queue.dead_letter)
    for fan in design.fanout.values():
        if fan.source and fan.worker:
            out[fan.source].append(fan.worker)
        if fan.worker:
            for target in (fan.target, fan.followers_from, fan.pull_from):
                if target:
                    out[fan.worker].append(target)
        if fan.pull_by and fan.pull_from:
            out[fan.pull_by].append(fan.pull_from)
    return out


def _seeds(design: Design) -> set[str]:
    """Components traced to a requirement directly, before anything is propagated."""
    seeds = {cid for cid, (_, comp) in design.components.items() if getattr(comp, "serves", [])}
    functional = design.requirements.functional
    for flow in design.flows.values():
        if flow.requirement in functional:
            seeds.update(h if isinstance(h, str) else h.component for h in flow.path)
    for api in design.apis.values():
        if api.service and api.flows:
            seeds.add(api.service)
    return seeds


def _senders(design: Design) -> dict[str, list[str]]:
    """Component id -> the clients and edge components that send requests to it (upstream)."""
    up: dict[str, list[str]] = defaultdict(list)
    for cid, client in design.clients.items():
        for target in client.calls:
            up[target].append(cid)
    for cid, edge in design.edge.items():
        for target in edge.routes_to:
            up[target].append(cid)
    return up


def traceable(design: Design) -> set[str]:
    """Every component traced to a requirement, in three linear passes.

    Downstream from the seeds first: what a traced component uses exists for its requirement.
    Then upstream, through clients and edge components only: an entry point exists for what
    it leads to, so it is traced when it reaches a traced component. This pass does not feed
    the first one: a gateway in front of one traced service does not trace every other
    service behind it. Last, an edge component that routes nowhere (a CDN of static assets,
    DNS) is traced by a traced client or edge component that sends requests to it.
    """
    edges = _edges(design)
    components = design.components
    seen = {cid for cid in _seeds(design) if cid in components}
    queue = deque(seen)
    while queue:
        for nxt in edges.get(queue.popleft(), ()):
            if nxt not in seen and nxt in components:
                seen.add(nxt)
                queue.append(nxt)
    if all(cid in seen for cid in design.clients) and all(cid in seen for cid in design.edge):
        return seen
    senders = _senders(design)
    queue = deque(target for target in senders if target in seen)
    while queue:
        for sender in senders.get(queue.popleft(), ()):
            if sender not in seen:
                seen.add(sender)
                queue.append(sender)
    for eid, edge in design.edge.items():
        if eid not in seen and not edge.routes_to and any(s in seen for s in senders.get(eid, ())):
            seen.add(eid)
    return seen


@rule("DL804", "untraceable-component", "info")
def untraceable_component(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a component (client, edge component, service, datastore, cache or queue) that
    cannot be traced to a functional requirement. A component is traceable when:

    - it lists the requirements it serves in `serves` (an unknown id there is DL003's
      finding; the component still counts as traced);
    - it appears on the `path` of a flow whose `requirement` is a declared functional
      requirement;
    - it is the `service` of an endpoint that lists `flows`;
    - or it is reached from a traceable component, downstream: what a service owns, reads,
      writes, publishes, calls or consumes; a datastore or cache whose `owner` is traceable;
      what a client calls and an edge component routes to; the consumers and dead-letter
      queue of a traceable queue; and along a fan-out, from its source queue to its worker,
      and from the worker to its target, follower source and pull source.

    Clients and edge components are entry points: they exist for what they lead to. So a
    client or edge component is also traced when it reaches a traceable component, walking
    forward along `calls` and `routes_to` through other clients and edge components (an
    admin client whose gateway routes to a service running an endpoint for a requirement is
    traced). This upstream tracing stops at entry points: a gateway in front of one traced
    service does not trace the other services it routes to, each of which must be traced on
    its own. An edge component that routes nowhere (a CDN of static assets, DNS) is traced
    by a traced client or edge component that sends requests to it. Each pass is linear in
    the size of the design.

    ## Why is this bad?
    Each box on the diagram should exist because a requirement needs it. A component that no
    flow passes through, no endpoint reaches and no requirement claims is either a leftover
    from an earlier idea or a part whose purpose was never said out loud; either way it costs
    money and on-call time without anyone being able to say what would break without it.

    ## Example
    ```yaml
    designlint: 1
    name: Twitter
    requirements:
      functional:
        post-tweet: {description: A user posts a tweet.}
    services:
      tweet-service: {owns: [tweet-db]}
      recommendation-service: {}
    datastores:
      tweet-db: {kind: wide-column, owner: tweet-service}
    apis:
      post-tweet: {method: POST, path: /v1/tweets, service: tweet-service, flows: [post-tweet]}
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Twitter
    requirements:
      functional:
        post-tweet: {description: A user posts a tweet.}
    services:
      tweet-service: {owns: [tweet-db]}
    datastores:
      tweet-db: {kind: wide-column, owner: tweet-service}
    apis:
      post-tweet: {method: POST, path: /v1/tweets, service: tweet-service, flows: [post-tweet]}
    ```
    """
    design = ctx.design
    traced = traceable(design)
    for cid, (section, _) in design.components.items():
        if cid not in traced:
            kind = {"edge": "edge component"}.get(section, section.rstrip("s"))
            yield Violation(
                (section, cid),
                f"{kind} `{cid}` cannot be traced to any functional requirement",
                fix="say which requirement it serves with `serves: [...]`, put it on a flow, "
                "or remove it",
            )
