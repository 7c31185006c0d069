"""Public feature package: the resident page, the public list and the offline bundle."""
