"""Which endpoints answer with the rows of a query: for DL507, which reads a bound an endpoint
states as a bound of the queries behind it.

The format does not link an endpoint to a query; a reviewer links them by what they hold. An
endpoint lists the rows of a query when it returns a list of the query's entity (a response
field `folders` or `folder[]`, or a path ending in `/folders`, for the entity `folders`) and
reaches the query's store: its `service` reads, writes or owns the store, or a flow it names in
`flows:` (by its id, or by the requirement it realises) passes through it. And the endpoint
must fit the query's `equals` columns: each is one of its parameters, path parameters or
request fields (`userID` is `user_id`), or the caller's own id (`user_id`, `account_id`...),
which an endpoint takes from the session; and each of its path parameters, which name the
owner of the list (`/boards/{month}/top`), is one of them. So a bounded "top 10 posts" does
not vouch for `posts-by-author`, whose `author_id` it never receives, and the top scores of
`{month}` do not vouch for all the scores of one user.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from designlint.context import Context
from designlint.indexes import parse_columns
from designlint.model import Design
from designlint.model.components import Api, Query
from designlint.rules.api import answer_bound, body_fields, is_array_type, is_collection, norm

# `folder[]`, `list[folder]`, `array<folder>`: the item type of an array.
_ITEM = re.compile(r"^\s*(?:(?:list|array|set)\s*[\[<]\s*([\w-]+)|([\w-]+)\s*\[\])", re.I)
# `{user_id}` in a path.
_PATH_PARAM = re.compile(r"\{([^{}/]+)\}")
# The caller's own id, normalised (`norm`): taken from the session, not from a parameter.
CALLER_IDS = frozenset(
    f"{who}id" for who in ("user", "account", "owner", "customer", "member", "player", "tenant")
)


@dataclass(frozen=True)
class Answer:
    """A bounded endpoint as DL507 sees it: the stores it reaches, the columns it can fill."""

    stores: frozenset[str]
    names: frozenset[str]
    owners: frozenset[str]

    def fits(self, columns: list[str]) -> bool:
        """Whether the endpoint gives every one of these equality columns a value, and each of
        its path parameters (the owner of the list it returns) is one of them."""
        keys = {norm(c) for c in columns}
        return self.owners <= keys and all(k in self.names or k in CALLER_IDS for k in keys)


def noun(name: str) -> str:
    """A name compared without case, separators or a plural ending: `Folders` is `folder`."""
    word = re.sub(r"[^a-z0-9]", "", name.lower())
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if re.search(r"(?:ss|x|ch|sh)es$", word):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 1:
        return word[:-1]
    return word


def _nouns(api: Api) -> set[str]:
    """What the endpoint lists: its array fields' names and item types, its path's last word."""
    found = set()
    for name, type_ in body_fields(api.response).items():
        if is_array_type(type_):
            found.add(noun(name))
            match = _ITEM.match(type_)
            if match:
                found.add(noun(match.group(1) or match.group(2)))
    if api.path is not None:
        last = api.path.rstrip("/").rsplit("/", 1)[-1]
        if last and "{" not in last:
            found.add(noun(last))
    found.discard("")
    return found


def _flow_hops(design: Design) -> dict[str, set[str]]:
    """The components each flow passes through, under its id and its requirement's id."""
    hops: dict[str, set[str]] = defaultdict(set)
    for fid, flow in design.flows.items():
        path = {hop if isinstance(hop, str) else hop.component for hop in flow.path}
        hops[fid] |= path
        if flow.requirement is not None:
            hops[flow.requirement] |= path
    return hops


def _stores(design: Design, api: Api, hops: dict[str, set[str]]) -> frozenset[str]:
    stores: set[str] = set()
    service = design.services.get(api.service or "")
    if service is not None:
        stores.update(service.reads, service.writes, service.owns)
    for name in api.flows:
        stores |= hops.get(name, set())
    return frozenset(stores)


def _names(api: Api) -> tuple[frozenset[str], frozenset[str]]:
    """The values an endpoint receives (parameters, path parameters, request fields), and
    its path parameters alone."""
    owners = frozenset(norm(name) for name in _PATH_PARAM.findall(api.path or ""))
    found = frozenset(norm(name) for name in (*api.params, *body_fields(api.request)))
    return found | owners, owners


def bounded_answers(ctx: Context) -> dict[str, list[Answer]]:
    """Each collection endpoint whose answer the design bounds, by the noun it lists."""
    design = ctx.design
    by_noun: dict[str, list[Answer]] = defaultdict(list)
    hops: dict[str, set[str]] | None = None
    for aid, api in design.apis.items():
        if not is_collection(api):
            continue
        if answer_bound(aid, api) is None:
            continue
        if hops is None:
            hops = _flow_hops(design)
        answer = Answer(_stores(design, api, hops), *_names(api))
        for word in _nouns(api):
            by_noun[word].append(answer)
    return by_noun


def answering(ctx: Context, store: str, query: Query) -> bool:
    """Whether an endpoint whose answer is bounded lists the rows of `query` from `store`."""
    columns = [c.name for c in parse_columns(list(query.equals))]
    return any(
        store in answer.stores and answer.fits(columns)
        for answer in ctx.shared(bounded_answers).get(noun(query.entity), ())
    )
