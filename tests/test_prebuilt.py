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
    data = DOCUMENTS[name]
    saved = prebuilt.load(prebuilt.SAVED)

    def outcome(validate) -> object:
        try:
            return validate(data)
        except ValidationError as exc:
            return exc.title, exc.errors(include_url=False)

    assert outcome(saved.validate_python) == outcome(Design.model_validate)


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
