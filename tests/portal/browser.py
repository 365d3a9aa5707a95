"""Headless Debian Chromium driven by Playwright, as a person on a desktop or a phone."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from tests.portal.conftest import PASSWORD

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
SHOTS = Path(__file__).resolve().parents[2] / "var" / "test-output" / "portal"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@contextmanager
def browser_page(viewport: dict[str, int] = DESKTOP) -> Iterator[Page]:
    """Yield a fresh page (own cookies) in headless Chromium."""
    assert Path(CHROMIUM).exists(), "Debian's chromium is needed: apt-get install chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            context = browser.new_context(viewport=viewport, locale="vi-VN", accept_downloads=True)
            page = context.new_page()
            page.set_default_timeout(30000)
            yield page
        finally:
            browser.close()


def log_in(page: Page, url: str, username: str, password: str = PASSWORD) -> None:
    """Sign in through the form."""
    page.goto(f"{url}/dang-nhap")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


def shot(page: Page, name: str) -> Path:
    """Save a full-page screenshot under var/test-output/portal/."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    target = SHOTS / f"{name}.png"
    page.screenshot(path=str(target), full_page=True)
    return target
