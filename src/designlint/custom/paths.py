"""`given` paths: dot-separated keys with `*` (one level) and `**` (any depth, zero included).

`services.*` matches every service, `datastores.*.x-backup` one key of each datastore,
`**.technology` every `technology` key anywhere. `$` is the whole document (and an optional
leading `$.`, as in JSONPath, is accepted). A key that contains a dot is quoted:
`services."api.v1"`. A number matches a list index or a key written as that number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from designlint.findings import ModelPath

STAR, STARS = object(), object()
Segment = object  # a key (str), STAR or STARS
_TOKEN = re.compile(r'"(?P<quoted>[^"]*)"|(?P<plain>[^".]+)')


class PathError(ValueError):
    """A `given` path that cannot be read; the message says what is wrong."""


def parse(text: str) -> tuple[Segment, ...]:
    """The segments of a path; PathError names the first problem."""
    rest = text.strip()
    if not rest:
        raise PathError("the path is empty (use `$` for the whole document)")
    if rest == "$":
        return ()
    if rest.startswith("$."):
        rest = rest[2:]
    segments: list[Segment] = []
    pos = 0
    while True:
        m = _TOKEN.match(rest, pos)
        if m is None:
            raise PathError(f"expected a key at character {pos + 1} of `{text}`")
        if m.group("quoted") is not None:
            segments.append(m.group("quoted"))
        else:
            segments.append(_plain(m.group("plain").strip(), text))
        pos = m.end()
        if pos == len(rest):
            return tuple(segments)
        if rest[pos] != ".":
            raise PathError(f"expected `.` at character {pos + 1} of `{text}`")
        pos += 1
        if pos == len(rest):
            raise PathError(f"`{text}` ends with a `.`")


def _plain(word: str, text: str) -> Segment:
    if word == "*":
        return STAR
    if word == "**":
        return STARS
    if "*" in word:
        raise PathError(f"`{word}` in `{text}`: a wildcard is a whole segment, `*` or `**`")
    if not word:
        raise PathError(f"`{text}` has an empty segment")
    if any(c in word for c in "[]{}$"):
        raise PathError(f"`{word}` in `{text}`: quote keys with special characters")
    return word


def match(segments: tuple[Segment, ...], data: object) -> Iterator[tuple[ModelPath, object]]:
    """Every (path, node) of `data` that the segments select, in document order, once each."""
    seen: set[ModelPath] = set()
    for path, node in _walk(segments, data, ()):
        if path not in seen:
            seen.add(path)
            yield path, node


def _children(node: object) -> Iterator[tuple[str | int, object]]:
    if isinstance(node, dict):
        yield from node.items()
    elif isinstance(node, list):
        yield from enumerate(node)


def _walk(segments: tuple, node: object, path: ModelPath) -> Iterator[tuple[ModelPath, object]]:
    if not segments:
        yield path, node
        return
    head, rest = segments[0], segments[1:]
    if head is STARS:
        yield from _walk(rest, node, path)  # zero levels
        for key, child in _children(node):
            yield from _walk(segments, child, (*path, key))
    elif head is STAR:
        for key, child in _children(node):
            yield from _walk(rest, child, (*path, key))
    else:
        for key, child in _children(node):
            if str(key) == head:
                yield from _walk(rest, child, (*path, key))
