"""DL005 duplicate-id."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.model import COMPONENT_SECTIONS
from designlint.registry import rule


@rule("DL005", "duplicate-id", "error", suppressible=False)
def duplicate_id(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports two components of different kinds that share an id, such as a service and a
    datastore both called `timeline`, and two components whose ids merely look the same.

    Ids that look the same differ only in case (`Link-Service`, `link-service`), in Unicode
    normalisation (`café` precomposed and with a combining accent) or in look-alike letters
    from another script (`link-servicе` with a Cyrillic `е`); the message says which, and
    names the characters. Ids are compared in NFKC, case-folded form, with Cyrillic and Greek
    letters drawn like Latin ones (and Unicode dashes) read as those.

    ## Why is this bad?
    References name components by id alone (`path: [timeline]`), so a shared id makes every
    reference ambiguous: the diagram and the graph rules would pick one and ignore the other.

    ## Example
    ```yaml
    designlint: 1
    name: Feed
    services:
      timeline: {}
    caches:
      timeline: {ttl: 1d}
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Feed
    services:
      timeline-service: {}
    caches:
      timeline-cache: {ttl: 1d}
    ```
    """
    from designlint.ids import how_they_differ, key

    first: dict[str, str] = {}
    looks: dict[str, tuple[str, str]] = {}
    for section in COMPONENT_SECTIONS:
        for cid in getattr(ctx.design, section):
            if cid in first:
                yield Violation(
                    (section, cid),
                    f"`{cid}` is declared in both `{first[cid]}` and `{section}`",
                    fix="give each component its own id",
                )
                continue
            first[cid] = section
            other = looks.setdefault(key(cid), (cid, section))
            if other[0] != cid:
                yield Violation(
                    (section, cid),
                    f"`{cid}` looks the same as `{other[0]}` in `{other[1]}`: "
                    f"{how_they_differ(cid, other[0])}",
                    fix="use one spelling for one component, and plain ASCII letters in ids",
                )
