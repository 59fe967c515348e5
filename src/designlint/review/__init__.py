"""The design-review report (`designlint report`): one gathered record, two renderings.

`data.gather` does all the work that can fail or that needs the design (lint, phase scores,
capacity table, diagram); `html.render` and `markdown.render` only format that record, so the
two outputs always show the same content. The output formats of `check` live in
`designlint.formats`; this folder is the document a design review reads.
"""
