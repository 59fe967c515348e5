"""Files the package ships to skip start-up work: one stamp line, then the saved payload.

The stamp names everything the payload was made from (library versions, a hash of the
grammar or the sources). A reader passes the stamp it expects now and gets the payload only
when the file starts with exactly that line, so a file left over from another version is
ignored, never trusted; the caller then does the work as if no file were there.
"""

from __future__ import annotations

from pathlib import Path


def payload(path: Path, stamp: bytes) -> bytes | None:
    """What follows `stamp` in `path`, or None when the file is missing or made from other
    inputs."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return data[len(stamp) :] if data.startswith(stamp) else None


def write(path: Path, stamp: bytes, body: bytes) -> None:
    path.write_bytes(stamp + body)
