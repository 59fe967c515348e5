"""DL403 technology-named-service: a service named after its stack, not its capability."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from designlint.context import Context
from designlint.findings import Violation
from designlint.registry import rule

# Whole words only, so `mongoose-tracker` or `gopher-service` stay quiet. English words that
# are also product names (express, spring, rails, oracle, rest, elastic) are left out on
# purpose: `express-checkout` is a business capability.
TECHNOLOGIES = frozenset(
    """
    java kotlin scala go golang node nodejs deno python ruby php perl rust elixir erlang haskell
    csharp dotnet cpp typescript javascript js
    django flask fastapi laravel nestjs springboot celery sidekiq
    redis memcached kafka rabbitmq sqs sns kinesis nats activemq zeromq
    postgres postgresql mysql mariadb sqlite mongo mongodb cassandra scylla scylladb dynamo
    dynamodb hbase bigtable couchbase couchdb elasticsearch opensearch solr neo4j clickhouse
    influxdb etcd zookeeper s3 gcs sql nosql
    lambda serverless microservice docker kubernetes k8s nginx envoy grpc graphql spark flink
    hadoop
    """.split()
)

# Words that are runtimes in the singular but machines in the plural: `data-nodes` are servers.
MACHINES = frozenset({"node"})


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_WORD = re.compile(r"[a-z0-9]+")
_PARENTHESES = re.compile(r"\([^()]*\)")


def words(text: str) -> list[str]:
    """Lower-case words of an id or display name: `TweetService`, `tweet_svc`, `Node.js API`."""
    lowered = text.lower()
    if lowered != text:  # only an upper-case letter can start a camel-case word
        lowered = _CAMEL.sub(" ", text).lower()
    return _WORD.findall(lowered)


def technology_in(text: str) -> str | None:
    """The first technology word of `text`, ignoring version digits and a plural `s`."""
    for word in words(text):
        tech = None if word.isdigit() else _technology(word)  # numbers name nothing; few repeat
        if tech:
            return tech
    return None


@lru_cache(maxsize=4096)
def _technology(word: str) -> str | None:
    """The technology one word names, if any. Cached: the words of a big design's service
    names repeat (`orders`, `service`, `api`), and there are 10,000 names to judge."""
    for candidate in (word, word.rstrip("0123456789")):
        if candidate in TECHNOLOGIES:
            return candidate
        singular = candidate[:-1]
        if candidate.endswith("s") and singular in TECHNOLOGIES and singular not in MACHINES:
            return singular
    return None


def _name_text(name: str | None) -> str:
    """The words of a display name that are judged: a technology in parentheses qualifies a
    capability name, like a description."""
    if not name:
        return ""
    return _PARENTHESES.sub(" ", name) if "(" in name else name


# ASCII punctuation and spaces, which separate words whatever the case around them.
_SEPARATORS = {c: 32 for c in range(128) if not chr(c).isalnum()}


def _any_technology(texts: list[str]) -> bool:
    """Whether any of `texts` holds a technology word, judged once per distinct token: a big
    design's 20,000 ids and names share a few hundred words and numbers. Tokens are split at
    what separates words in any case (ASCII punctuation, spaces), so a token's words are the
    words it contributes to its text, and a number names nothing."""
    tokens = set("\n".join(texts).translate(_SEPARATORS).split())
    return any(technology_in(token) for token in tokens if not token.isdigit())


@rule("DL403", "technology-named-service", "warning")
def technology_named_service(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a service named after a technology instead of the business capability it provides.
    A service is reported when its id or display `name` contains a technology word, such as
    `java-microservice`, `redis-service` or `name: Kafka consumer`.

    Words are matched whole, after splitting on punctuation and camelCase, ignoring trailing
    version digits (`python3`) and a plural `s` (`lambdas`). The list: languages and runtimes
    (java, kotlin, scala, go, golang, node, nodejs, deno, python, ruby, php, perl, rust, elixir,
    erlang, haskell, csharp, dotnet, cpp, typescript, javascript, js), frameworks (django,
    flask, fastapi, laravel, nestjs, springboot, celery, sidekiq), stores and brokers (redis,
    memcached, kafka, rabbitmq, sqs, sns, kinesis, nats, activemq, zeromq, postgres,
    postgresql, mysql, mariadb, sqlite, mongo, mongodb, cassandra, scylla, scylladb, dynamo,
    dynamodb, hbase, bigtable, couchbase, couchdb, elasticsearch, opensearch, solr, neo4j,
    clickhouse, influxdb, etcd, zookeeper, s3, gcs, sql, nosql) and platforms (lambda,
    serverless, microservice, docker, kubernetes, k8s, nginx, envoy, grpc, graphql, spark,
    flink, hadoop). Product names that are also ordinary English words (express, spring,
    rails, oracle, rest, elastic) are deliberately not in the list, so `express-checkout` is
    not reported. The id and the name are each reported when each carries a technology word.
    Two exceptions: `nodes` in the plural are machines (`data-nodes`), not Node.js; and a
    display name's words in parentheses qualify the capability before them, like a description
    (`Stream processing (Flink or Spark)`), and are not judged.

    ## Why is this bad?
    A service exists to own a capability of the product: posting tweets, building timelines,
    storing media. Naming it after the language it is written in or the store behind it says
    nothing about what it is responsible for, invites unrelated features to pile into it
    ("put it in the Java service"), and goes stale the day the implementation changes. A
    capability name is what lets a reader check the design against the requirements; the
    article's advice is to say "the Timeline Service", never "the Java microservice".

    ## Example
    ```yaml
    designlint: 1
    name: Twitter
    services:
      java-microservice: {name: Timeline}
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Twitter
    services:
      timeline-service: {name: Timeline Service, description: written in Java}
    ```
    """
    services = ctx.design.services
    if not _any_technology([*services, *(_name_text(svc.name) for svc in services.values())]):
        return  # the common case, judged on the words of every name at once
    for sid, svc in services.items():
        tech = technology_in(sid)
        if tech:
            yield Violation(
                ("services", sid),
                f"service `{sid}` is named after a technology (`{tech}`), not a capability",
                fix="name it after what it does for the product, e.g. `timeline-service`; put "
                "the technology in `description`",
            )
        if svc.name:
            tech = technology_in(_name_text(svc.name))
            if tech:
                yield Violation(
                    ("services", sid, "name"),
                    f"service `{sid}` has the display name `{svc.name}`, which names a "
                    f"technology (`{tech}`), not a capability",
                    fix="name it after the business capability, e.g. `Timeline Service`",
                )
