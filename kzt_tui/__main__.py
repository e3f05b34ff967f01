"""`python -m kzt_tui` runs the command line."""

from kzt_tui.cli import main

raise SystemExit(main())
