"""Design's validator loaded from a saved copy instead of generated on every start.

pydantic builds a model's validator by walking its type hints in Python: for Design and the ~30
models under it ~55 ms of every cold `check`, the same work on every run. What it builds, a
pydantic-core `SchemaValidator`, pickles (pydantic-core rebuilds it from its core schema and
config), so the package ships Design's (`design.validator`, written by
`python -m designlint.model.prebuilt`, which `make docs` runs) and loads it in ~10 ms.
It holds two pickles: the validator as pydantic generates it, and the same one without the
models' `x-` key step, for the documents that have no `x-` key; only the one used is unpickled.

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
from designlint.model.base import Model
from designlint.model.design import Design

SAVED = Path(__file__).with_name("design.validator")


def validate(data: Any, extensions: bool = True) -> Design:
    """`Design.model_validate(data)`, through the saved validator when it fits.

    `extensions=False` promises that no key anywhere in `data` starts with `x-`: the validator
    then skips the models' `x-` key step (`Model._drop_extensions`), a call into Python for
    every model instance that returns its input unchanged when there is no such key: ~20% of
    validating a large design.
    """
    validator = _validator(extensions)
    if validator is None:
        return Design.model_validate(data)
    return validator.validate_python(data)


@lru_cache(maxsize=2)
def _validator(extensions: bool) -> Any:
    return load(SAVED, extensions)


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


def load(path: Path, extensions: bool = True) -> Any:
    """The saved validator (with the `x-` key step, or without it), or None when the file is
    missing, damaged or generated from another model or pydantic."""
    try:
        body = saved.payload(path, stamp())
    except OSError:  # the model's sources are not installed: nothing to check the file against
        return None
    if body is None:
        return None
    try:
        both = pickle.loads(body)  # noqa: S301 - our own file, in the package
        return pickle.loads(both[0 if extensions else 1])  # noqa: S301 - the same file
    except Exception:  # noqa: BLE001 - a damaged file costs the generation, never the run
        return None


def generated(extensions: bool = True) -> Any:
    """Design's validator as pydantic generates it; without `extensions`, the same validator
    minus the models' `x-` key step (for documents that have no `x-` key)."""
    Design.model_rebuild(force=True)
    validator = Design.__pydantic_validator__
    if extensions:
        return validator
    # pydantic-core pickles a validator as its class and its arguments (core schema, config).
    cls, args = validator.__reduce__()
    return cls(_without_extension_step(args[0]), *args[1:])


_DROP = Model._drop_extensions.__func__  # type: ignore[attr-defined]


def _without_extension_step(schema: Any) -> Any:
    """A copy of a core schema where each model's `_drop_extensions` step (a `function-before`
    around the model's fields) is replaced by what it wraps."""
    if isinstance(schema, dict):
        func = schema.get("function")
        if (
            schema.get("type") == "function-before"
            and isinstance(func, dict)
            and getattr(func.get("function"), "__func__", None) is _DROP
        ):
            return _without_extension_step(schema["schema"])
        return {k: _without_extension_step(v) for k, v in schema.items()}
    if isinstance(schema, list):
        return [_without_extension_step(v) for v in schema]
    return schema


def write(path: Path = SAVED) -> None:
    """Generate Design's validator, with and without the `x-` key step, and save both for
    `validate` to load (each is unpickled only when used)."""
    both = tuple(
        pickle.dumps(generated(ext), protocol=pickle.HIGHEST_PROTOCOL) for ext in (True, False)
    )
    saved.write(path, stamp(), pickle.dumps(both, protocol=pickle.HIGHEST_PROTOCOL))


if __name__ == "__main__":
    if load(SAVED) is None:  # the stamp names every input: a fresh file stays as it is
        write()
