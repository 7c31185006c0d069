"""Criteria feature package."""
