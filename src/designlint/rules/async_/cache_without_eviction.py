"""DL601 cache-without-eviction: a cache must say how it stays within its memory."""

from __future__ import annotations

import re
from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.model import Design
from designlint.model.components import Cache
from designlint.registry import rule

# A cache that holds a whole dataset: "an in-memory copy of the rules", "a full replica of the
# catalogue", "the whole rule set, reloaded in full".
_WHOLE = re.compile(
    r"\b(?:copy|copies|replica|mirror)\s+of\b|"
    r"\b(?:whole|entire|full|complete)\s+(?:\w+\s+)?(?:copy|replica|mirror|set|dataset|table)\b|"
    r"\b(?:replaced|reloaded|loaded|rewritten|refreshed)\s+(?:whole|in\s+full|entirely|wholesale)\b",
    re.I,
)
# Words that make it a part of a dataset, which grows with use: one entry per user, the hot
# or recent items. "Every minute" is when it is written, not what it holds.
_PART = re.compile(
    r"\b(?:each|every|per)\b(?!\s+(?:\d+\s*)?(?:second|minute|hour|day|week|month|night|run|"
    r"deploy|change|update)s?\b)|"
    r"\b(?:recent|recently|latest|hot|hottest|popular|frequently|most|some|active|sessions?)\b",
    re.I,
)


def whole_copy(design: Design, cid: str, cache: Cache) -> bool:
    """A whole dataset, written by a service the design names: as big as what it copies."""
    text = cache.description or ""
    if not _WHOLE.search(text) or _PART.search(text):
        return False
    if any(fan.target == cid for fan in design.fanout.values()):
        return False  # a fan-out appends to one key per follower
    return any(cid in svc.writes for svc in design.services.values())


def _has_ttl(cache: Cache) -> bool:
    # A zero TTL is read as "never expires", as memcached and several client libraries treat it;
    # it bounds nothing, so it does not count. A TTL in words (`until the stay's last night`)
    # is a TTL.
    return cache.ttl is not None and getattr(cache.ttl, "magnitude", 1) > 0


@rule("DL601", "cache-without-eviction", "warning")
def cache_without_eviction(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a cache that has neither an eviction policy nor a TTL, and so has no stated way to
    give memory back.

    Three spellings count as "no way to give memory back" and are reported too:
    `eviction: noeviction` without a `ttl` (the cache refuses writes once full), `eviction: ttl`
    without a `ttl` (a TTL-driven policy such as Redis `volatile-ttl` only ever evicts keys that
    carry an expiry, and none do), and `ttl: 0` (many caches read a zero TTL as "never expire").

    A cache that holds a whole copy of a dataset, kept whole by a writer the design names, is
    not reported: its `description` says it is a copy, replica or mirror of the dataset ("an
    in-memory copy of the rules", "the full rule set, reloaded in full") and nothing that
    makes it a part (`each`, `per`, `recent`, `hot`, `popular`...), a service lists it in
    `writes`, and it is not a fan-out target. It is as big as what it copies, which DL603
    checks against a node when the cache is sized; evicting from it would drop rules or
    flags its readers rely on, and a TTL would empty it whenever the writer falls behind.
    A copy no service is said to write is taken to be filled on reads, and is reported.

    ## Why is this bad?
    A cache is sized from an estimate (keys times bytes per key) and lives in RAM, which is the
    most expensive and least forgiving resource in the system. Without a policy the working set
    only grows: inactive users' entries keep their memory forever, the node fills, and then the
    cache either starts rejecting writes or the process is killed for using too much memory.
    Either way the load the cache was absorbing lands on the database at once. Stating LRU (or
    LFU) eviction, a TTL for entries nobody reads any more, or both, is what turns the memory
    estimate into a bound rather than a hope.

    ## Example
    ```yaml
    designlint: 1
    name: Timeline
    caches:
      timeline-cache:
        technology: redis
        value: sorted-set
        max_length: 800
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
      rules-cache:
        description: in-memory copy of the rate-limit rules
    services:
      rules-loader:
        kind: job
        writes: [rules-cache]
    ```
    """
    design = ctx.design
    for cid, cache in design.caches.items():
        if _has_ttl(cache) or whole_copy(design, cid, cache):
            continue
        if cache.eviction is None:
            zero = cache.ttl is not None
            yield Violation(
                ("caches", cid, "ttl") if zero else ("caches", cid),
                f"cache `{cid}` has a zero TTL, which never expires, and no eviction policy"
                if zero
                else f"cache `{cid}` has neither an eviction policy nor a TTL",
                fix="add `eviction: lru` (or `lfu`), and a `ttl` for entries that go cold",
            )
        elif cache.eviction == "noeviction":
            yield Violation(
                ("caches", cid, "eviction"),
                f"cache `{cid}` uses `noeviction` and its keys carry no TTL, "
                "so it rejects writes once full",
                fix="use `eviction: lru` (or `lfu`), or give keys a `ttl`",
            )
        elif cache.eviction == "ttl":
            yield Violation(
                ("caches", cid, "eviction"),
                f"cache `{cid}` evicts by TTL but its keys carry no TTL, so none is ever evicted",
                fix="add a `ttl` such as `ttl: 30d`, or use `eviction: lru`",
            )
