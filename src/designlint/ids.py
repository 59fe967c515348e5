"""When two ids look the same: the comparison key behind DL003's hints and DL005's look-alikes.

Ids are mapping keys and YAML compares them byte for byte, so `café` written precomposed and
with a combining accent, `Link-Service` beside `link-service`, or `link-servicе` with a
Cyrillic `е` are different ids that a reader cannot tell apart. `key` folds them together:
NFKC normalisation (composed accents, full-width and ligature forms), case folding, and a
small table of Cyrillic and Greek letters (and dashes) that are drawn like Latin ones, in the
spirit of Unicode's confusables (UTS #39) without its 6,000-entry table.
"""

from __future__ import annotations

import unicodedata

# Lower-case letters (after case folding) drawn like a Latin letter in common fonts.
_LOOKALIKE = str.maketrans(
    {
        # Cyrillic
        "а": "a",
        "с": "c",
        "ԁ": "d",
        "е": "e",
        "һ": "h",
        "і": "i",
        "ј": "j",
        "ӏ": "l",
        "о": "o",
        "р": "p",
        "ԛ": "q",
        "ѕ": "s",
        "ԝ": "w",
        "х": "x",
        "у": "y",
        # Greek
        "α": "a",
        "ι": "i",
        "κ": "k",
        "ν": "v",
        "ο": "o",
        "ρ": "p",
        "υ": "u",
        "χ": "x",
        # dashes and hyphens
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
    }
)


def key(name: str) -> str:
    """The form two ids share when a reader cannot tell them apart."""
    if name.isascii():  # NFKC leaves ASCII as it is, and its case folding is lower case
        return name.lower()
    folded = unicodedata.normalize("NFKC", name).casefold()
    if folded.isascii():
        return folded
    return unicodedata.normalize("NFKC", folded.translate(_LOOKALIKE))


def scripts(name: str) -> list[str]:
    """The scripts of the letters in `name`, in order of appearance: `['Latin', 'Cyrillic']`."""
    found: dict[str, None] = {}
    for ch in name:
        if ch.isalpha():
            script = unicodedata.name(ch, "UNKNOWN").split(" ")[0].title()
            found.setdefault(script, None)
    return list(found)


def how_they_differ(a: str, b: str) -> str:
    """Why `a` and `b` look alike although they differ: for a message."""
    odd = [ch for ch in dict.fromkeys(a + b) if not ch.isascii() and (ch in a) != (ch in b)]
    named = ", ".join(f"U+{ord(ch):04X} {unicodedata.name(ch, '?')}" for ch in odd[:4])
    mixed = [s for s in (scripts(a), scripts(b)) if len(s) > 1]
    if mixed:
        reason = f"one mixes {' and '.join(mixed[0])} letters"
    elif unicodedata.normalize("NFKC", a) == unicodedata.normalize("NFKC", b):
        reason = "they differ only in Unicode normalisation"
    elif a.casefold() == b.casefold():
        return "they differ only in case"
    else:
        reason = "they differ only in look-alike characters"
    return f"{reason} ({named})" if named else reason
