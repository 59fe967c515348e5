"""DL002 schema-violation: emitted by `reading.load` from pydantic errors, documented here."""

from designlint.registry import add

add(
    "DL002",
    "schema-violation",
    "error",
    None,
    """
    ## What it does
    Reports a design that does not fit the format: an unknown key (with the nearest known key
    suggested), a missing required key, a value of the wrong type or outside its allowed set.

    ## Why is this bad?
    A typo such as `datastore:` for `datastores:` would otherwise leave a whole section unread,
    and every rule that depends on it would pass silently. The format forbids unknown keys for
    that reason; `x-` prefixed keys are free for your own annotations.

    ## Example
    ```yaml
    designlint: 1
    name: Shortener
    datastore: {}
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Shortener
    datastores: {}
    ```
    """,
    __name__,
    suppressible=False,
)
