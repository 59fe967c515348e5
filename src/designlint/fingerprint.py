"""The identity of a finding across edits: rule code, model path and subject, never the text.

A baseline (`check --baseline`) and `designlint diff` both ask "is this the same finding as
before?". The line cannot answer it (an edit above moves every finding), and neither can the
message: it carries numbers that change when the design is improved ("only 1 numeric NFR"
becomes "only 2 numeric NFRs"), and a finding that merely got smaller must not come back as
new. What stays is the rule, the element it is about (the model path) and the subject: what
the message quotes in backticks (element names, keys, values), with digits masked, so two
findings of one rule on one element (four missing estimates at the root) stay apart while
the prose and the numbers around them may change freely.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from designlint.findings import Finding

_QUOTED = re.compile(r"`([^`\n]+)`")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def subject(message: str) -> str:
    """The quoted parts of a message, digits masked, in order and without repeats."""
    parts = (" ".join(_DIGITS.sub("#", m).split()) for m in _QUOTED.findall(message))
    return "\x1f".join(dict.fromkeys(p for p in parts if p))


def of(code: str, model_path: Sequence[object], message: str) -> str:
    """The fingerprint of a finding given by its parts (also for a baseline entry's message)."""
    path = "\x1f".join(str(p) for p in model_path)
    data = f"{code}\x00{path}\x00{subject(message)}"
    return hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def fingerprint(f: Finding) -> str:
    """The fingerprint of a finding; the file is not part of it (callers pair files)."""
    return of(f.code, f.model_path, f.message)
