"""Word-level differences between two versions of a text, as safe HTML with <ins> and <del>."""

import re
from difflib import SequenceMatcher

from markupsafe import Markup, escape

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


def word_diff(old: str, new: str) -> Markup:
    """`new` with removed words as <del> and added words as <ins>; everything escaped."""
    old_tokens, new_tokens = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    parts = []
    matcher = SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    for operation, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        removed = "".join(old_tokens[a_start:a_end])
        added = "".join(new_tokens[b_start:b_end])
        if operation == "equal":
            parts.append(escape(added))
            continue
        if removed:
            parts.append(Markup("<del>{}</del>").format(removed))
        if added:
            parts.append(Markup("<ins>{}</ins>").format(added))
    return Markup("").join(parts)
