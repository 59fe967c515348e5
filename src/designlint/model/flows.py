"""Flows (ordered request paths with latency budgets), regions and replication."""

from typing import Annotated, Any, Literal

from pydantic import Field
from pydantic_core import PydanticCustomError

from designlint.model.base import Amount, Id, Model, Plain
from designlint.model.requirements import ConsistencyModel
from designlint.numbers import quantity as q


def _rate(value: Any) -> Any:
    # Text that attempts a number is a quantity and must be a rate; a single word names an
    # estimate (DL003 checks it); words with spaces state the rate without a number.
    if isinstance(value, str) and not q.NUMBERISH.match(value):
        text = value.strip()
        if text and not any(ch.isspace() for ch in text) and len(text) <= 200:
            return value
        value = text
    try:
        return q.check_stated(q.stated(value), _RATES)
    except q.QuantityError as exc:
        raise PydanticCustomError("bad_quantity", "{reason}", {"reason": str(exc)}) from None


def _rate_text(value: Any) -> str:
    return value if isinstance(value, str) else value.text


_RATES = ("count/time", "data/time")
RateOrId = Annotated[
    q.Quantity | q.Prose | str,
    Plain(
        _rate,
        _rate_text,
        {
            "anyOf": [{"type": "string", "minLength": 1}, {"type": "number", "minimum": 0}],
            "description": "An estimate id, a rate (`12k/s`), or words.",
        },
        returns="str",
    ),
]


class Hop(Model):
    """One step of a flow: the component reached and the time it may take."""

    component: Id = Field(description="The component reached at this step.")
    budget: Amount("time", example="10ms") | None = Field(
        None, description="Latency budget of this hop (`10ms`)."
    )
    call: Literal["sync", "async"] = Field("sync", description="How the step is reached.")
    action: str | None = Field(None, description="What happens there, e.g. `ZREVRANGE`.")


class Flow(Model):
    """A core flow drawn as its path through the system."""

    requirement: Id | None = Field(None, description="The functional requirement it realises.")
    sla: Id | None = Field(None, description="The latency NFR it must meet.")
    availability: Id | None = Field(None, description="The availability NFR it must meet.")
    rate: RateOrId | None = Field(
        None, description="Its rate: an estimate id or a quantity (`12k/s`), for diagram labels."
    )
    path: list[Id | Hop] = Field(
        min_length=1,
        description="Components in order; a hop is an id or a mapping with a budget.",
    )
    consistency: ConsistencyModel | None = Field(None, description="Consistency it accepts.")
    handles_money: bool = Field(False, description="Moves money or payments.")
    description: str | None = Field(None, description="Free text.")

    def hops(self) -> list[Hop]:
        """The path with the id shorthand expanded.

        The ids were validated with the path, so their hops are constructed, not validated:
        validating one would build `Hop`'s own validator (and pydantic's plug-in scan) in every
        run that reads a flow."""
        return [Hop.model_construct(component=h) if isinstance(h, str) else h for h in self.path]


class Region(Model):
    """A deployment region."""

    accepts_writes: bool = Field(True, description="Takes writes locally (active).")
    role: Literal["primary", "secondary", "active"] = Field("active", description="Its role.")
    description: str | None = Field(None, description="Free text.")


class Replication(Model):
    """How regions stay in step, and what happens when one fails."""

    mode: Literal["active-active", "active-passive", "single-region"] = Field(
        description="Multi-region topology."
    )
    sync: Literal["sync", "async"] = Field("async", description="Replication between regions.")
    lag: Amount("time", example="500ms") | None = Field(
        None, description="Expected replication lag (`500ms`)."
    )
    failover: str | None = Field(None, description="How traffic moves when a region fails.")
    failover_scope: Literal["zone", "datacenter", "region"] | None = Field(
        None,
        description="How far failover reaches: another zone, another data centre, or another "
        "region. Only `region` survives a regional outage (DL701).",
    )
    conflict_resolution: str | None = Field(
        None, description="How concurrent writes in different regions are reconciled."
    )
