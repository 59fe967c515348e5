"""The event-stream loader reads what PyYAML's safe loader reads, for what PyYAML writes.

`yaml.safe_dump` quotes every string a YAML 1.1 reader would misread, so on its output our
YAML 1.2 reading and PyYAML's YAML 1.1 reading must agree exactly; a difference is a loader bug.
300 derandomized examples per run (in addition to test_properties.py's 2,140).
"""

from __future__ import annotations

import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from designlint.reading.source import load_text

from .conftest import scale

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20)
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(max_size=8), children, max_size=4),
    ),
    max_leaves=25,
)


@settings(max_examples=scale(300))
@given(documents)
@example({"<<": None})  # a quoted "<<" is an ordinary key, not a merge key (found here)
@example({"a\u2028b": 1})  # written raw by PyYAML: refused as an odd line break
@example("0E0")  # written unquoted by PyYAML (text in YAML 1.1), a float in YAML 1.2 (found here)
@example(["1e3", "0o17", "1.0e3"])  # the same family
def test_loader_agrees_with_pyyaml_on_pyyaml_output(data):
    text = yaml.safe_dump(data, allow_unicode=True)
    source = load_text(text)
    if source.problems:  # only the documented refusal of U+0085/U+2028/U+2029 is allowed
        assert [c for c, _ in source.problems] == ["DL001"], source.problems
        assert "U+" in source.problems[0][1].message
        return
    assert same(source.data, yaml.safe_load(text))


def same(ours: object, theirs: object) -> bool:
    """Equal, except the documented YAML 1.1/1.2 gap: PyYAML writes strings such as `0E0`,
    `1e3` or `0o17` unquoted because YAML 1.1 reads them as text; YAML 1.2 reads numbers."""
    if isinstance(ours, dict) and isinstance(theirs, dict):
        return ours.keys() == theirs.keys() and all(same(ours[k], theirs[k]) for k in ours)
    if isinstance(ours, list) and isinstance(theirs, list):
        return len(ours) == len(theirs) and all(map(same, ours, theirs))
    if isinstance(theirs, str) and isinstance(ours, (int, float)) and not isinstance(ours, bool):
        return load_text(theirs).data == ours
    return ours == theirs and type(ours) is type(theirs)
