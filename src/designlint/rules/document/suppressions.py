"""DL008 suppression-without-reason and DL009 unused-suppression: emitted by the linter."""

from designlint.registry import add

add(
    "DL008",
    "suppression-without-reason",
    "warning",
    None,
    """
    ## What it does
    Reports an inline `# designlint: ignore[CODE]` comment that gives no reason.

    ## Why is this bad?
    A suppression is a decision a reviewer must be able to weigh later. Without the reason,
    nobody can tell a deliberate trade-off from a finding that was merely silenced.

    ## Example
    ```yaml
    designlint: 1
    name: Shortener
    caches:
      links: {owner: link-service}  # designlint: ignore[DL601]
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Shortener
    caches:
      links: {owner: link-service}  # designlint: ignore[DL601] links never change; memory is capped
    ```
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
    Reports an inline suppression, or a baseline entry, that no longer matches any finding.

    ## Why is this bad?
    Stale suppressions hide the next real problem on the same line and make a design look more
    deliberate than it is. Remove them once the finding is fixed.

    ## Example
    ```yaml
    designlint: 1
    name: Shortener
    caches:
      links: {owner: link-service, ttl: 1d}  # designlint: ignore[DL601] kept forever
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Shortener
    caches:
      links: {owner: link-service, ttl: 1d}
    ```
    """,
    __name__,
)
