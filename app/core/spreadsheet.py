"""Cells for CSV files that people open in spreadsheets."""

# Spreadsheets run a cell starting with = + - @ as a formula; a leading tab or carriage return
# is dropped by some of them, which leaves the formula character first (OWASP CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(text: str) -> str:
    """Prefix cells that a spreadsheet would run as a formula with '."""
    return "'" + text if text[:1] in FORMULA_STARTS else text
