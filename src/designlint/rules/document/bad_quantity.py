"""DL007 bad-quantity: emitted by `reading.load` for unreadable quantities, documented here."""

from designlint.registry import add

add(
    "DL007",
    "bad-quantity",
    "error",
    None,
    """
    ## What it does
    Reports a quantity that cannot be read or could be read two ways: `1B` (a billion, or one
    byte?), an unknown unit, a rate per something that is not a time, a number too large for
    a float, a value of another dimension than the field's (`ttl: 30 GB`).

    Ranges and bounds are read, each end strictly (`replicas: 5 or 7`, `3-5 ms`, `at least 3`,
    `100+`, `up to 10k`; see docs/format.md): a range that runs backwards (`7-5`) or whose ends
    have different dimensions is reported. So is an approximate number (`~100`, `about 5ms`:
    write the number alone) and a number followed by words that are not a unit (`3 for reads`):
    the words are named, never taken for a unit.

    ## Why is this bad?
    Estimates are only worth checking if every number means one thing. Guessing would turn a
    billion requests into a byte and let a wrong estimate pass. Write `1bn` for a billion and
    `1 B` or `1 byte` for a byte.

    ## Example
    ```yaml
    designlint: 1
    name: Shortener
    caches:
      links: {keys: 1B}
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Shortener
    caches:
      links: {keys: 1bn}
    ```
    """,
    __name__,
    suppressible=False,
)
