"""A `check` worker's CPU per data file, in process, split into what issue 18 asks about.

    python -m bench.profile_check CORPUS [FILES] [ROUNDS] [SKIP]

CORPUS is a folder `bench/corpus.py` wrote (`python -m bench.corpus 100 /tmp/c100`). Of its
data/parts/*.yaml (sorted), FILES (default 20) after the first SKIP (default 20) are
read into memory; each
figure is the least CPU time (time.process_time) of ROUNDS (default 5) passes over them,
with the cyclic collector off as a worker has it, in ms per file:

- libyaml: libyaml's parse alone (CParser.raw_parse: it makes no Python object);
- events: the parser's Python events (get_event to the end of the stream), libyaml in it;
- parse: yamlsafe.parse (the tree with its places), the events in it;
- checks: FileChecker.check and finish with each file's text and tree served from memory
  (its decode and parse taken out; the trees made anew, untimed, before each round), the
  grounding of the quotes in it;
- grounding: the part of checks spent in grounding.ground;
- store: PartCache.put of each clean part (into a temporary folder);
- worker: workers._check_batch over the files, as a worker runs a batch (read, decode,
  parse, check, key, store).

and the counts, per file, of the parser's events and of mapping keys. Run it under `nice`:
the figures are in-process CPU, for before/after pairs run back to back, not a terminal's.
"""

from __future__ import annotations

import gc
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

from kzt_tui.core.loading import checkfile, context, workers
from kzt_tui.core.loading.cache import PartCache
from kzt_tui.core.loading.checkfile import FileChecker
from kzt_tui.core.loading.files import decode_data
from kzt_tui.core.loading.yamlsafe import PList, PMap, parse


def least_ms(run: Callable[[], object], rounds: int, files: int,
             setup: Callable[[], object] | None = None) -> float:
    """The least CPU ms per file of `rounds` calls of `run` (over `files` files), each after
    `setup` (not timed), the collector off while it runs and a collection after each."""
    best = float("inf")
    for _ in range(rounds):
        if setup is not None:
            setup()
        gc.disable()
        try:
            start = time.process_time()
            run()
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
        gc.collect()
    return round(best * 1000 / files, 2)


def count_keys(value: Any) -> int:
    """Mapping keys in a parsed tree, at any depth."""
    if isinstance(value, PMap):
        return len(value) + sum(count_keys(v) for v in value.values())
    if isinstance(value, PList):
        return sum(count_keys(v) for v in value)
    return 0


def measure(corpus: Path, files: int = 20, rounds: int = 5, skip: int = 20) -> dict[str, Any]:
    """The figures of the module's docstring for `files` part files of `corpus`, after its
    first `skip`."""
    import yaml
    from yaml import _yaml  # type: ignore[attr-defined]  # libyaml's binding

    paths = sorted((corpus / "data" / "parts").glob("*.yaml"))[skip:skip + files]
    if not paths:
        raise SystemExit(f"{corpus}/data/parts has no file past the first {skip}")
    shown = [str(p.relative_to(corpus)) for p in paths]
    raws = [p.read_bytes() for p in paths]
    texts = [decode_data(raw, name) for raw, name in zip(raws, shown, strict=True)]
    top = FileChecker(corpus)
    top_part = top.check(0, "data/curated.yaml", (corpus / "data" / "curated.yaml").read_bytes(),
                         top=True)
    assert top_part is not None
    docs = {doc_id: (file, "data/curated.yaml") for doc_id, file in top_part.docs}
    # the checks get each file's text and tree from memory, by the identity of its bytes:
    # no decode, no parse, no hash of a new copy of the text; the trees are made anew
    # before each round, as a worker's are (a string seen before has its hash, and is
    # interned already: a second round over the same trees would pay for neither)
    decoded = {id(raw): text for raw, text in zip(raws, texts, strict=True)}
    trees: dict[int, Any] = {}

    def new_trees() -> None:
        trees.clear()
        trees.update((id(text), parse(text)) for text in texts)
    n = len(paths)

    def libyaml() -> None:
        for text in texts:
            parser = _yaml.CParser(text)
            parser.raw_parse()
            parser.dispose()

    def events() -> None:
        end = yaml.StreamEndEvent
        for text in texts:
            parser = _yaml.CParser(text)
            get = parser.get_event
            while type(get()) is not end:
                pass
            parser.dispose()

    def parsed() -> None:
        for text in texts:
            parse(text)

    checked: list[tuple[int, Any]] = []

    def checks() -> None:
        checker = FileChecker(corpus)
        checker.seed(docs)
        for index, (raw, name) in enumerate(zip(raws, shown, strict=True)):
            checker.check(index, name, raw, top=False)
        checked[:] = checker.finish()

    spent = [0.0]
    ground = context.ground

    def timed_ground(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return ground(*args, **kwargs)
        finally:
            spent[0] += time.process_time() - start

    def grounding() -> None:
        spent[0] = 0.0
        checks()

    by_raw = {id(raw): id(text) for raw, text in zip(raws, texts, strict=True)}
    with mock.patch.object(checkfile, "decode_data", lambda raw, _: decoded[id(raw)]), \
            mock.patch.object(checkfile, "parse", lambda text: trees[id(text)]), \
            mock.patch.object(checkfile, "parse_utf8", lambda raw: trees[by_raw[id(raw)]],
                              create=True):  # (before check7, checks read the text)
        out: dict[str, Any] = {
            "files": n,
            "libyaml": least_ms(libyaml, rounds, n),
            "events": least_ms(events, rounds, n),
            "parse": least_ms(parsed, rounds, n),
            "checks": least_ms(checks, rounds, n, new_trees),
        }
        with mock.patch.object(context, "ground", timed_ground):
            least_ms(grounding, 1, n, new_trees)
        out["grounding"] = round(spent[0] * 1000 / n, 2)
    temp = Path(tempfile.mkdtemp(prefix="kzt-profile-check-"))
    try:
        def store() -> None:
            cache = PartCache(temp / "store")
            for index, part in checked:
                cache.put(cache.key(shown[index], corpus, raws[index]), shown[index], corpus,
                          part)

        out["store"] = least_ms(store, rounds, n)
        jobs = [(str(p), name) for p, name in zip(paths, shown, strict=True)]
        stored: list[int] = []

        def worker() -> None:
            base = Path(tempfile.mkdtemp(dir=temp))
            stored.append(workers._check_batch(base, corpus, jobs, docs))

        out["worker"] = least_ms(worker, rounds, n)
        out["stored"] = stored[-1]
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    counted = 0
    for text in texts:
        parser = _yaml.CParser(text)
        while True:
            counted += 1
            if type(parser.get_event()) is yaml.StreamEndEvent:
                break
        parser.dispose()
    out["events_per_file"] = counted // n
    out["keys_per_file"] = sum(count_keys(parse(text)) for text in texts) // n
    return out


def main(argv: list[str]) -> int:
    if not argv or len(argv) > 4:
        print(__doc__, file=sys.stderr)
        return 2
    corpus = Path(argv[0])
    defaults = [20, 5, 20]  # FILES, ROUNDS, SKIP
    files, rounds, skip = [int(a) for a in argv[1:]] + defaults[len(argv) - 1:]
    figures = measure(corpus, files, rounds, skip)
    for name, value in figures.items():
        print(f"{name:16} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
