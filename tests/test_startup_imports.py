"""What a cold `check` imports: only what the design and the chosen output need.

Start-up imports are most of a cold `check` (bench/README.md lists them with their cost), so
these runs pin the laziness down in a real interpreter running the real CLI: other commands'
code, the formats not asked for, the optional libraries (pygls, Markdown, Graphviz's
`diagrams`, jsonschema) and git plumbing never load for a `check`, and a design loads pint,
lark only when it has estimates to judge, and networkx only when its call graph has a cycle
(or a command such as `diff` asks for the graph). Not a timing test: the
timings belong to `make bench`.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TWITTER = ROOT / "examples" / "twitter.yaml"
# Runs the CLI as the entry point does, then lists what was imported.
PROBE = (
    "import atexit, json, sys\n"
    "atexit.register(lambda: print(json.dumps(sorted(sys.modules)), file=sys.stderr))\n"
    "from designlint.cli import main\n"
    "main(sys.argv[1:])\n"
)
NEVER_FOR_CHECK = [
    "designlint.commands.diagram",
    "designlint.commands.diff",
    "designlint.commands.estimate",
    "designlint.commands.report",
    "designlint.commands.schema",
    "designlint.commands.lsp",
    "designlint.commands.init",
    "designlint.diagram",
    "designlint.diff",
    "designlint.review",
    "designlint.lsp",
    "designlint.jsonschemas",
    "designlint.suppression.writer",
    "designlint.baseline",
    "diagrams",
    "jsonschema",
    "pygls",
    "lsprotocol",
    "markdown_it",
    "subprocess",  # git plumbing and Graphviz run through it
    "xml.dom",
]
OTHER_FORMATS = ["sarif", "junit", "github", "markdown", "json_"]


def imported(*args: str, cwd: Path = ROOT) -> set[str]:
    run = subprocess.run(
        [sys.executable, "-c", PROBE, *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )
    assert run.returncode in (0, 1), run.stderr[-2000:]
    return set(json.loads(run.stderr.strip().splitlines()[-1]))


def loaded(modules: set[str], name: str) -> bool:
    return name in modules or any(m.startswith(name + ".") for m in modules)


def test_check_of_the_example_imports_only_what_it_needs() -> None:
    modules = imported("check", str(TWITTER))
    assert "designlint.model" in modules  # the probe did run a check
    assert [m for m in NEVER_FOR_CHECK if loaded(modules, m)] == []
    assert [f for f in OTHER_FORMATS if loaded(modules, f"designlint.formats.{f}")] == []
    # The example has estimates: their libraries are its own cost. Its calls have no cycle,
    # so the graph rules answer from the plain adjacency without networkx.
    assert {"pint", "lark"} <= modules
    assert not loaded(modules, "networkx")


def test_check_in_json_imports_that_format_alone() -> None:
    modules = imported("check", "--format", "json", str(TWITTER))
    formats = {m for m in modules if m.startswith("designlint.formats.")}
    assert formats == {"designlint.formats.json_"} | (formats & {"designlint.formats.summary"})


@pytest.mark.parametrize(
    ("design", "absent"),
    [
        ("designlint: 1\nname: X\n", {"pint", "lark", "networkx"}),
        ("designlint: 1\nname: X\nestimates:\n  dau: 1M\n", {"lark", "networkx"}),
    ],
)
def test_a_small_design_skips_the_heavy_libraries(tmp_path, design: str, absent: set) -> None:
    path = tmp_path / "small.design.yaml"
    path.write_text(design, encoding="utf-8")
    modules = imported("check", str(path), cwd=tmp_path)
    assert "designlint.model" in modules
    assert sorted(absent & modules) == []


def test_a_check_without_plugins_or_rule_options_builds_no_validator(tmp_path) -> None:
    """Design's validator is the saved one, rule options without config are their defaults and
    plug-ins are looked for in the installed metadata files: pydantic never builds a validator,
    so neither its plug-in scan nor `importlib.metadata` (~20 ms) loads for a design without
    estimates (pint imports `importlib.metadata` itself)."""
    path = tmp_path / "flows.design.yaml"
    path.write_text(
        "designlint: 1\nname: X\nrequirements:\n  functional:\n    read: {description: Reads.}\n"
        "services:\n  api: {}\nflows:\n  read:\n    path: [api]\n",
        encoding="utf-8",
    )
    modules = imported("check", str(path), cwd=tmp_path)
    assert "designlint.plugins" in modules  # plug-ins were looked for
    assert not loaded(modules, "designlint.custom")  # no custom rules: not their parser either
    assert "designlint.model" in modules
    assert not loaded(modules, "pydantic.plugin._loader")
    assert not loaded(modules, "importlib.metadata")
