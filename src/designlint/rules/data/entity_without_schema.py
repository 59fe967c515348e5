"""DL501 entity-without-schema: a database with no entity that has typed fields."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.model.components import Entity
from designlint.registry import rule


def has_typed_field(entity: Entity) -> bool:
    """At least one field with a non-blank type (`uuid`, or `{type: uuid}`)."""
    for spec in entity.fields.values():
        kind = spec if isinstance(spec, str) else spec.type
        if kind.strip():
            return True
    return False


# Stores with no data model to write down: a probabilistic sketch, plain files.
SCHEMALESS = frozenset({"probabilistic", "file"})


@rule("DL501", "entity-without-schema", "error")
def entity_without_schema(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a database that holds no entity with typed fields. Any datastore except
    `kind: object-store` is judged: it needs at least one entity with at least one typed field,
    and no `entities` at all, or only entities whose `fields` are empty or have blank types, is
    reported.

    Object stores are exempt: they hold opaque blobs by key, and their "schema" is the key. The
    finding points at `entities` when it is present and at the datastore otherwise.

    ## Why is this bad?
    A database box on a diagram says where the data lives but not what it is. The article calls
    ignoring the data model a common mistake: without the record's fields you cannot tell
    which queries it must answer, what its keys and indexes should be, how large a row is, or
    whether the store's family fits at all. Sketching each core entity with typed fields,
    `tweet_id uuid`, `author_id uuid`, `created_at timestamp`, is what makes the later index
    and capacity arguments checkable.

    ## Example
    ```yaml
    designlint: 1
    name: Twitter
    datastores:
      tweet-db: {kind: wide-column, technology: cassandra}
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Twitter
    datastores:
      tweet-db:
        kind: wide-column
        technology: cassandra
        entities:
          tweets:
            fields: {tweet_id: uuid, author_id: uuid, content: text, created_at: timestamp}
            primary_key: [tweet_id]
    ```
    """
    for did, store in ctx.design.datastores.items():
        if store.kind in SCHEMALESS:
            continue  # a Bloom filter or files on disk hold no entities to describe
        if store.kind == "object-store":
            continue
        if any(has_typed_field(e) for e in store.entities.values()):
            continue
        path = ("datastores", did, "entities") if store.entities else ("datastores", did)
        what = "no entity with typed fields" if store.entities else "no entities"
        yield Violation(
            path,
            f"database `{did}` declares {what}",
            fix="sketch each entity it holds with typed fields, e.g. "
            "`entities: {tweets: {fields: {tweet_id: uuid, created_at: timestamp}}}`",
        )
