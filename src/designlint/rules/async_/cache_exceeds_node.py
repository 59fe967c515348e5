"""DL603 cache-exceeds-node: the cache's own numbers do not fit the machine it runs on."""

from __future__ import annotations

import math
from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.numbers.capacity import cache_memory, size_text
from designlint.registry import rule


@rule("DL603", "cache-exceeds-node", "error")
def cache_exceeds_node(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Computes a cache's memory as keys × entries per key × entry size and reports it when it
    exceeds one node's `node_memory` and the cache is not `clustered`. The message shows the
    arithmetic: "500M × 800 × 8 B = 3.2 TB, more than one node's 256 GB".

    Entries per key is `entries_per_key`, else the trim length `max_length` of a list, set,
    sorted-set or hash value, else 1. A clustered cache that states its `nodes` is still
    reported when all its nodes together are too small (20 × 256 GB must hold the 3.2 TB). A
    cache that does not state keys, entry size and node memory is not judged.

    ## Why is this bad?
    The article's timeline cache is 500 million timelines of 800 tweet ids of 8 bytes: about
    3.2 TB, more than ten of the largest common Redis nodes. Written down as "a Redis" it
    cannot exist; it fills, evicts hot keys, and the read path falls through to the database
    at full read rate. The arithmetic is the cheapest capacity check there is, and it decides
    whether the cache must be sharded (Redis Cluster, consistent hashing) from day one.

    ## Example
    ```yaml
    designlint: 1
    name: Timelines
    caches:
      timeline-cache:
        value: sorted-set
        keys: 500M
        entries_per_key: 800
        entry_size: 8 B
        node_memory: 256 GB
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Timelines
    caches:
      timeline-cache:
        value: sorted-set
        keys: 500M
        entries_per_key: 800
        entry_size: 8 B
        node_memory: 256 GB
        clustered: true
        nodes: 20
    ```
    """
    for cid, cache in ctx.design.caches.items():
        memory = cache_memory(cache)
        if memory is None:
            continue
        node = memory.node_memory.base
        if node <= 0:
            continue
        need = math.ceil(memory.total / node)
        base = ("caches", cid)
        if not cache.clustered:
            if memory.total <= node:
                continue
            yield Violation(
                (*base, "node_memory"),
                f"cache `{cid}` needs {memory.text()}, more than one node's "
                f"{memory.node_memory.text}, and is not clustered",
                fix=f"set `clustered: true` with `nodes: {need}` or more, or store less per key",
            )
        elif isinstance(cache.nodes, int) and memory.total > node * cache.nodes:
            yield Violation(
                (*base, "nodes"),
                f"cache `{cid}` needs {memory.text()}, more than its {cache.nodes} nodes × "
                f"{memory.node_memory.text} = {size_text(node * cache.nodes)}",
                fix=f"use at least {need} nodes",
            )
