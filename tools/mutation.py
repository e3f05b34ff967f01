"""Mutation testing of the domain core: `python tools/mutation.py MODULE|all [--survivors]`.

Runs mutmut (the `mutation` extra) on one core module at a time, against the test files that
exercise it (MODULES), with one child process: the machine is shared. Each module gets its
own scratch project under .mutation/MODULE/ (links to kzt_tui, tests, data and seeds, and a
pyproject.toml whose [tool.mutmut] is the repository's plus `only_mutate` and the test
files), so its results are cached between runs and a rerun tests only what changed.
Prints each module's score (killed / mutants, less those bench/MUTATION.md counts out as
equivalent, each with a reason) and, with --survivors, the diff of every surviving mutant;
--only reruns the mutants named. Setup: `.venv/bin/pip install -e ".[test,mutation]"`.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCRATCH = REPO / ".mutation"
RESULTS = REPO / "bench" / "MUTATION.md"

# module name → (source file, the test files that exercise it). No UI tests: they are slow
# and test the shell, not these functions.
MODULES: dict[str, tuple[str, list[str]]] = {
    "textnorm": ("kzt_tui/core/textnorm.py", [
        "tests/core/test_textnorm.py", "tests/core/test_search.py",
        "tests/core/test_filter.py", "tests/core/test_place_names.py",
        "tests/core/test_properties.py", "tests/core/test_lexicon.py",
        "tests/core/test_table_order.py"]),
    "grounding": ("kzt_tui/core/grounding.py", [
        "tests/core/test_grounding.py", "tests/core/test_grounding_exact.py",
        "tests/core/test_load_errors.py", "tests/core/test_context.py"]),
    "yamlsafe": ("kzt_tui/core/loading/yamlsafe.py", [
        "tests/core/test_yamlsafe.py", "tests/core/test_yamlsafe_limits.py",
        "tests/core/test_hostile_yaml.py", "tests/core/test_yamlsafe_bytes.py"]),
    "sentences": ("kzt_tui/core/sentences.py", [
        "tests/core/test_sentences.py", "tests/core/test_sentences_rules.py",
        "tests/core/test_coverage.py"]),
    "coverage": ("kzt_tui/core/coverage.py", [
        "tests/core/test_coverage.py", "tests/core/test_coverage_one.py",
        "tests/cli/test_coverage.py"]),
    "paragraphs": ("kzt_tui/core/paragraphs.py", ["tests/core/test_paragraphs.py"]),
    "ruparse": ("kzt_tui/core/ruparse.py", ["tests/core/test_ruparse.py"]),
    "endates": ("kzt_tui/core/endates.py", ["tests/core/test_endates.py"]),
    "query": ("kzt_tui/core/query.py", [
        "tests/core/test_query.py", "tests/core/test_filter.py", "tests/core/test_table.py",
        "tests/core/test_search.py", "tests/core/test_query_exact.py"]),
    "cite": ("kzt_tui/core/cite.py", [
        "tests/core/test_cite.py", "tests/core/test_cite_exact.py",
        "tests/core/test_cite_titles.py", "tests/core/test_cite_russian.py"]),
    "table": ("kzt_tui/core/table.py", [
        "tests/core/test_table.py", "tests/core/test_table_exact.py"]),
    "columns": ("kzt_tui/core/columns.py", [
        "tests/core/test_table.py", "tests/core/test_filter.py", "tests/core/test_columns.py",
        "tests/core/test_columns_exact.py", "tests/core/test_measured_columns.py",
        "tests/core/test_russian_cells.py", "tests/core/test_table_exact.py",
        "tests/core/test_table_order.py"]),
    # search: not the slow tests (a brute-force ranking over the shipped data), which made
    # a run of its 503 mutants take over half an hour; test_search_exact pins the ranking.
    "search": ("kzt_tui/core/search.py", [
        "tests/core/test_search.py", "tests/core/test_snippets.py",
        "tests/core/test_statements.py", "tests/core/test_search_exact.py",
        "tests/core/test_search_multi.py",
        "-m", "not slow"]),
    "lexicon": ("kzt_tui/core/lexicon.py", [
        "tests/core/test_lexicon.py", "tests/core/test_wordforms.py"]),
    "wordforms": ("kzt_tui/core/wordforms.py", [
        # the help filter's tests call its plain functions (no app): fast, like core's
        "tests/core/test_wordforms.py", "tests/ui/test_help_filter.py"]),
    "stamps": ("kzt_tui/core/stamps.py", ["tests/core/test_stamps.py"]),
    "palette": ("kzt_tui/core/palette.py", ["tests/core/test_palette.py"]),
    "shipped": ("kzt_tui/core/shipped.py", [
        "tests/cli/test_shipped.py", "tests/core/test_shipped_copy.py",
        "tests/core/test_curate.py"]),
    "store": ("kzt_tui/core/curate/store.py", [
        "tests/core/test_curate.py", "tests/core/test_curate_exact.py",
        "tests/cli/test_curate_hostile.py", "tests/cli/test_add_source.py",
        "tests/cli/test_shipped.py", "tests/core/test_curate_form.py",
        "tests/core/test_curate_form_nulls.py", "tests/core/test_curate_sources.py",
        "tests/core/test_curate_edit.py"]),
    "edit": ("kzt_tui/core/curate/edit.py", ["tests/core/test_curate_edit.py"]),
    "editform": ("kzt_tui/core/curate/editform.py", ["tests/core/test_curate_edit.py"]),
    # render: also the tests that write through the store (add-source, null bounds, the
    # hostile folders) and marks.yaml's (its tags and note are render.scalar's)
    "render": ("kzt_tui/core/curate/render.py", [
        "tests/core/test_curate.py", "tests/core/test_curate_exact.py",
        "tests/core/test_curate_form.py", "tests/core/test_curate_form_nulls.py",
        "tests/core/test_curate_sources.py", "tests/cli/test_add_source.py",
        "tests/cli/test_curate_hostile.py", "tests/core/test_marks.py",
        "tests/core/test_marks_exact.py"]),
    "journal": ("kzt_tui/core/curate/journal.py", [
        "tests/core/test_curate.py", "tests/core/test_curate_exact.py",
        "tests/cli/test_curate_hostile.py"]),
    "form": ("kzt_tui/core/curate/form.py", [
        "tests/core/test_curate_form.py", "tests/core/test_curate_form_exact.py",
        "tests/core/test_curate_form_nulls.py"]),
    "ownfile": ("kzt_tui/core/curate/ownfile.py", [
        "tests/core/test_curate.py", "tests/core/test_curate_exact.py",
        "tests/cli/test_curate_hostile.py"]),
    # sources: also add-source's dateline through the CLI (read8's), and the curate tests
    # that add a source in-process (the journal's and the hostile folders')
    "sources": ("kzt_tui/core/curate/sources.py", [
        "tests/cli/test_add_source.py", "tests/core/test_curate_sources.py",
        "tests/core/test_curate_sources_dateline.py", "tests/cli/test_add_source_dateline.py",
        "tests/core/test_curate_exact.py", "tests/cli/test_curate_hostile.py"]),
    "selection": ("kzt_tui/core/selection.py", ["tests/core/test_selection.py"]),
    "values": ("kzt_tui/core/loading/values.py", [
        "tests/core/test_values.py", "tests/core/test_load_errors.py"]),
    "validate": ("kzt_tui/core/loading/validate.py", [
        "tests/core/test_validate_exact.py", "tests/core/test_load_errors.py",
        "tests/core/test_validate_sections.py"]),
    # core/export/: a row per file (export.__init__ is the registry), so each has its own
    # score and a rerun after one format's change mutates only that file.
    **{f"export.{name}": (f"kzt_tui/core/export/{name}.py", [
        "tests/core/test_export.py", "tests/core/test_export_formats.py",
        "tests/core/test_export_exact.py", "tests/core/test_export_marks_exact.py",
        "tests/cli/test_export.py", "tests/cli/test_export_marks.py"])
       for name in ("as_csv", "as_json", "as_markdown", "as_bibtex", "as_csl", "as_sqlite",
                    "bibliography", "common", "__init__")},
    # loading/part.py is a frozen dataclass without code: no mutants, so no row.
    "context": ("kzt_tui/core/loading/context.py", [
        "tests/core/test_context.py", "tests/core/test_load_errors.py",
        "tests/core/test_parts.py", "tests/core/test_hostile_yaml.py",
        "tests/core/test_cache.py", "tests/core/test_validate_exact.py"]),
    "crossfile": ("kzt_tui/core/loading/crossfile.py", [
        "tests/core/test_crossfile.py", "tests/core/test_parts.py",
        "tests/core/test_load_errors.py", "tests/core/test_hostile_yaml.py",
        "tests/core/test_cache.py", "tests/core/test_added_citations.py"]),
    # the loader: not tests/cli/test_hostile_folders.py (a subprocess per example, a
    # minute in all, and mutmut sees no function it calls); test_hostile_fs.py only for
    # files (its timed include test fails under mutmut's trampolines on a busy machine)
    "files": ("kzt_tui/core/loading/files.py", [
        "tests/core/test_hostile_fs.py", "tests/core/test_parts.py",
        "tests/core/test_load_errors.py", "tests/core/test_load_files_exact.py"]),
    "checkfile": ("kzt_tui/core/loading/checkfile.py", [
        "tests/core/test_load_errors.py", "tests/core/test_parts.py",
        "tests/core/test_load_check_exact.py", "tests/core/test_added_citations.py",
        "tests/core/test_yamlsafe_bytes.py"]),
    # additions, merge: also the curate tests, which write added citations and load them back
    "additions": ("kzt_tui/core/loading/additions.py", [
        "tests/core/test_added_citations.py", "tests/core/test_curate.py",
        "tests/core/test_curate_exact.py", "tests/core/test_load_check_exact.py"]),
    "merge": ("kzt_tui/core/loading/merge.py", [
        "tests/core/test_added_citations.py", "tests/core/test_curate.py",
        "tests/core/test_curate_exact.py", "tests/core/test_load_check_exact.py"]),
    "dataset": ("kzt_tui/core/loading/dataset.py", [
        "tests/core/test_load_errors.py", "tests/core/test_parts.py",
        "tests/core/test_cache.py", "tests/core/test_load_dataset_exact.py",
        "tests/core/test_load_dataset_paths.py", "tests/core/test_start_worker_exact.py",
        "tests/core/test_load_later.py", "tests/core/test_added_citations.py"]),
    "atomic": ("kzt_tui/core/atomic.py", [
        "tests/core/test_atomic.py", "tests/core/test_export.py", "tests/cli/test_output.py"]),
    # ranking: not the 100x corpus (half a minute to build, per run); test_ranking pins
    # each function exactly and test_search_early compares with the slow path.
    "ranking": ("kzt_tui/core/ranking.py", [
        "tests/core/test_ranking.py", "tests/core/test_search_early.py",
        "tests/core/test_search.py", "-m", "not slow", "-k", "not 100x and not cross_buckets"]),
    "picking": ("kzt_tui/core/picking.py", ["tests/core/test_picking.py"]),
    "cache": ("kzt_tui/core/loading/cache.py", [
        "tests/core/test_cache.py", "tests/core/test_cache_exact.py"]),
    # workers: not the tests on a generated corpus (seconds each, per mutant)
    "workers": ("kzt_tui/core/loading/workers.py", [
        "tests/core/test_workers.py", "tests/core/test_workers_exact.py",
        "tests/core/test_start_worker_exact.py",
        "-k", "not generated_corpus and not how_many_files"]),
    "marks": ("kzt_tui/core/marks.py", [
        "tests/core/test_marks.py", "tests/core/test_marks_exact.py"]),
    "anchors": ("kzt_tui/core/anchors.py", [
        "tests/core/test_reanchor.py", "tests/core/test_anchors_exact.py"]),
    "reanchor": ("kzt_tui/core/reanchor.py", [
        "tests/core/test_reanchor.py", "tests/core/test_reanchor_exact.py"]),
    # snippets: not the slow test (a 2.4 MB line scanned word by word under the trampoline
    # made the run take ~745 s); test_the_character_window_at_its_boundaries and the
    # window-edge tests of test_snippets_exact pin the bounded neighbourhood exactly.
    "snippets": ("kzt_tui/core/snippets.py", [
        "tests/core/test_snippets.py", "tests/core/test_snippets_exact.py",
        "tests/core/test_snippets_field.py", "tests/core/test_search_exact.py",
        "tests/core/test_wordforms.py", "-m", "not slow"]),
    "describe": ("kzt_tui/core/describe.py", [
        "tests/core/test_describe_exact.py", "tests/core/test_sections.py",
        "tests/core/test_topics.py", "tests/core/test_statements.py",
        "tests/core/test_filter.py", "tests/core/test_russian_cells.py"]),
    "compare": ("kzt_tui/core/compare.py", [
        "tests/core/test_compare.py", "tests/core/test_compare_exact.py"]),
    "model": ("kzt_tui/core/model.py", [
        "tests/core/test_sections.py", "tests/core/test_statements.py",
        "tests/core/test_cite_exact.py", "tests/core/test_model_exact.py"]),
    "corpus": ("kzt_tui/core/corpus.py", [
        "tests/core/test_sections.py", "tests/core/test_statements.py",
        "tests/core/test_describe_exact.py", "tests/core/test_compare_exact.py",
        "tests/core/test_corpus_exact.py"]),
    # jsonschema: not the pre-commit hooks' test (it reads .pre-commit-hooks.yaml, which the
    # scratch project lacks, and runs `check`, not the schema)
    "jsonschema": ("kzt_tui/core/jsonschema.py", [
        "tests/core/test_jsonschema.py", "tests/core/test_jsonschema_exact.py",
        "-k", "not pre_commit_hooks"]),
    "topics": ("kzt_tui/core/topics.py", [
        "tests/core/test_topics.py", "tests/core/test_topic_view.py",
        "tests/core/test_topics_exact.py"]),
    "problems": ("kzt_tui/core/problems.py", [
        "tests/core/test_values.py", "tests/core/test_load_errors.py",
        "tests/core/test_problems_exact.py"]),
    "schema": ("kzt_tui/core/schema.py", [
        "tests/core/test_topics.py", "tests/core/test_schema_exact.py",
        "tests/core/test_schema_days.py"]),
    "i18n": ("kzt_tui/core/i18n.py", ["tests/core/test_i18n_exact.py"]),
    "paths": ("kzt_tui/core/paths.py", ["tests/core/test_paths_exact.py"]),
    # not core, but logic a test can run without a UI: the start's dataclass code cache
    # (widgets/_compat.py has no row: bench/MUTATION.md says why)
    "code_cache": ("kzt_tui/system/code_cache.py", [
        "tests/cli/test_code_cache.py", "tests/cli/test_code_cache_exact.py"]),
}  # fmt: skip

_LINKED = ("kzt_tui", "tests", "data", "seeds")
# mutmut's exit codes for a mutant the tests detect: a failing run (3: pytest's internal
# error), or one stopped for taking far longer than the clean run (a mutant that loops).
_KILLED = {1, 3, 24, -24, 36, 152, 255}
# A mutant counted out is one line of RESULTS: "- `kzt_tui.core.….x_f__mutmut_3`: why".
_COUNTED_OUT = re.compile(r"^- `(kzt_tui\.[\w.]+__mutmut_\d+)`: \S", re.MULTILINE)


def counted_out() -> set[str]:
    """The mutants bench/MUTATION.md counts out (equivalent or unreachable), each with why."""
    text = RESULTS.read_text("utf-8") if RESULTS.exists() else ""
    return set(_COUNTED_OUT.findall(text))


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"no TOML for {value!r}")


def _pyproject(source: str, tests: list[str]) -> str:
    """The scratch project's pyproject.toml: pytest's settings and mutmut's, narrowed."""
    tool = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"]
    mutmut = dict(tool["mutmut"])
    mutmut["source_paths"] = ["kzt_tui"]
    mutmut["only_mutate"] = [source]
    mutmut["pytest_add_cli_args_test_selection"] = tests
    out = []
    for name, table in (("tool.pytest.ini_options", tool["pytest"]["ini_options"]),
                        ("tool.mutmut", mutmut)):
        out.append(f"[{name}]")
        out += [f"{key} = {_toml_value(value)}" for key, value in table.items()]
        out.append("")
    return "\n".join(out)


def prepare(name: str) -> Path:
    """The scratch project for one module (made or refreshed); returns its folder."""
    source, tests = MODULES[name]
    folder = SCRATCH / name
    folder.mkdir(parents=True, exist_ok=True)
    for entry in _LINKED:
        link = folder / entry
        if not link.is_symlink():
            link.symlink_to(REPO / entry, target_is_directory=True)
    (folder / "pyproject.toml").write_text(_pyproject(source, tests), encoding="utf-8")
    # mutmut copies the tests once; copy them again so edited tests count.
    copied = folder / "mutants" / "tests"
    if copied.exists():
        subprocess.run(["rm", "-rf", str(copied)], check=True)
    return folder


def score(folder: Path, source: str) -> tuple[int, int, list[str]]:
    """(killed, total, surviving mutant names) from mutmut's record of one module, leaving
    out the mutants bench/MUTATION.md counts out."""
    meta = json.loads((folder / "mutants" / f"{source}.meta").read_text("utf-8"))
    out = counted_out()
    codes = {k: c for k, c in meta["exit_code_by_key"].items() if k not in out}
    killed = sum(1 for code in codes.values() if code in _KILLED)
    survivors = sorted(k for k, code in codes.items() if code not in _KILLED)
    return killed, len(codes), survivors


def stale(codes: dict[str, int], listed: set[str], source: str) -> list[str]:
    """The count-outs of `source`'s mutants that cannot be equivalent: killed by the tests, or
    no mutant of this run's. A name is a place in its function (x_f__mutmut_3): a change
    above it in that function gives it to another mutant, and the count-out then drops
    that one silently."""
    prefix = source.removesuffix(".py").removesuffix("/__init__").replace("/", ".") + "."
    ours = {k for k in listed if k.startswith(prefix) and k[len(prefix):][:2] in ("x_", "xǁ")}
    return sorted(k for k in ours if codes.get(k) in _KILLED or k not in codes)


def run(name: str, show: bool, only: list[str] | None = None) -> tuple[int, int, float]:
    """Run mutmut on one module (or on the mutants named by `only`, glob patterns); print
    and return (killed, total, seconds)."""
    source, _ = MODULES[name]
    folder = prepare(name)
    env = {**os.environ, "KZT_HYPOTHESIS_PROFILE": "mutation"}
    mutmut = Path(sys.executable).parent / "mutmut"
    start = time.monotonic()
    done = subprocess.run([str(mutmut), "run", "--max-children", "1", *(only or [])],
                          cwd=folder, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:  # e.g. a test that fails without any mutant: show why
        sys.exit(f"mutmut failed on {name}:\n" + "\n".join(done.stdout.splitlines()[-30:])
                 + done.stderr)
    seconds = time.monotonic() - start
    killed, total, survivors = score(folder, source)
    percent = 100 * killed / total if total else 100.0
    print(f"{name}: {killed}/{total} killed ({percent:.1f} %) in {seconds:.0f} s,"
          " counting out the mutants bench/MUTATION.md lists")
    meta = json.loads((folder / "mutants" / f"{source}.meta").read_text("utf-8"))
    for mutant in stale(meta["exit_code_by_key"], counted_out(), source):
        print(f"  counted out but killed or gone (renumbered? see its diff): {mutant}")
    for mutant in survivors:
        print(f"  survived: {mutant}")
        if show:
            diff = subprocess.run([str(mutmut), "show", mutant], cwd=folder, env=env,
                                  capture_output=True, text=True, check=False).stdout
            print("    " + diff.strip().replace("\n", "\n    "))
    return killed, total, seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("module", choices=[*MODULES, "all"])
    parser.add_argument("--survivors", action="store_true", help="show each survivor's diff")
    parser.add_argument("--only", nargs="+", metavar="MUTANT",
                        help="rerun just these mutants (names or globs, as mutmut prints them)")
    args = parser.parse_args(argv)
    names = list(MODULES) if args.module == "all" else [args.module]
    for name in names:  # one at a time: the machine is shared
        run(name, args.survivors, args.only)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
