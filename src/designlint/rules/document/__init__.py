"""DL0xx: the document itself: syntax, schema, references, ids, YAML traps, quantities."""
