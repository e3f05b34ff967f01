"""Persistence and the operating system, apart from the UI: the clipboard tools, the saved state."""
