"""Design's saved validator (`model/design.validator`, see `designlint.model.prebuilt`).

It exists for start-up time only, so what matters is that the shipped file is the one this
pydantic and these models generate, that it validates every document exactly as pydantic's own
does (errors included), that a cold `check` really uses it, and that a stale or damaged file is
ignored rather than trusted.
"""

from __future__ import annotations

import functools
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from designlint.model import Design, prebuilt
from designlint.reading import load
from designlint.reading.source import Limits, load_text
from shipped import require_fresh

ROOT = Path(__file__).resolve().parents[1]


def _documents() -> dict[str, object]:
    """The examples, the corpus and the document-rule fixtures that YAML can read (DL001's
    fixtures are YAML errors: nothing reaches the validator)."""
    found = {}
    for path in sorted(
        [
            *(ROOT / "examples").glob("*.yaml"),
            *(ROOT / "tests" / "corpus").glob("*.design.yaml"),
            *(ROOT / "tests" / "rules" / "document").glob("*.yaml"),
        ]
    ):
        try:
            found[path.name] = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError:
            continue
    return found


DOCUMENTS = _documents()
_REF = re.compile(r":\d+$")  # refs end in the id() of their class: one per process


def _normal(value: object) -> object:
    """A core schema with what legitimately differs between processes taken out: refs' ids,
    metadata (JSON Schema hooks, unused by validation) and partials (compared by parts)."""
    if isinstance(value, dict):
        return {k: _normal(v) for k, v in value.items() if k != "metadata"}
    if isinstance(value, list | tuple):
        return [_normal(v) for v in value]
    if isinstance(value, str):
        return _REF.sub(":ID", value)
    if isinstance(value, functools.partial):
        return ("partial", value.func, _normal(value.args), _normal(value.keywords))
    return value


def test_the_shipped_validator_fits_this_pydantic_and_model() -> None:
    require_fresh(prebuilt.SAVED, prebuilt.stamp())
    assert prebuilt.load(prebuilt.SAVED) is not None


def test_it_is_the_validator_pydantic_generates() -> None:
    require_fresh(prebuilt.SAVED, prebuilt.stamp())
    saved = prebuilt.load(prebuilt.SAVED)
    fresh = prebuilt.generated()
    assert _normal(saved.__reduce__()[1]) == _normal(fresh.__reduce__()[1])


@pytest.mark.parametrize("name", DOCUMENTS)
def test_it_validates_as_pydantic_does(name: str) -> None:
    require_fresh(prebuilt.SAVED, prebuilt.stamp())
    saved = prebuilt.load(prebuilt.SAVED)
    assert _outcome(saved.validate_python, name) == _outcome(Design.model_validate, name)


def _outcome(validate, name: str) -> object:
    """The design, or the errors, as one value to compare."""
    try:
        return validate(DOCUMENTS[name])
    except ValidationError as exc:
        return exc.title, exc.errors(include_url=False)


def test_a_cold_check_validates_with_the_saved_validator() -> None:
    require_fresh(prebuilt.SAVED, prebuilt.stamp())
    code = (
        "from designlint import config\n"
        "from designlint.linter import lint_path\n"
        "from designlint.model import Design\n"
        f"lint_path({str(ROOT / 'examples' / 'twitter.yaml')!r}, config.Settings())\n"
        "print(Design.__pydantic_complete__)\n"  # True only once pydantic generated its own
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.split() == ["False"]


def _keys(value: object) -> set[str]:
    """Every mapping key in a document, at any depth."""
    if isinstance(value, dict):
        return {str(k) for k in value} | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def test_the_saved_validator_without_the_extension_step_is_generated_the_same_way() -> None:
    require_fresh(prebuilt.SAVED, prebuilt.stamp())
    saved = prebuilt.load(prebuilt.SAVED, extensions=False)
    fresh = prebuilt.generated(extensions=False)
    assert _normal(saved.__reduce__()[1]) == _normal(fresh.__reduce__()[1])
    # It is the full validator minus that one step, not an empty shell.
    assert "function-before" in str(_normal(prebuilt.generated().__reduce__()[1]))
    assert "_drop_extensions" not in str(saved.__reduce__()[1])


@pytest.mark.parametrize(
    "name", [n for n in DOCUMENTS if not any(k.startswith("x-") for k in _keys(DOCUMENTS[n]))]
)
def test_without_x_keys_it_validates_as_pydantic_does(name: str) -> None:
    require_fresh(prebuilt.SAVED, prebuilt.stamp())
    saved = prebuilt.load(prebuilt.SAVED, extensions=False)
    assert _outcome(saved.validate_python, name) == _outcome(Design.model_validate, name)


@pytest.mark.parametrize(
    ("entry", "may"),
    [
        ("x-owner: someone", True),  # written out
        ('"\\x78-owner": someone', True),  # escaped: `x-owner` once read
        ('"\\u0078-owner": someone', True),
        ('? "x\\\n      -owner"\n    : someone', True),  # an escaped line break joins them
        ("&first x-owner: someone", True),  # after an anchor
        ("? |\n      x-owner\n    : someone", True),  # a block scalar as the key
        ("owner_note: someone", False),
        ("description: max-age and an index-only scan", False),  # no key starts there
    ],
)
def test_a_document_skips_the_extension_step_only_when_no_key_can_start_with_x(
    entry: str, may: bool
) -> None:
    text = f"designlint: 1\nname: Shop\nservices:\n  api:\n    {entry}\n"
    source = load_text(text, Limits())
    assert source.problems == []
    assert load.may_have_extensions(source) is may
    design, problems = load.validate(source)
    if may:  # an extension key: dropped, whatever its spelling
        assert problems == [] and design is not None
        assert design.services["api"].model_dump(exclude_defaults=True) == {}
    elif "owner_note" in entry:
        assert [c for c, _ in problems] == ["DL002"]
        assert "unknown key `owner_note`" in problems[0][1].message
    else:
        assert problems == [] and design is not None
        assert design.services["api"].description == "max-age and an index-only scan"
