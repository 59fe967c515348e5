"""DL109 no-durability-requirement."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.registry import rule


@rule("DL109", "no-durability-requirement", "warning")
def no_durability_requirement(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports each datastore marked `source_of_truth: true` that no durability requirement
    covers. A requirement of `kind: durability` covers the datastores it lists in
    `datastores`; one that lists none covers every datastore. Only the coverage is judged
    here: a vague durability target is DL105's business.

    ## Why is this bad?
    A source of truth holds data that exists nowhere else: lose it and no cache, replica of
    another service or rebuild can bring it back. "Tweets must never be lost once written" is a
    requirement with consequences (replication factor, write acknowledgement, backups), and
    unless it is written down next to the store, nothing in the design is accountable for it.

    ## Example
    ```yaml
    designlint: 1
    name: Twitter
    datastores:
      tweet-db: {kind: wide-column, source_of_truth: true}
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Twitter
    requirements:
      non_functional:
        durability: {kind: durability, target: 99.999999999%, datastores: [tweet-db]}
    datastores:
      tweet-db: {kind: wide-column, source_of_truth: true}
    ```
    """
    design = ctx.design
    covered: set[str] = set()
    covers_all = False
    for nfr in design.requirements.non_functional.values():
        if nfr.kind != "durability":
            continue
        if not nfr.datastores:
            covers_all = True
            break
        covered.update(nfr.datastores)
    if covers_all:
        return
    for sid, store in design.datastores.items():
        if store.source_of_truth and sid not in covered:
            yield Violation(
                ("datastores", sid, "source_of_truth"),
                f"source-of-truth datastore `{sid}` is covered by no durability requirement",
                fix=f"add `{{kind: durability, target: 99.999999999%, datastores: [{sid}]}}` "
                "to `requirements.non_functional`",
            )
