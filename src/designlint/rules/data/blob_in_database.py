"""DL506 blob-in-database: media or blob fields stored in a database, not an object store."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from designlint.context import Context
from designlint.findings import Violation
from designlint.registry import rule

BLOB_TYPES = frozenset(
    {
        "blob",
        "tinyblob",
        "mediumblob",
        "longblob",
        "bytea",
        "binary",
        "varbinary",
        "bytes",
        "image",
        "video",
        "audio",
        "media",
        "file",
    }
)


_TYPE_NAME = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)")


@lru_cache(maxsize=4096)
def base_type(spec: str) -> str:
    """`varbinary(255)` -> `varbinary`, `image[]` -> `image`, `BLOB not null` -> `blob`.
    Cached by text: a big design repeats a few field types on every entity."""
    match = _TYPE_NAME.match(spec)
    return match.group(1).lower() if match else ""


# Stores made to hold opaque bytes: objects, files, and a log's message payloads.
BYTE_STORES = ("object-store", "file", "log")


@rule("DL506", "blob-in-database", "warning")
def blob_in_database(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports an entity field whose type is a blob or media type in a datastore that is not an
    object store (`kind: object-store`), a `file` or a `log` (whose records are opaque message
    payloads by design: a broker's segment files). The types: blob, tinyblob, mediumblob, longblob,
    bytea, binary, varbinary, bytes, image, video, audio, media, file; matched on the type's
    first word, case-insensitively, ignoring arguments and array brackets (`varbinary(255)`,
    `image[]`). A field holding a reference to media (`media_ids: uuid[]`, `url: text`) is
    exactly what the database should keep and is not reported.

    ## Why is this bad?
    Images and video are thousands of times larger than the rows around them. Kept in the
    database they bloat every page, backup and replica, crowd the hot rows out of the buffer
    cache, and make each read of a row drag megabytes through the database that a CDN could
    have served. The article keeps media in object storage and only the ids in the tweet
    table: the database stays small and fast, and the blobs go to a store built for large
    objects served by key.

    ## Example
    ```yaml
    designlint: 1
    name: Twitter
    datastores:
      tweet-db:
        kind: relational
        entities:
          tweets:
            fields: {tweet_id: uuid, content: text, photo: blob}
            primary_key: tweet_id
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Twitter
    datastores:
      tweet-db:
        kind: relational
        entities:
          tweets:
            fields: {tweet_id: uuid, content: text, media_ids: "uuid[]"}
            primary_key: tweet_id
      media-store:
        kind: object-store
        entities:
          media:
            fields: {media_id: uuid, photo: blob}
            primary_key: media_id
    ```
    """
    for did, store in ctx.design.datastores.items():
        if store.kind in BYTE_STORES:
            continue
        for eid, entity in store.entities.items():
            for name, spec in entity.fields.items():
                kind = base_type(spec if isinstance(spec, str) else spec.type)
                if kind not in BLOB_TYPES:
                    continue
                yield Violation(
                    ("datastores", did, "entities", eid, "fields", name),
                    f"field `{name}` of `{eid}` in `{did}` stores `{kind}` data in a database",
                    fix="keep the bytes in an object store and store only their id or URL here",
                )
