"""`python -m bench.paint [kzt-tui options]`: kzt-tui's first paint, through bench/paint_probe.py.

The app is the one `kzt-tui` runs, built by the CLI's own factory
(kzt_tui.cli.explorer.make_app) and ended the same way (exit_code); only the probe and
the headless driver are added here.
"""

from __future__ import annotations

import sys

from bench import paint_probe


def main(argv: list[str]) -> int:
    """Run kzt-tui with `argv` as its options, headless, until the probe has reported."""
    from kzt_tui.cli import EXIT_DATA, build_parser, exit_code, make_app

    app = make_app(build_parser().parse_args(argv))
    if app is None:
        return EXIT_DATA
    paint_probe.run(
        app, lambda: app.screen is app.explorer and bool(app.explorer.fact_list.rows),
        lambda: not app.session.loading,
    )
    return exit_code(app)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
