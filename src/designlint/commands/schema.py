"""`designlint schema`: print the JSON Schema generated from the format models."""

from __future__ import annotations

import click

# The words pydantic reads as a boolean, in any case: `idempotent: yes` loads (YAML 1.2 reads
# it as text), so the schema must accept it too.
BOOL_WORDS = ("0", "off", "f", "false", "n", "no", "1", "on", "t", "true", "y", "yes")


def _any_case(word: str) -> str:
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in word)


def _generator() -> type:
    from pydantic.json_schema import GenerateJsonSchema

    class AsLoaded(GenerateJsonSchema):
        """The schema of what the loader accepts, so that editors and `check` agree."""

        def bool_schema(self, schema):  # noqa: ANN001, ANN201 - pydantic's signature
            words = "|".join(_any_case(w) for w in BOOL_WORDS)
            return {
                "anyOf": [
                    {"type": "boolean"},
                    {"type": "string", "pattern": rf"^({words})$"},
                    {"enum": [0, 1]},
                ]
            }

        def int_schema(self, schema):  # noqa: ANN001, ANN201 - pydantic's signature
            found = super().int_schema(schema)
            return {"anyOf": [found, {"type": "string", "pattern": r"^\s*[-+]?[0-9]+\s*$"}]}

    return AsLoaded


def schema_text() -> str:
    """The schema exactly as committed in `schemas/design.schema.json`."""
    import json

    from designlint.model import Design

    _AsLoaded = _generator()  # noqa: N806 - a class

    schema = Design.model_json_schema(mode="validation", schema_generator=_AsLoaded)
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://designlint.dev/schemas/design.schema.json",
        **schema,
    }
    return json.dumps(schema, indent=2, sort_keys=False, ensure_ascii=False) + "\n"


@click.command("schema")
def command() -> int:
    """Print the JSON Schema of the design format (for editors and check-jsonschema)."""
    click.echo(schema_text(), nl=False)
    return 0
