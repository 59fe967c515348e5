"""Architecture diagrams: a pure plan, then DOT, Mermaid, or images through `diagrams`."""
