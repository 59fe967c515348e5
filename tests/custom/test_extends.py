"""`extends:` (paths relative to the config, shipped presets), layering, errors with a location;
and a `pyproject.toml` named without a `[tool.designlint]` table."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli
from designlint.config.files import load
from designlint.config.layers import PRESETS, presets
from designlint.errors import ConfigError
from designlint.findings import Severity


def write(path, text: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return str(path)


def fails(path: str) -> str:
    with pytest.raises(ConfigError) as info:
        load(path)
    return str(info.value)


def test_presets_ship_with_the_package_and_are_valid():
    assert {"strict", "interview"} <= set(presets())
    for name in presets():
        assert load(str(Path(PRESETS) / f"{name}.yaml")).config_file


def test_extends_a_preset_and_layers_on_top(tmp_path):
    cfg = write(tmp_path / ".designlint.yaml", "extends: strict\nfail-on: warning\n")
    settings = load(cfg)
    assert settings.select == ("ALL",)
    assert settings.fail_on == Severity.WARNING
    interview = load(write(tmp_path / "i.yaml", "extends: [interview]\nignore: [DL101]\n"))
    assert interview.ignore == (
        "unmonitored-queue-lag",
        "no-latency-budget",
        "availability-not-composed",
        "untraceable-component",
        "DL101",
    )
    assert interview.fail_on == Severity.ERROR


def test_extends_a_relative_path_with_custom_rules_and_merges_rules(tmp_path):
    write(
        tmp_path / "shared" / "base.yaml",
        "select: [DL6]\nrules:\n  DL103: {threshold: 2}\n  ACME001:\n"
        "    name: team\n    given: services.*\n    message: no team\n"
        "    schema: {required: [x-team]}\n",
    )
    cfg = write(
        tmp_path / "repo" / ".designlint.yaml",
        "extends: ../shared/base.yaml\nextend-select: [ACME]\n"
        "rules:\n  ACME001: {severity: error}\n",
    )
    settings = load(cfg)
    assert settings.select == ("DL6",) and settings.extend_select == ("ACME",)
    assert [d.code for d in settings.custom_rules] == ["ACME001"]
    assert settings.severities == {"ACME001": Severity.ERROR}
    assert settings.rule_options == {"DL103": {"threshold": 2}}


def test_an_error_in_an_extended_file_names_that_file(tmp_path):
    write(tmp_path / "base.yaml", "select: [DL6]\nfail-on: sometimes\n")
    cfg = write(tmp_path / ".designlint.yaml", "extends: base.yaml\n")
    assert fails(cfg).endswith(
        "base.yaml:2:10: `fail-on`: Input should be 'error', 'warning' or 'info'"
    )


def test_missing_files_and_cycles_are_errors_at_the_extends_entry(tmp_path):
    cfg = write(tmp_path / ".designlint.yaml", "select: [DL6]\nextends: [strict, nothere.yaml]\n")
    message = fails(cfg)
    assert ".designlint.yaml:2:19: `extends`: no file or preset `nothere.yaml`" in message
    assert "presets: interview, strict" in message
    write(tmp_path / "a.yaml", "extends: b.yaml\n")
    write(tmp_path / "b.yaml", "\nextends: ./a.yaml\n")
    message = fails(str(tmp_path / "a.yaml"))
    assert "b.yaml:2:10: `extends` makes a cycle: " in message
    assert message.endswith(" -> ".join(str(tmp_path / n) for n in ("a.yaml", "b.yaml", "a.yaml")))


def test_extends_a_pyproject_table(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.designlint]\nselect = ["DL6"]\n')
    cfg = write(tmp_path / "ci.yaml", "extends: pyproject.toml\nfail-on: error\n")
    assert load(cfg).select == ("DL6",)


def test_a_named_pyproject_without_the_table_is_exit_2(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    (tmp_path / "x.design.yaml").write_text("designlint: 1\nname: X\n")
    result = run_cli("check", "--config", "pyproject.toml", "x.design.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert "pyproject.toml:1:1: no [tool.designlint] table" in result.stderr
