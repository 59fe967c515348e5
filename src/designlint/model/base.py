"""The base of every format model: frozen, unknown keys forbidden, `x-` extension keys allowed."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from designlint.numbers import quantity as q

# Ids: what a user types as a mapping key or a reference. Kept loose on purpose; rules and
# DL003/DL005 judge references, and hostile characters are escaped by every output.
Id = Annotated[str, Field(min_length=1, max_length=200)]


def _schema_extra(schema: dict[str, Any]) -> None:
    # Advertise the OpenAPI-style extension keys to editors and to check-jsonschema.
    schema["patternProperties"] = {"^x-": {}}


class Model(BaseModel):
    """Typos must be errors (extra="forbid"), yet `x-` keys are the users' own."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        populate_by_name=True,
        json_schema_extra=_schema_extra,
        use_attribute_docstrings=False,
    )

    @model_validator(mode="before")
    @classmethod
    def _drop_extensions(cls, data: Any) -> Any:
        # Runs for every model instance (70k on the 10k-service benchmark design): a plain loop
        # that returns at once costs half of an `any()` over a generator.
        if isinstance(data, dict):
            for k in data:
                if k.__class__ is str:
                    if k[:2] == "x-":
                        return _without_extensions(data)
                elif isinstance(k, str) and k.startswith("x-"):
                    return _without_extensions(data)
        return data


def _without_extensions(data: dict) -> dict:
    return {k: v for k, v in data.items() if not (isinstance(k, str) and k.startswith("x-"))}


def _validate_quantity(value: Any) -> q.Quantity:
    if isinstance(value, q.Quantity):
        return value
    try:
        return q.parse(value)
    except q.QuantityError as exc:
        raise PydanticCustomError("bad_quantity", "{reason}", {"reason": str(exc)}) from None


Quantity = Annotated[
    q.Quantity,
    PlainValidator(_validate_quantity),
    PlainSerializer(lambda v: v.text, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^\s*[-+]?[0-9.,_]+"},
                {"type": "number"},
            ],
            "description": "A number with an optional unit, written as on a whiteboard: "
            "`200ms`, `99.99%`, `100M/day`, `1.2k/s`, `3.2 TB`.",
        }
    ),
]


def not_boolean(value: Any) -> Any:
    """For whole-number fields: pydantic reads `true` as 1, which no one means by it."""
    if isinstance(value, bool):
        raise PydanticCustomError("int_type", "Input should be a whole number, not a boolean")
    return value


def sized(value: Any, info: ValidationInfo) -> Any:
    """For sizes and memory: an entry cannot be negative and a node needs some memory."""
    base = getattr(value, "base", None)
    if isinstance(base, float) and (base < 0 or (base == 0 and info.field_name == "node_memory")):
        least = "more than 0" if info.field_name == "node_memory" else "0 or more"
        raise PydanticCustomError(
            "bad_quantity", "`{text}` must be {least}", {"text": value.text, "least": least}
        )
    return value


# A field that accepts one id or a list of ids (`owner: a` or `owner: [a, b]`).
IdList = list[Id]


def as_list(value: str | list[str] | None) -> list[str]:
    """Normalise a one-or-many id field."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return list(value)
