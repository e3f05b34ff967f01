"""`python -m kzt_tui` and the `kzt-tui` command: the command line (cli.main), started with
the cyclic garbage collector paused (system/start_gc.py)."""

from kzt_tui.system import start_gc


def start() -> int:
    """Run the command line, the collector paused from here to the explorer's first frame
    (screens/explorer.py) or to the command's run (cli.main)."""
    start_gc.pause()
    from kzt_tui.cli import main

    return main()


if __name__ == "__main__":
    raise SystemExit(start())
