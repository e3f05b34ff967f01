"""Modal dialogs over the explorer: search, export, help, manual copy."""
