"""Allows `python -m designlint`."""

from designlint.cli import main

if __name__ == "__main__":
    main()
