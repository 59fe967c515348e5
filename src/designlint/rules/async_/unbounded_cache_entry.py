"""DL602 unbounded-cache-entry: a list or sorted-set value must be trimmed to a maximum length."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.registry import rule

# Value shapes that grow by appending and can be trimmed by position (LTRIM, ZREMRANGEBYRANK).
GROWING = ("list", "sorted-set")


@rule("DL602", "unbounded-cache-entry", "warning")
def unbounded_cache_entry(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a cache whose values are lists or sorted sets (`value: list` or
    `value: sorted-set`) and which states no `max_length` to trim each value to.

    A TTL or an eviction policy does not satisfy this rule: both act on whole keys, and a key
    that is written often (the timeline of a user who follows thousands of accounts) is never
    idle long enough to expire or be evicted, so it keeps growing. Sets and hashes are not
    checked: they have no order to trim by, and are usually bounded by what they index.

    ## Why is this bad?
    A precomputed timeline or feed gains one entry per write and, left alone, never loses one.
    The per-key size is then not "about 800 ids" but "every id ever pushed", so the memory
    estimate the cache was sized from (keys x entries x bytes) is wrong by orders of
    magnitude, reads of the key get slower as it grows, and one heavy key can fill a node on
    its own. Trimming after every write (`ZREMRANGEBYRANK key 0 -801`, `LTRIM key 0 799`)
    keeps each value to the few hundred entries a reader can actually page through, and older
    items can still be fetched from the source of truth.

    ## Example
    ```yaml
    designlint: 1
    name: Timeline
    caches:
      timeline-cache:
        technology: redis
        value: sorted-set
        eviction: lru
        ttl: 30d
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Timeline
    caches:
      timeline-cache:
        technology: redis
        value: sorted-set
        max_length: 800
        eviction: lru
        ttl: 30d
    ```
    """
    for cid, cache in ctx.design.caches.items():
        if cache.value in GROWING and cache.max_length is None:
            yield Violation(
                ("caches", cid, "value"),
                f"cache `{cid}` holds a {cache.value} per key with no `max_length`, "
                "so every key grows without bound",
                fix="add `max_length: 800` (trim after each write, e.g. ZREMRANGEBYRANK)",
            )
