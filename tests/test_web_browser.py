"""The web app in a real browser: Playwright drives Debian's Chromium (no browser download) through what a
communications officer does, with the keyboard alone, and axe-core (from npm, tools/ace) checks every page
for WCAG 2.2 A/AA and best-practice violations.

Sign in, write a statement with an error, see it as it is typed, fix it, save, build, watch the progress,
preview, publish, read the public release signed out, download its zip.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from support import REPO

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = REPO / "tools" / "ace" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists() or not AXE.exists(),
                                reason="needs Debian's chromium and tools/ace (install.sh installs both)")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


def axe_violations(page) -> list[str]:
    """axe-core's violations on the page as it is now (injected by the test: the app's CSP would refuse it,
    so the test's browser context bypasses CSP; the app never serves axe)."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [f"{v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'][:3])})" for v in result["violations"]]


def press(page, selector: str, key: str = "Enter") -> None:
    """Activate a control as a keyboard user does: move the focus to it, press a key."""
    page.focus(selector)
    page.keyboard.press(key)


def press_and_go(page, selector: str) -> None:
    """Press a link or button that goes to another page, and wait for it."""
    with page.expect_navigation():
        press(page, selector)


def test_from_sign_in_to_a_published_release_with_the_keyboard(web_app, browser, tmp_path):
    context = browser.new_context(base_url=web_app.url, bypass_csp=True, accept_downloads=True)
    page = context.new_page()
    checked: dict[str, list[str]] = {}

    def check_page(name: str) -> None:
        checked[name] = axe_violations(page)

    # Sign in: the first Tab reaches the skip link.
    page.goto("/")
    assert page.url.endswith("/sign-in")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    check_page("sign in")
    page.focus("#field-name")
    page.keyboard.type("paul")
    page.keyboard.press("Tab")
    page.keyboard.type("wrong password")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    assert page.evaluate("document.activeElement.className") == "error-summary"  # the summary takes the focus
    check_page("sign in with an error")
    page.fill("#field-password", web_app.passwords["paul"])
    press_and_go(page, "#field-password")
    assert page.url.endswith("/statements")
    check_page("statements")

    # Write a statement with an error: the live check shows it as it is typed.
    page.goto("/statements/new")
    check_page("new statement")
    for field, value in (("#field-title", "Library opens on Sundays"), ("#field-organisation", "Ludford Town Council"),
                         ("#field-date", "2026-11-24")):
        page.focus(field)
        page.keyboard.type(value)
    page.focus("#body")
    page.keyboard.type("The library will open on Sundays from January.\n\n#### Opening hours\n\n"
                      "From 10am to 4pm.\n")
    page.wait_for_selector("#check-results .problem-error", timeout=15_000)
    assert "skips from level 1 to level 4" in page.inner_text("#check-results")
    check_page("new statement with a live error")
    page.keyboard.press("Tab")  # leave the text area, then save with the button
    press_and_go(page, "button[value=save]")
    assert page.is_visible(".error-summary")
    check_page("statement with an error summary")
    press(page, ".error-summary a")  # the summary's link takes the officer to the line
    assert page.evaluate("document.activeElement.id") == "body"
    page.fill("#body", "The library will open on Sundays from January.\n\n## Opening hours\n\nFrom 10am to 4pm.\n")
    press_and_go(page, "button[value=save]")
    assert not page.is_visible(".error-summary") and "No errors." in page.inner_text("#check-results")
    check_page("statement without errors")

    # Build and watch the progress arrive (server-sent events), then the summary with every check.
    press_and_go(page, "button[value=build]")
    assert "/jobs/" in page.url
    check_page("build in progress")
    page.wait_for_selector("text=Built: every check passed.", timeout=240_000)
    assert page.locator("#job-events li").count() >= 5
    check_page("finished build")

    # Preview the release in the app.
    press_and_go(page, "text=Preview the release")
    page.wait_for_selector("audio")
    check_page("preview")

    # Publish, then read it as the public does: signed out.
    page.go_back()
    press_and_go(page, "text=Back to the statement")
    press_and_go(page, "button:text('Publish')")
    assert "Published at /releases/library-opens-on-sundays/" in page.inner_text(".notice")
    assert "live" in page.inner_text("#history-title + table")
    check_page("published statement")

    for path in ("/statements/upload", "/releases", "/statements/999"):  # and the pages not on the way
        page.goto(path)
        check_page(path)
    page.goto("/statements/upload")
    page.set_input_files("#files", {"name": "notes.txt", "mimeType": "text/plain", "buffer": b"hello"})
    press_and_go(page, "button:text('Upload')")
    assert page.is_visible(".error-summary")
    check_page("upload refused")

    public = browser.new_context(base_url=web_app.url, bypass_csp=True, accept_downloads=True).new_page()
    public.goto("/releases/library-opens-on-sundays/")
    assert "Library opens on Sundays" in public.inner_text("h1")
    check_page_public = axe_violations(public)
    with public.expect_download() as download:
        public.click("a[href='library-opens-on-sundays.zip']")  # the whole bundle (the DAISY book is a zip too)
    archive = tmp_path / "release.zip"
    download.value.save_as(archive)
    with zipfile.ZipFile(archive) as bundle:
        assert "library-opens-on-sundays.epub" in bundle.namelist()
    public.goto("/releases")
    check_page_releases = axe_violations(public)

    assert {name: found for name, found in {**checked, "public release": check_page_public,
                                            "releases": check_page_releases}.items() if found} == {}
    context.close()


def test_the_pages_run_under_their_content_security_policy(web_app, browser):
    """Without bypassing the CSP (as real browsers load the app), nothing on the pages is refused, and the
    live check (htmx) still works."""
    context = browser.new_context(base_url=web_app.url)
    page = context.new_page()
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.goto("/sign-in")
    page.fill("#field-name", "wendy")
    page.fill("#field-password", web_app.passwords["wendy"])
    press_and_go(page, "#field-password")
    page.goto("/statements/new")
    page.focus("#body")
    page.keyboard.type("A first line.\n\n#### Too deep\n")
    page.wait_for_selector("#check-results .problem-error", timeout=15_000)
    page.goto("/statements")
    assert refused == []
    context.close()
