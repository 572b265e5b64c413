"""Screenshots of the main pages at phone and desktop width, in German and Arabic.

Usage: .venv/bin/python tools/screenshots.py [BASE_URL] [OUTPUT_DIR] [PATH ...]
Serve the site first (`make run`). Uses Debian's Chromium, as the browser tests do.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

PAGES = ["/", "/regions/", "/regions/wiesbaden", "/account/register", "/accessibility"]
WIDTHS = {"phone": (375, 812), "desktop": (1280, 900)}
LANGUAGES = ["de", "ar"]


def main() -> None:
    base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:5000"
    output = Path(sys.argv[2] if len(sys.argv) > 2 else "test-artifacts/screenshots")
    pages = sys.argv[3:] or PAGES
    output.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        for language in LANGUAGES:
            for width_name, (width, height) in WIDTHS.items():
                context = browser.new_context(viewport={"width": width, "height": height})
                context.add_cookies([{"name": "mitreden_locale", "value": language, "url": base}])
                page = context.new_page()
                for path in pages:
                    page.goto(base + path)
                    name = path.strip("/").replace("/", "_") or "start"
                    target = output / f"{name}-{language}-{width_name}.png"
                    page.screenshot(path=str(target), full_page=True)
                    print(target)
                context.close()
        browser.close()


if __name__ == "__main__":
    main()
