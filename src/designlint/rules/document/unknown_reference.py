"""DL003 unknown-reference."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.model import COMPONENT_SECTIONS, Design
from designlint.references import declared, references
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
    # One id set per combination of kinds a reference may name (a handful per design), so that
    # each of a big design's ~70,000 references is one set lookup.
    known: dict[tuple[str, ...], set[str]] = {}
    for ref in references(design):
        ids_of_kinds = known.get(ref.kinds)
        if ids_of_kinds is None:
            ids_of_kinds = known[ref.kinds] = {i for k in ref.kinds for i in declared(design, k)}
        if ref.target in ids_of_kinds or ref.target in design.set_aside_ids:
            continue  # a set-aside node is reported where it is, not at every reference
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
            for field, specs in (
                ("equals", query.equals),
                ("range", query.range),
                ("order_by", query.order_by),
            ):
                listed = isinstance(specs, list)
                for i, spec in enumerate(specs if listed else [specs] if specs else []):
                    if spec in entity.fields:  # the common case: a bare column name
                        continue
                    words = spec.split()
                    column = words[0] if words else spec
                    if column in entity.fields:
                        continue
                    hint = difflib.get_close_matches(column, list(entity.fields), n=1, cutoff=0.6)
                    path = ("datastores", sid, "queries", qid, field) + ((i,) if listed else ())
                    message = (
                        f"query `{qid}` uses column `{column}`, which entity `{query.entity}` "
                        "does not declare"
                    )
                    if hint:
                        message += f"; did you mean `{hint[0]}`?"
                    yield Violation(path, message)
