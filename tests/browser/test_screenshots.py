"""`make screenshots`: the README's pictures, written into docs/screenshots/.

Marked `screenshots`, so the test suite leaves the tracked pictures alone.
"""

from pathlib import Path

import pytest

from tests.browser.conftest import PHONE

pytestmark = [pytest.mark.screenshots, pytest.mark.slow]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def test_screenshots_for_the_readme(new_page, site):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, path in [("home", "/"), ("procedure", "/procedures/vertebroplasty/")]:
        for width, viewport in [(390, PHONE), (1280, {"width": 1280, "height": 1000})]:
            page = new_page(viewport)
            page.goto(site.url(path))
            target = SCREENSHOTS / f"{name}-{width}.png"
            page.screenshot(path=target)
            assert target.stat().st_size > 10_000
