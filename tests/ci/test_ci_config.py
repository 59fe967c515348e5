"""Config files: discovery, selection by prefix, per-rule options and severities, per-file
ignores, and errors reported at file:line:col with exit 2."""

from __future__ import annotations

import textwrap

import pytest
from ci_helpers import CACHES, designlint, findings

NO_NFRS = "designlint: 1\nname: X\n"


def codes(items: list[dict]) -> set[str]:
    return {f["code"] for f in items}


@pytest.fixture
def repo(tmp_path):
    """A repository root (has .git) with designs one level down."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "designs" / "legacy").mkdir(parents=True)
    (root / "designs" / "x.design.yaml").write_text(CACHES)
    (root / "designs" / "legacy" / "old.design.yaml").write_text(CACHES)
    return root


def test_designlint_yaml_is_discovered_upward(repo):
    (repo / ".designlint.yaml").write_text("select: [DL6]\n")
    found = findings(str(repo / "designs"))
    assert codes(found) == {"DL601"}
    assert len(found) == 4  # two files, two caches each


def test_pyproject_table_is_discovered_and_yaml_wins_in_the_same_directory(repo):
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.designlint]\nselect = ["DL0"]\n'
    )
    assert codes(findings(str(repo / "designs"))) == set()
    (repo / "designs" / ".designlint.yaml").write_text("select: [DL6]\n")
    assert codes(findings(str(repo / "designs"))) == {"DL601"}


def test_pyproject_without_the_table_is_passed_over(repo):
    (repo / ".designlint.yaml").write_text("select: [DL6]\n")
    (repo / "designs" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert codes(findings(str(repo / "designs"))) == {"DL601"}


def test_discovery_stops_at_the_repository_root(repo):
    (repo.parent / ".designlint.yaml").write_text("select: [DL6]\n")
    assert "DL101" in codes(findings(str(repo / "designs" / "x.design.yaml")))


def test_explicit_config_and_flags_layered_on_top(repo, tmp_path):
    cfg = tmp_path / "ci.yaml"
    cfg.write_text("select: [DL0, DL6]\nignore: [cache-without-eviction]\n")
    design = str(repo / "designs" / "x.design.yaml")
    assert codes(findings("--config", str(cfg), design)) == set()
    # --select replaces the config's selection; --ignore adds to its ignores.
    assert codes(findings("--config", str(cfg), "--select", "DL6", design)) == set()
    dl1 = codes(findings("--config", str(cfg), "--select", "DL1", design))
    assert dl1 and all(c.startswith("DL1") for c in dl1)
    extended = codes(findings("--config", str(cfg), "--extend-select", "DL1", design))
    assert extended == dl1  # DL0 finds nothing, DL601 stays ignored


def test_prefix_and_name_selection(repo):
    design = str(repo / "designs" / "x.design.yaml")
    assert codes(findings("--select", "DL60", design)) == {"DL601"}
    assert codes(findings("--select", "cache-without-eviction", design)) == {"DL601"}
    all_dl1 = codes(findings("--select", "DL1", design))
    assert all_dl1 and all(c.startswith("DL1") for c in all_dl1)
    assert codes(findings("--select", "DL1", "--ignore", "DL10", design)) == {
        c for c in all_dl1 if not c.startswith("DL10")
    }
    bad = designlint("check", "--select", "DL6O1", design)
    assert bad.returncode == 2 and "unknown rule or prefix `DL6O1`" in bad.stderr


def test_per_file_ignores_are_relative_to_the_config(repo):
    (repo / ".designlint.yaml").write_text(
        'select: [DL6]\nper-file-ignores:\n  "designs/legacy/*.yaml": [DL6]\n'
    )
    found = findings(str(repo / "designs"))
    assert {f["path"].split("/")[-1] for f in found} == {"x.design.yaml"}


def test_per_rule_options_by_code_and_by_name(tmp_path):
    (tmp_path / ".git").mkdir()
    design = tmp_path / "x.design.yaml"
    design.write_text(NO_NFRS)
    assert "DL103" in codes(findings("--select", "DL103", str(design)))
    (tmp_path / ".designlint.yaml").write_text("rules:\n  DL103: {threshold: 0}\n")
    assert "DL103" not in codes(findings("--select", "DL103", str(design)))
    (tmp_path / ".designlint.yaml").write_text(
        "rules:\n  too-few-numeric-nfrs:\n    threshold: 0\n"
    )
    assert "DL103" not in codes(findings("--select", "DL103", str(design)))


def test_per_rule_severity(repo):
    (repo / ".designlint.yaml").write_text("select: [DL6]\nrules:\n  DL601: {severity: error}\n")
    design = str(repo / "designs" / "x.design.yaml")
    result = designlint("check", "--fail-on", "error", design)
    assert result.returncode == 1 and "DL601 [error]" in result.stdout
    (repo / ".designlint.yaml").write_text("select: [DL6]\nfail-on: error\n")
    assert designlint("check", design).returncode == 0


@pytest.mark.parametrize(
    ("name", "text", "where", "message"),
    [
        (".designlint.yaml", "select: [DL0\n", ":2:1:", "expected ',' or ']'"),
        (".designlint.yaml", "select: [DL0]\nfail_on: error\n", ":2:1:", "did you mean `fail-on`"),
        (".designlint.yaml", "selct: [DL0]\n", ":1:1:", "did you mean `select`"),
        (".designlint.yaml", "ignore: [DL6O1]\n", ":1:9:", "unknown rule or prefix `DL6O1`"),
        (".designlint.yaml", "fail-on: sometimes\n", ":1:10:", "fail-on"),
        (
            ".designlint.yaml",
            "select: [DL1]\nrules:\n  DL103:\n    threshold: lots\n",
            ":4:16:",
            "DL103 option `threshold`",
        ),
        (".designlint.yaml", "rules:\n  DL103: {treshold: 1}\n", ":2:11:", "did you mean"),
        (".designlint.yaml", "rules:\n  DL999: {}\n", ":2:3:", "unknown rule `DL999`"),
        (".designlint.yaml", "rules:\n  DL002: {severity: info}\n", ":2:21:", "fixed"),
        (
            "pyproject.toml",
            '[tool.designlint]\nselect = ["DL1"]\n\n'
            '[tool.designlint.rules.DL103]\nthreshold = "x"\n',
            ":5:1:",
            "DL103 option `threshold`",
        ),
        ("pyproject.toml", "[tool.designlint\n", ":1:17:", "Expected ']'"),
    ],
)
def test_config_errors_exit_2_with_file_line_col(tmp_path, name, text, where, message):
    (tmp_path / ".git").mkdir()
    (tmp_path / name).write_text(textwrap.dedent(text))
    design = tmp_path / "x.design.yaml"
    design.write_text(NO_NFRS)
    result = designlint("check", str(design), cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.startswith(f"designlint: error: {name}{where}"), result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_missing_explicit_config_is_exit_2(tmp_path):
    design = tmp_path / "x.design.yaml"
    design.write_text(NO_NFRS)
    result = designlint("check", "--config", str(tmp_path / "nope.yaml"), str(design))
    assert result.returncode == 2 and "cannot read the config" in result.stderr
