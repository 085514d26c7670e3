"""Take screenshots of Ratusz pages for the docs (`make screenshots`).

Expects a server with the demo office at BASE_URL (default http://127.0.0.1:8000).
Usage: python tools/screenshots.py OUTPUT_DIR username:/path:name [...]

VIEWPORT=390x844 takes them at a phone's size (then only the first screen, not
the whole page); a path ending in #menu opens the menu first. LANG_CODE=pl for Polish.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    lang = os.environ.get("LANG_CODE", "en")
    width, height = (int(n) for n in os.environ.get("VIEWPORT", "1280x860").split("x"))
    phone = width < 600
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        for spec in sys.argv[2:]:
            username, path, name = spec.split(":", 2)
            context = browser.new_context(
                viewport={"width": width, "height": height},
                locale="pl-PL" if lang == "pl" else "en-GB",
            )
            page = context.new_page()
            page.goto(f"{BASE_URL}/login/")
            page.fill("#id_username", username)
            page.fill("#id_password", "demo")
            page.click("button[type=submit] >> text=/Sign in|Zaloguj/")
            path, _, anchor = path.partition("#")
            page.goto(f"{BASE_URL}{path}")
            if anchor == "menu":
                page.click(".nav-toggle")
            page.screenshot(path=str(out / f"{name}.png"), full_page=not phone)
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
