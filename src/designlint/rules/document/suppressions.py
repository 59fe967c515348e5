"""DL008 suppression-without-reason and DL009 unused-suppression: emitted by the linter."""

from designlint.registry import add

add(
    "DL008",
    "suppression-without-reason",
    "warning",
    None,
    """
    ## What it does
    Reports a suppression comment that gives no reason: an inline `# designlint: ignore[CODE]`,
    a file-wide `# designlint: disable-file[CODE]` or a block's `# designlint: disable[CODE]`.

    ## Why is this bad?
    A suppression is a decision a reviewer must be able to weigh later. Without the reason,
    nobody can tell a deliberate trade-off from a finding that was merely silenced.

    ## Example
    ```yaml
    designlint: 1
    name: Shortener
    services:
      link-service: {}
    caches:
      links: {owner: link-service}  # designlint: ignore[DL601]
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Shortener
    services:
      link-service: {}
    caches:
      links: {owner: link-service}  # designlint: ignore[DL601] links never change; memory is capped
    ```

    The reason is the text after the bracket (up to another tool's ` # ` comment). A
    suppression without one still applies; this finding asks for the missing why. The
    `enable[CODE]` that ends a block needs no reason. `designlint check --add-suppressions
    REASON` writes the reason it is given into every comment it adds.
    """,
    __name__,
)

add(
    "DL009",
    "unused-suppression",
    "warning",
    None,
    """
    ## What it does
    Reports a suppression (inline `ignore`, file-wide `disable-file`, or a `disable` ...
    `enable` block), or a baseline entry, that no longer matches any finding.

    ## Why is this bad?
    Stale suppressions hide the next real problem on the same line and make a design look more
    deliberate than it is. Remove them once the finding is fixed.

    ## Example
    ```yaml
    designlint: 1
    name: Shortener
    services:
      link-service: {}
    caches:
      links: {owner: link-service, ttl: 1d}  # designlint: ignore[DL601] kept forever
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Shortener
    services:
      link-service: {}
    caches:
      links: {owner: link-service, ttl: 1d}
    ```

    Also reported: a suppression naming an unknown rule or one of DL001-DL007 (problems with the
    document itself cannot be suppressed), and a baseline entry (`--baseline`) that matches no
    finding any more, at its line in the baseline file. A rule named in a suppression is judged
    even when it is not selected. An `enable[CODE]` that closes no `disable` above it, and an
    inline `ignore` that names a prefix (`ignore[DL6]`: inline suppressions name rules exactly;
    `disable-file[DL6]` and `disable[DL6]` take prefixes), are reported too.
    """,
    __name__,
)
