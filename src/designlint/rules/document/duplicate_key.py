"""DL004 duplicate-key: emitted by the loader at the second occurrence, documented here."""

from designlint.registry import add

add(
    "DL004",
    "duplicate-key",
    "error",
    None,
    """
    ## What it does
    Reports a mapping that repeats a key, at the second occurrence.

    ## Why is this bad?
    Most YAML readers keep the last value and drop the first without a word, so two services
    declared under the same key silently become one. designlint keeps the first and reports
    the repeat so that you decide which one you meant.

    ## Example
    ```yaml
    designlint: 1
    name: Shortener
    name: Shortener v2
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Shortener v2
    ```
    """,
    __name__,
    suppressible=False,
)
