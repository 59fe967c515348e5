"""The whole design document: the root model and the component index rules navigate by."""

from functools import cached_property
from typing import Literal

from pydantic import Field, PrivateAttr

from designlint.model.base import Id, Model
from designlint.model.components import (
    Api,
    Cache,
    Client,
    Datastore,
    EdgeComponent,
    Fanout,
    Queue,
    Service,
)
from designlint.model.estimates import Estimate
from designlint.model.flows import Flow, Region, Replication
from designlint.model.requirements import Consistency, Requirements
from designlint.model.tradeoffs import Bottleneck, Decision, Summary

# What a list item the loader set aside is replaced with: an id nothing declares, so every
# rule skips it as it skips any unknown reference, and DL003 knows not to report it.
SET_ASIDE = "(set aside)"

# Component kinds in the order they are drawn and indexed; each is a top-level mapping by id.
COMPONENT_SECTIONS = ("clients", "edge", "services", "datastores", "caches", "queues")


class Design(Model):
    """A system design: requirements, estimates, architecture, deep dives and trade-offs."""

    designlint: Literal[1] = Field(description="Format version of this document.")
    name: str = Field(description="The system's name.")
    description: str | None = Field(None, description="What the system is.")
    requirements: Requirements = Field(
        default_factory=Requirements, description="Functional and non-functional requirements."
    )
    consistency: Consistency | None = Field(None, description="The system's consistency model.")
    estimates: dict[Id, Estimate | str | float | int] = Field(
        default_factory=dict,
        description="Named estimates; a bare value is shorthand for `{value: ...}`.",
    )
    clients: dict[Id, Client] = Field(default_factory=dict, description="Client entry points.")
    edge: dict[Id, EdgeComponent] = Field(
        default_factory=dict, description="CDN, DNS, load balancers and API gateways."
    )
    apis: dict[Id, Api] = Field(default_factory=dict, description="The API contract.")
    services: dict[Id, Service] = Field(default_factory=dict, description="Application services.")
    datastores: dict[Id, Datastore] = Field(default_factory=dict, description="Databases.")
    caches: dict[Id, Cache] = Field(default_factory=dict, description="Caches.")
    queues: dict[Id, Queue] = Field(default_factory=dict, description="Queues and topics.")
    fanout: dict[Id, Fanout] = Field(default_factory=dict, description="Fan-out mechanisms.")
    flows: dict[Id, Flow] = Field(default_factory=dict, description="Core flows as paths.")
    regions: dict[Id, Region] = Field(default_factory=dict, description="Deployment regions.")
    replication: Replication | None = Field(None, description="Multi-region replication.")
    bottlenecks: dict[Id, Bottleneck] = Field(
        default_factory=dict, description="Bottlenecks with mitigations."
    )
    decisions: dict[Id, Decision] = Field(default_factory=dict, description="Key decisions.")
    summary: Summary | str | None = Field(None, description="The closing summary.")

    _set_aside: dict[tuple, object] = PrivateAttr(default_factory=dict)

    def set_aside_nodes(self, nodes: dict[tuple, object]) -> None:
        """Record the nodes the loader set aside for schema errors (path -> raw data)."""
        self._set_aside = dict(nodes)

    @property
    def set_aside(self) -> dict[tuple, object]:
        """Nodes left out for schema errors: rules stay quiet about what they cannot see."""
        return self._set_aside

    @cached_property
    def set_aside_ids(self) -> frozenset[str]:
        """The keys of set-aside nodes: a reference to one of them is not an unknown one."""
        return frozenset({SET_ASIDE, *(str(path[-1]) for path in self._set_aside)})

    @cached_property
    def components(self) -> dict[str, tuple[str, object]]:
        """Every component id -> (section, model). The first declaration wins (DL005 reports)."""
        index: dict[str, tuple[str, object]] = {}
        for section in COMPONENT_SECTIONS:
            for cid, comp in getattr(self, section).items():
                index.setdefault(cid, (section, comp))
        return index

    def component_path(self, cid: str) -> tuple[str, str] | None:
        """The model path of a component id, for locating findings about it."""
        entry = self.components.get(cid)
        return (entry[0], cid) if entry else None
