"""`kzt-tui schema`: the JSON Schema of the data format, for editors and scripts."""

from __future__ import annotations

import argparse
import sys

from kzt_tui.cli.output import EXIT_OK, emit


def run_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema (draft 2020-12) derived from the loader's field specs."""
    from kzt_tui.core.jsonschema import json_schema_text

    emit(json_schema_text(), sys.stdout)
    return EXIT_OK
