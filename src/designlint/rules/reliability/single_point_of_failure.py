"""DL702 single-point-of-failure: a component on a request path with fewer than 2 replicas."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from designlint.context import Context
from designlint.findings import Violation
from designlint.model import Design
from designlint.model.base import as_list
from designlint.model.components import Datastore
from designlint.numbers import quantity as qty
from designlint.numbers.quantity import try_parse
from designlint.registry import rule

JUDGED = ("edge", "services", "datastores", "caches", "queues")


class Options(BaseModel):
    """The availability from which every request-path component must be redundant."""

    model_config = ConfigDict(defer_build=True)

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

    A datastore embedded in the one service that owns it lives and fails with that service's
    instances: an embedded engine (`technology` SQLite, RocksDB, LevelDB, LMDB, DuckDB, ...),
    `kind: file` with no technology (plain files on the owner's disks), or a store whose
    description or rationale says it is in-process, embedded in, local to or inside its owner
    (or on each node). Such a store with no `replicas` of its own is not reported when its
    owner runs at least 2 replicas and says that it replicates its data (replicates, primary
    and secondaries, leader and followers, Raft, Paxos, quorum, erasure coding) in its name or
    description, or the store says so: losing one node then loses one copy. Each replica
    keeping its own shard, or an owner with one instance, is a single point of failure all
    the same, and is reported. A server database or a distributed file system (PostgreSQL,
    HDFS) is not embedded by being owned: it runs, and fails, on its own.

    Clients and `kind: external` services (third parties) are not judged; replicas stated in
    words (`replicas: multiple`) are not judged here either, DL207 asks for the number. A
    range or bound is judged by its low end: `replicas: 5 or 7` and `at least 3` are
    redundant, `1-3` may run one instance. A
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
    facts = ctx.graph_facts
    few = facts.few_replicas
    for node, reason in facts.request_path.items():
        if node not in few:
            continue  # the common case: 2 replicas or more, redundant whatever else holds
        section, cid = node
        if section not in JUDGED:
            continue
        model = components[cid][1]
        replicas = model.replicas
        least = qty.least(replicas)
        if getattr(model, "kind", None) == "external" or (
            isinstance(replicas, qty.Prose) and least is None
        ):
            continue  # a third party's redundancy is not the design's; words are DL207's
        if least is not None and least >= 2:
            continue  # `replicas: 5 or 7` runs at least 5
        if section == "datastores" and replicas is None and replicated_by_owner(ctx.design, cid):
            continue  # one copy per replica of the owner it is embedded in
        stated = "states no `replicas`" if replicas is None else f"has {replicas} replica(s)"
        yield Violation(
            (section, cid) if replicas is None else (section, cid, "replicas"),
            f"`{cid}` is on a request path ({reason}) and {stated}, while `{nid}` requires "
            f"{percent:g}% availability",
            fix="run at least 2 replicas (`replicas: 2` or more) behind a load balancer, or a "
            "replicated store with failover",
        )


def replicated_by_owner(design: Design, cid: str) -> bool:
    """The store is embedded in its one owner, which runs replicas and replicates its data."""
    store = design.datastores[cid]
    owners = {o for o in as_list(store.owner) if o in design.services}
    owners |= {sid for sid, svc in design.services.items() if cid in svc.owns}
    if len(owners) != 1:
        return False
    sid = owners.pop()
    owner = design.services[sid]
    if not _embedded(store, (sid, owner.name)):
        return False
    least = qty.least(owner.replicas)
    in_words = isinstance(owner.replicas, qty.Prose) and least is None
    if not in_words and (least or 0) < 2:
        return False
    said = " ".join(
        filter(None, (owner.name, owner.description, store.description, store.rationale))
    )
    return bool(_REPLICATES.search(said)) and not _NOT_REPLICATED.search(said)


def _embedded(store: Datastore, owner_names: tuple[str | None, ...]) -> bool:
    """An embedded engine, plain files on the owner's disks, or said to live inside it."""
    if store.technology is not None:
        if _EMBEDDED_ENGINE.search(store.technology):
            return True
    elif store.kind == "file":
        return True
    text = " ".join(filter(None, (store.description, store.rationale)))
    if _IN_PROCESS.search(text):
        return True
    # "inside each data node", "local to the state machine", "embedded in every server"
    hosts = [_HOSTS] + [
        re.escape(n.replace("-", " ").replace("_", " ").rstrip("s")) + r"s?"
        for n in owner_names
        if n
    ]
    inside = (
        rf"\b(?:(?:{_WITHIN})\s+(?:(?:each|every|the|its|a)\s+)?|(?:in|on)\s+(?:each|every)\s+)"
        rf"(?:{'|'.join(hosts)})\b"
    )
    return bool(re.search(inside, text.replace("-", " ").replace("_", " "), re.I))


# Storage engines that run inside the process that opens them, on its own disk.
_EMBEDDED_ENGINE = re.compile(
    r"\b(?:sqlite\w*|rocksdb|leveldb|lmdb|berkeley\s?db|bdb|duckdb|bolt\s?db|bbolt|badger\w*"
    r"|pebble|h2|derby|hsqldb|realm|local (?:disk|files?|ssd)|mmap)\b",
    re.I,
)
_IN_PROCESS = re.compile(
    r"\b(?:in[- ]process|embedded (?:database|db|store|engine|key[- ]value store)"
    r"|on (?:the |its |each )?(?:node'?s? )?local (?:disks?|ssds?))\b",
    re.I,
)
_WITHIN = r"embedded (?:in|into|inside|within)|inside|within|local to"
_HOSTS = r"nodes?|servers?|hosts?|machines?|process(?:es)?|instances?|replicas?"
# How an owner says each of its replicas holds a copy of the data.
_REPLICATES = re.compile(
    r"\b(?:replicat\w*|raft|paxos|consensus|quorum|mirror\w*|erasure[- ]cod\w*"
    r"|primary\W+(?:\w+\W+){0,5}?secondar\w*|leader\W+(?:\w+\W+){0,5}?followers?)\b",
    re.I,
)
_NOT_REPLICATED = re.compile(
    r"\b(?:not|no|never|without)\s+(?:\w+\s+)?replicat\w*|\bunreplicated", re.I
)
