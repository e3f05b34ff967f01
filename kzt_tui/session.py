"""The loaded data the UI shows, as one object: replaced whole when the data is reloaded.

Textual-free: the app holds a Session in a reactive and the screens watch it, so a reload
is one assignment, and nothing can see the new corpus with the old filter index.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.describe import FilterIndex
from kzt_tui.core.model import Dataset

if TYPE_CHECKING:  # built on demand: the first screen needs no search index
    from kzt_tui.core.search import SearchIndex


class Session:
    """One loaded dataset with what is derived from it: corpus, filter and search indexes."""

    __slots__ = ("corpus", "dataset", "filter_index", "loading", "search_index")

    def __init__(self, dataset: Dataset, corpus: Corpus | None = None,
                 filter_index: FilterIndex | None = None, *, loading: int = 0) -> None:
        self.dataset = dataset
        self.corpus = corpus if corpus is not None else Corpus(dataset)
        self.filter_index = filter_index if filter_index is not None else FilterIndex(self.corpus)
        #: Files of the dataset still loading in the background (0: `dataset` is whole).
        self.loading = loading
        #: The global search index once built (seconds at 1,000x: the app builds it in a
        #: thread when first asked, see KztApp.with_index).
        self.search_index: SearchIndex | None = None

    def build_search_index(self) -> SearchIndex:
        """The search index, built now (in the caller's thread) if it is not yet."""
        if self.search_index is None:
            from kzt_tui.core.search import SearchIndex

            self.search_index = SearchIndex(self.corpus)
        return self.search_index
