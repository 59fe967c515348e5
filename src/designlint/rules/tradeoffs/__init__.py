"""DL8xx: trade-offs and closing, the last phase of the interview.

A strong design names its own weak points before anyone else does, says how each one is
contained, closes with a one-paragraph summary that names the trade-off it accepted, and can
say for every box on the diagram which requirement put it there.
"""
