"""The event-stream loader reads what PyYAML's safe loader reads, for what PyYAML writes.

`yaml.safe_dump` quotes every string a YAML 1.1 reader would misread, so on its output our
YAML 1.2 reading and PyYAML's YAML 1.1 reading must agree exactly; a difference is a loader bug.
300 derandomized examples per run (in addition to test_properties.py's 2,140).
"""

from __future__ import annotations

import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from designlint.source import load_text

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
def test_loader_agrees_with_pyyaml_on_pyyaml_output(data):
    text = yaml.safe_dump(data, allow_unicode=True)
    source = load_text(text)
    if source.problems:  # only the documented refusal of U+0085/U+2028/U+2029 is allowed
        assert [c for c, _ in source.problems] == ["DL001"], source.problems
        assert "U+" in source.problems[0][1].message
        return
    assert source.data == yaml.safe_load(text)
