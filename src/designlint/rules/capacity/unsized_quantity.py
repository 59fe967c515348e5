"""DL207 unsized-quantity: a number a check needs, stated only in words."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.model import COMPONENT_SECTIONS, Design
from designlint.model.estimates import Estimate
from designlint.numbers.capacity import fits_at_worst
from designlint.numbers.quantity import Bounds, Magnitude, Prose, QuantityError, stated
from designlint.registry import rule

CACHE_SIZING = ("keys", "entries_per_key", "entry_size", "node_memory", "nodes", "max_length")
FANOUT = ("celebrity_threshold", "max_followers", "avg_followers")


@rule("DL207", "unsized-quantity", "warning")
def unsized_quantity(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a field stated in words (`replicas: multiple`, `budget: a few ms`) where a check
    needs its number, once, at that field, quoting the words and naming what cannot be
    computed. The fields and when they are needed:

    - `replicas` of a service, datastore, cache or queue, when an availability requirement
      states a number (single points of failure, DL702; composed availability, DL706): with
      a target in words (DL105) there is nothing to check the replicas against. Words that
      say more than one (`multiple`, `several`, `a few`) answer DL702 and are asked for a
      number only when the component states its `availability`, which DL706 multiplies. A
      range or lower bound (`5 or 7`, `3-5`, `at least 3`) is not asked for: both checks use
      its low end, the redundancy the design guarantees;
    - `availability` of a component (composed availability, DL706);
    - a hop's `budget` in a flow with an `sla` (latency budget, DL704);
    - a cache's sizing (`keys`, `entries_per_key`, `entry_size`, `node_memory`, `nodes`,
      `max_length`) when the cache states any sizing number and all that the memory check
      (DL603) needs (`keys`, `entry_size`, `node_memory`): without one of them a number would
      not let the check run. An order of magnitude or a range (`keys: millions of queries`,
      `entry_size: a few hundred bytes`) is enough when even its top end fits the memory;
    - a datastore's or cache's `capacity`, and a fan-out's `celebrity_threshold`,
      `max_followers` and `avg_followers` (fan-out capacity and bounds, DL607, DL608);
    - an estimate's value that another estimate's `expr` uses (the estimates, DL201).

    Otherwise a range or an order of magnitude counts as words where one number is needed (an
    order of magnitude is not a number to compute with: `dau: hundreds of millions` in an
    estimate, `avg_followers: a few hundred` in a fan-out), and the message says which it is.
    Elsewhere words are enough: a TTL `until the stay's last night` is a TTL, `max_limit: a
    few hundred` bounds the page. A `kind: external` service's replicas are not asked for.

    ## Why is this bad?
    Write-ups often say "multiple instances" or "a short TTL"; the fact is there, and
    designlint accepts it instead of making authors invent a number. But the checks that
    multiply or compare cannot run on words: the design says nothing about whether two
    replicas meet four nines, or whether the cache fits in memory. The warning says which
    number would let them run, so that the gap is visible instead of silently skipped.

    ## Example
    ```yaml
    designlint: 1
    name: Chat
    requirements:
      non_functional:
        uptime: {kind: availability, target: 99.9%}
    services:
      chat-service: {replicas: multiple, availability: 99.5%}
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Chat
    requirements:
      non_functional:
        uptime: {kind: availability, target: 99.9%}
    services:
      chat-service: {replicas: 3, availability: 99.5%, description: multiple instances}
    ```
    """
    design = ctx.design
    wants_replicas = any(
        n.kind == "availability" and _numeric(n.target)
        for n in design.requirements.non_functional.values()
    )
    for section in COMPONENT_SECTIONS:
        if section == "clients":
            continue
        for cid, comp in getattr(design, section).items():
            # Most values are numbers: test for words before building a path or a generator.
            has_kind, has_capacity = _fields(type(comp))
            replicas = comp.replicas
            if (
                isinstance(replicas, Prose)
                and wants_replicas
                and not (has_kind and comp.kind == "external")
                and not (_plural(replicas) and comp.availability is None)
                and not (isinstance(replicas, Bounds) and replicas.low is not None)
            ):
                yield _violation(replicas, (section, cid, "replicas"), "how many replicas")
            if isinstance(comp.availability, Prose):
                path = (section, cid, "availability")
                yield _violation(comp.availability, path, "the availability")
            capacity = comp.capacity if has_capacity else None
            if isinstance(capacity, Prose):
                yield _violation(capacity, (section, cid, "capacity"), "the write capacity")
    for cid, cache in design.caches.items():
        values = [getattr(cache, f) for f in CACHE_SIZING]
        if not any(v is not None and not isinstance(v, Prose) for v in values):
            continue
        if None in (cache.keys, cache.entry_size, cache.node_memory) or fits_at_worst(cache):
            continue  # a number here would not let the memory check run, or would not change it
        for field, value in zip(CACHE_SIZING, values, strict=True):
            yield from _words(value, ("caches", cid, field), "the cache's memory")
    for fid, fan in design.fanout.items():
        for field in FANOUT:
            yield from _words(getattr(fan, field), ("fanout", fid, field), "the fan-out")
    yield from _estimates_in_words(design)
    for fid, flow in design.flows.items():
        if not flow.sla:
            continue
        for i, hop in enumerate(flow.path):
            if not isinstance(hop, str):
                path = ("flows", fid, "path", i, "budget")
                yield from _words(hop.budget, path, "the latency budget")


@functools.cache
def _fields(model: type) -> tuple[bool, bool]:
    """Whether a component model has `kind` and `capacity`: asked once per model, since
    `getattr` with a default costs pydantic's failed-lookup path on every component that
    lacks the field."""
    return "kind" in model.model_fields, "capacity" in model.model_fields


def _estimates_in_words(design: Design) -> Iterator[Violation]:
    """An estimate in words that an expression uses: the expression cannot be computed."""
    users: dict[str, list[str]] = {}
    for name, est in design.estimates.items():
        expr = getattr(est, "expr", None)
        if expr:
            for token in set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", expr)):
                users.setdefault(token, []).append(name)
    for name, est in design.estimates.items():
        value = est.value if isinstance(est, Estimate) else est
        path = ("estimates", name, "value") if isinstance(est, Estimate) else ("estimates", name)
        if name in users and isinstance(value, str | Prose):
            found = value if isinstance(value, Prose) else _prose(value)
            if found is not None:
                names = ", ".join(f"`{n}`" for n in users[name][:5])
                yield from _words(found, path, f"{names}, computed from `{name}`,")


# Words that say "more than one": enough for DL702 (two replicas or more), not for DL706,
# which multiplies a component's stated `availability` by its replica count.
_PLURAL = re.compile(
    r"^\s*(?:multiple|several|many|numerous|a few|a pair|two or more|at least two)\b", re.I
)


def _plural(value: object) -> bool:
    return isinstance(value, Prose) and bool(_PLURAL.match(value.text))


def _numeric(target: object) -> bool:
    """A target with a number (`99.9%`); words (`high availability`) are DL105's finding."""
    if not isinstance(target, str):
        return True
    try:
        return not isinstance(stated(target), Prose)
    except QuantityError:
        return False


def _prose(text: str) -> Prose | None:
    try:
        found = stated(text)
    except QuantityError:
        return None
    return found if isinstance(found, Prose) else None


def _words(value: object, path: tuple, what: str) -> Iterator[Violation]:
    if isinstance(value, Prose):
        yield _violation(value, path, what)


def _violation(value: Prose, path: tuple, what: str) -> Violation:
    field = path[-1]
    how = "without a number"
    if isinstance(value, Magnitude):
        how = "as an order of magnitude"
    elif isinstance(value, Bounds):
        how = "as a range"
    return Violation(
        path,
        f"`{field}` is stated {how} (`{_cut(value.text)}`), so {what} cannot be checked",
        fix=f"give `{field}` one number (keep the words in `description`)",
    )


def _cut(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
