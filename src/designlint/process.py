"""How the running process ends, for code that can skip work the end makes pointless.

`designlint.cli.main` sets `exits_fast` when it owns the process (it was started as the
`designlint` command, not called with arguments from other code): it then leaves through
`os._exit` after the exit handlers have run and the streams are flushed, so objects still alive
are never freed one by one. The linter keeps the last file's data alive in that case rather than
freeing it just before the end (bench/README.md has the measurement).
"""

from __future__ import annotations

exits_fast = False
