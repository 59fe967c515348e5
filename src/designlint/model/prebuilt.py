"""Design's validator loaded from a saved copy instead of generated on every start.

pydantic builds a model's validator by walking its type hints in Python: for Design and the ~30
models under it ~55 ms of every cold `check`, the same work on every run. What it builds, a
pydantic-core `SchemaValidator`, pickles (pydantic-core rebuilds it from its core schema and
config), so the package ships Design's (`design.validator`, written by
`python -m designlint.model.prebuilt`, which `make docs` runs) and loads it in ~10 ms.

The file starts with a stamp: the pydantic and pydantic-core versions and a hash of the model's
source files. When any of them differs the validator is generated as before, so a stale or
damaged file can cost time but never validate differently. The model classes are declared with
`defer_build=True` (model/base.py) so that no class builds a validator of its own at import:
Design's holds them all. Code that validates, serialises or constructs another model (the
schema command, diff) gets that model's validator built on first use, as pydantic does for any
deferred model. Unpickling looks up designlint's own classes and functions by name; the file is
ours, inside the package, never one from the user's machine.
"""

from __future__ import annotations

import hashlib
import pickle
from functools import lru_cache
from pathlib import Path
from typing import Any

from designlint import saved
from designlint.model.design import Design

SAVED = Path(__file__).with_name("design.validator")


def validate(data: Any) -> Design:
    """`Design.model_validate(data)`, through the saved validator when it fits."""
    validator = _validator()
    if validator is None:
        return Design.model_validate(data)
    return validator.validate_python(data)


@lru_cache(maxsize=1)
def _validator() -> Any:
    return load(SAVED)


def stamp() -> bytes:
    """The first line of the saved file: what the validator was generated from."""
    import pydantic
    import pydantic_core

    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return (
        f"designlint-validator pydantic={pydantic.VERSION} "
        f"pydantic-core={pydantic_core.__version__} model={digest.hexdigest()}\n"
    ).encode()


def load(path: Path) -> Any:
    """The saved validator, or None when it is missing, damaged or generated from another
    model or pydantic."""
    try:
        body = saved.payload(path, stamp())
    except OSError:  # the model's sources are not installed: nothing to check the file against
        return None
    if body is None:
        return None
    try:
        return pickle.loads(body)  # noqa: S301 - our own file, in the package
    except Exception:  # noqa: BLE001 - a damaged file costs the generation, never the run
        return None


def generated() -> Any:
    """Design's validator as pydantic generates it."""
    Design.model_rebuild(force=True)
    return Design.__pydantic_validator__


def write(path: Path = SAVED) -> None:
    """Generate Design's validator and save it for `validate` to load."""
    saved.write(path, stamp(), pickle.dumps(generated(), protocol=pickle.HIGHEST_PROTOCOL))


if __name__ == "__main__":
    if load(SAVED) is None:  # the stamp names every input: a fresh file stays as it is
        write()
