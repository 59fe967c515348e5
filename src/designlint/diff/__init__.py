"""`designlint diff`: what a change did to a design, for reviewers of pull requests.

Two versions of a design (two files, or the working tree against a git ref) are each linted and
evaluated once; then findings are matched by fingerprint (new, fixed, unchanged), estimates and
flows are compared number by number, and the structure is compared from the model (elements,
edges, ownership), never from text lines. `sides` loads a version, `findings`, `numbers` and
`structure` compare, `compare` puts one pair together, `git` finds the pairs in a repository,
and `text`, `json_`, `markdown` render the result.
"""
