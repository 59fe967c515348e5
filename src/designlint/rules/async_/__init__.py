"""DL6xx: caches, queues and fan-out, the deep dive of interview phase 3.

These rules look at the parts of a design that absorb load asynchronously: caches that must stay
bounded in memory, queues whose redeliveries, poison messages and backlogs must be handled, and
the fan-out that turns one write into many. Each is where a design that works in the demo falls
over at real scale, so each rule asks for the one declaration that shows the problem was thought
about.
"""
