"""Delete my account: routes (see deletion.py)."""
