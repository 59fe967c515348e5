"""The public API for plug-ins stays importable and light, and `check` does not pay for
jsonschema unless a config defines custom rules (or a design has contract examples)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import designlint
from conftest import EXAMPLES


def test_the_public_api_is_importable_and_is_the_real_thing():
    from designlint import Context, Violation, rule
    from designlint.context import Context as RealContext
    from designlint.findings import Violation as RealViolation
    from designlint.registry import rule as real_rule

    assert (Context, Violation, rule) == (RealContext, RealViolation, real_rule)
    assert {"rule", "Violation", "Context"} <= set(designlint.__all__)
    assert Violation(("services", "a"), "message", fix="do this").fix == "do this"


def modules_after(code: str) -> set[str]:
    script = textwrap.dedent(code) + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))\n"
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    import json

    return set(json.loads(out.splitlines()[-1]))


def test_importing_the_package_loads_nothing_behind_the_api():
    loaded = modules_after("import designlint")
    assert not {"designlint.registry", "designlint.context", "pydantic"} & loaded


CHECK = """
from designlint.cli import main
try:
    main(["check", "--quiet", {args}])
except SystemExit:
    pass
"""


def test_check_without_custom_rules_does_not_import_jsonschema(tmp_path):
    twitter = repr(str(EXAMPLES / "twitter.yaml"))
    assert "jsonschema" not in modules_after(CHECK.format(args=twitter))
    cfg = tmp_path / "house.yaml"
    cfg.write_text(
        "rules:\n  ACME001:\n    name: x-team\n    given: services.*\n"
        "    message: no team\n    schema: {required: [x-team]}\n"
    )
    args = f"'--config', {str(cfg)!r}, {twitter}"
    assert "jsonschema" in modules_after(CHECK.format(args=args))
