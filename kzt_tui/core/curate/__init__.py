"""Curating: records and citations written into files kzt-tui owns inside the dataset
(store), in the hand-written layout (render), with an undo journal (journal)."""
