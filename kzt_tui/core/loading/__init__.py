"""Loading a dataset: data files read safely, checked and grounded, cached.

The modules, each importing only those above it:

    yamlsafe   strict YAML → values with positions (the only one that imports yaml)
    gcpause    the garbage collector paused while a load builds its records
    part       Part: what one data file holds once checked on its own
    files      reading data files and source texts safely; `include` patterns expanded
    context    what the checks of one load share, and grounding a citation
    validate   the field checkers and each section's schema
    checkfile  one data file → a Part and its problems; FileChecker, for loads and workers
    crossfile  the checks across files: ids, references, cached parts still grounded
    cache      PartCache: checked parts kept on disk between runs
    workers    the files the cache lacks, checked in worker processes into the cache
    dataset    a dataset of files, from the cache or checked: `load`, `load_cached` …

Only what the rest of kzt-tui uses is named here; none of it imports yaml, so a load that
finds every part in the cache never parses YAML.
"""

from kzt_tui.core.loading.cache import PartCache, cache_dir
from kzt_tui.core.loading.dataset import (
    FirstViewError,
    Summary,
    check_dataset,
    load,
    load_cached,
    load_cached_start,
    load_dataset,
    load_start,
)
from kzt_tui.core.problems import Cancelled, DataError, Problem

__all__ = [
    "Cancelled",
    "DataError",
    "FirstViewError",
    "PartCache",
    "Problem",
    "Summary",
    "cache_dir",
    "check_dataset",
    "load",
    "load_cached",
    "load_cached_start",
    "load_dataset",
    "load_start",
]
