"""Match findings between two versions by fingerprint: new, fixed, and how many unchanged."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from designlint.findings import Finding
from designlint.fingerprint import fingerprint


@dataclass(frozen=True)
class FindingChanges:
    """`new` are the head's findings (head locations); `fixed` the base's (base locations)."""

    new: list[Finding] = field(default_factory=list)
    fixed: list[Finding] = field(default_factory=list)
    unchanged: int = 0


def match(base: list[Finding], head: list[Finding]) -> FindingChanges:
    """Pair findings with equal fingerprints (counted, so two equal ones pair with two)."""
    left = Counter(fingerprint(f) for f in base)
    new: list[Finding] = []
    for f in head:
        key = fingerprint(f)
        if left[key] > 0:
            left[key] -= 1
        else:
            new.append(f)
    fixed: list[Finding] = []
    for f in reversed(base):  # the unmatched ones are the last of their fingerprint
        key = fingerprint(f)
        if left[key] > 0:
            left[key] -= 1
            fixed.append(f)
    fixed.reverse()
    return FindingChanges(new, fixed, len(head) - len(new))
