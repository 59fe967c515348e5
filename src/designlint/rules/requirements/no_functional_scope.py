"""DL101 no-functional-scope."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.registry import rule


@rule("DL101", "no-functional-scope", "error")
def no_functional_scope(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a design that declares no in-scope core flow: `requirements.functional` is missing
    or empty, or every entry in it is marked `priority: secondary`.

    ## Why is this bad?
    A prompt such as "design Twitter" names several different systems: the timeline, search,
    direct messages, ads. Until one or two core flows are pinned down, there is nothing to size,
    no API to define and no way to tell whether a component is needed. Every later rule judges
    the design against these flows, so a design without them cannot be judged at all.

    Secondary requirements are welcome, but they do not anchor a design: if everything is
    secondary, nothing is core and the rule still fires.

    ## Example
    ```yaml
    designlint: 1
    name: Twitter
    requirements:
      functional:
        trending: {description: A user sees trending topics., priority: secondary}
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Twitter
    requirements:
      functional:
        post-tweet: {description: A user posts a tweet.}
        read-timeline: {description: A user reads their home timeline.}
        trending: {description: A user sees trending topics., priority: secondary}
    ```
    """
    functional = ctx.design.requirements.functional
    if any(fr.priority == "core" for fr in functional.values()):
        return
    if functional:
        yield Violation(
            ("requirements", "functional"),
            "every functional requirement is `secondary`: no core flow is in scope",
            fix="mark the one or two flows the design is judged on as `priority: core`",
        )
    else:
        yield Violation(
            ("requirements", "functional"),
            "no functional requirement is declared: the design has no core flow in scope",
            fix="declare one or two core flows under `requirements.functional`, "
            "e.g. `post-tweet: {description: A user posts a tweet.}`",
        )
