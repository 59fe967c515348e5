"""House rules written in config: a model path, a JSON Schema, a message.

`definition` validates a rule table from a config file (locations in that file), `paths` reads
and matches `given` paths with `*` and `**`, `check` runs a rule over a loaded design, and
`register` makes the rules known to the registry, so that selection, suppressions, baselines
and every output format treat them as built-in rules. Nothing here imports `jsonschema` until
a config actually defines a custom rule (`designlint.jsonschemas` is its only importer).
"""
