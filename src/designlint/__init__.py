"""designlint: lint system designs written as YAML, and draw them."""

__version__ = "0.1.0"
