"""DL204 missing-scale-estimate: one of the four numbers every design is sized from is absent."""

from __future__ import annotations

import re
from collections.abc import Iterator

from designlint.context import Context
from designlint.findings import Violation
from designlint.model import Design
from designlint.registry import rule

# (what is missing, `measures` values that provide it, an example estimate)
SCALE = (
    ("users", ("users",), "dau: {value: 500M, measures: users}"),
    ("write rate", ("write-rate",), "write_qps: {expr: writes_per_day, measures: write-rate}"),
    ("read rate", ("read-rate",), "read_qps: {expr: 100 * write_qps, measures: read-rate}"),
    (
        "storage growth",
        ("storage-growth", "storage"),
        "storage_per_day: {expr: 200 B * writes_per_day, measures: storage-growth}",
    ),
)


@rule("DL204", "missing-scale-estimate", "warning")
def missing_scale_estimate(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports each of the four scale estimates a design lacks: users, write rate, read rate and
    storage growth (a total `storage` estimate counts too). One finding per missing one, at the
    `estimates` section (or the top of the file when there is none).

    A design with no clients and no APIs (a crawler, a batch pipeline started by jobs) serves
    no requests, so it is not asked for users or a read rate.

    A design that serves large objects on the read path is also asked for a bandwidth
    estimate (`measures: bandwidth`): a CDN whose name or description says it serves video,
    images, photos, media or files, or an `object-store` datastore on the read path, which is
    when a client or an edge component (a CDN's origin) reaches it, when the service behind a
    `GET` endpoint `reads` it, or when it is on the path of a flow that a `GET` endpoint
    serves. A CDN for "static assets" (scripts and styles) is not enough on its own.

    An estimate counts by what it says it `measures` (`users`, `write-rate`, `read-rate`,
    `storage-growth`, `storage`), not by its name: `dau` is obvious to a person and a guess to
    a tool, and one line of `measures` makes it unambiguous.

    ## Why is this bad?
    Users, how often they write, how often they read, and how much the data grows are the four
    numbers the rest of the design is justified against: the read:write ratio picks the caching
    and fan-out strategy, the write rate sizes the queue and the database, the storage growth
    sizes the shards. A design without one of them has a component whose size nobody can
    defend. When the product serves video, images or files, the bytes leaving the system
    dominate the bill and size the CDN and the network, and requests per second say nothing
    about them: a 2 MB image at 10k reads/s is 20 GB/s of egress.

    ## Example
    ```yaml
    designlint: 1
    name: Twitter
    estimates:
      dau: {value: 500M, measures: users}
      write_qps: {value: 1.2k/s, measures: write-rate}
      read_qps: {value: 120k/s, measures: read-rate}
    ```

    Use instead:
    ```yaml
    designlint: 1
    name: Twitter
    estimates:
      dau: {value: 500M, measures: users}
      write_qps: {value: 1.2k/s, measures: write-rate}
      read_qps: {value: 120k/s, measures: read-rate}
      storage_per_day: {value: 20 GB/day, measures: storage-growth}
    ```
    """
    design = ctx.design
    measured = {getattr(e, "measures", None) for e in design.estimates.values()}
    path = ("estimates",) if design.estimates else ()
    # Users and reads come from requests: a crawler or batch pipeline has neither.
    served = bool(design.clients or design.apis)
    for what, kinds, example in SCALE:
        if not served and kinds[0] in ("users", "read-rate"):
            continue
        if not measured.intersection(kinds):
            yield Violation(
                path,
                f"no estimate of {what} (an estimate with `measures: {kinds[0]}`)",
                fix=f"add one, e.g. `{example}`",
            )
    stores = large_objects_read(design)
    if stores and "bandwidth" not in measured:
        names = ", ".join(f"`{s}`" for s in stores)
        yield Violation(
            path,
            f"no estimate of bandwidth (an estimate with `measures: bandwidth`), though {names} "
            f"serve{'s' if len(stores) == 1 else ''} large objects on the read path",
            fix="add one, e.g. `egress: {expr: media_reads * 500 KB, measures: bandwidth}`",
        )


def large_objects_read(design: Design) -> list[str]:
    """What serves large objects on the read path: a CDN that says it serves media, and object
    stores a read request reaches (through a client or edge component, such as a CDN origin
    or a presigned download; a service behind a GET endpoint; or a flow a GET endpoint serves).
    """
    cdns = [
        eid
        for eid, edge in design.edge.items()
        if edge.kind == "cdn"
        and _MEDIA.search(" ".join(filter(None, (edge.name, edge.description))))
    ]
    objects = {did for did, store in design.datastores.items() if store.kind == "object-store"}
    if not objects:
        return cdns
    reached: set[str] = set()
    for client in design.clients.values():
        reached.update(client.calls)
    for edge in design.edge.values():
        reached.update(edge.routes_to)
    gets = [api for api in design.apis.values() if api.method in ("GET", "HEAD")]
    for api in gets:
        service = design.services.get(api.service or "")
        if service is not None:
            reached.update(service.reads)
    wanted = {fid for api in gets for fid in api.flows}
    for fid, flow in design.flows.items():
        if fid in wanted or (flow.requirement or "") in wanted:
            reached.update(hop.component for hop in flow.hops())
    return cdns + [did for did in design.datastores if did in objects and did in reached]


# What a CDN says it serves when the bytes, not the requests, are the load.
_MEDIA = re.compile(
    r"\b(?:videos?|images?|photos?|pictures?|media|files?|downloads?|audio|blobs?|thumbnails?)\b",
    re.I,
)
