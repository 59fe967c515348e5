"""The rule catalogue agrees with itself: codes, names, modules, docs, examples, fixtures."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from designlint import config
from designlint.docs import SECTIONS, examples
from designlint.linter import lint_text
from designlint.registry import all_rules, lookup

FAMILIES = {
    "DL0": "document",
    "DL1": "requirements",
    "DL2": "capacity",
    "DL3": "api",
    "DL4": "services",
    "DL5": "data",
    "DL6": "async_",
    "DL7": "reliability",
    "DL8": "tradeoffs",
}
# Codes emitted outside a rule check (loader, suppression engine) share a documenting module.
SHARED_MODULES = {"DL008": "suppressions", "DL009": "suppressions"}
RULES = all_rules()
CODES = Path(__file__).resolve().parents[1] / "docs" / "rule-codes.md"


def test_codes_and_names_are_unique_and_well_formed() -> None:
    names = [r.name for r in RULES.values()]
    assert len(names) == len(set(names))
    for code, r in RULES.items():
        assert re.fullmatch(r"DL\d{3}", code)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", r.name), r.name


def test_the_stable_catalogue_and_the_registry_agree() -> None:
    """docs/rule-codes.md is kept by hand: codes and names are public API (see that page)."""
    rows = re.findall(r"^\| (DL\d{3}) \| `([a-z0-9-]+)` \| ([^|]*)\|$", CODES.read_text(), re.M)
    assert len(rows) >= 60
    listed = {code for code, _, _ in rows}
    assert listed == set(RULES), f"registered but not listed: {sorted(set(RULES) - listed)}"
    for code, name, former in rows:
        assert RULES[code].name == name, f"{code}: name {RULES[code].name} != {name}"
        aliases = tuple(re.findall(r"`([a-z0-9-]+)`", former))
        assert RULES[code].aliases == aliases, code
        for alias in aliases:
            assert lookup(alias) is RULES[code], f"{code}: former name {alias} not accepted"


def test_summaries_are_whole_sentences() -> None:
    """`rules`, JSON and SARIF show the summary alone: it must not stop at a colon."""
    for code, r in RULES.items():
        assert r.summary.endswith((".", "?", "!")), f"{code}: {r.summary!r}"
        assert len(r.summary) < 400, code


@pytest.mark.parametrize("code", list(RULES), ids=list(RULES))
def test_rule_module_family_and_docs(code: str) -> None:
    r = RULES[code]
    parts = r.module.split(".")
    assert parts[:2] == ["designlint", "rules"], r.module
    assert parts[2] == FAMILIES[code[:3]], f"{code} lives in {parts[2]}"
    module = SHARED_MODULES.get(code, r.name.replace("-", "_"))
    assert parts[3] == module, f"{code} module {parts[3]} should be {module}"
    for section in SECTIONS:
        assert section in r.doc, f"{code} docs lack {section!r}"
    if r.options is not None:
        assert "## Options" in r.doc, f"{code} has options but no Options section"
    fixture = Path(__file__).parent / "rules" / FAMILIES[code[:3]] / f"{code}.yaml"
    assert fixture.exists(), f"missing fixture {fixture}"


@pytest.mark.parametrize("code", list(RULES), ids=list(RULES))
def test_doc_examples_behave(code: str) -> None:
    r = RULES[code]
    bad, good = examples(r)
    assert bad and good, f"{code}: docs need a yaml Example and a Use-instead block"
    settings = config.Settings(select=(code,))
    bad_codes = [f.code for f in lint_text(bad, "example.yaml", settings)]
    assert bad_codes and set(bad_codes) == {code}, f"{code} example gave {bad_codes}"
    good_findings = lint_text(good, "example.yaml", settings)
    assert not good_findings, f"{code} use-instead gave {[f.message for f in good_findings]}"
