"""Generated documentation is committed and current."""

from __future__ import annotations

from pathlib import Path

from designlint.docs import generated_pages

DOCS = Path(__file__).resolve().parents[1] / "docs" / "rules"


def test_rule_pages_are_current() -> None:
    pages = generated_pages()
    stale = [
        n for n, text in pages.items() if not (DOCS / n).exists() or (DOCS / n).read_text() != text
    ]
    extra = sorted(p.name for p in DOCS.glob("*.md") if p.name not in pages)
    assert not stale and not extra, f"run `make docs`: stale {stale}, extra {extra}"


def test_readme_names_every_command_and_check_flag() -> None:
    from designlint.cli import _available
    from designlint.commands.check import command

    readme = (DOCS.parents[1] / "README.md").read_text()
    for name in _available():
        assert f"designlint {name}" in readme, f"README does not mention `designlint {name}`"
    for param in command.params:
        for opt in param.opts:
            if opt.startswith("--"):
                assert opt in readme, f"README does not mention `check {opt}`"
