"""`designlint schema`: print the JSON Schema generated from the format models."""

from __future__ import annotations

import click


def schema_text() -> str:
    """The schema exactly as committed in `schemas/design.schema.json`."""
    import json

    from designlint.model import Design

    schema = Design.model_json_schema(mode="validation")
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
