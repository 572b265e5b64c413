ISOLATES = str.maketrans("", "", "\u2068\u2069")


def words(text: str) -> str:
    """The text without the direction isolates that describe() puts around names and titles
    (their placement has a test of its own), so a test can compare the wording."""
    return text.translate(ISOLATES)
