"""Allows `python -m designlint`, started as the installed command is (designlint.console)."""

from designlint.console import main

if __name__ == "__main__":
    main()
