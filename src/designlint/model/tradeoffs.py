"""Phase 4: bottlenecks with mitigations, decisions with alternatives, and the closing summary."""

from pydantic import Field

from designlint.model.base import Id, Model


class Bottleneck(Model):
    """A weakness named before the interviewer finds it."""

    description: str = Field(description="What could fail or slow down.")
    component: Id | None = Field(None, description="The component concerned.")
    symptom: str | None = Field(None, description="What users or operators would see.")
    mitigations: list[str] = Field(default_factory=list, description="What limits the damage.")


class Decision(Model):
    """A design decision with the alternatives weighed."""

    chose: str = Field(description="What was chosen.")
    alternatives: list[str] = Field(default_factory=list, description="What was rejected.")
    because: str | None = Field(None, description="Why.")


class Summary(Model):
    """The closing summary: architecture recapped, key trade-off named."""

    text: str = Field(description="One paragraph recapping the design.")
    key_trade_off: str | None = Field(None, description="The main trade-off accepted.")
