"""Writing output files: atomically (temporary file, then rename), never over an input."""

from __future__ import annotations

import os
import tempfile

from designlint.errors import InputError

_INPUTS: set[str] = set()


def protect(path: str) -> None:
    """Remember an input so that an output path equal to it is refused."""
    _INPUTS.add(os.path.realpath(path))


def write_atomic(path: str, data: str | bytes) -> None:
    """Write `data` to `path` so that readers never see half a file."""
    real = os.path.realpath(path)
    if real in _INPUTS:
        raise InputError(f"{path}: refusing to overwrite an input file")
    directory = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(directory):
        raise InputError(f"{path}: the directory {directory} does not exist")
    mode = "wb" if isinstance(data, bytes) else "w"
    fd, tmp = tempfile.mkstemp(prefix=".designlint-", dir=directory)
    try:
        with os.fdopen(fd, mode, **({} if isinstance(data, bytes) else {"encoding": "utf-8"})) as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError as exc:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from exc
