"""DL3xx: the API contract, the second phase of the interview.

Defining the endpoints of the core flows before the backend proves contract-first thinking:
versioned paths, request and response schemas, every endpoint routed to a service, and list
endpoints that page with a cursor and a bounded page size.

The helpers below are shared by the rules of this family. They recognise parameters and
response fields by name, normalised (lower case, `_` and `-` removed), so that `page_size`,
`pageSize` and `page-size` are the same name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from designlint.answer_bounds import stated_bound
from designlint.model.components import Api, Body

# `tweet[]`, `list[tweet]`, `List<Tweet>`, `array`, `array[tweet]`.
_ARRAY_TYPE = re.compile(r".*\[\]\s*|(?:list|array|set)\s*[\[<].*|array|list", re.I)

# A path whose last segment is a parameter (`/events/{id}`) names one resource.
_ENDS_IN_PARAM = re.compile(r"/\{[^/{}]+\}/?$")

# Offset paging: the server skips N rows on every page.
OFFSET_PARAMS = frozenset(
    {"offset", "page", "skip", "pagenumber", "pagenum", "pageno", "pageindex", "startindex"}
)
# Cursor (keyset) paging: the client hands back a position the server can seek to.
CURSOR_PARAMS = frozenset(
    {
        "after",
        "before",
        "sinceid",
        "maxid",
        "startingafter",
        "endingbefore",
        "lastseenid",
        "pagetoken",
        "nexttoken",
        "continuationtoken",
        "continuation",
    }
)
NEXT_FIELDS = frozenset(
    {"next", "nexttoken", "nextpagetoken", "continuationtoken", "nextid", "nextkey"}
)
LIMIT_PARAMS = frozenset(
    {"limit", "pagesize", "perpage", "count", "size", "maxresults", "first", "top", "take"}
)

# A ranking cut's size: `?count=10`, `?k=5`, `?top_n=3`.
SIZE_PARAMS = LIMIT_PARAMS | {"k", "n", "topk", "topn", "num"}
# Words of an endpoint's id, name or path that say it answers with a ranking cut (a top N).
RANKING_WORDS = frozenset(
    {"top", "popular", "trending", "leaderboard", "leaderboards", "ranking", "rankings", "hottest"}
)
# `top` in `top-level` and `top-up` ranks nothing.
_NOT_RANKING_AFTER_TOP = frozenset({"level", "up", "ups"})


def norm(name: str) -> str:
    """A parameter name compared without case, `_` or `-`."""
    return name.lower().replace("_", "").replace("-", "")


@lru_cache(maxsize=4096)
def is_array_type(type_: str) -> bool:
    """Whether a schema type names a list of things (cached by text: a big design repeats a
    few field types on every endpoint, and DL301-DL303 each ask)."""
    return bool(_ARRAY_TYPE.fullmatch(type_.strip()))


def body_fields(body: dict[str, str] | Body | None) -> dict[str, str]:
    """A body's fields with their types: as written, or read from a JSON Schema's properties
    (an array-typed property reads as `item[]`; a top-level array as one field `[]`)."""
    if body is None or isinstance(body, dict):
        return body or {}
    schema = body.schema_
    if not isinstance(schema, dict):
        return {}
    if schema.get("type") == "array":
        return {"[]": "item[]"}
    props = schema.get("properties")
    if not isinstance(props, dict):
        return {}
    return {str(name): _schema_type(sub) for name, sub in props.items()}


def _schema_type(schema: object) -> str:
    kind = schema.get("type") if isinstance(schema, dict) else None
    if kind == "array":
        return "item[]"
    return kind if isinstance(kind, str) else "any"


def is_collection(api: Api) -> bool:
    """`collection:` when given, else whether any response field is array-typed, unless the
    path ends in a parameter (`/events/{id}`): that names one resource, whose arrays (an
    event's tickets) are its parts, not a list to page."""
    if api.collection is not None:
        return api.collection
    if api.path is not None and _ENDS_IN_PARAM.search(api.path):
        return False
    return any(is_array_type(t) for t in body_fields(api.response).values())


def offset_params(api: Api) -> list[str]:
    """The parameters that page by skipping rows, on collection endpoints only.

    On an endpoint returning one object, `offset` means something else (seconds into a
    video, a byte into a file). A declared `pagination` (other than `none`) says the endpoint
    pages, which makes it a collection whatever its response looks like.
    """
    paged = api.pagination is not None and api.pagination.style != "none"
    if api.collection is False or not (paged or is_collection(api)):
        return []
    return [p for p in api.params if norm(p) in OFFSET_PARAMS]


def offset_style(api: Api) -> bool:
    """Whether the declared pagination style is offset or page numbers."""
    return api.pagination is not None and api.pagination.style in ("offset", "page")


def pages_by_offset(api: Api) -> bool:
    """What DL301 reports: offset parameters or an offset/page pagination style."""
    return bool(offset_params(api)) or (api.collection is not False and offset_style(api))


def cursor_param(api: Api) -> str | None:
    """The request parameter carrying the cursor, declared or recognised by name."""
    if api.pagination is not None and api.pagination.cursor_param:
        return api.pagination.cursor_param
    for name in api.params:
        key = norm(name)
        if "cursor" in key or key in CURSOR_PARAMS:
            return name
    return None


def next_cursor_field(api: Api) -> str | None:
    """The response field carrying the next cursor, declared or recognised by name."""
    if api.pagination is not None and api.pagination.next_cursor_field:
        return api.pagination.next_cursor_field
    for name in body_fields(api.response):
        key = norm(name)
        if "cursor" in key or key in NEXT_FIELDS:
            return name
    return None


def limit_param(api: Api) -> str | None:
    """The request parameter bounding the page size, declared or recognised by name."""
    if api.pagination is not None and api.pagination.limit_param:
        return api.pagination.limit_param
    for name in api.params:
        if norm(name) in LIMIT_PARAMS:
            return name
    return None


def is_paginated(api: Api) -> bool:
    """Whether an endpoint pages at all, by cursor or by offset."""
    if api.pagination is not None and api.pagination.style != "none":
        return True
    if not is_collection(api):
        return False
    return bool(pages_by_offset(api) or cursor_param(api) or next_cursor_field(api))


def identifier_words(*names: str | None) -> list[str]:
    """Identifiers (`getTopTen`, `/v1/popular_ads`, `get-top-ten`) as lower-case words."""
    text = " ".join(n for n in names if n)
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", text)
    return [w for w in re.split(r"[^a-z0-9]+", text.lower()) if w]


def _ranking(words: list[str]) -> bool:
    for i, word in enumerate(words):
        if word == "top" and i + 1 < len(words) and words[i + 1] in _NOT_RANKING_AFTER_TOP:
            continue
        if word in RANKING_WORDS:
            return True
    return False


def answer_bound(aid: str, api: Api) -> str | None:
    """Why an endpoint's answer is bounded without paging, in words for a message; None when
    nothing bounds it.

    Its description, id, name, path or signature states the bound in words (`exactly the
    top 10`, `a handful per user`, `at most 50`: see `designlint.answer_bounds`), or it is a ranking
    cut (`top`, `popular`, `trending`, `leaderboard`... in its id, name or path) whose size
    is a request parameter (`count`, `limit`, `k`, `n`). An endpoint that takes or returns a
    cursor means to page, so nothing it says bounds it.
    """
    if cursor_param(api) is not None or next_cursor_field(api) is not None:
        return None
    words = identifier_words(aid, api.name, api.path, api.signature)
    said = stated_bound(api.description) or stated_bound(" ".join(words))
    if said:
        return f"`{said}`"
    if _ranking(words):
        size = next((p for p in api.params if norm(p) in SIZE_PARAMS), None)
        if size is not None:
            return f"a ranking cut of `{size}` items"
    return None
