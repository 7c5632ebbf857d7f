"""The headless command line: the parser and the commands main.py's table runs (thin: each one opens
the vault, calls a use case of services/, prints its result; refusals are one translated line)."""
