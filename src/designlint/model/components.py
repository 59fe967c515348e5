"""Phase 2 and 3 components: clients, edge, APIs, services, datastores, caches, queues, fan-out."""

from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Discriminator, Field, Tag, field_validator, model_validator
from pydantic_core import PydanticCustomError

from designlint.model.base import (
    Amount,
    Id,
    Model,
    Whole,
    extension_schema,
    sized,
)
from designlint.model.requirements import ConsistencyModel


class Component(Model):
    """Fields every deployable component shares."""

    name: str | None = Field(None, description="Display name; the id is used when absent.")
    description: str | None = Field(None, description="Free text.")
    replicas: Whole(0) | None = Field(
        None, description="Running instances; fewer than 2 on a request path is a SPOF."
    )
    availability: Amount("percent", "ratio", example="99.9%") | None = Field(
        None, description="Availability of one instance (`99.9%`), for composed availability."
    )
    regions: list[Id] = Field(default_factory=list, description="Regions it is deployed in.")
    serves: list[Id] = Field(
        default_factory=list, description="Functional requirements this component serves."
    )


class Client(Component):
    """An entry point: where user traffic comes from."""

    kind: Literal["web", "mobile", "desktop", "partner", "internal", "other"] = Field(
        "web", description="What sort of client."
    )
    calls: list[Id] = Field(default_factory=list, description="Components it sends requests to.")


class EdgeComponent(Component):
    """CDN, DNS, load balancer or API gateway between clients and services."""

    kind: Literal["cdn", "dns", "load-balancer", "api-gateway"] = Field(
        description="What the edge component does."
    )
    technology: str | None = Field(None, description="Product, e.g. `cloudfront`, `nginx`.")
    auth: bool = Field(False, description="Validates authentication tokens.")
    rate_limiting: bool = Field(False, description="Applies rate limits.")
    routes_to: list[Id] = Field(default_factory=list, description="Where it forwards requests.")


class Pagination(Model):
    """How a collection endpoint pages."""

    style: Literal["cursor", "keyset", "offset", "page", "none"] = Field(
        description="Cursor (keyset) pagination scales; offset and page numbers do not."
    )
    cursor_param: str | None = Field(None, description="The request parameter carrying the cursor.")
    next_cursor_field: str | None = Field(
        None, description="The response field carrying the next cursor."
    )
    limit_param: str | None = Field(None, description="The request parameter for page size.")
    max_limit: Whole(1) | None = Field(None, description="The largest page size accepted.")
    default_limit: Whole(1) | None = Field(None, description="Page size when none is given.")


Protocol = Literal["http", "grpc", "websocket", "graphql", "event"]
HttpMethod = Literal["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]


def _api_schema(schema: dict) -> None:
    # What `_addressed` checks, for editors: HTTP needs method and path, the others a name.
    extension_schema(schema)
    schema["if"] = {
        "anyOf": [
            {"not": {"required": ["protocol"]}},
            {"properties": {"protocol": {"const": "http"}}},
        ]
    }
    schema["then"] = {"required": ["method", "path"]}
    schema["else"] = {
        "anyOf": [{"required": ["name"]}, {"required": ["signature"]}, {"required": ["path"]}]
    }


class Body(Model):
    """A request or response body given as JSON Schema, with examples to check against it."""

    schema_: dict[str, Any] | bool = Field(
        alias="schema", description="JSON Schema (Draft 2020-12) of the body."
    )
    examples: list[Any] = Field(
        default_factory=list, description="Example bodies; each must match `schema` (DL308)."
    )
    description: str | None = Field(None, description="Free text.")


def _body_kind(value: Any) -> str:
    # `{schema: {...}}` is a JSON Schema body; a field named `schema` with a type stays a field.
    if isinstance(value, Body):
        return "schema"
    if isinstance(value, dict) and "schema" in value and not isinstance(value["schema"], str):
        return "schema"
    return "fields"


# A body as `{field: type}` (the whiteboard way), or as `{schema: {...}, examples: [...]}`.
BodySpec = Annotated[
    Annotated[dict[str, str], Tag("fields")] | Annotated[Body, Tag("schema")],
    Discriminator(_body_kind),
]


class Api(Model):
    """An endpoint of the API contract: an HTTP route, an RPC, a channel, or an event."""

    model_config = ConfigDict(json_schema_extra=_api_schema)

    protocol: Protocol = Field(
        "http",
        description="How it is called. Only `http` needs `method` and `path`; the others are "
        "named by `name` and/or `signature`.",
    )
    method: HttpMethod | None = Field(None, description="HTTP method (required for `http`).")
    path: str | None = Field(
        None,
        json_schema_extra={"pattern": "^/"},
        description="Versioned path starting with `/`, e.g. `/v1/tweets` (required for `http`).",
    )
    name: str | None = Field(
        None, description="The RPC, channel, operation or event name (`SendMessage`)."
    )
    signature: str | None = Field(
        None, description="The call as the source writes it: `sendMessage(userID, message)`."
    )
    service: Id | None = Field(None, description="The service the endpoint is routed to.")
    flows: list[Id] = Field(
        default_factory=list, description="Functional requirements this endpoint serves."
    )
    params: dict[str, str] = Field(
        default_factory=dict, description="Query and path parameters with their types."
    )
    request: BodySpec | None = Field(
        None, description="Request body: fields with types, or `{schema: ..., examples: [...]}`."
    )
    response: BodySpec | None = Field(
        None, description="Response body: fields with types, or `{schema: ..., examples: [...]}`."
    )
    collection: bool | None = Field(
        None,
        description="The response is a list; inferred from an array-typed response field "
        "(`tweet[]`) when absent.",
    )
    pagination: Pagination | None = Field(None, description="How the collection pages.")
    idempotent: bool | None = Field(None, description="Safe to retry (idempotency key).")
    description: str | None = Field(None, description="Free text.")

    @field_validator("path")
    @classmethod
    def _rooted(cls, path: str | None) -> str | None:
        if path is not None and not path.startswith("/"):
            raise PydanticCustomError(
                "bad_path", "an HTTP path starts with `/`: write `/{path}`", {"path": path[:80]}
            )
        return path

    @model_validator(mode="after")
    def _addressed(self) -> "Api":
        # An HTTP endpoint is known by method and path; anything else by a name or signature.
        if self.protocol == "http":
            missing = [k for k in ("method", "path") if getattr(self, k) is None]
            if missing:
                keys = " and ".join(f"`{k}`" for k in missing)
                raise PydanticCustomError(
                    "missing_for_protocol",
                    "an HTTP endpoint needs {keys} (or set `protocol` to grpc, websocket, "
                    "graphql or event)",
                    {"keys": keys},
                )
        elif self.name is None and self.signature is None and self.path is None:
            raise PydanticCustomError(
                "missing_for_protocol",
                "a {protocol} endpoint needs a `name` or a `signature`",
                {"protocol": self.protocol},
            )
        return self


class Service(Component):
    """An application service named after a business capability."""

    owns: list[Id] = Field(
        default_factory=list, description="Datastores and caches this service owns."
    )
    reads: list[Id] = Field(default_factory=list, description="Datastores and caches it reads.")
    writes: list[Id] = Field(default_factory=list, description="Datastores and caches it writes.")
    calls: list[Id] = Field(
        default_factory=list, description="Services it calls synchronously (request/response)."
    )
    publishes: list[Id] = Field(default_factory=list, description="Queues or topics it publishes.")
    kind: Literal["service", "worker", "job", "external"] = Field(
        "service",
        description="A worker consumes queues; a job runs on a schedule; `external` is a third "
        "party (payment processor, SMS or push gateway), not judged for ownership, replicas or "
        "gateway.",
    )
    part_of: Id | None = Field(
        None,
        description="The service whose bounded context this one belongs to (an API and its "
        "workers): it shares that service's stores.",
    )
    auth: bool = Field(
        False,
        description="Authenticates its callers itself (tokens, mTLS), so traffic reaching it "
        "needs no gateway for authentication.",
    )
    rate_limiting: bool = Field(
        False,
        description="Limits its callers' request rate itself (a rate-limiting middleware), so "
        "traffic reaching it needs no gateway for rate limiting.",
    )


class Field_(Model):
    """A typed field of an entity (long form)."""

    type: str = Field(description="The field type, e.g. `uuid`, `text`, `timestamp`, `blob`.")
    nullable: bool = Field(False, description="May be null.")
    description: str | None = Field(None, description="Free text.")


class Index(Model):
    """A secondary index: columns in order, each optionally with `desc`/`asc`."""

    columns: list[str] = Field(
        min_length=1,
        description="Columns in index order; append ` desc` for a descending column.",
    )
    unique: bool = Field(False, description="A unique index.")


class Entity(Model):
    """A table, collection or key family."""

    fields: dict[str, str | Field_] = Field(
        default_factory=dict, description="Field name to type (`uuid`) or a field mapping."
    )
    primary_key: list[str] | str | None = Field(
        None,
        description="Primary key columns; for wide-column stores the partition key then "
        "clustering columns (append ` desc` for order).",
    )
    indexes: dict[Id, Index | list[str]] = Field(
        default_factory=dict, description="Secondary indexes keyed by name."
    )


class Query(Model):
    """An access pattern the datastore must serve, stated the way a query planner sees it."""

    entity: Id = Field(description="The entity queried.")
    equals: list[str] = Field(
        default_factory=list, description="Columns compared with `=` (or `IN`)."
    )
    range: list[str] | str | None = Field(
        None, description="A column compared with `<`, `>` or BETWEEN (at most one serves)."
    )
    order_by: list[str] | str | None = Field(
        None, description="Sort columns, each optionally with ` desc`."
    )
    limit: Whole(0) | None = Field(None, description="LIMIT of rows returned.")
    offset: int | bool | None = Field(None, description="OFFSET: set means the query skips rows.")
    description: str | None = Field(None, description="Free text, e.g. the SQL.")
    rate: Amount("count/time", example="12k/s") | None = Field(
        None, description="How often it runs (`12k/s`)."
    )


class Sharding(Model):
    """How a store is partitioned."""

    key: str | None = Field(None, description="Shard or partition key.")
    strategy: Literal["hash", "range", "consistent-hashing", "directory", "geo"] | None = Field(
        None, description="How keys map to shards."
    )
    shards: Whole(1) | None = Field(None, description="Number of shards or nodes.")


class Datastore(Component):
    """A database or object store, with the data model it holds."""

    kind: Literal[
        "relational",
        "key-value",
        "wide-column",
        "document",
        "graph",
        "object-store",
        "search",
        "time-series",
        "warehouse",
        "log",
        "probabilistic",
        "file",
    ] = Field(
        description="The family of store: `warehouse` (analytics), `log` (append-only, e.g. "
        "Kafka as storage), `probabilistic` (Bloom filter, Count-Min sketch), `file` (plain "
        "files on disk)."
    )
    technology: str | None = Field(None, description="Product, e.g. `postgresql`, `cassandra`.")
    owner: Id | list[Id] | None = Field(None, description="The one service that owns it.")
    rationale: str | None = Field(
        None, description="Why this store: name the access patterns it serves."
    )
    source_of_truth: bool = Field(
        False, description="Holds data that exists nowhere else (needs durability)."
    )
    entities: dict[Id, Entity] = Field(default_factory=dict, description="Entities keyed by name.")
    queries: dict[Id, Query] = Field(default_factory=dict, description="Access patterns by name.")
    capacity: Amount("count/time", "data/time", example="500k/s") | None = Field(
        None, description="Sustained write capacity (`500k/s`), for fan-out checks."
    )
    sharding: Sharding | None = Field(None, description="How the store is partitioned.")
    consistency: ConsistencyModel | None = Field(None, description="Consistency it offers.")
    handles_money: bool = Field(False, description="Stores payments or balances.")


class Cache(Component):
    """An in-memory cache: what it holds, how it stays bounded, how big it is."""

    technology: str | None = Field(None, description="Product, e.g. `redis`, `memcached`.")
    owner: Id | list[Id] | None = Field(None, description="The service that owns it.")
    eviction: Literal["lru", "lfu", "fifo", "random", "ttl", "noeviction"] | None = Field(
        None, description="Eviction policy when memory is full."
    )
    ttl: Amount("time", example="30d") | None = Field(
        None, description="Time to live of a key (`30d`)."
    )
    value: Literal["string", "hash", "list", "set", "sorted-set", "json"] = Field(
        "string", description="Shape of each value."
    )
    max_length: Whole(1) | None = Field(
        None, description="Trim length of a list or sorted-set value."
    )
    keys: Amount("count", example="500M") | None = Field(
        None, description="Number of keys (`500M`)."
    )
    entries_per_key: Amount("count", example="800") | None = Field(
        None, description="Entries per key, for list and sorted-set values (`800`)."
    )
    entry_size: Amount("data", example="8 B") | None = Field(
        None, description="Bytes per entry (`8 B`)."
    )
    node_memory: Amount("data", example="64 GB") | None = Field(
        None, description="Memory of one node (`64 GB`)."
    )
    clustered: bool = Field(False, description="Sharded across nodes (e.g. Redis Cluster).")
    capacity: Amount("count/time", "data/time", example="5M/s") | None = Field(
        None, description="Sustained write capacity (`5M/s`), for fan-out checks."
    )
    nodes: Whole(1) | None = Field(None, description="Number of nodes when clustered.")

    _sizes = field_validator("entry_size", "node_memory")(sized)


class Consumer(Model):
    """A service consuming a queue."""

    idempotent: bool = Field(False, description="Processing the same message twice is harmless.")
    how: str | None = Field(None, description="How idempotency is achieved.")


class Queue(Component):
    """A queue or topic between producers and consumers."""

    technology: str | None = Field(None, description="Product, e.g. `kafka`, `rabbitmq`, `sqs`.")
    delivery: Literal["at-least-once", "at-most-once", "exactly-once"] = Field(
        "at-least-once", description="Delivery guarantee."
    )
    dead_letter: Id | bool | None = Field(
        None, description="Dead-letter queue id, or true when one exists."
    )
    consumers: dict[Id, Consumer] = Field(
        default_factory=dict, description="Consuming services keyed by service id."
    )
    lag_alert: Amount("count", "time", example="10k") | None = Field(
        None, description="Alert when consumer lag exceeds this (messages, or a delay)."
    )
    autoscaling: bool = Field(False, description="Consumers scale with lag.")


class Fanout(Model):
    """Delivering one write to many readers: push, pull or hybrid."""

    strategy: Literal["push", "pull", "hybrid"] = Field(
        description="Push = fan-out on write, pull = on read, hybrid = push except celebrities."
    )
    source: Id | None = Field(None, description="Queue the fan-out consumes.")
    worker: Id | None = Field(None, description="Service doing the fan-out.")
    target: Id | None = Field(None, description="Cache or datastore written per follower.")
    followers_from: Id | None = Field(
        None, description="Service or datastore the follower list comes from."
    )
    pull_from: Id | None = Field(
        None, description="For hybrid: where celebrity posts are read at read time."
    )
    pull_by: Id | None = Field(None, description="For hybrid: the service that pulls and merges.")
    celebrity_threshold: Amount("count", example="1M") | None = Field(
        None, description="Authors with more followers than this are pulled, not pushed."
    )
    batch_size: Whole(1) | None = Field(None, description="Followers read per batch.")
    max_followers: Amount("count", example="100M") | None = Field(
        None, description="The largest follower count."
    )
    avg_followers: Amount("count", example="200") | None = Field(
        None, description="The average follower count."
    )
    writes: Id | None = Field(
        None, description="The estimate of peak writes feeding the fan-out (e.g. peak_write_qps)."
    )
    description: str | None = Field(None, description="Free text.")
