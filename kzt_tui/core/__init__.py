"""The domain: records, loading, grounding, search and export. Imports neither textual nor rich."""
