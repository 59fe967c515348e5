"""Rule families, one package each, one module per rule; importing registers them."""
