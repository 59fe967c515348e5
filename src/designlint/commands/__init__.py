"""One module per CLI command, each exposing `command`; imported lazily by `designlint.cli`."""
