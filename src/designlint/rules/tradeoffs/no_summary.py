"""DL803 no-summary."""

from __future__ import annotations

import re
from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.registry import rule

# "trade-off", "tradeoff", "trade off", "trade-offs", in any case.
TRADE_OFF = re.compile(r"\btrade[-\s]?offs?\b", re.I)
_FIX = "add `summary: {text: <one-paragraph recap>, key_trade_off: <what was given up, for what>}`"


@rule("DL803", "no-summary", "info")
def no_summary(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a design with no closing `summary`, or with a summary that names no key
    trade-off.

    - A structured summary (`summary: {text: ..., key_trade_off: ...}`) names its trade-off
      in `key_trade_off`; the field must be present and not blank. Mentioning a trade-off in
      `text` alone does not count: the structured form has a field for it, so use it.
    - A plain string summary (`summary: "..."`) counts only if it uses the word "trade-off"
      (also spelt "tradeoff" or "trade off"): without the word, there is no telling whether
      the paragraph names one.
    - A summary whose text is blank is reported as missing.

    ## Why is this bad?
    The closing paragraph is what a reader remembers: what was built, at what scale, and which
    price was paid for it. Every design gives something up (operational complexity for
    bounded fan-out, staleness for availability), and saying which one in a sentence shows the
    author understands the design as a set of choices rather than a diagram. It is also the
    part most often skipped, which is why it is worth a reminder.

    ## Example
    ```yaml
    designlint: 1
    name: Twitter
    summary:
      text: Writes go through Kafka to fan-out workers and Redis; reads hit Redis first.
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Twitter
    summary:
      text: Writes go through Kafka to fan-out workers and Redis; reads hit Redis first.
      key_trade_off: Hybrid fan-out adds operational complexity but bounds both write
        amplification and read latency.
    ```
    """
    summary = ctx.design.summary
    if summary is None:
        yield Violation(
            ("summary",),
            "there is no closing summary",
            fix=_FIX,
        )
    elif isinstance(summary, str):
        if not summary.strip():
            yield Violation(("summary",), "the closing summary is blank", fix=_FIX)
        elif not TRADE_OFF.search(summary):
            yield Violation(
                ("summary",),
                "the closing summary names no trade-off",
                fix="name the key trade-off, or use `summary: {text: ..., key_trade_off: ...}`",
            )
    elif not summary.text.strip():
        yield Violation(("summary", "text"), "the closing summary is blank", fix=_FIX)
    elif not (summary.key_trade_off or "").strip():
        yield Violation(
            ("summary",),
            "the closing summary names no key trade-off",
            fix="add `key_trade_off:` saying what the design gives up and what it gets for it",
        )
