"""The loader keeps one string object per distinct text in a document.

An id is declared as a key (`services: {timeline: ...}`) and referenced as a value elsewhere
(`calls: [timeline]`); when both are the same object, every lookup of a reference in a table of
ids (the graph's walk, DL003, store ownership) matches by identity instead of comparing the two
texts, which on the 10,000-service design of `bench/` is a fifth of the graph rules' time and
46 MiB of memory (bench/README.md). Positions are kept by model path, never by object, so
sharing an object changes nothing a finding reports.
"""

from __future__ import annotations

from designlint.reading.load import validate
from designlint.reading.source import load_text

TEXT = """\
designlint: 1
name: strings
services:
  timeline:
    calls: [users, "users"]
  users:
    calls: ['timeline']
    reads: [users-db]
datastores:
  users-db:
    kind: relational
    owner: users
x-words:
  - null
  - "null"
  - true
  - timeline
"""


def test_a_key_and_its_references_are_one_object():
    data = load_text(TEXT).data
    services = data["services"]
    (users_key,) = [k for k in services if k == "users"]
    (timeline_key,) = [k for k in services if k == "timeline"]
    plain, quoted = services["timeline"]["calls"]
    assert plain is users_key and quoted is users_key
    assert services["users"]["calls"][0] is timeline_key
    assert data["datastores"]["users-db"]["owner"] is users_key
    assert data["x-words"][3] is timeline_key


def test_words_still_resolve_and_quoted_words_stay_text():
    words = load_text(TEXT).data["x-words"]
    assert words[0] is None and words[1] == "null" and words[2] is True


def test_the_validated_design_keeps_the_shared_objects():
    design, problems = validate(load_text(TEXT))
    assert design is not None and not problems, problems
    (users_key,) = [k for k in design.components if k == "users"]
    assert design.services["timeline"].calls[0] is users_key
    assert design.datastores["users-db"].owner is users_key
