"""User Markdown becomes safe HTML: the small subset works, everything else is neutralised."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from markupsafe import Markup

from app.core.sanitize import ALLOWED_TAGS, LINK_REL, render_markdown


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def tags(html: str) -> list[tuple[str, dict]]:
    """Every element in `html` as (tag, attributes)."""
    collector = _Collector()
    collector.feed(str(html))
    collector.close()
    return collector.tags


def assert_harmless(html: str) -> None:
    for tag, attributes in tags(html):
        assert tag in ALLOWED_TAGS, f"<{tag}> got through"
        for name, value in attributes.items():
            assert not name.startswith("on"), f"event handler {name} got through"
            if name == "href":
                assert urlsplit(value).scheme in {"", "http", "https", "mailto"}, value


# --- what authors may write -------------------------------------------------------------------


def test_paragraphs():
    html = render_markdown("Erster Absatz.\n\nZweiter Absatz.")
    assert html == Markup("<p>Erster Absatz.</p>\n<p>Zweiter Absatz.</p>\n")


def test_emphasis():
    html = render_markdown("Das ist *wichtig* und **sehr wichtig**.")
    assert "<em>wichtig</em>" in html
    assert "<strong>sehr wichtig</strong>" in html


@pytest.mark.parametrize(
    ("text", "tag"), [("- Kita\n- Schule", "ul"), ("1. Kita\n2. Schule", "ol")]
)
def test_lists(text, tag):
    assert [name for name, _ in tags(render_markdown(text))] == [tag, "li", "li"]


def test_quotes():
    html = render_markdown("> Integration gelingt vor Ort.")
    assert html == Markup("<blockquote>\n<p>Integration gelingt vor Ort.</p>\n</blockquote>\n")


def test_line_break_and_inline_code():
    html = render_markdown("Zeile eins  \nZeile zwei mit `Code`")
    assert "<br>" in html
    assert "<code>Code</code>" in html


@pytest.mark.parametrize(
    ("text", "href"),
    [
        ("[Landesportal](https://www.hessen.de)", "https://www.hessen.de"),
        ("Siehe https://www.hessen.de dazu.", "https://www.hessen.de"),
        ("<mailto:info@example.org>", "mailto:info@example.org"),
    ],
)
def test_links_get_rel_nofollow_ugc_noopener(text, href):
    links = [attrs for tag, attrs in tags(render_markdown(text)) if tag == "a"]
    assert links == [{"href": href, "rel": "nofollow ugc noopener"}]
    assert LINK_REL == "nofollow ugc noopener"


def test_link_title_is_kept():
    html = render_markdown('[Portal](https://www.hessen.de "Land Hessen")')
    assert tags(html)[1] == (
        "a",
        {"href": "https://www.hessen.de", "title": "Land Hessen", "rel": LINK_REL},
    )


# --- what must not get through ----------------------------------------------------------------


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">klick</a>',
        "<b onclick=alert(1)>fett</b>",
        "<iframe src=https://evil.example></iframe>",
        "<div style='position:fixed'>x</div>\n\nText",
        "<svg onload=alert(1)>",
        "[klick](javascript:alert(1))",
        "[klick](JaVaScRiPt:alert(1))",
        "[klick](&#106;avascript:alert(1))",
        "[klick](javascript&#58;alert(1))",
        "<javascript:alert(1)>",
        "[klick][1]\n\n[1]: javascript:alert(1)",
        "[klick](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[klick](data:image/png;base64,AAAA)",
        "[klick](vbscript:msgbox(1))",
        '[klick](https://example.org" onmouseover="alert(1))',
        "![Bild](https://evil.example/tracker.png)",
        "# Überschrift",
        "Überschrift\n===========",
        "---",
    ],
)
def test_payloads_are_neutralised(payload):
    assert_harmless(render_markdown(payload))


@pytest.mark.parametrize(
    "payload",
    ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<b onclick=x>fett</b>"],
)
def test_raw_html_is_shown_as_text(payload):
    html = render_markdown(payload)
    assert "&lt;" in html
    assert [tag for tag, _ in tags(html)] == ["p"]


@pytest.mark.parametrize("link", ["javascript:alert(1)", "data:text/html,<script>x</script>"])
def test_dangerous_links_are_no_links(link):
    html = render_markdown(f"[klick]({link})")
    assert all("href" not in attrs for _, attrs in tags(html))


def test_images_are_disabled():
    html = render_markdown("![Bild](https://evil.example/tracker.png)")
    assert "<img" not in html
    assert "tracker.png" not in [attrs.get("src") for _, attrs in tags(html)]


@pytest.mark.parametrize("text", ["# Überschrift", "## Zwei", "Überschrift\n==="])
def test_headings_are_disabled(text):
    html = render_markdown(text)
    assert [tag for tag, _ in tags(html)] == ["p"]
    assert "Überschrift" in html or "Zwei" in html


# --- the result -------------------------------------------------------------------------------


def test_output_is_markup():
    assert isinstance(render_markdown("*Hallo*"), Markup)


@pytest.mark.parametrize("text", ["", None])
def test_empty_input_gives_empty_markup(text):
    html = render_markdown(text)
    assert isinstance(html, Markup)
    assert html == ""
