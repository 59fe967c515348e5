"""Everything with units: the quantities a design states and the arithmetic that checks them.

`quantity` reads whiteboard quantities (`5k/s`, `30 GB`, `99.9%`) into seconds, bytes and
percent; `units` (with `units.txt`) is the small pint registry; `unitfmt` prints quantities for
people; `expr` parses estimate expressions and `arith` evaluates them; `estimates` orders and
checks a design's estimates; `capacity` holds the derived figures (latency sums, availability
composition, cache and fan-out capacity) that rules and reports share.
"""
