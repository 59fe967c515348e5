"""The base of every format model: frozen, unknown keys forbidden, `x-` extension keys allowed."""

from collections.abc import Callable
from functools import partial
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    ValidationInfo,
    model_validator,
)
from pydantic_core import PydanticCustomError, core_schema

from designlint.numbers import quantity as q

# Ids: what a user types as a mapping key or a reference. Kept loose on purpose; rules and
# DL003/DL005 judge references, and hostile characters are escaped by every output.
Id = Annotated[str, Field(min_length=1, max_length=200)]


def extension_schema(schema: dict[str, Any]) -> None:
    # Advertise the OpenAPI-style extension keys to editors and to check-jsonschema.
    schema["patternProperties"] = {"^x-": {}}


class Model(BaseModel):
    """Typos must be errors (extra="forbid"), yet `x-` keys are the users' own."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        populate_by_name=True,
        json_schema_extra=extension_schema,
        use_attribute_docstrings=False,
        defer_build=True,  # Design's validator holds them all: designlint.model.prebuilt
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


class Plain:
    """A field type read by one plain function and written by another, with its own JSON Schema.

    What `PlainValidator`, `PlainSerializer` and `WithJsonSchema` in `Annotated` make together,
    minus their cost: each of them first generates (twice, for PlainValidator) the schema of the
    annotated type itself, here a union of two dataclasses, only to throw it away. With ~35
    such fields that was ~10 ms of every start-up. The core schema is pydantic-core's documented
    `no_info_plain_validator_function` with a plain serializer, as those three build it.
    """

    __slots__ = ("json_schema", "returns", "serialize", "validate")

    def __init__(
        self,
        validate: Callable[[Any], Any],
        serialize: Callable[[Any], Any],
        json_schema: dict[str, Any],
        returns: str | None = None,
    ) -> None:
        self.validate = validate
        self.serialize = serialize
        self.json_schema = json_schema
        self.returns = returns

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        returns = core_schema.str_schema() if self.returns == "str" else None
        return core_schema.no_info_plain_validator_function(
            self.validate,
            serialization=core_schema.plain_serializer_function_ser_schema(
                self.serialize, info_arg=False, return_schema=returns
            ),
            json_schema_input_schema=core_schema.any_schema(),
        )

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        return self.json_schema.copy()


def _text(value: Any) -> str:
    return value.text


def _validate_quantity(value: Any) -> q.Quantity:
    if isinstance(value, q.Quantity):
        return value
    try:
        return q.parse(value)
    except q.QuantityError as exc:
        raise PydanticCustomError("bad_quantity", "{reason}", {"reason": str(exc)}) from None


Quantity = Annotated[
    q.Quantity,
    Plain(
        _validate_quantity,
        _text,
        {
            "anyOf": [
                {"type": "string", "pattern": r"^\s*[-+]?[0-9.,_]+"},
                {"type": "number"},
            ],
            "description": "A number with an optional unit, written as on a whiteboard: "
            "`200ms`, `99.99%`, `100M/day`, `1.2k/s`, `3.2 TB`; the scale may be spelt out "
            "(`1 billion/month`, `2.5 million users`).",
        },
        returns="str",
    ),
]


def sized(value: Any, info: ValidationInfo) -> Any:
    """For sizes and memory: an entry cannot be negative and a node needs some memory."""
    base = getattr(value, "base", None)
    if isinstance(base, float) and (base < 0 or (base == 0 and info.field_name == "node_memory")):
        least = "more than 0" if info.field_name == "node_memory" else "0 or more"
        raise PydanticCustomError(
            "bad_quantity", "`{text}` must be {least}", {"text": value.text, "least": least}
        )
    return value


_PROSE_SCHEMA = {
    "type": "string",
    "minLength": 1,
    "maxLength": q.PROSE_MAX,
    "description": "Stated in words when the source gives no number (`multiple`, "
    "`several hundred`): present, but not sized.",
}


def _validate_amount(value: Any, kinds: tuple[str, ...], signed: bool) -> q.Stated:
    if isinstance(value, q.Quantity | q.Prose):
        return value
    try:
        return q.check_stated(q.stated(value), kinds, signed)
    except q.QuantityError as exc:
        raise PydanticCustomError("bad_quantity", "{reason}", {"reason": str(exc)}) from None


def Amount(*kinds: str, example: str, signed: bool = False) -> Any:  # noqa: N802 - a type
    """A quantity field of one of `kinds` (see numbers.quantity.KIND_WORDS), or words.

    The dimension is part of the format: `ttl: 30 GB` is an error at the value, not a TTL
    that rules silently ignore.
    """
    wanted = " or ".join(q.KIND_WORDS[k] for k in kinds)
    return Annotated[
        q.Quantity | q.Prose,
        Plain(
            partial(_validate_amount, kinds=kinds, signed=signed),
            _text,
            {
                "anyOf": [
                    {"type": "string", "pattern": r"^\s*[-+]?[0-9.,_]+"},
                    {"type": "number", **({} if signed else {"minimum": 0})},
                    _PROSE_SCHEMA,
                ],
                "description": f"{wanted[0].upper()}{wanted[1:]}, e.g. `{example}`; "
                "or words when the source states no number.",
            },
            returns="str",
        ),
    ]


def _validate_whole(value: Any, minimum: int) -> int | q.Prose:
    if value.__class__ is int and value >= minimum:
        return value  # the common case, first: one call per field of every instance
    if isinstance(value, bool):
        # pydantic reads `true` as 1, which no one means by it.
        raise PydanticCustomError("int_type", "Input should be a whole number, not a boolean")
    if isinstance(value, q.Prose) or isinstance(value, int):
        found: Any = value
    else:
        try:
            found = q.stated(value)
        except q.QuantityError as exc:
            raise PydanticCustomError("bad_quantity", "{reason}", {"reason": str(exc)}) from None
    if isinstance(found, q.Bounds):
        try:
            for end in (found.low, found.high):
                if end is not None:
                    _whole_number(end, minimum)
        except PydanticCustomError:
            if isinstance(found, q.Magnitude):
                return q.Prose(found.text)  # `a few hundred bytes` in a count: words, as before
            raise
        return found
    if isinstance(found, q.Prose):
        return found
    return _whole_number(found, minimum)


def _whole_number(found: int | q.Quantity, minimum: int) -> int:
    if isinstance(found, q.Quantity):
        if found.kind != "count" or found.unit or found.base != int(found.base):
            raise PydanticCustomError(
                "bad_quantity", "`{text}` is not a whole number", {"text": found.text}
            )
        number = int(found.base)
    else:
        number = found
    if number < minimum:
        raise PydanticCustomError(
            "bad_quantity", "`{n}` is less than {m}", {"n": number, "m": minimum}
        )
    return number


def Whole(minimum: int = 0) -> Any:  # noqa: N802 - a type
    """A whole number of things (replicas, nodes, page size), at least `minimum`, or words;
    never a boolean."""
    return Annotated[
        int | q.Prose,
        Plain(
            partial(_validate_whole, minimum=minimum),
            _number_or_text,
            {
                "anyOf": [
                    {"type": "integer", "minimum": minimum},
                    {"type": "string", "pattern": r"^\s*[0-9]"},
                    _PROSE_SCHEMA,
                ],
                "description": f"A whole number, at least {minimum}; "
                "or words when the source states no number.",
            },
        ),
    ]


def _number_or_text(value: Any) -> Any:
    return value if isinstance(value, int) else value.text


def _validate_stated(value: Any) -> q.Stated:
    if isinstance(value, q.Quantity | q.Prose):
        return value
    try:
        return q.stated(value)
    except q.QuantityError as exc:
        raise PydanticCustomError("bad_quantity", "{reason}", {"reason": str(exc)}) from None


# A quantity of any dimension, or words (an estimate's declared value).
StatedQuantity = Annotated[
    q.Quantity | q.Prose,
    Plain(
        _validate_stated,
        _text,
        {
            "anyOf": [
                {"type": "string", "pattern": r"^\s*[-+]?[0-9.,_]+"},
                {"type": "number"},
                _PROSE_SCHEMA,
            ],
            "description": "A number with an optional unit (`1.2k/s`, `20 GB/day`, "
            "`1 billion/month`), or words when the source states no number.",
        },
        returns="str",
    ),
]


# A field that accepts one id or a list of ids (`owner: a` or `owner: [a, b]`).
IdList = list[Id]


def as_list(value: str | list[str] | None) -> list[str]:
    """Normalise a one-or-many id field."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return list(value)
