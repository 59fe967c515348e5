"""DL407 no-gateway: client traffic reaching services without auth and rate limiting."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.model.components import EdgeComponent
from designlint.registry import rule

GUARD_KINDS = ("api-gateway", "load-balancer")


def _guards(model: EdgeComponent) -> tuple[bool, bool]:
    """What an edge component contributes: (auth, rate limiting). CDNs and DNS count for none."""
    if model.kind not in GUARD_KINDS:
        return (False, False)
    return (model.auth, model.rate_limiting)


# A service named for rate limiting is one: `rate-limiter`, "Rate limiting middleware".
_LIMITER = re.compile(r"rate[\s_-]*limit|throttl", re.IGNORECASE)


def _limits_itself(cid: str, model: object) -> bool:
    """A service that limits its callers' rate itself: `rate_limiting: true`, or so named."""
    if getattr(model, "rate_limiting", False):
        return True
    return any(_LIMITER.search(text or "") for text in (cid, getattr(model, "name", None)))


def _external(model: object) -> bool:
    """A third party (`kind: external`) has its own door: the design does not guard it."""
    return getattr(model, "kind", None) == "external"


@rule("DL407", "no-gateway", "warning")
def no_gateway(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a client whose traffic can reach a service without passing authentication and rate
    limiting at a gateway or load balancer. Precisely: a backend component (a service,
    datastore, cache or queue) is reached along a path of synchronous calls on which
    authentication and rate limiting have not both been applied. Only edge components of kind
    `api-gateway` or `load-balancer` count, through their `auth: true` and
    `rate_limiting: true`; the two may be done by different components on the path (a load
    balancer that rate-limits in front of a gateway that authenticates), but both must happen
    before the first backend component. A CDN or DNS entry never counts, whatever its flags.

    Decisions:

    - Clients of `kind: internal` (an admin tool reachable only over the VPN, a back-office
      script) are not judged: they are not the public traffic a gateway shields services from.
    - A service with `auth: true` authenticates its callers itself, which counts as
      authentication on every path that reaches it; rate limiting must still happen on the way.
    - Likewise a service that rate-limits its callers itself counts as rate limiting: one with
      `rate_limiting: true`, or one whose id or `name` says it is a rate limiter (`rate-limiter`,
      "Rate limiting middleware", a `throttler`). Authentication must still happen somewhere.
    - Judged: `web`, `mobile`, `desktop`, `partner` and `other` clients. A caller that can only
      be the design's own hosts is `kind: internal`; a client of another kind that reaches a
      cache or a store's front end unguarded is reported (an open memcached is a classic
      incident).

    Every path matters, not just one: a client that calls the gateway and, next to it, a
    service directly is reported for the direct path. One finding per client, at the `calls`
    entry that starts the first unguarded path found, naming that path and what is missing,
    and how many other backend components are reached the same way. Paths are explored
    breadth-first over (component, auth applied, rate limit applied) states, which is linear in
    the size of the design.

    ## Why is this bad?
    The article's client path is client, load balancer, API gateway, services: the gateway
    validates tokens and applies rate limits once, at the door, so that every service behind
    it can assume an authenticated caller and a bounded request rate. A path around the door
    means a service is open to unauthenticated calls, and one misbehaving client (or a retry
    storm) can exhaust it, because nothing in front sheds the excess load.

    ## Example
    ```yaml
    designlint: 1
    name: Twitter
    clients:
      mobile: {calls: [load-balancer]}
    edge:
      load-balancer: {kind: load-balancer, routes_to: [tweet-service]}
    services:
      tweet-service: {}
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Twitter
    clients:
      mobile: {calls: [load-balancer]}
    edge:
      load-balancer: {kind: load-balancer, routes_to: [api-gateway]}
      api-gateway:
        kind: api-gateway
        auth: true
        rate_limiting: true
        routes_to: [tweet-service]
    services:
      tweet-service: {}
    ```
    """
    for cid, model in ctx.design.clients.items():
        client = ("clients", cid)
        if model.kind == "internal":
            continue
        succ = ctx.graph_facts.succ  # built only when a public client is there to judge
        models = ctx.design.components
        if client not in succ:
            continue
        start = (client, False, False)
        parent: dict[tuple, tuple | None] = {start: None}
        queue = deque([start])
        hits: list[tuple] = []
        reached: set = set()
        while queue:
            state = queue.popleft()
            node, auth, limited = state
            for nxt, kinds in succ[node].items():
                if "call" not in kinds:
                    continue
                section = nxt[0]
                if section == "clients":
                    continue
                if section == "edge":
                    a, r = _guards(models[nxt[1]][1])
                    new = (nxt, auth or a, limited or r)
                    if new not in parent:
                        parent[new] = state
                        queue.append(new)
                    continue
                if nxt in reached or _external(models[nxt[1]][1]):
                    continue
                # A service may authenticate or rate-limit its callers itself.
                backend = models[nxt[1]][1]
                authed = auth or (section == "services" and backend.auth)
                limits = limited or (section == "services" and _limits_itself(nxt[1], backend))
                if authed and limits:
                    continue
                reached.add(nxt)
                hits.append((state, nxt, authed, limits))
        if not hits:
            continue
        from designlint.graph import call_paths

        state, target, auth, limited = hits[0]
        chain = [target]
        walk: tuple | None = state
        while walk is not None:
            chain.append(walk[0])
            walk = parent[walk]
        chain.reverse()
        done = (("authentication", auth), ("rate limiting", limited))
        missing = " and ".join(what for what, ok in done if not ok)
        names = " -> ".join(f"`{n[1]}`" for n in chain)
        message = f"client `{cid}` reaches `{target[1]}` via {names} with no {missing} on the way"
        if len(hits) > 1:
            message += f" ({len(hits) - 1} more backend component(s) reached the same way)"
        yield Violation(
            call_paths(ctx.design, client)[chain[1]],
            message,
            fix="route client traffic through an `api-gateway` (or `load-balancer`) with "
            "`auth: true` and `rate_limiting: true`",
        )
