"""Whether a file the package ships to skip start-up work (`designlint.saved`) fits this
environment.

Each file's stamp names the library version it was made with and a hash of our own inputs
(the grammar, the model sources). A stale hash means someone changed our inputs and forgot
`make docs`: a failure. Another library version (pip resolved a newer pydantic-core or lark
than the one the file was made with) is not a defect of the repository: the package ignores
the file and does the work itself, which the stale-file tests check, so the tests that need
the file to be used are skipped, naming both versions.
"""

from __future__ import annotations

from pathlib import Path

import pytest


def require_fresh(path: Path, current: bytes) -> None:
    """Return when `path` is made from exactly what `current` names; fail on other sources;
    skip on other library versions only."""
    shipped = path.read_bytes().partition(b"\n")[0] + b"\n"
    if shipped == current:
        return
    ours, theirs = shipped.split(), current.split()
    assert ours[-1:] == theirs[-1:] and ours[:1] == theirs[:1], (
        f"{path.name} is stale or missing: run `make docs`"
    )
    pytest.skip(
        f"{path.name} was made with {b' '.join(ours[1:-1]).decode()}; this environment has "
        f"{b' '.join(theirs[1:-1]).decode()}, so the package generates it instead"
    )
