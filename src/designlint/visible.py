"""Text from a design made visible: every character that prints nothing becomes its escape.

Ids and names come from anyone's pull request. A NUL, ESC or BEL (YAML's `"\\0"`, `"\\e"`,
`"\\a"`) or a bidirectional override (U+202E) in a name could end a CI log line early, move the
cursor, colour or rewrite what reviewers see, or hide text. Every output that carries design
text passes it through `visible` first, then applies its own syntax's escaping.
"""

from __future__ import annotations


def visible(text: str, keep: str = "") -> str:
    """`text` with each non-printable character (except those in `keep`) as `\\x00`, `\\u202e`."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch in keep else repr(ch)[1:-1] for ch in text)
