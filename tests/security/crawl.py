"""A bounded breadth-first crawl of the site as one visitor sees it.

    pages = Crawler(app, client).run(["/", "/consultations/3", ...])
    for page in pages.values(): ...   # Page(path, status, content_type, text)

Starts at the given paths, follows every same-site link (`href`, `src`), and fills every GET form
(filters, sorts, searches): one request per offered option of each select, radio group and
checkbox, and one with every free-text field set to `search_term`. Downloads (CSV, JSON, zip) are
read as text, zip members included.

The crawl stays small however much data there is: per endpoint at most `per_endpoint` different
objects (URL parameters), per object at most `per_object` query strings, and `max_pages` in all.
The start paths are always fetched, whatever the limits.
"""

import io
import re
import zipfile
from collections import deque
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

SKIPPED_PREFIXES = ("/static/", "/videos/")
TEXT_INPUTS = {"text", "search", "", None}


@dataclass
class Page:
    path: str
    status: int
    content_type: str
    text: str


@dataclass
class GetForm:
    action: str
    # name -> the values a visitor can choose (select options, radio and checkbox values)
    choices: dict[str, list[str]]
    # name -> the value the form carries as it is (hidden fields, preselected choices)
    defaults: dict[str, str]
    text_fields: list[str]


LINK = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
FORM = re.compile(r"<form\b[^>]*>.*?</form>", re.IGNORECASE | re.DOTALL)
POST_FORM = re.compile(r"""<form\b[^>]*\bmethod\s*=\s*["']?post""", re.IGNORECASE)


def links_and_forms(page: str) -> tuple[list[str], list[GetForm]]:
    """The page's link targets and its GET forms (a regular expression finds the links and the
    forms; only GET forms are parsed, which keeps large pages cheap)."""
    parser = _FormParser()
    for form in FORM.findall(page):
        if not POST_FORM.match(form):
            parser.feed(form)
    return LINK.findall(page), parser.forms


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[GetForm] = []
        self._form: GetForm | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            method = (attributes.get("method") or "get").lower()
            self._form = (
                GetForm(attributes.get("action") or "", {}, {}, []) if method == "get" else None
            )
            return
        form = self._form
        if form is None:
            return
        name = attributes.get("name")
        if tag == "select" and name:
            self._select = name
            form.choices.setdefault(name, [])
        elif tag == "option" and self._select:
            value = attributes.get("value") or ""
            form.choices[self._select].append(value)
            if "selected" in attributes:
                form.defaults[self._select] = value
        elif tag == "input" and name:
            kind = (attributes.get("type") or "").lower()
            value = attributes.get("value") or ""
            if kind in ("radio", "checkbox"):
                form.choices.setdefault(name, []).append(value)
                if "checked" in attributes:
                    form.defaults[name] = value
            elif kind == "hidden":
                form.defaults[name] = value
            elif kind in TEXT_INPUTS or kind in ("number", "date", "month"):
                form.text_fields.append(name)
                if value:
                    form.defaults[name] = value

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None


def _spread(values: list[str], limit: int) -> list[str]:
    """At most `limit` of the values, first and last included (long month lists, regions)."""
    values = list(dict.fromkeys(values))
    if len(values) <= limit:
        return values
    step = (len(values) - 1) / (limit - 1)
    return list(dict.fromkeys(values[round(index * step)] for index in range(limit)))


def body_text(response) -> str:
    """The response as text; a zip's members are read and joined."""
    data = response.get_data()
    if response.mimetype in ("application/zip", "application/x-zip-compressed"):
        parts = []
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                parts.append(archive.read(name).decode("utf-8", errors="replace"))
        return "\n".join(parts)
    return data.decode("utf-8", errors="replace")


class Crawler:
    def __init__(
        self,
        app,
        client,
        *,
        search_term: str,
        per_endpoint: int = 4,
        per_object: int = 16,
        max_pages: int = 600,
        expanded_forms_per_endpoint: int = 1,
        options_per_field: int = 4,
        endpoint_limits: dict[str, tuple[int, int]] | None = None,
    ):
        self.app = app
        self.client = client
        self.search_term = search_term
        self.per_endpoint = per_endpoint
        self.per_object = per_object
        self.max_pages = max_pages
        self.expanded_forms_per_endpoint = expanded_forms_per_endpoint
        self.options_per_field = options_per_field
        # {endpoint: (per_endpoint, per_object)} for pages that cost more than they can show
        self.endpoint_limits = endpoint_limits or {}
        self.adapter = app.url_map.bind("localhost")
        self.pages: dict[str, Page] = {}
        self._queued: set[str] = set()
        self._objects: dict[str, set] = {}
        self._queries: dict[tuple, set] = {}
        self._forms_expanded: dict[str, int] = {}

    # --- which URLs to fetch --------------------------------------------------------------

    def _normalise(self, link: str, base: str) -> str | None:
        link = unescape(link.strip())
        if not link or link.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
            return None
        url = urlsplit(urljoin("http://localhost" + base, link))
        if url.netloc not in ("localhost", "") or url.scheme not in ("http", "https"):
            return None
        query = urlencode(sorted(parse_qsl(url.query, keep_blank_values=True)))
        path = url.path or "/"
        if path.startswith(SKIPPED_PREFIXES):
            return None
        return f"{path}?{query}" if query else path

    def _match(self, path: str):
        url = urlsplit(path)
        try:
            return self.adapter.match(url.path, method="GET")
        except RequestRedirect as redirect:
            return self._match(urlsplit(redirect.new_url).path)
        except HTTPException:
            return None

    def _admit(self, path: str, forced: bool) -> bool:
        """Within the limits? Counts the path against them when it is admitted."""
        if path in self._queued:
            return False
        matched = self._match(path)
        if matched is None:
            return False
        endpoint, view_args = matched
        key = tuple(sorted(view_args.items()))
        objects = self._objects.setdefault(endpoint, set())
        queries = self._queries.setdefault((endpoint, key), set())
        query = urlsplit(path).query
        if not forced:
            per_endpoint, per_object = self.endpoint_limits.get(
                endpoint, (self.per_endpoint, self.per_object)
            )
            if key not in objects and len(objects) >= per_endpoint:
                return False
            if query not in queries and len(queries) >= per_object:
                return False
        objects.add(key)
        queries.add(query)
        self._queued.add(path)
        return True

    def _form_requests(self, form: GetForm, base: str) -> list[tuple[str, bool]]:
        """(path, forced) for the filled form: the search, then each offered choice."""
        action = self._normalise(form.action or base.split("?")[0], base)
        if action is None:
            return []
        action = action.split("?")[0]
        defaults = {key: value for key, value in form.defaults.items() if value}
        requests = []

        def build(values: dict) -> str:
            query = urlencode(sorted((k, v) for k, v in values.items() if v != ""))
            return f"{action}?{query}" if query else action

        if form.text_fields:
            filled = dict(defaults)
            for name in form.text_fields:
                filled[name] = self.search_term
            requests.append((build(filled), True))
        matched = self._match(action)
        endpoint = matched[0] if matched else action
        if self._forms_expanded.get(endpoint, 0) >= self.expanded_forms_per_endpoint:
            return requests
        self._forms_expanded[endpoint] = self._forms_expanded.get(endpoint, 0) + 1
        for name, values in form.choices.items():
            for value in _spread(values, self.options_per_field):
                requests.append((build({**defaults, name: value}), False))
        return requests

    # --- the crawl ------------------------------------------------------------------------

    def run(self, starts: list[str]) -> dict[str, Page]:
        queue: deque[str] = deque()
        for start in starts:
            path = self._normalise(start, "/")
            if path and self._admit(path, forced=True):
                queue.append(path)
        while queue and len(self.pages) < self.max_pages:
            path = queue.popleft()
            response = self.client.get(path)
            text = body_text(response)
            self.pages[path] = Page(path, response.status_code, response.mimetype, text)
            found: list[tuple[str, bool]] = []
            if response.status_code in (301, 302, 303, 307, 308) and response.location:
                found.append((response.location, False))
            if response.mimetype == "text/html":
                links, forms = links_and_forms(text)
                found.extend((link, False) for link in links)
                for form in forms:
                    found.extend(self._form_requests(form, path))
            for link, forced in found:
                target = self._normalise(link, path)
                if target and self._admit(target, forced):
                    queue.append(target)
        return self.pages
