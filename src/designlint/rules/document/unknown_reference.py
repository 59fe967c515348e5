"""DL003 unknown-reference."""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.model import COMPONENT_SECTIONS, Design
from designlint.references import BLOCKS, Ref, block_references, declared, targets
from designlint.registry import rule

# Everything a reference can name: a miss that is declared as another kind says which.
KINDS = (*COMPONENT_SECTIONS, "functional", "non_functional", "flows", "estimates", "regions")


@rule("DL003", "unknown-reference", "error", suppressible=False)
def unknown_reference(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports an id that is referenced but never declared: a service calling a service that does
    not exist, a flow passing through an unknown component, an NFR pointing at a missing flow.
    The nearest declared id of the right kind is suggested. A query's column (`equals`,
    `range`, `order_by`) that its entity does not declare is reported the same way, for
    entities that declare their `fields`. A reference to a node the loader set aside for a
    schema error is not reported again.

    ## Why is this bad?
    A dangling reference is usually a typo, and a typo silently removes an edge from the
    architecture: the shared-database, cycle and reachability rules then judge a different
    system from the one you meant.

    ## Example
    ```yaml
    designlint: 1
    name: Shortener
    services:
      link-service: {calls: [analytic-service]}
      analytics-service: {}
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Shortener
    services:
      link-service: {calls: [analytics-service]}
      analytics-service: {}
    ```
    """
    from designlint.ids import scripts
    from designlint.suggest import Budget, Suggester

    design = ctx.design
    budget = Budget()
    suggesters: dict[tuple[str, ...], Suggester] = {}
    for ref in _misses(design):
        if ref.kinds not in suggesters:
            ids = (i for kind in ref.kinds for i in declared(design, kind))
            suggesters[ref.kinds] = Suggester(ids, budget)
        kinds = " or ".join(_singular(k) for k in ref.kinds[:3])
        if len(ref.kinds) > 3:
            kinds = "component"
        other = next(
            (
                k
                for k in COMPONENT_SECTIONS
                if k not in ref.kinds and ref.target in declared(design, k)
            ),
            None,
        )
        if other is not None:  # declared, but as the wrong kind of thing
            message = f"`{ref.target}` is {_a(_singular(other))}, not {_a(kinds)}"
            yield Violation(ref.path, message)
            continue
        message = f"`{ref.target}` is not a declared {kinds}"
        odd = [ch for ch in ref.target if not ch.isascii()]
        if odd:
            # Look-alike letters (Cyrillic `е` for `e`) are invisible in a message: name them.
            names = ", ".join(f"U+{ord(ch):04X}" for ch in dict.fromkeys(odd))
            mixed = scripts(ref.target)
            mix = f"mixes {' and '.join(mixed)} letters and " if len(mixed) > 1 else ""
            message += f" (it {mix}contains the non-ASCII character(s) {names})"
        hint = suggesters[ref.kinds](ref.target)
        if hint:
            message += f"; did you mean `{hint}`?"
        yield Violation(ref.path, message)
    yield from undeclared_columns(design)


def _misses(design: Design) -> Iterator[Ref]:
    """The references whose target is not declared as one of their kinds, nor set aside, in
    document order. One id set per combination of kinds (a handful per design), one subset
    test per field across all entries: a block whose fields all pass, as nearly every block
    of a big design does, is never walked reference by reference."""
    aside = design.set_aside_ids
    known: dict[tuple[str, ...], set[str]] = {}

    def ids(kinds: tuple[str, ...]) -> set[str]:
        found = known.get(kinds)
        if found is None:
            found = known[kinds] = {i for k in kinds for i in declared(design, k)}
        return found

    for block in BLOCKS:
        if all(ids(f.kinds).issuperset(targets(design, block, f)) for f in block.fields):
            continue
        for ref in block_references(design, block):
            if ref.target not in ids(ref.kinds) and ref.target not in aside:
                yield ref  # a set-aside node is reported where it is, not at every reference


def _singular(kind: str) -> str:
    return kind.replace("_", "-").rstrip("s")


def _a(word: str) -> str:
    return f"an {word}" if word[:1] in "aeiou" else f"a {word}"


def undeclared_columns(design: Design) -> Iterator[Violation]:
    """A query on a column its entity does not declare: the index rules would judge a column
    that does not exist (checked only for entities that declare their fields)."""
    for sid, store in design.datastores.items():
        for qid, query in store.queries.items():
            entity = store.entities.get(query.entity)
            if entity is None or not entity.fields:
                continue
            fields = entity.fields
            if (
                all(map(fields.__contains__, query.equals))
                and _declared(fields, query.range)
                and _declared(fields, query.order_by)
            ):
                continue  # the common case: every column declared, checked without a loop
            for field, specs in (
                ("equals", query.equals),
                ("range", query.range),
                ("order_by", query.order_by),
            ):
                if not specs:
                    continue
                listed = isinstance(specs, list)
                for i, spec in enumerate(specs if listed else (specs,)):
                    column = _column(spec)
                    if spec in fields or column in fields:
                        continue  # the common case: a declared column, with its direction
                    hint = difflib.get_close_matches(column, list(fields), n=1, cutoff=0.6)
                    path = ("datastores", sid, "queries", qid, field) + ((i,) if listed else ())
                    message = (
                        f"query `{qid}` uses column `{column}`, which entity `{query.entity}` "
                        "does not declare"
                    )
                    if hint:
                        message += f"; did you mean `{hint[0]}`?"
                    yield Violation(path, message)


def _declared(fields: dict, specs: list[str] | str | None) -> bool:
    """Whether every spec of a one-or-many column field names a declared column."""
    if not specs:
        return True
    if isinstance(specs, str):
        return specs in fields or _column(specs) in fields
    return all(spec in fields or _column(spec) in fields for spec in specs)


@functools.lru_cache(maxsize=4096)
def _column(spec: str) -> str:
    """The column of a spec (`created_at desc` -> `created_at`); cached by text, since a big
    design repeats a few specs on every query."""
    words = spec.split()
    return words[0] if words else spec
