"""Icon lookup for the rendered picture: technology first, then kind, then a generic icon.

Plain data (names of `diagrams` classes as strings) so that the table is testable and readable
without importing `diagrams`; render.py resolves the names.
"""

from __future__ import annotations

from designlint.diagram.records import PlanNode

# technology (lower case) -> icon class, then (section, kind) -> icon class, then section.
TECH_ICONS = {
    "redis": "onprem.inmemory.Redis",
    "memcached": "onprem.inmemory.Memcached",
    "kafka": "onprem.queue.Kafka",
    "rabbitmq": "onprem.queue.RabbitMQ",
    "activemq": "onprem.queue.ActiveMQ",
    "nats": "onprem.queue.Nats",
    "sqs": "aws.integration.SimpleQueueServiceSqsQueue",
    "sns": "aws.integration.SimpleNotificationServiceSnsTopic",
    "postgresql": "onprem.database.PostgreSQL",
    "postgres": "onprem.database.PostgreSQL",
    "mysql": "onprem.database.MySQL",
    "mariadb": "onprem.database.MariaDB",
    "cassandra": "onprem.database.Cassandra",
    "scylla": "onprem.database.Scylla",
    "scylladb": "onprem.database.Scylla",
    "mongodb": "onprem.database.MongoDB",
    "mongo": "onprem.database.MongoDB",
    "dynamodb": "aws.database.Dynamodb",
    "neo4j": "onprem.database.Neo4J",
    "influxdb": "onprem.database.InfluxDB",
    "clickhouse": "onprem.database.ClickHouse",
    "cockroachdb": "onprem.database.CockroachDB",
    "hbase": "onprem.database.HBase",
    "couchbase": "onprem.database.Couchbase",
    "s3": "aws.storage.SimpleStorageServiceS3",
    "ceph": "onprem.storage.Ceph",
    "elasticsearch": "elastic.elasticsearch.Elasticsearch",
    "opensearch": "elastic.elasticsearch.Elasticsearch",
    "solr": "onprem.search.Solr",
    "cloudfront": "aws.network.CloudFront",
    "nginx": "onprem.network.Nginx",
    "haproxy": "onprem.network.HAProxy",
    "envoy": "onprem.network.Envoy",
    "traefik": "onprem.network.Traefik",
    "kong": "onprem.network.Kong",
    "elb": "aws.network.ElasticLoadBalancing",
    "alb": "aws.network.ElbApplicationLoadBalancer",
    "route53": "aws.network.Route53",
}
KIND_ICONS = {
    ("clients", "mobile"): "generic.device.Mobile",
    ("clients", "partner"): "onprem.client.Users",
    ("clients", "internal"): "onprem.client.User",
    ("edge", "cdn"): "aws.network.CloudFront",
    ("edge", "dns"): "aws.network.Route53",
    ("edge", "load-balancer"): "aws.network.ElasticLoadBalancing",
    ("edge", "api-gateway"): "aws.network.APIGateway",
    ("services", "worker"): "generic.compute.Rack",
    ("services", "job"): "generic.compute.Rack",
    ("services", "external"): "onprem.network.Internet",
    ("datastores", "relational"): "generic.database.SQL",
    ("datastores", "object-store"): "aws.storage.SimpleStorageServiceS3",
    ("datastores", "search"): "elastic.elasticsearch.Elasticsearch",
}
SECTION_ICONS = {
    "clients": "onprem.client.Client",
    "edge": "generic.network.Router",
    "services": "onprem.compute.Server",
    "datastores": "generic.storage.Storage",
    "caches": "aws.database.ElasticacheCacheNode",
    "queues": "aws.integration.SimpleQueueServiceSqsQueue",
    "system": "generic.place.Datacenter",
}
FALLBACK_ICON = "generic.blank.Blank"


def icon_name(node: PlanNode) -> str:
    """The `diagrams` class (module.Class under `diagrams.`) drawing this node."""
    tech = (node.technology or "").replace(" ", "").replace("_", "-")
    return (
        TECH_ICONS.get(tech)
        or KIND_ICONS.get((node.section, node.kind))
        or SECTION_ICONS.get(node.section, FALLBACK_ICON)
    )
