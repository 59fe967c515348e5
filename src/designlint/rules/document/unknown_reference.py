"""DL003 unknown-reference."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.model import Design
from designlint.references import declared, references, resolves
from designlint.registry import rule


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
    design = ctx.design
    for ref in references(design):
        if resolves(design, ref) or ref.target in design.set_aside_ids:
            continue  # a set-aside node is reported where it is, not at every reference
        ids = [i for kind in ref.kinds for i in declared(design, kind)]
        hint = difflib.get_close_matches(ref.target, ids, n=1, cutoff=0.6)
        kinds = " or ".join(k.replace("_", "-").rstrip("s") for k in ref.kinds[:3])
        message = f"`{ref.target}` is not a declared {kinds}"
        if len(ref.kinds) > 3:
            message = f"`{ref.target}` is not a declared component"
        odd = [ch for ch in ref.target if not ch.isascii()]
        if odd:
            # Look-alike letters (Cyrillic `е` for `e`) are invisible in a message: name them.
            names = ", ".join(f"U+{ord(ch):04X}" for ch in dict.fromkeys(odd))
            message += f" (it contains the non-ASCII character(s) {names})"
        if hint:
            message += f"; did you mean `{hint[0]}`?"
        yield Violation(ref.path, message)
    yield from undeclared_columns(design)


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
                    column = spec.split()[0] if spec.split() else spec
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
