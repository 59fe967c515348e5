"""DL607 unbounded-fanout: fan-out on write must not reach celebrity-sized follower lists."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from designlint.context import Context
from designlint.findings import Violation
from designlint.numbers.quantity import Quantity
from designlint.registry import rule


class Options(BaseModel):
    """Where a follower count stops being normal and starts being a celebrity's."""

    model_config = ConfigDict(defer_build=True)

    celebrity_threshold: int = Field(
        10_000,
        ge=1,
        description="Largest follower count that may be fanned out on write; authors above "
        "it must be served by a pull path.",
    )


def count(value: Quantity | None) -> float | None:
    """A follower count, or None when absent or not a plain count (a rate, a size)."""
    if not isinstance(value, Quantity) or value.dimension != "count" or value.is_rate:
        return None
    return value.base


def human(n: float) -> str:
    """150000000 -> "150M": how follower counts are said out loud."""
    for scale, suffix in ((1e12, "tn"), (1e9, "bn"), (1e6, "M"), (1e3, "k")):
        if n >= scale:
            short = f"{n / scale:.3g}"
            # Never round a count across the threshold: 10,001 must not print as "10k".
            return f"{short}{suffix}" if float(short) * scale == n else f"{n:,.0f}"
    return f"{n:,.0f}"


def amplification(followers: float, target: str | None) -> str:
    where = f" to `{target}`" if target else ""
    return (
        f"a post by an author with {human(followers)} followers becomes "
        f"{human(followers)} timeline writes{where}"
    )


HYBRID_FIX = (
    "use `strategy: hybrid` with `celebrity_threshold: 10k` and a pull path "
    "(`pull_from`, `pull_by`) for authors above it"
)


@rule("DL607", "unbounded-fanout", "error", options=Options)
def unbounded_fanout(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a fan-out that writes each post into every follower's timeline (fan-out on write)
    for authors whose follower count can exceed the celebrity threshold (10,000 by default),
    with no pull path for them. The message shows the write amplification: "a post by an
    author with 150M followers becomes 150M timeline writes".

    What counts:

    - `strategy: push` pushes everyone. It is reported unless `max_followers` is stated and at
      most the threshold (a product whose groups are capped at 5,000 members can push).
    - `strategy: hybrid` without `pull_from` has no pull path, so it is push in practice and
      is judged the same way.
    - `strategy: hybrid` with a pull path is reported when it states no `celebrity_threshold`
      (nothing says who is pulled), or when its own threshold is above the configured one and
      authors can have more followers than the configured one (it still pushes authors
      between the two).
    - `strategy: pull` never writes per follower and is never reported.

    A `max_followers` that is not stated is taken as unbounded: on any open social graph the
    largest account has millions of followers, and a reviewer assumes the worst until told
    otherwise.

    ## Why is this bad?
    Fan-out on write makes reading a timeline one cache lookup, but every post costs one write
    per follower. For the average author with a thousand followers that is fine; for an author
    with 150 million it means 150 million cache writes for one post, a backlog that delays
    everyone else's posts behind it, and a thundering herd whenever such an author posts during
    a busy event. Pushing for ordinary authors and pulling celebrity posts at read time (merged
    into the precomputed timeline) bounds what any single post can cost by the threshold, and
    ordinary readers still get their timeline from one lookup.

    ## Example
    ```yaml
    designlint: 1
    name: Timeline
    caches:
      timeline-cache: {value: sorted-set, max_length: 800, eviction: lru}
    fanout:
      timeline-fanout:
        strategy: push
        target: timeline-cache
        batch_size: 10000
        max_followers: 150M
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Timeline
    services:
      timeline-service: {}
    datastores:
      tweet-db: {kind: wide-column}
    caches:
      timeline-cache: {value: sorted-set, max_length: 800, eviction: lru}
    fanout:
      timeline-fanout:
        strategy: hybrid
        target: timeline-cache
        batch_size: 10000
        max_followers: 150M
        celebrity_threshold: 10k
        pull_from: tweet-db
        pull_by: timeline-service
    ```

    ## Options
    - `celebrity_threshold` (default `10000`): the largest follower count that may be pushed.
      Authors with more followers must be pulled at read time.
    """
    limit = float(ctx.options().celebrity_threshold)
    for fid, fan in ctx.design.fanout.items():
        if fan.strategy == "pull":
            continue
        most = count(fan.max_followers)
        base = ("fanout", fid)
        if fan.strategy == "push" or not fan.pull_from:
            if most is not None and most <= limit:
                continue
            how = (
                "pushes every post to every follower"
                if fan.strategy == "push"
                else "is hybrid but has no pull path (`pull_from`), so it pushes every author"
            )
            path = (*base, "strategy") if fan.strategy == "push" else base
            if most is None:
                message = (
                    f"fan-out `{fid}` {how} and states no `max_followers`, so a celebrity's "
                    "post becomes one timeline write per follower, without bound"
                )
            else:
                message = f"fan-out `{fid}` {how}: {amplification(most, fan.target)}"
            fix = (
                HYBRID_FIX
                if fan.strategy == "push"
                else "add `pull_from` (where celebrity posts are read) and `pull_by` "
                "(the service that merges them at read time)"
            )
            yield Violation(path, message, fix=fix)
            continue
        threshold = count(fan.celebrity_threshold)
        if threshold is None:
            if most is not None and most <= limit:
                continue
            message = (
                f"hybrid fan-out `{fid}` states no `celebrity_threshold`, so nothing says "
                "which authors are pulled instead of pushed"
            )
            if most is not None:
                message += f": {amplification(most, fan.target)}"
            yield Violation(base, message, fix=f"add `celebrity_threshold: {human(limit)}`")
            continue
        pushed = threshold if most is None else min(threshold, most)
        if pushed <= limit:
            continue
        yield Violation(
            (*base, "celebrity_threshold"),
            f"hybrid fan-out `{fid}` still pushes authors with up to {human(pushed)} followers, "
            f"above the {human(limit)} celebrity threshold: {amplification(pushed, fan.target)}",
            fix=f"lower `celebrity_threshold` to {human(limit)} so larger authors are pulled",
        )
