"""DL5xx: the data model (interview phase 3): schemas, keys, indexed and bounded queries."""
