"""DL602 unbounded-cache-entry: a list or sorted-set value must be trimmed to a maximum length."""

from __future__ import annotations

import re
from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.model import Design
from designlint.model.components import Cache
from designlint.registry import rule

# Value shapes that grow by appending and can be trimmed by position (LTRIM, ZREMRANGEBYRANK).
GROWING = ("list", "sorted-set")

# How a value is written, in a description or a flow hop's action. The Redis commands are
# matched in capitals only, so that "a set of" or "push notifications" are not commands.
_REPLACE = re.compile(
    r"(?i:\b(?:replac\w*|overwr\w*|rebuil\w*|recomput\w*|regenerat\w*|rewrit\w*|"
    r"swapped)\b)|\b(?:SET|MSET|RENAME|DEL)\b"
)
_BOUND = re.compile(
    r"\b(?:top|first|last|latest|newest|most recent|at most|up to|no more than)[\s-]+"
    r"(?:\d[\d,]*|k|n)\b",
    re.I,
)
_APPEND = re.compile(
    r"(?i:\b(?:append\w*|prepend\w*|push(?:es|ed)? (?:to|onto|into)|add(?:s|ed)? (?:to|each)|"
    r"insert\w*|grows?)\b)|\b(?:LPUSH|RPUSH|ZADD|ZINCRBY|SADD|XADD)\b"
)


@rule("DL602", "unbounded-cache-entry", "warning")
def unbounded_cache_entry(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a cache whose values are lists or sorted sets (`value: list` or
    `value: sorted-set`) and which states no `max_length` to trim each value to.

    Only values that grow by appending need a bound. A value the design says is replaced
    whole on each write (its `description`, or the `action` of a flow hop into the cache,
    says it is replaced, overwritten, rebuilt, recomputed or written with `SET`, and says
    nothing of appending, pushing, `LPUSH`, `ZADD`...) is as long as whatever the writer
    computes, and is not reported; so is a value whose description bounds it in words
    ("the top 10 suggestions", "at most 50", "the latest 100"). A fan-out `target` always
    appends. When the design says nothing either way, the value is taken to grow.

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
    design = ctx.design
    targets = {fan.target for fan in design.fanout.values()}
    for cid, cache in design.caches.items():
        if cache.value not in GROWING or cache.max_length is not None:
            continue
        if cid not in targets and replaced_whole(_writes_described(design, cid, cache)):
            continue
        yield Violation(
            ("caches", cid, "value"),
            f"cache `{cid}` holds a {cache.value} per key with no `max_length`, "
            "so every key grows without bound",
            fix="add `max_length: 800` (trim after each write, e.g. ZREMRANGEBYRANK)",
        )


def _writes_described(design: Design, cid: str, cache: Cache) -> str:
    """What the design says about how the cache is written: its description and the actions
    of flow hops into it."""
    texts = [cache.description or ""]
    for flow in design.flows.values():
        texts += [hop.action or "" for hop in flow.hops() if hop.component == cid]
    return " ".join(texts)


def replaced_whole(text: str) -> bool:
    """Whether the text says each write replaces the value (or bounds it in words: "the top
    10"), and nothing says it appends."""
    return bool(_REPLACE.search(text) or _BOUND.search(text)) and not _APPEND.search(text)
