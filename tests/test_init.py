"""`designlint init` writes a starter that passes `check` and never clobbers a file."""

from __future__ import annotations

from conftest import run_cli


def test_init_then_check_is_clean(tmp_path):
    target = tmp_path / "x.design.yaml"
    result = run_cli("init", str(target))
    assert result.returncode == 0, result.stderr
    assert target.read_text().startswith("# yaml-language-server")
    check = run_cli("check", str(target))
    assert check.returncode == 0, check.stdout + check.stderr


def test_init_refuses_to_overwrite_without_force(tmp_path):
    target = tmp_path / "x.design.yaml"
    target.write_text("mine\n")
    result = run_cli("init", str(target))
    assert result.returncode == 2
    assert "--force" in result.stderr
    assert target.read_text() == "mine\n"
    assert run_cli("init", "--force", str(target)).returncode == 0
    assert "designlint: 1" in target.read_text()
