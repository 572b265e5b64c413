"""The only place where user text becomes HTML.

Authors write a small Markdown subset (paragraphs, emphasis, lists, links, quotes). We store what
they wrote and render on output: Markdown -> HTML -> bleach allow-list. Sanitising at render time
means a tightened allow-list also protects old content. bleach is in maintenance mode upstream,
so every call to it stays in this module.
"""

from functools import lru_cache

import bleach
from bleach.linkifier import Linker
from markdown_it import MarkdownIt
from markupsafe import Markup

# Bump when the allow-list or the renderer changes, so cached output is not reused.
SANITIZER_VERSION = 1

ALLOWED_TAGS = frozenset({"p", "br", "em", "strong", "ul", "ol", "li", "a", "blockquote", "code"})
ALLOWED_ATTRIBUTES = {"a": ["href", "rel", "title"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"

_markdown = MarkdownIt(
    "commonmark", {"html": False, "linkify": False, "typographer": False}
).disable(["image", "heading", "lheading", "table", "code", "fence", "hr", "html_block"])
_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
)


def _set_rel(attrs, new=False):
    attrs[(None, "rel")] = LINK_REL
    return attrs


_linker = Linker(callbacks=[_set_rel], skip_tags={"code"})


@lru_cache(maxsize=4096)
def _render(text: str, version: int) -> str:
    html = _markdown.render(text)
    return _linker.linkify(_cleaner.clean(html))


def render_markdown(text: str | None) -> Markup:
    """User Markdown as safe HTML for templates."""
    if not text:
        return Markup("")
    # Safe: _render's output has passed bleach's allow-list.
    return Markup(_render(text, SANITIZER_VERSION))  # noqa: S704
