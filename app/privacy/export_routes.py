"""Download my data: routes (see export.py)."""
