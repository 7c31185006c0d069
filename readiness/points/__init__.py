"""Points feature package."""
