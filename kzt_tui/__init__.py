"""kzt-tui: a keyboard-first terminal explorer of source-grounded facts."""

__version__ = "0.1.0"
