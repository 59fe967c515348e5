"""The files the package ships to skip start-up work (`designlint.saved`): the LALR tables of
the expression parser and Design's validator. Each is used only when its stamp matches what it
would be made from now; any other file, damaged or made for another version, is ignored."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from designlint.model import prebuilt
from designlint.numbers import expr
from shipped import require_fresh

STAMPS: dict[str, Callable[[], bytes]] = {
    "expr.lalr": expr._stamp,
    "design.validator": prebuilt.stamp,
}
SHIPPED: dict[str, tuple[Path, Callable[[Path], object], bytes]] = {
    "expr.lalr": (expr.TABLES, expr._load_tables, b"lark="),
    "design.validator": (prebuilt.SAVED, prebuilt.load, b"pydantic-core="),
}


@pytest.mark.parametrize("name", SHIPPED)
def test_only_a_file_made_from_the_same_inputs_is_used(tmp_path, name: str) -> None:
    shipped, load, version = SHIPPED[name]
    good = shipped.read_bytes()
    stamp, _, body = good.partition(b"\n")
    require_fresh(shipped, STAMPS[name]())
    assert load(shipped) is not None
    cases = {
        "another version": good.replace(version, version + b"0.0.0-", 1),
        "another grammar or model": stamp + b"0\n" + body,  # the hash ends the stamp
        "damaged": stamp + b"\n" + body[: len(body) // 2],
        "no payload": stamp + b"\n",
        "empty": b"",
    }
    for case, data in cases.items():
        path = tmp_path / case
        path.write_bytes(data)
        assert load(path) is None, case
    assert load(tmp_path / "missing") is None
