"""The SARIF 2.1.0 schemas the tests validate `--format sarif` output against.

The schema is OASIS's and is not copied into this repository. It comes from the npm registry
with the other test tools: `@microsoft/jest-sarif` (pinned in package.json, installed by
`make test`) ships the published SARIF 2.1.0 schema (the rtm.5 text that schemastore serves).
Where a checkout of the project's shared reference data sits beside the repository (CI lays
it out so), OASIS's errata 01 schema from there is used as well. Finding no schema at all is
a failure, never a skip: a SARIF test that cannot validate proves nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NPM_SCHEMA = ROOT / "node_modules" / "@microsoft" / "jest-sarif" / "lib" / "schemas"
CANDIDATES = (
    NPM_SCHEMA / "sarif-2.1.0-rtm.5.json",
    ROOT.parent / "shared" / "data" / "sarif-schema-2.1.0.json",
)


def sarif_schemas() -> list[tuple[str, dict]]:
    found = [(p.name, json.loads(p.read_text(encoding="utf-8"))) for p in CANDIDATES if p.exists()]
    assert found, (
        f"no SARIF 2.1.0 schema: {CANDIDATES[0]} is installed by `make test` (npm ci); "
        "install Node.js and npm"
    )
    return found


def validate_sarif(log: dict) -> None:
    import jsonschema

    for _name, schema in sarif_schemas():
        jsonschema.validate(log, schema)  # draft-04, as the schema declares
