"""DL001 yaml-syntax: emitted by the loader (`designlint.reading.source`), documented here."""

from designlint.registry import add

add(
    "DL001",
    "yaml-syntax",
    "error",
    None,
    """
    ## What it does
    Reports a file that cannot be read as YAML: a syntax error, invalid UTF-8, a NUL byte, an
    unsupported tag, more than one document, or input past the safety limits (nesting depth,
    alias expansion, file size).

    ## Why is this bad?
    Nothing else can be checked until the file parses. The limits exist because designlint runs
    on pull requests from anyone: an alias bomb or a 100,000-level nesting must cost
    milliseconds, not minutes, and tags such as `!!python/object` are never constructed.

    ## Example
    ```yaml
    designlint: 1
    name: [unclosed
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Shortener
    ```
    """,
    __name__,
    suppressible=False,
)
