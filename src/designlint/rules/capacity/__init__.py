"""DL2xx: back-of-the-envelope capacity estimates, checked with units."""
