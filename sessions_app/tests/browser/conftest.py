"""Browser tests: pytest-playwright's ``page`` against pytest-django's ``live_server``.

They drive Debian's Chromium (``apt-get install chromium``); Playwright's own browser
builds are never downloaded. Without /usr/bin/chromium these tests are skipped, unless
REQUIRE_BROWSER=1 (CI), which makes them fail.

    from sessions_app.tests.browser.support import describe_violations

    def test_login_page(page, live_server, axe_violations, save_screenshot):
        page.goto(live_server.url + "/accounts/login/")
        violations = axe_violations(page)
        assert violations == [], describe_violations(violations)
        save_screenshot(page, "login")
"""

import os
from pathlib import Path

import pytest

from sessions_app.tests.browser import support

CHROMIUM = Path("/usr/bin/chromium")
HERE = Path(__file__).resolve().parent
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"


def _in_this_folder(item: pytest.Item) -> bool:
    return HERE in Path(item.path).resolve().parents


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    # Mark every test here ``browser`` (``-m "not browser"`` leaves them out), and run them
    # after all the others (trylast: after pytest-django's own reordering). Playwright's
    # event loop stays running from the first browser test to the end of the session (see
    # ``playwright`` below); no other test should run while it does.
    for item in items:
        if _in_this_folder(item):
            item.add_marker(pytest.mark.browser)
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    # Before any fixture, so that no Playwright is started for nothing.
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} not found; `apt-get install chromium` to run the browser tests"
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Playwright already passes --no-sandbox (its chromium_sandbox defaults to False), which
    # Chromium needs when run as root, as here and in CI.
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM)}


@pytest.fixture(scope="session")
def playwright(playwright):
    # Playwright's sync API runs an asyncio event loop in the main thread (in a greenlet),
    # and that loop counts as running from here until the session's Playwright stops. Django
    # then refuses database calls from the main thread (SynchronousOnlyOperation): the test's
    # own queries and pytest-django's flush between tests. They are not really async, so
    # allow them for exactly as long as that loop lives (the browser tests run last).
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    yield playwright
    # The plugin's ``playwright`` stops the loop right after this.
    if previous is None:
        del os.environ[ASYNC_UNSAFE]
    else:
        os.environ[ASYNC_UNSAFE] = previous


@pytest.fixture
def axe_violations():
    """``axe_violations(page)``: the serious and critical axe-core violations on the page."""
    return support.axe_violations


@pytest.fixture
def save_screenshot():
    """``save_screenshot(page, "name")``: writes $SCREENSHOT_DIR/name.png, returns its path."""
    return support.save_screenshot
