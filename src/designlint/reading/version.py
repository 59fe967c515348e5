"""The format version, `designlint: 1`, spelled exactly so.

YAML 1.2 reads `+1`, `0x1`, `0o1` and `1.0` as numbers equal to 1, and pydantic's `Literal[1]`
accepts `True` and `1.0` too. A version is an identifier, not a quantity: a later format 1.1
must never be mistaken for `1.10`, and `0x1` is nobody's way of writing it. So the value must
be the plain integer 1 as written, which the source text tells.
"""

from __future__ import annotations

from designlint.findings import Violation
from designlint.reading.source import Source


def problem(source: Source) -> tuple[str, Violation] | None:
    """DL002 at the version's value when it is 1 spelled another way (or `true`)."""
    data = source.data
    if not isinstance(data, dict) or "designlint" not in data:
        return None
    value = data["designlint"]
    path = ("designlint",)
    span = source.smap.locate(path)
    if isinstance(value, bool):
        msg = "`designlint`: the format version is the number 1, not a boolean"
        return "DL002", Violation(path, msg, span=span)
    if not isinstance(value, int | float) or value != 1:
        return None  # another version or a string: the schema says what is wrong
    written = _written(source, path)
    if isinstance(value, float) or (written is not None and written != "1"):
        shown = written or repr(value)
        msg = f"`designlint`: the format version is written `1`, not `{shown}`"
        return "DL002", Violation(path, msg, span=span)
    return None


def _written(source: Source, path: tuple[str, ...]) -> str | None:
    """The value's text as it appears in the file, when it sits on one line."""
    raw = source.smap.values.get(path)
    if raw is None:
        return None
    line, column, end_line, end_column = raw
    lines = source.text.split("\n", line)  # the version sits near the top: split no further
    if line != end_line or line > len(lines):
        return None
    text = lines[line - 1][column - 1 : end_column - 1].strip()
    if text.startswith("!"):  # `!!int 1`: the tag is allowed, the spelling after it is judged
        text = text.partition(" ")[2].strip()
    return text or None
