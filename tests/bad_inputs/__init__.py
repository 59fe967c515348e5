"""Bad inputs: a package, so that its test modules do not clash with tests/ by basename."""
