"""Admin feature package."""
