"""The vocabulary of a design document: pydantic v2 models, shape only, no judgement."""

from designlint.model.components import (
    Api,
    Cache,
    Client,
    Consumer,
    Datastore,
    EdgeComponent,
    Entity,
    Fanout,
    Index,
    Pagination,
    Query,
    Queue,
    Service,
    Sharding,
)
from designlint.model.design import COMPONENT_SECTIONS, Design
from designlint.model.estimates import Estimate
from designlint.model.flows import Flow, Hop, Region, Replication
from designlint.model.requirements import (
    Consistency,
    FunctionalRequirement,
    NonFunctionalRequirement,
    Requirements,
)
from designlint.model.tradeoffs import Bottleneck, Decision, Summary

__all__ = [
    "COMPONENT_SECTIONS",
    "Api",
    "Bottleneck",
    "Cache",
    "Client",
    "Consistency",
    "Consumer",
    "Datastore",
    "Decision",
    "Design",
    "EdgeComponent",
    "Entity",
    "Estimate",
    "Fanout",
    "Flow",
    "FunctionalRequirement",
    "Hop",
    "Index",
    "NonFunctionalRequirement",
    "Pagination",
    "Query",
    "Queue",
    "Region",
    "Replication",
    "Requirements",
    "Service",
    "Sharding",
    "Summary",
]
