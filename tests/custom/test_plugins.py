"""Rule plug-ins through the real entry-point machinery: a throwaway module and its
`*.dist-info` (with `entry_points.txt`) on sys.path, in a fresh `designlint` process."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from conftest import EXAMPLES, catalogue_row, run_cli

PLUGIN = '''
"""A team's rules, shipped as a package."""
from designlint import Context, Violation, rule


@rule("ACME101", "too-few-replicas", severity="warning",
      url="https://wiki.example.com/ACME101")
def too_few_replicas(ctx: Context):
    """
    ## What it does
    Reports a service that runs fewer than 10 replicas, the house minimum.
    """
    for name, service in ctx.design.services.items():
        if (service.replicas or 0) < 10:
            yield Violation(("services", name), f"service `{name}` runs fewer than 10 replicas",
                            fix="set `replicas: 10` or more")
'''


def install(site: Path, module: str, source: str, entry: str | None = None) -> None:
    """What pip leaves behind, reduced to the parts importlib.metadata reads."""
    (site / f"{module}.py").write_text(textwrap.dedent(source))
    info = site / f"{module.replace('_', '-')}-1.0.dist-info"
    info.mkdir()
    name = module.replace("_", "-")
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[designlint.rules]\n{entry or name} = {module}\n")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    install(site, "acme_rules", PLUGIN, entry="acme")
    (tmp_path / ".git").mkdir()
    (tmp_path / "twitter.yaml").write_text((EXAMPLES / "twitter.yaml").read_text())
    return site


def run(site: Path, *args: str):
    return run_cli(*args, cwd=site.parent, env={"PYTHONPATH": str(site)})


def test_a_plugin_rule_is_listed_with_its_distribution(site):
    listed = run(site, "rules")
    assert listed.returncode == 0, listed.stderr
    row = catalogue_row(listed.stdout, "ACME101")
    assert "too-few-replicas" in row and "plugin: acme-rules 1.0" in row
    rows = json.loads(run(site, "rules", "--format", "json").stdout)
    mine = next(r for r in rows if r["code"] == "ACME101")
    assert (mine["kind"], mine["origin"]) == ("plugin", "acme-rules 1.0")
    assert mine["url"] == "https://wiki.example.com/ACME101"
    assert "ACME101" not in run(site, "rules", "--no-plugins").stdout
    assert "the house minimum" in run(site, "explain", "ACME101").stdout


def test_a_plugin_rule_reports_in_check_and_is_gone_with_no_plugins(site):
    result = run(site, "check", "--format", "json", "twitter.yaml")
    assert result.returncode == 1, result.stderr
    found = json.loads(result.stdout)["findings"]
    assert {f["code"] for f in found} == {"ACME101"}
    first = min(found, key=lambda f: f["line"])
    assert first["message"] == "service `tweet-service` runs fewer than 10 replicas"
    text = (site.parent / "twitter.yaml").read_text().splitlines()
    assert text[first["line"] - 1] == "  tweet-service:"
    assert run(site, "check", "--no-plugins", "twitter.yaml").returncode == 0
    assert run(site, "check", "--ignore", "ACME1", "twitter.yaml").returncode == 0
    (site.parent / ".designlint.yaml").write_text("plugins: false\n")
    off = run(site, "check", "twitter.yaml")
    assert off.returncode == 0, off.stdout + off.stderr


def test_the_rules_of_a_disabled_plugin_may_still_be_named(site):
    (site.parent / ".designlint.yaml").write_text("plugins: false\nignore: [ACME101]\n")
    assert run(site, "check", "twitter.yaml").returncode == 0
    (site.parent / ".designlint.yaml").write_text("plugins: false\nignore: [DL999]\n")
    assert run(site, "check", "twitter.yaml").returncode == 2


@pytest.mark.parametrize(
    ("source", "says"),
    [
        ("import no_such_module_anywhere\n", "ModuleNotFoundError"),
        ("raise SystemExit(3)\n", "SystemExit"),
        (
            "from designlint import rule\n@rule('DL999', 'mine')\ndef f(ctx):\n    return []\n",
            "`DL` is designlint's own prefix",
        ),
        (
            "from designlint import rule\n@rule('ACME301', 'yaml-syntax')\ndef f(ctx):\n"
            "    return []\n",
            "rule name yaml-syntax is already used by DL001",
        ),
    ],
)
def test_a_broken_plugin_is_exit_2_naming_it(site, source, says):
    install(site, "broken_rules", source)
    result = run(site, "check", "twitter.yaml")
    assert result.returncode == 2
    assert "plug-in `broken-rules`" in result.stderr and "broken-rules 1.0" in result.stderr
    assert says in result.stderr and "Traceback" not in result.stderr
    assert run(site, "check", "--no-plugins", "twitter.yaml").returncode == 0


def test_suppressions_of_plugin_rules_are_left_alone_with_plugins_off(site):
    design = site.parent / "twitter.yaml"
    text = design.read_text().replace(
        "  tweet-service:\n", "  tweet-service:  # designlint: ignore[ACME101] six is enough\n"
    )
    design.write_text(text)
    on = run(site, "check", "--format", "json", "twitter.yaml")
    assert "tweet-service`" not in on.stdout and "ACME101" in on.stdout
    off = run(site, "check", "--no-plugins", "twitter.yaml")
    assert off.returncode == 0, off.stdout
