"""Phase 1 of the interview: functional scope, non-functional requirements and consistency."""

from typing import Literal

from pydantic import Field

from designlint.model.base import Amount, Id, Model

NfrKind = Literal[
    "throughput",
    "latency",
    "availability",
    "durability",
    "storage",
    "consistency",
    "other",
]
ConsistencyModel = Literal[
    "strong",
    "linearizable",
    "serializable",
    "sequential",
    "causal",
    "read-your-writes",
    "monotonic-reads",
    "bounded-staleness",
    "eventual",
]


class FunctionalRequirement(Model):
    """A core flow the design commits to."""

    description: str = Field(description="What the user can do, in one sentence.")
    priority: Literal["core", "secondary"] = Field(
        "core", description="Core flows are what the design is judged against."
    )
    trigger: Literal["request", "schedule", "event", "batch"] = Field(
        "request",
        description="What starts it: a client `request`, a `schedule` (cron, sweep), an "
        "`event` (a message), or a `batch` job. Only requests need an endpoint (DL305).",
    )


class NonFunctionalRequirement(Model):
    """A measurable target: the numbers every component choice is justified against."""

    kind: NfrKind = Field(description="What is measured.")
    target: str | float | int = Field(
        description="The target with its unit: `1.2k/s`, `200ms`, `99.99%`, "
        "`1 billion pages per month`. "
        "Words such as `fast` are reported as vague (DL105)."
    )
    percentile: Literal["p50", "p90", "p95", "p99", "p999", "max"] | None = Field(
        None, description="For latency: the percentile the target holds at."
    )
    flow: Id | None = Field(
        None, description="The functional requirement (or flow) this target applies to."
    )
    estimate: Id | None = Field(
        None, description="The capacity estimate that backs a throughput target (DL206)."
    )
    datastores: list[Id] = Field(
        default_factory=list, description="For durability: the datastores it covers."
    )
    description: str | None = Field(None, description="Free text.")


class Requirements(Model):
    """Functional scope and non-functional targets."""

    functional: dict[Id, FunctionalRequirement] = Field(
        default_factory=dict, description="In-scope core flows keyed by id."
    )
    out_of_scope: list[str] = Field(
        default_factory=list, description="What is explicitly parked for later."
    )
    non_functional: dict[Id, NonFunctionalRequirement] = Field(
        default_factory=dict, description="Non-functional requirements keyed by id."
    )


class Consistency(Model):
    """The consistency decision for the whole system."""

    model: ConsistencyModel = Field(description="The consistency model accepted.")
    staleness: Amount("time", example="2s") | None = Field(
        None, description="How stale a read may be, for eventual models (`2s`)."
    )
    rationale: str | None = Field(None, description="Why this model is acceptable.")
