"""Paths and outputs: every way a path can fail is exit 2 with one line; nothing ever runs."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from designlint import config
from designlint.cli import main
from designlint.errors import InputError
from designlint.linter import lint_path, read_bytes
from designlint.output import write_atomic
from designlint.reading.source import Limits

HERE = Path(__file__).parent
CASES = HERE / "cases"
VALID = "designlint: 1\nname: X\n"


def cli(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(["check", "--no-color", *args])
    out, err = capsys.readouterr()
    return exc.value.code, out, err


def one_error_line(err: str, fragment: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("designlint: error: "), err
    assert fragment in lines[0], err


def test_missing_file(capsys, tmp_path):
    code, _, err = cli(capsys, str(tmp_path / "nope.yaml"))
    assert code == 2
    one_error_line(err, "no such file")


def test_directory_read_directly_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="is a directory"):
        read_bytes(str(tmp_path), 1_000)


def test_directory_without_designs_is_an_error(capsys, tmp_path):
    (tmp_path / "notes.yaml").write_text("a: 1\n")
    code, out, err = cli(capsys, str(tmp_path))
    assert code == 2 and "0 files" not in out
    one_error_line(err, "no design found")


def test_symlink_loop(capsys, tmp_path):
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    code, _, err = cli(capsys, str(tmp_path / "a.yaml"))
    assert code == 2
    one_error_line(err, "symbolic links")


def test_directory_symlink_loop_is_not_followed(capsys, tmp_path):
    (tmp_path / "x.design.yaml").write_text(VALID)
    (tmp_path / "loop").symlink_to(tmp_path)
    code, out, _ = cli(capsys, "--select", "DL0", str(tmp_path))
    assert code == 0 and "(1 file)" in out


def test_fifo_is_refused_not_waited_on(capsys, tmp_path):
    fifo = tmp_path / "pipe.design.yaml"
    os.mkfifo(fifo)
    code, _, err = cli(capsys, str(fifo))
    assert code == 2
    one_error_line(err, "not a regular file")
    code, _, err = cli(capsys, str(tmp_path))  # found by walking: refused, not opened
    assert code == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_by_mode(capsys, tmp_path):
    path = tmp_path / "locked.yaml"
    path.write_text(VALID)
    path.chmod(0)
    code, _, err = cli(capsys, str(path))
    assert code == 2
    one_error_line(err, "permission denied")


def test_unreadable_file_even_as_root(capsys, tmp_path, monkeypatch):
    """Root ignores modes, so make open() fail the way it does for other users."""
    path = tmp_path / "locked.yaml"
    path.write_text(VALID)
    real_open = open

    def deny(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", deny)
    code, _, err = cli(capsys, str(path))
    assert code == 2
    one_error_line(err, "permission denied")


def test_oversized_file_default_cap(capsys, tmp_path):
    big = tmp_path / "big.yaml"
    with open(big, "wb") as handle:  # sparse: 17 MiB without writing them
        handle.truncate(17 * 1024 * 1024)
    code, _, err = cli(capsys, str(big))
    assert code == 2
    one_error_line(err, "exceeds the 16,777,216-byte limit")


def test_oversized_file_configured_cap(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text(VALID + "description: " + "x" * 500 + "\n")
    settings = config.Settings(limits=Limits(max_bytes=100))
    with pytest.raises(InputError, match="exceeds the 100-byte limit"):
        lint_path(str(path), settings)


def test_output_in_missing_directory(capsys, tmp_path):
    src = tmp_path / "x.yaml"
    src.write_text(VALID)
    code, _, err = cli(capsys, str(src), "-o", str(tmp_path / "no" / "such" / "out.json"))
    assert code == 2
    one_error_line(err, "does not exist")


@pytest.mark.parametrize("how", ["same", "symlink", "hardlink", "extra-format"])
def test_output_equal_to_input_is_refused(capsys, tmp_path, how):
    src = tmp_path / "x.yaml"
    src.write_text(VALID)
    target = tmp_path / "alias.yaml"
    if how in ("same", "extra-format"):
        target = src
    elif how == "symlink":
        target.symlink_to(src)
    elif how == "hardlink":
        os.link(src, target)
    arg = ["-o", f"sarif={target}"] if how == "extra-format" else ["-o", str(target)]
    code, _, err = cli(capsys, str(src), *arg)
    assert code == 2
    one_error_line(err, "refusing to overwrite an input file")
    assert src.read_text() == VALID


def test_output_is_atomic_and_keeps_normal_permissions(capsys, tmp_path):
    src = tmp_path / "x.yaml"
    src.write_text(VALID)
    out = tmp_path / "report.json"
    code, _, _ = cli(capsys, "--format", "json", "-o", str(out), str(src))
    assert code in (0, 1)
    json.loads(out.read_text())
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".designlint-")] == []
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def test_write_atomic_leaves_no_temp_file_on_failure(tmp_path, monkeypatch):
    target = tmp_path / "out.txt"
    target.write_text("old")

    def boom(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(InputError, match="No space left"):
        write_atomic(str(target), "new")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_unsafe_tags_never_run(capsys, tmp_path, monkeypatch):
    """`!!python/object/apply:os.system` must be refused, not constructed: no marker appears."""
    monkeypatch.chdir(tmp_path)
    src = tmp_path / "evil.yaml"
    src.write_bytes((CASES / "unsafe-python-apply.yaml").read_bytes())
    called = []
    monkeypatch.setattr(os, "system", lambda *a: called.append(a) or 0)
    code, out, _ = cli(capsys, str(src))
    assert code == 1 and "DL001" in out
    assert called == []
    assert not (tmp_path / "designlint-pwned-marker").exists()


def test_unsafe_tags_never_run_in_a_real_process(tmp_path):
    from conftest import run_cli

    src = tmp_path / "evil.yaml"
    src.write_bytes((CASES / "unsafe-python-apply.yaml").read_bytes())
    result = run_cli("check", str(src), cwd=tmp_path)
    assert result.returncode == 1 and "DL001" in result.stdout
    assert not (tmp_path / "designlint-pwned-marker").exists()


def test_hostile_names_cannot_break_text_or_json(capsys, tmp_path):
    src = tmp_path / "hostile.yaml"
    src.write_bytes((CASES / "hostile-names.yaml").read_bytes())
    code, text, _ = cli(capsys, "--quiet", str(src))
    assert code == 1
    code, raw, _ = cli(capsys, "--format", "json", str(src))
    findings = json.loads(raw)["findings"]
    assert any("<script>" in f["message"] or "<img" in f["message"] for f in findings)
    lines = [line for line in text.splitlines() if line.startswith(str(src) + ":")]
    assert len(lines) == len(findings)  # one line per finding, whatever the names hold
    assert "\x1b" not in text and "\r" not in text and "\u202e" not in text


def test_undecodable_file_name_in_every_format(capsys, tmp_path):
    name = os.fsdecode(b"bad\xffname.design.yaml")
    (tmp_path / name).write_text(VALID.replace("name:", "nme:"))
    for fmt in ("text", "json", "sarif"):
        code, out, err = cli(capsys, "--format", fmt, str(tmp_path))
        assert code == 1, err
        if fmt != "text":
            json.loads(out)
