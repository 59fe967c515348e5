"""The editor features as plain functions: what completion expects while text is half typed."""

from __future__ import annotations

from pathlib import Path

from designlint.config.settings import Settings
from designlint.lsp import features
from designlint.lsp.document import Analysis, analyse

TWITTER = (Path(__file__).resolve().parents[2] / "examples" / "twitter.yaml").read_text()


def test_expected_kinds_from_the_key_on_the_line_or_above() -> None:
    text = "services:\n  a:\n    owns:\n      - \n    calls: [x, \n"
    assert features.expected_kinds(text, 4, 9) == ("datastores", "caches")
    assert features.expected_kinds(text, 5, 16) == ("services", "edge")
    assert features.expected_kinds(text, 2, 3) == ()  # a new id is being declared


def test_completion_uses_the_last_design_that_loaded() -> None:
    good = analyse(TWITTER, "twitter.yaml", Settings())
    broken = TWITTER.replace("    owns: [tweet-db]", "    owns: [tw", 1)
    now = Analysis(broken, "twitter.yaml", Settings())
    line = broken.splitlines().index("    owns: [tw") + 1
    ids = dict(features.completion(now, good, line, len("    owns: [tw") + 1))
    assert ids["tweet-db"] == "datastores" and ids["timeline-cache"] == "caches"
    assert "tweet-service" not in ids


def test_unknown_id_hover_says_so() -> None:
    text = TWITTER.replace("    owns: [tweet-db]", "    owns: [tweet-dbx]", 1)
    analysis = analyse(text, "twitter.yaml", Settings())
    line = text.splitlines().index("    owns: [tweet-dbx]") + 1
    assert "`tweet-dbx` is not declared" in features.hover(analysis, line, 14)
