"""Reading files: bytes on disk to plain data with positions, and plain data to a design.

`files` is the one door every file comes through (designs, config files, baselines): regular
files only, size caps, decoding with the bad byte located, nesting and number limits for JSON
and TOML. `source` decodes and parses YAML into plain data and a source map (a line and column
for every key and value) under size, depth and node limits; `load` validates that data into
the typed model and turns pydantic errors into located findings (`version` judges how the
format version is written); `discover` expands the paths and folders given on the command line
into design files.
"""
