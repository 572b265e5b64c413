"""Cells for CSV files that people open in spreadsheets."""


def neutralise_formula(text: str) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas: prefix those with '."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
