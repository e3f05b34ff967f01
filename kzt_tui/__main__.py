"""`python -m kzt_tui` and the `kzt-tui` command: the command line (cli.main), started with
the cyclic garbage collector paused (system/start_gc.py) and dataclasses' methods taken
from compiled code kept beside the byte code (system/code_cache.py); the explorer's CSS,
parsed, is kept there too (system/css_cache.py, installed by the explorer's run)."""

from kzt_tui.system import code_cache, css_cache, start_gc


def start() -> int:
    """Run the command line, the collector paused from here to the explorer's first frame
    (screens/explorer.py) or to the command's run (cli.main); then keep any dataclass code
    this run had to compile, and any CSS the explorer had to parse."""
    start_gc.pause()
    code_cache.install()
    try:
        from kzt_tui.cli import main

        return main()
    finally:
        code_cache.save()
        css_cache.save()


if __name__ == "__main__":
    raise SystemExit(start())
