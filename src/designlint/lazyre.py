"""Regular expressions compiled on their first use instead of at import.

A module that holds many or long patterns (`answer_bounds` has a dozen alternations of words
and magnitudes, ~15 ms to compile) makes every start-up pay for them, though most designs
never reach the text they read. `LazyPattern` takes what `re.compile` takes and compiles it
when it is first matched, once per process; what it matches is `re.compile`'s.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property


class LazyPattern:
    """`re.compile(pattern, flags)`, deferred: the matching methods the callers use."""

    __slots__ = ("__dict__", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags

    @cached_property
    def compiled(self) -> re.Pattern[str]:
        return re.compile(self.pattern, self.flags)

    def match(self, text: str) -> re.Match[str] | None:
        return self.compiled.match(text)

    def search(self, text: str) -> re.Match[str] | None:
        return self.compiled.search(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text)
