"""DL105 vague-nfr."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.registry import rule
from designlint.rules.requirements import vagueness


@rule("DL105", "vague-nfr", "error")
def vague_nfr(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a non-functional requirement whose `target` is not a number with a unit that fits
    its kind. The target is read with the same whiteboard quantity parser as estimates:

    - words (`fast`, `highly available`) are vague;
    - a bare number (`200`, `99.99`) is vague: milliseconds or seconds? a fraction or a
      percentage?
    - the unit must fit the kind: latency a time (`200ms`), throughput a rate (`1.2k/s`,
      `12k rps`), availability and durability a percentage (`99.99%`, or `4 nines`), storage a
      size or a growth (`7 TB`, `20 GB/day`), consistency a staleness bound (`2s`). An
      availability or durability percentage must lie in (0, 100], and `N nines` needs N >= 1;
    - a `consistency` requirement may instead name a model in words (`strong`, `eventual`):
      that is a decision, not vagueness. Kind `other` accepts any unit, and a quantity per
      thing (`100 members per group`, `10 GB/user`: a limit or a quota), and a policy that
      is met or not and has no unit (compliance with a regulation, GDPR, encryption at rest,
      an audit trail); "secure", "accurate" or "as little memory as possible" stay vague;
    - a qualifier in front (`<200ms`, `~1.2k/s`) is reported with the plain quantity to write
      instead: the other rules read the target as one quantity, and the kind already says
      which way the bound goes (a latency is a ceiling, a throughput a floor).

    ## Why is this bad?
    A requirement is only useful if you can tell whether the design meets it. "Fast" cannot be
    compared with a latency budget, and "highly available" does not say whether one region is
    enough. A number with a unit turns the requirement into something each component can be
    checked against; a number with the wrong unit is as unusable as none.

    ## Example
    ```yaml
    designlint: 1
    name: Twitter
    requirements:
      non_functional:
        timeline-latency: {kind: latency, target: fast}
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Twitter
    requirements:
      non_functional:
        timeline-latency: {kind: latency, target: 200ms, percentile: p99}
    ```
    """
    for nid, nfr in ctx.design.requirements.non_functional.items():
        reason = vagueness(nfr)
        if reason is not None:
            yield Violation(
                ("requirements", "non_functional", nid, "target"),
                f"NFR `{nid}` is vague: {reason}",
                fix="write the target as a number with a unit, e.g. `200ms`, `1.2k/s`, `99.99%`",
            )
