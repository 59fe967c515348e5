"""The vocabulary of a design document: pydantic v2 models, shape only, no judgement.

The model modules do without `from __future__ import annotations`: with it every field's
annotation is a string that pydantic evaluates when it creates the class (~180 of them, at every
start-up); without it the annotations are already objects (~17M fewer instructions, ~1% of a
cold `check`).
"""

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
