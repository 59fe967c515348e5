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
from designlint.numbers.capacity import availability_percent
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
    """(NFR id, percent) of the highest availability NFR that reads as a number: a percentage,
    or `N nines` (`4 nines` is 99.99 %)."""
    best: tuple[str, float] | None = None
    for nid, nfr in ctx.design.requirements.non_functional.items():
        if nfr.kind != "availability":
            continue
        percent = availability_percent(nfr.target)
        if percent is not None and (best is None or percent > best[1]):
            best = (nid, percent)
    return best


def _asked_in_words(ctx: Context) -> tuple[str, str] | None:
    """(NFR id, the words) of the first availability NFR whose target asks in words for what
    only redundancy gives: high availability, fault tolerance, no single point of failure,
    staying up all the time, or surviving the failure of a part."""
    for nid, nfr in ctx.design.requirements.non_functional.items():
        if nfr.kind != "availability" or not isinstance(nfr.target, str):
            continue
        if nfr.flow is not None:
            continue  # one flow's target in words: which of its hops it covers is not said
        text = " ".join(nfr.target.split())
        for found in _ASKS_REDUNDANCY.finditer(text):
            before, after = text[: found.start()], text[found.end() :]
            if _SCOPED.match(after):
                break  # "high availability for search and viewing": part of the system
            if not _NEGATED_BEFORE.search(before) and not _NEGATED_AFTER.match(after):
                # The whole target reads better than a piece of it, unless it is a paragraph.
                return nid, text if len(text) <= _QUOTED else found.group(0)
    return None


_QUOTED = 80
# Words that ask for a system that stays up when one of its parts fails.
_FAILURE = r"(?:failures?|faults?|outages?|crash\w*|disasters?)"
_ASKS_REDUNDANCY = re.compile(
    r"\bhigh(?:ly)?[- ]availab\w*"
    r"|\bfault[- ]toleran\w*"
    r"|\b(?:no|without\s+a(?:ny)?|zero)\s+(?:single\s+points?\s+of\s+failure|spofs?)\b"
    r"|\balways[- ](?:on|up|available|online)\b"
    r"|\bavailable\s+(?:at\s+all\s+times|24\s*[/x]\s*7|around\s+the\s+clock)"
    r"|\b(?:no|zero|without)\s+(?:\w+\s+)?downtime\b"
    r"|\b(?:three|four|five|six|seven|eight|nine)\s+nines\b"
    rf"|\b(?:surviv|tolerat|withstand|resilien|robust)\w*\W+(?:\w+\W+){{0,5}}?{_FAILURE}\b"
    r"|\b(?:even\s+)?(?:if|when)\s+(?:a|an|one|some|any)\s+(?:\w+\s+){0,4}?"
    r"(?:goes\s+down|go\s+down|is\s+down|are\s+down|fails?|crash(?:es)?)\b",
    re.I,
)
# A qualifier that narrows the words to a part of the system, not to all of it.
_SCOPED = re.compile(
    r"\s+(?:for|of|on)\s+(?!(?:all|every\w*|any\w*|the\s+(?:whole|entire)|users?|customers?"
    r"|clients?|everyone)\b)(?:the\s+)?\w",
    re.I,
)
_NEGATED_BEFORE = re.compile(
    r"\b(?:not|no\s+need\s+for|needs?\s+no|don'?t\s+need|doesn'?t\s+need|never)\W+"
    r"(?:\w+\W+){0,2}$",
    re.I,
)
_NEGATED_AFTER = re.compile(
    r"\W*(?:is\s+|are\s+)?(?:not\b|optional|unnecessary|out\s+of\s+scope)", re.I
)


@rule("DL702", "single-point-of-failure", "warning", options=Options)
def single_point_of_failure(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a component on a request path that runs fewer than 2 replicas, or states no
    `replicas` at all, while an availability NFR of 99.9 % or more is required, or an
    availability NFR asks in words for what only redundancy gives. One finding per component.

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
    checked, and the default of most deployments is one instance. It is not reported when
    the design states its redundancy another way: a CDN (`kind: cdn`, a network of points of
    presence), a managed service its provider runs replicated (`technology` S3, DynamoDB,
    SQS, Google Cloud Storage, Azure Blob, CloudFront, an AWS ELB...), a name in the plural
    (`web-servers`, `name: Mail processing workers`), or its own description or rationale
    saying so (replicated, primary and secondaries, multi-AZ, across regions); merely
    talking to a replicated system ("across Raft groups") does not count.

    Which targets apply:

    - the strictest availability NFR that reads as a number, a percentage or `N nines`
      (`4 nines` is 99.99 %), compared with `min_availability`;
    - otherwise, an availability NFR whose target asks in words for staying up when a part
      fails: "high availability", "highly available", "fault tolerant", "no single point of
      failure", "always on", "available at all times", "zero downtime", "five nines",
      "survives ... failures", "keeps working if a server goes down". Such words ask for
      redundancy whatever `min_availability` says: they give no number to compare, and what
      they ask for is redundancy itself. The message quotes them. Words that deny it ("high
      availability is not required"), or that only name availability ("scalability,
      availability and reliability"), do not count; nor do words narrowed to a part of the
      system ("high availability for search and viewing") or an NFR with a `flow`, because
      which components they cover is not said. That the words are not a number remains
      DL105's (vague-nfr) finding.

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
    rule applies. Lower targets tolerate a single instance. Targets in words are not compared
    with it.
    """
    opts = ctx.options() or Options()
    if not ctx.design.components:
        return
    target = _strictest_target(ctx)
    if target is not None and target[1] >= opts.min_availability:
        nid, percent = target
        requires = f"requires {percent:g}% availability"
    else:
        words = _asked_in_words(ctx)
        if words is None:
            return
        nid, asked = words
        requires = f'asks for "{asked}"'
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
        if replicas is None and redundant_by_nature(cid, model):
            continue  # a CDN, a provider's replicated service, or redundancy said in words
        if section == "datastores" and replicas is None and replicated_by_owner(ctx.design, cid):
            continue  # one copy per replica of the owner it is embedded in
        stated = "states no `replicas`" if replicas is None else f"has {replicas} replica(s)"
        yield Violation(
            (section, cid) if replicas is None else (section, cid, "replicas"),
            f"`{cid}` is on a request path ({reason}) and {stated}, while `{nid}` {requires}",
            fix="run at least 2 replicas (`replicas: 2` or more) behind a load balancer, or a "
            "replicated store with failover",
        )


def redundant_by_nature(cid: str, model: object) -> bool:
    """A component with no `replicas` whose redundancy is stated otherwise: a CDN (a network
    of points of presence), a managed service its provider replicates (`technology: S3`), a
    name in the plural (`web-servers`, `Mail processing workers`), or its own description or
    rationale saying that it replicates."""
    if _PLURAL_HOSTS.search(cid.replace("-", " ").replace("_", " ")):
        return True
    if getattr(model, "kind", None) == "cdn":
        return True
    technology = getattr(model, "technology", None)
    if isinstance(technology, str) and _MANAGED.search(technology):
        return True
    name = getattr(model, "name", None)
    if isinstance(name, str) and _PLURAL_HOSTS.search(name):
        return True  # "Web servers", "Mail processing workers": more than one, in words
    said = " ".join(
        text
        for text in (name, getattr(model, "description", None), getattr(model, "rationale", None))
        if isinstance(text, str)
    )
    return bool(_SAYS_REDUNDANT.search(said)) and not _NOT_REPLICATED.search(said)


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


# How a component says that it runs more than one copy of itself (a consensus protocol it
# merely talks to, "across Raft groups", is not said of itself).
_SAYS_REDUNDANT = re.compile(
    r"\b(?:replicat\w*|mirror\w*|redundan\w*|multi[- ](?:az|zone|region)\w*"
    r"|primary\W+(?:\w+\W+){0,5}?secondar\w*|leader\W+(?:\w+\W+){0,5}?followers?"
    r"|master\W+(?:\w+\W+){0,5}?(?:slaves?|replicas?|standbys?)"
    r"|across\s+(?:\w+\s+)?(?:availability\s+)?(?:zones|regions|data\s?cent(?:er|re)s))\b",
    re.I,
)
# Several machines, named as such.
_PLURAL_HOSTS = re.compile(r"\b(?:servers|hosts|nodes|workers|instances|replicas|machines)\b", re.I)
# Managed services that run replicated across machines and zones by construction.
_MANAGED = re.compile(
    r"\b(?:(?:amazon|aws)\s+)?(?:s3|dynamo\s?db|sqs|sns|kinesis|cloudfront|route\s?53"
    r"|elastic\s+load\s+balanc\w*|[ealn]lb)\b"
    r"|\b(?:google\s+)?(?:cloud\s+storage|gcs|cloud\s+spanner|spanner|pub\s?/\s?sub|bigtable"
    r"|cloud\s+load\s+balanc\w*)\b"
    r"|\b(?:azure\s+(?:blob\w*|cosmos\s?db|service\s+bus|front\s+door)|cosmos\s?db)\b"
    r"|\b(?:akamai|fastly|cloudflare)\b",
    re.I,
)
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
