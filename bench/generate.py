"""Synthetic, valid system designs of any size, for the benchmark (`make bench`).

A design with N services has, per service, an owned relational datastore (one entity with typed
fields, a primary key, a composite index, and two queries served by the key and the index), about
two synchronous calls to later services (a DAG: every call goes to a higher index, so there is no
cycle and ~2N edges), and, for some services, versioned cursor-paginated APIs, a queue with a
dead-letter queue and an idempotent consumer, or a cache with eviction and a TTL. On top: functional
requirements served by flows with per-hop latency budgets, numeric NFRs, estimates that add up,
three regions, bottlenecks with mitigations, decisions and a summary. It is meant to be clean
under the rules, so that the benchmark measures the common case: a design that passes.

Usage: python bench/generate.py N [N ...] [--out DIR]   (writes DIR/services-N.design.yaml)
The output is deterministic for a given N.
"""

from __future__ import annotations

import argparse
import os
import random
from typing import Any

import yaml

CAPABILITIES = (
    "orders",
    "invoices",
    "catalog",
    "inventory",
    "shipments",
    "accounts",
    "reviews",
    "coupons",
    "returns",
    "loyalty",
    "wishlists",
    "recommendations",
    "notifications",
    "profiles",
    "subscriptions",
    "pricing",
)
PUBLIC_EVERY = 5  # every 5th service is reached through the gateway and has APIs
QUEUE_EVERY = 10  # every 10th service (offset 3) publishes a queue
CACHE_EVERY = 10  # every 10th service (offset 7) owns a cache


def _sid(i: int) -> str:
    return f"{CAPABILITIES[i % len(CAPABILITIES)]}-{i}"


def _title(i: int) -> str:
    return f"{CAPABILITIES[i % len(CAPABILITIES)].capitalize()} {i}"


def functional_count(n: int) -> int:
    """How many core flows a design of n services declares."""
    return max(2, n // (PUBLIC_EVERY * 10))


def design(n: int, seed: int = 8) -> dict[str, Any]:
    """The plain data of a clean design with `n` services (n >= 2)."""
    if n < 2:
        raise ValueError("a synthetic design needs at least 2 services")
    rng = random.Random(seed)
    publics = [i for i in range(n) if i % PUBLIC_EVERY == 0]
    nreq = functional_count(n)
    reqs = [f"flow-{k}" for k in range(nreq)]
    entry = {i: publics[k % len(publics)] for k, i in enumerate(range(nreq))}  # req k -> service

    def req_of(i: int) -> str:
        return reqs[(i // PUBLIC_EVERY) % nreq]

    doc: dict[str, Any] = {
        "designlint": 1,
        "name": f"Synthetic commerce platform ({n} services)",
        "description": "A generated design for the designlint benchmark.",
    }
    functional = {
        r: {"description": f"A user completes core flow {k} (create, then list, newest first)."}
        for k, r in enumerate(reqs)
    }
    stores = [f"{_sid(i)}-db" for i in range(n)]
    non_functional: dict[str, Any] = {
        "write-throughput": {
            "kind": "throughput",
            "target": "1.2k/s",
            "flow": reqs[0],
            "estimate": "write_qps",
        },
        "read-throughput": {
            "kind": "throughput",
            "target": "120k/s",
            "flow": reqs[1],
            "estimate": "read_qps",
        },
        "availability": {"kind": "availability", "target": "99.99%"},
        "durability": {"kind": "durability", "target": "99.999999999%", "datastores": stores},
        "storage": {"kind": "storage", "target": "20 GB/day"},
    }
    for r in reqs:
        non_functional[f"{r}-latency"] = {
            "kind": "latency",
            "target": "200ms",
            "percentile": "p99",
            "flow": r,
        }
    doc["requirements"] = {
        "functional": functional,
        "out_of_scope": ["analytics", "admin tooling"],
        "non_functional": non_functional,
    }
    doc["consistency"] = {
        "model": "eventual",
        "staleness": "2s",
        "rationale": "listings may lag by seconds; no payments move through these flows.",
    }
    doc["estimates"] = {
        "dau": {"value": "500M", "measures": "users"},
        "posting_ratio": {"value": 0.2},
        "writes_per_day": {"expr": "dau * posting_ratio / 1 day", "value": "100M/day"},
        "write_qps": {
            "expr": "writes_per_day",
            "value": "1.2k/s",
            "measures": "write-rate",
            "flow": reqs[0],
        },
        "peak_factor": {"value": 3},
        "peak_write_qps": {
            "expr": "peak_factor * write_qps",
            "value": "3.6k/s",
            "peak_of": "write_qps",
        },
        "read_write_ratio": {"value": 100},
        "read_qps": {
            "expr": "read_write_ratio * write_qps",
            "value": "120k/s",
            "measures": "read-rate",
            "flow": reqs[1],
        },
        "peak_read_qps": {
            "expr": "peak_factor * read_qps",
            "value": "360k/s",
            "peak_of": "read_qps",
        },
        "record_size": {"value": "200 B"},
        "storage_per_day": {
            "expr": "record_size * writes_per_day",
            "value": "20 GB/day",
            "measures": "storage-growth",
        },
        "storage_per_year": {
            "expr": "storage_per_day * 1 year",
            "value": "7 TB",
            "measures": "storage",
        },
    }
    doc["clients"] = {
        "web": {"kind": "web", "calls": ["load-balancer"], "serves": list(reqs)},
        "mobile": {"kind": "mobile", "calls": ["load-balancer"], "serves": list(reqs)},
    }
    doc["edge"] = {
        "load-balancer": {
            "kind": "load-balancer",
            "routes_to": ["api-gateway"],
            "replicas": 2,
            "serves": list(reqs),
        },
        "api-gateway": {
            "kind": "api-gateway",
            "auth": True,
            "rate_limiting": True,
            "routes_to": [_sid(i) for i in publics],
            "replicas": 3,
            "serves": list(reqs),
        },
    }
    apis: dict[str, Any] = {}
    services: dict[str, Any] = {}
    datastores: dict[str, Any] = {}
    caches: dict[str, Any] = {}
    queues: dict[str, Any] = {}
    for i in range(n):
        sid, db, req = _sid(i), f"{_sid(i)}-db", req_of(i)
        calls = []
        if i + 1 < n:
            calls.append(_sid(i + 1))
        far = i + 2 + rng.randrange(30)
        if far < n:
            calls.append(_sid(far))
        svc: dict[str, Any] = {
            "name": _title(i),
            "owns": [db],
            "reads": [db],
            "writes": [db],
            "calls": calls,
            "replicas": 3,
            "serves": [req],
        }
        if i % CACHE_EVERY == 7:
            cache = f"{sid}-cache"
            svc["owns"].append(cache)
            svc["reads"].append(cache)
            caches[cache] = {
                "technology": "redis",
                "owner": sid,
                "eviction": "lru",
                "ttl": "1h",
                "keys": "10M",
                "entry_size": "1 KB",
                "node_memory": "64 GB",
                "replicas": 2,
                "serves": [req],
            }
        if i % QUEUE_EVERY == 3 and i + 1 < n:
            queue, dlq = f"{sid}-events", f"{sid}-events-dlq"
            svc["publishes"] = [queue]
            queues[queue] = {
                "technology": "kafka",
                "delivery": "at-least-once",
                "dead_letter": dlq,
                "lag_alert": "30s",
                "autoscaling": True,
                "replicas": 3,
                "consumers": {_sid(i + 1): {"idempotent": True, "how": "upsert keyed by event id"}},
                "serves": [req],
            }
            queues[dlq] = {
                "technology": "kafka",
                "dead_letter": True,
                "lag_alert": "5min",
                "replicas": 3,
                "serves": [req],
            }
        services[sid] = svc
        datastores[db] = {
            "kind": "relational",
            "technology": "postgresql",
            "owner": sid,
            "source_of_truth": True,
            "rationale": "records are read by id (get-record) and listed per owner newest "
            "first (list-by-owner), a primary key plus a composite index.",
            "replicas": 3,
            "serves": [req],
            "entities": {
                "records": {
                    "fields": {
                        "record_id": "uuid",
                        "owner_id": "uuid",
                        "status": "text",
                        "created_at": "timestamp",
                    },
                    "primary_key": ["record_id"],
                    "indexes": {"by_owner": ["owner_id", "created_at desc"]},
                }
            },
            "queries": {
                "get-record": {"entity": "records", "equals": ["record_id"]},
                "list-by-owner": {
                    "entity": "records",
                    "equals": ["owner_id"],
                    "range": "created_at",
                    "order_by": "created_at desc",
                    "limit": 20,
                },
            },
        }
        if i % PUBLIC_EVERY == 0:
            base = f"/v1/{CAPABILITIES[i % len(CAPABILITIES)]}/{i}"
            apis[f"create-{sid}"] = {
                "method": "POST",
                "path": f"{base}/records",
                "service": sid,
                "flows": [req],
                "idempotent": True,
                "request": {"owner_id": "uuid", "status": "string"},
                "response": {"record_id": "uuid", "created_at": "timestamp"},
            }
            apis[f"list-{sid}"] = {
                "method": "GET",
                "path": f"{base}/records",
                "service": sid,
                "flows": [req],
                "params": {"owner_id": "uuid", "cursor": "string", "limit": "int"},
                "response": {"records": "record[]", "next_cursor": "string"},
                "pagination": {
                    "style": "cursor",
                    "cursor_param": "cursor",
                    "next_cursor_field": "next_cursor",
                    "limit_param": "limit",
                    "default_limit": 20,
                    "max_limit": 100,
                },
            }
    doc["apis"] = apis
    doc["services"] = services
    doc["datastores"] = datastores
    if caches:
        doc["caches"] = caches
    if queues:
        doc["queues"] = queues
    flows: dict[str, Any] = {}
    for k, r in enumerate(reqs):
        sid = _sid(entry[k])
        flows[r] = {
            "requirement": r,
            "sla": f"{r}-latency",
            "availability": "availability",
            "path": [
                "web",
                "load-balancer",
                "api-gateway",
                {"component": sid, "budget": "20ms", "action": "validate and route"},
                {"component": f"{sid}-db", "budget": "10ms", "action": "indexed read"},
                {"component": sid, "budget": "5ms", "action": "serialize"},
            ],
        }
    doc["flows"] = flows
    doc["regions"] = {"us-east": {}, "eu-west": {}, "ap-southeast": {}}
    doc["replication"] = {
        "mode": "active-active",
        "sync": "async",
        "lag": "500ms",
        "failover": "latency-based DNS routing to the nearest healthy region",
        "conflict_resolution": "last-write-wins on updated_at, record ids are UUIDs",
    }
    first, last = _sid(0), _sid(n - 1)
    doc["bottlenecks"] = {
        "gateway-saturation": {
            "component": "api-gateway",
            "description": "a traffic spike saturates the gateway",
            "symptom": "timeouts at the edge",
            "mitigations": ["autoscale gateway instances", "rate limit per client"],
        },
        "hot-owner": {
            "component": f"{first}-db",
            "description": "one owner with millions of records makes a hot index range",
            "symptom": "slow list pages for that owner",
            "mitigations": ["cursor pagination with a max page size", "read replicas"],
        },
        "deep-call-chain": {
            "component": last,
            "description": "long synchronous call chains add latency at every hop",
            "symptom": "p99 latency creeps up as services are added",
            "mitigations": ["timeouts and budgets per hop", "move non-critical calls to queues"],
        },
    }
    doc["decisions"] = {
        "cursor-pagination": {
            "chose": "opaque cursor pagination",
            "alternatives": ["offset pagination"],
            "because": "a cursor uses the index; an offset scans and discards rows",
        }
    }
    doc["summary"] = {
        "text": f"{n} services, each owning its data, called in a DAG through one gateway, "
        "with queues for asynchronous work and three active-active regions.",
        "key_trade_off": "eventual consistency between services in exchange for availability",
    }
    return doc


def dump(data: dict[str, Any]) -> str:
    """YAML text: block style, leaf collections in flow style, like a hand-written design."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = yaml.dump(
        data, Dumper=dumper, sort_keys=False, default_flow_style=None, width=100, allow_unicode=True
    )
    return "# Generated by bench/generate.py: a synthetic design for the benchmark.\n" + text


def write(n: int, out_dir: str) -> str:
    """Write the design of `n` services to `out_dir`; return its path."""
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, f"services-{n}.design.yaml")
    text = dump(design(n))
    tmp = f"{path}.tmp"
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(tmp, path)
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10, 100, 1000, 10000])
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "out"))
    args = parser.parse_args(argv)
    for n in args.sizes:
        path = write(n, args.out)
        print(f"{path}: {os.path.getsize(path):,} bytes")


if __name__ == "__main__":
    main()
