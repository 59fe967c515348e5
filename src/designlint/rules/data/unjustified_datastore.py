"""DL505 unjustified-datastore: a datastore chosen without naming the access patterns it serves."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from designlint.context import Context
from designlint.findings import Violation
from designlint.indexes import parse_columns
from designlint.model.components import Datastore
from designlint.registry import rule

# Phrases that describe how data is accessed rather than how good a product is.
ACCESS_PHRASES = (
    "by key",
    "by id",
    "key lookup",
    "key lookups",
    "point lookup",
    "point lookups",
    "lookup by",
    "lookups by",
    "range scan",
    "range scans",
    "range query",
    "range queries",
    "partition key",
    "sort key",
    "clustering key",
    "clustering column",
    "clustering columns",
    "secondary index",
    "secondary indexes",
    "join",
    "joins",
    "full text",
    "time ordered",
    "ordered by",
    "sorted by",
    "append only",
    "write heavy",
    "read heavy",
    "transaction",
    "transactions",
    "write operations",
    "optimised for writes",
    "optimized for writes",
    "write optimised",
    "write optimized",
    "random reads",
    "random writes",
    "reads and writes",
    "read mostly",
    "rarely changed",
    "rarely written",
    "write once",
)


@lru_cache(maxsize=65536)
def _normal(text: str) -> str:
    """Lower case, `_`/`-`/punctuation as spaces, so `author_id` matches `author id`."""
    return " ".join(re.split(r"[^a-z0-9]+", text.lower())).strip()


def terms(store: Datastore) -> set[str]:
    """Everything a rationale may name to tie the store to its access patterns."""
    return _own_terms(store) | _PHRASES


def _own_terms(store: Datastore) -> set[str]:
    """The store's own names: its entities, its queries, the columns they compare or sort by."""
    found: set[str] = set()
    for name in store.entities:
        found.add(name)
        found.add(name[:-1] if name.endswith("s") else name + "s")
    for qid, query in store.queries.items():
        found.add(qid)
        found.add(query.entity)
        for col in parse_columns([*query.equals]) + parse_columns(query.range):
            found.add(col.name)
        for col in parse_columns(query.order_by):
            found.add(col.name)
    return {t for t in (_normal(x) for x in found) if t}


# How each family of store is accessed, in its own words, `|`-separated. A word counts only for
# its family: "objects" justifies an object store and says nothing about a relational database.
# Inflected forms are listed (search, searches, searching) rather than stemmed, so that nothing
# matches by accident inside a longer word.
FAMILY_PHRASES: dict[str, str] = {
    "relational": "foreign key | foreign keys | constraint | constraints | relationships | "
    "referential integrity | query by | queries by | aggregate | aggregates | aggregation | "
    "aggregations | reporting | ad hoc | group by | uniqueness | metadata | fixed schema | "
    "strict schema",
    "key-value": "key value | get put | gets and puts | lookup | lookups | by its key | "
    "per key | keyed by | hash key | counter | counters | increment | increments | expiry | "
    "expire | expires | ttl | session | sessions",
    "wide-column": "partition | partitions | partitioned by | wide row | wide rows | "
    "time series | append | appends | appended | write throughput | newest first | "
    "latest first | by time",
    "document": "document | documents | nested | embedded | denormalised | denormalized | "
    "whole document | per document",
    "graph": "traverse | traverses | traversal | traversals | traversing | hop | hops | edge | "
    "edges | neighbour | neighbours | neighbor | neighbors | follower | followers | followee | "
    "followees | friends | friends of friends | connections | relationship | relationships | "
    "path | paths | adjacency",
    "object-store": "file | files | object | objects | blob | blobs | binary | media | image | "
    "images | photo | photos | video | videos | audio | upload | uploads | download | "
    "downloads | chunk | chunks | attachment | attachments | static | assets | presigned | "
    "multipart | archive | archives | backup | backups | document | documents | page | pages | "
    "html | content | contents | text | pdf | pdfs | thumbnail | thumbnails | payload | "
    "payloads | recording | recordings | screenshot | screenshots | avatar | avatars | "
    "artifact | artifacts",
    "search": "search | searches | searching | searchable | full text | text search | "
    "inverted index | inverted indexes | relevance | ranking | ranked | match | matches | "
    "matching | fuzzy | prefix | prefixes | autocomplete | typeahead | keyword | keywords | "
    "facets | faceted | tokens",
    "file": "file | files | binary | snapshot | snapshots | dump | dumps | upload | uploads | "
    "download | downloads | archive | archives | backup | backups | whole file | nightly | batch | "
    "disk | disks | on disk | sequential | sequentially | fit in memory | fits in memory | "
    "larger than memory | bigger than memory | too large for memory | too big for memory | "
    "out of memory | exceed memory | exceeds memory | spill | spills | spilled",
    "log": "append | appends | appended | append only | sequential | offset | offsets | replay | "
    "replayed | ordered | in order | stream | streams | tail | retention",
    "warehouse": "analytics | analytical | aggregate | aggregates | aggregation | "
    "aggregations | reporting | report | reports | scan | scans | batch | columnar | olap | "
    "ad hoc",
    "probabilistic": "membership | seen | approximate | false positive | false positives | "
    "count | counts | frequency | frequencies | top k | heavy hitters | cardinality | "
    "distinct | duplicate | duplicates | dedup | deduplication | visited | fit in memory | "
    "fits in memory | memory efficient | memory footprint | space efficient | compact | bits | "
    "bit array",
    "time-series": "time series | time range | time ranges | time window | time windows | "
    "window | windows | windowed | rollup | rollups | roll up | downsampling | downsample | "
    "retention | metric | metrics | data points | points | aggregation | aggregations | "
    "by time | per minute | per second | bucket | buckets",
}

_PHRASES = frozenset(_normal(p) for p in ACCESS_PHRASES)
_FAMILY = {
    kind: frozenset(_normal(p) for p in words.split("|")) for kind, words in FAMILY_PHRASES.items()
}


def justified(store: Datastore) -> bool:
    text = f" {_normal(store.rationale or '')} "
    if _names_access(store.kind, text):
        return True
    return any(f" {term} " in text for term in _own_terms(store))


@lru_cache(maxsize=4096)
def _names_access(kind: str, text: str) -> bool:
    """Whether `text` (normalised, space-padded) names an access phrase or a word of the
    `kind` family as whole words: one search of a pattern built once per kind, cached by text
    (a big design repeats its rationales across stores)."""
    return _phrases_pattern(kind).search(text) is not None


@lru_cache(maxsize=64)
def _phrases_pattern(kind: str) -> re.Pattern[str]:
    phrases = sorted(_PHRASES | _FAMILY.get(kind, frozenset()), key=len, reverse=True)
    return re.compile(" (?:" + "|".join(map(re.escape, phrases)) + ") ")


@rule("DL505", "unjustified-datastore", "warning")
def unjustified_datastore(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a datastore with no `rationale`, or whose rationale names none of the access
    patterns it serves. A rationale counts as naming an access pattern when it mentions, as
    whole words (case, `_` and `-` ignored, so `author_id` matches `author id`):

    - one of the store's entities (singular or plural), or one of its queries by id;
    - a column one of its queries compares or sorts by (`equals`, `range`, `order_by`);
    - a phrase that describes access rather than quality, in any store: by key, by id,
      key/point lookup, lookup(s) by, range scan(s)/query/queries, partition/sort/clustering
      key, clustering column(s), secondary index(es), join(s), full text, time ordered,
      ordered by, sorted by, append only, write heavy, read heavy, transaction(s), write
      operations, optimised for writes, random reads/writes, reads and writes, read mostly,
      rarely changed/written, write once;
    - or a word of the store family's own vocabulary, which counts only for that family:
      "search", "full-text", "inverted index", "typeahead" for `search`; "traverse",
      "followers", "edges", "hops" for `graph`; "files", "objects", "blobs", "images",
      "video", "uploads", "documents", "pages", "HTML", "content" for `object-store`;
      "rollups", "time windows", "retention", "metrics" for `time-series`; "partition",
      "wide rows", "newest first" for `wide-column`; "lookups", "counters", "sessions",
      "expiry" for `key-value`; "nested", "whole document" for `document`; "foreign keys",
      "constraints", "aggregates", "metadata", "fixed schema" for `relational`; "files",
      "snapshots", "binary", "on disk", "sequential", "does not fit in memory" for `file`;
      "append", "offsets", "replay" for `log`; "analytics", "aggregations", "scans" for
      `warehouse`; "membership", "approximate", "counts", "distinct", "compact", "fits in
      memory" for `probabilistic` (the full lists are in the rule's module).

    A family's words name either how it is accessed, or the data it is made for (the bodies an
    object store keeps, the metadata a relational database keeps), or why it fits the data's
    size (files on disk because the data does not fit in memory; a compact sketch because it
    does). That is what a store without entities or queries (an object store, plain files, a
    Bloom filter) can say for itself.

    "Reliable", "scales", "fast", "industry standard" name no access pattern and are not
    enough on their own. The finding points at the rationale when there is one.

    ## Why is this bad?
    SQL versus NoSQL is not a matter of taste: a store is good or bad for particular reads and
    writes. The article's example: the tweets table's main pattern is "tweets by author_id
    ordered by time", a partition key plus sort key, which fits a wide-column store; the user
    profiles have relational queries and few writes, which fits PostgreSQL. "Because it is
    reliable" or "because it scales" justifies every store equally, so it justifies none, and
    gives the reader nothing to check when the access patterns change.

    ## Example
    ```yaml
    designlint: 1
    name: Twitter
    datastores:
      tweet-db:
        kind: wide-column
        technology: cassandra
        rationale: Cassandra is reliable and scales.
        queries:
          tweets-by-author:
            entity: tweets
            equals: [author_id]
            order_by: created_at desc
            limit: 20
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Twitter
    datastores:
      tweet-db:
        kind: wide-column
        technology: cassandra
        rationale: >
          The main pattern is tweets by author_id ordered by created_at: a partition key
          plus a clustering column.
        queries:
          tweets-by-author:
            entity: tweets
            equals: [author_id]
            order_by: created_at desc
            limit: 20
    ```
    """
    for did, store in ctx.design.datastores.items():
        if not (store.rationale or "").strip():
            yield Violation(
                ("datastores", did),
                f"datastore `{did}` gives no rationale for its choice",
                fix="add `rationale:` naming the access patterns it serves, e.g. "
                '"tweets by author_id ordered by created_at: partition key plus sort key"',
            )
        elif not justified(store):
            yield Violation(
                ("datastores", did, "rationale"),
                f"the rationale of `{did}` names none of its entities, queried columns or "
                "access patterns",
                fix="say which reads and writes the store serves and why its family fits them",
            )
