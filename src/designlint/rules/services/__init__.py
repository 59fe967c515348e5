"""DL4xx: services and architecture (interview phase 2): ownership, naming, cycles, entry points."""
