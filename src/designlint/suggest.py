""" "Did you mean": the nearest declared name, in work at most linear in the design.

Comparing every unknown name with every declared one is quadratic: 10,000 services each calling
one undeclared id took 26 s. Three things keep it bounded. Names that look the same (case,
Unicode normalisation, look-alike letters: `ids.key`) are found in a dict at once. A name is
compared only with names of a length `difflib` could accept (a ratio of 0.6 needs the shorter
to be at least 3/7 of the longer), nearest lengths first and at most `PER_WORD` of them, and
each word is looked up once. And one run compares at most `BUDGET` pairs; past it, unknown
names are still reported, without a suggestion.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable

from designlint.ids import key

BUDGET = 20_000  # pairs compared per run: ~0.1 s of difflib on an idle machine
PER_WORD = 1_000  # names of the nearest lengths compared with one unknown word


class Budget:
    """Comparisons left for a whole run, shared by every Suggester in it."""

    def __init__(self, pairs: int = BUDGET) -> None:
        self.left = pairs


class Suggester:
    """Suggests the closest of `names` (in their given order on ties) for an unknown word."""

    def __init__(self, names: Iterable[str], budget: Budget | None = None) -> None:
        self.budget = budget or Budget()
        self.by_length: dict[int, list[str]] = defaultdict(list)
        self.by_key: dict[str, str] = {}
        for name in names:
            self.by_length[len(name)].append(name)
            self.by_key.setdefault(key(name), name)
        self.cache: dict[str, str | None] = {}

    def __call__(self, word: str) -> str | None:
        if word not in self.cache:
            self.cache[word] = self._find(word)
        return self.cache[word]

    def _find(self, word: str) -> str | None:
        same = self.by_key.get(key(word))
        if same is not None and same != word:
            return same
        n = len(word)
        if not n or n > 200 or self.budget.left <= 0:
            return None
        sizes = [s for s in range(-(-3 * n // 7), 7 * n // 3 + 1) if s in self.by_length]
        sizes.sort(key=lambda s: abs(s - n))  # the likeliest lengths first
        candidates: list[str] = []
        for size in sizes:
            candidates.extend(self.by_length[size][: PER_WORD - len(candidates)])
            if len(candidates) >= PER_WORD:
                break
        if len(candidates) > self.budget.left:
            return None
        self.budget.left -= len(candidates)
        hint = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
        return hint[0] if hint else None
