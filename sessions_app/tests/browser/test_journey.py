"""The whole journey in Chromium, as a new user takes it: the front page, sign up, add a
posting, practise, complete, press Retake, practise again, read the summary, see the progress
chart; the completed session and the progress page printed to PDF read as reports. Every
page on the way is scanned with axe-core and, on a phone, checked for horizontal scrolling."""

import json
import re
from pathlib import Path

import pytest
import redis
from django.core import mail
from django.test import override_settings
from playwright.sync_api import Page, expect

from sessions_app.management.commands.seed_demo import BETTER_ANSWERS, DEMO_ANSWERS, DEMO_POSTING
from sessions_app.tests.browser.support import describe_violations, printed_text
from sessions_app.tests.model_server import (
    ModelServer,
    Reply,
    answer_of,
    assessment,
    default_script,
    is_scoring,
)
from sessions_app.tests.workers import Worker, broker_for_the_app

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}


def check_page(page: Page, axe_violations) -> None:
    """No serious or critical accessibility violation, and nothing wider than the screen."""
    violations = axe_violations(page)
    if page.get_by_role("link", name="Stop refreshing").count():
        # While answers are scored the page reloads itself; the link that turns that off
        # meets WCAG 2.2.1 (timing adjustable), which axe's meta-refresh rule cannot see.
        violations = [v for v in violations if v["id"] != "meta-refresh"]
    assert violations == [], f"{page.url}\n{describe_violations(violations)}"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} scrolls sideways ({width} px)"


def practise(page: Page, answers: list[str], check) -> str:
    """Answer every question of the session on screen, complete it; the score shown."""
    for number in range(1, 6):
        expect(page.get_by_text(f"Question {number} of 5")).to_be_visible()
        check(page)
        page.get_by_label("Your answer").fill(answers[number - 1])
        page.get_by_role("button", name="Send answer").click()
    expect(page.get_by_role("heading", name="All 5 questions answered")).to_be_visible()
    check(page)
    # Scored in the background, the page refreshes itself until Complete appears.
    page.get_by_role("button", name="Complete").click(timeout=60_000)
    expect(page.get_by_role("status")).to_contain_text("Session complete")
    return page.locator(".big-score").inner_text()


def journey(page: Page, live_server, viewport, axe_violations, save_screenshot, tag: str):
    page.set_viewport_size(viewport)

    def check(current: Page) -> None:
        check_page(current, axe_violations)

    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Practise the interview for the job you want"
    )
    check(page)
    page.get_by_role("link", name="Sign up").first.click()
    expect(page).to_have_url(re.compile(r"/accounts/signup/$"))
    check(page)
    page.get_by_label("Username").fill("sam")
    page.get_by_label("Email").fill("sam@example.com")
    page.get_by_label("Password", exact=True).fill("a-long-passphrase-42")
    page.get_by_label("Password confirmation").fill("a-long-passphrase-42")
    page.get_by_role("button", name="Sign up").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your practice")
    expect(page.get_by_text("Signed in as sam")).to_be_visible()
    check(page)
    page.get_by_role("link", name="Add a job posting").first.click()
    check(page)
    page.get_by_label("Title").fill(DEMO_POSTING["title"])
    page.get_by_label("Company").fill(DEMO_POSTING["company"])
    page.get_by_label("Description").fill(DEMO_POSTING["description"])
    page.get_by_role("button", name="Save posting").click()
    check(page)
    page.get_by_role("button", name="Start practice").click()

    first_score = practise(page, DEMO_ANSWERS, check)
    expect(page.get_by_role("heading", name="Feedback on each answer")).to_be_visible()
    check(page)

    page.get_by_role("button", name="Retake").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Attempt 2 of this practice")
    expect(page.get_by_role("status")).to_contain_text("Attempt 2 started")
    second_score = practise(page, BETTER_ANSWERS, check)
    expect(page.locator(".change").first).to_be_visible()  # +N against attempt 1
    expect(page.get_by_role("heading", name="Since your last attempt")).to_be_visible()
    check(page)
    save_screenshot(page, f"{tag}-completed-session")
    report = printed_text(page)
    for shown in ("Summary", "Since your last attempt", "Feedback on each answer"):
        assert shown in report
    for hidden in ("Log out", "Retake", "For developers"):
        assert hidden not in report

    page.get_by_role("link", name="See every attempt and your progress").click()
    score_chart = page.locator("svg.chart").first
    expect(score_chart.locator("circle.point")).to_have_count(2)
    expect(score_chart.locator("desc")).to_contain_text(
        f"Attempt #1: {first_score}. Attempt #2: {second_score}."
    )
    # Beside it, what the score is made of: a line per criterion.
    expect(page.locator("svg.chart").nth(1).locator("polyline")).to_have_count(4)
    check(page)
    save_screenshot(page, f"{tag}-attempts-chart", full_page=True)
    report = printed_text(page)
    for shown in ("Score by attempt", "Every attempt", "Completed"):
        assert shown in report
    for hidden in ("Log out", "Retake", "For developers"):
        assert hidden not in report

    page.get_by_role("link", name="Back to your dashboard").click()
    expect(page.get_by_role("button", name="Retake")).to_be_visible()
    check(page)
    account_recovered_downloaded_and_deleted(page, check)
    return int(first_score), int(second_score)


def account_recovered_downloaded_and_deleted(page: Page, check) -> None:
    """Log out, forget the password, reset it through the emailed link, log in with the new
    one, download the account's data and delete the account."""
    page.get_by_role("button", name="Log out").click()
    page.get_by_role("link", name="Log in").first.click()
    page.get_by_role("link", name="Forgot your password?").click()
    check(page)
    page.get_by_label("Email").fill("sam@example.com")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    check(page)
    link = re.search(r"https?://\S+/accounts/reset/\S+", mail.outbox[-1].body).group(0)
    page.goto(link)
    check(page)
    page.get_by_label("New password", exact=True).fill("an-entirely-new-one-77")
    page.get_by_label("New password confirmation").fill("an-entirely-new-one-77")
    page.get_by_role("button", name="Save the new password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your password is changed")
    check(page)
    page.get_by_role("link", name="Log in").last.click()
    page.get_by_label("Username").fill("sam")
    page.get_by_label("Password").fill("an-entirely-new-one-77")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    check(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download your data").click()
    data = json.loads(Path(download.value.path()).read_text())
    assert data["account"]["username"] == "sam"
    assert len(data["sessions"]) == 2
    page.get_by_role("link", name="Delete your account…").click()
    check(page)
    page.get_by_label("Your current password").fill("an-entirely-new-one-77")
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_role("status")).to_contain_text("The account sam and everything in it")
    check(page)


@pytest.mark.django_db(transaction=True)
def test_the_whole_journey_on_a_desktop(page, live_server, axe_violations, save_screenshot):
    first, second = journey(page, live_server, DESKTOP, axe_violations, save_screenshot, "desktop")

    assert second > first


@pytest.mark.django_db(transaction=True)
def test_the_whole_journey_on_a_phone(page, live_server, axe_violations, save_screenshot):
    journey(page, live_server, PHONE, axe_violations, save_screenshot, "phone")


BROKER = "redis://127.0.0.1:6379/12"


def _model_script(request: dict) -> Reply:
    # The model rates the better answers of the second attempt higher.
    if not is_scoring(request):
        return default_script(request)
    return assessment(85 if answer_of(request) in BETTER_ANSWERS else 55)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_the_whole_journey_with_the_model_engines_and_a_worker(
    page, live_server, axe_violations, redis_url, tmp_path
):
    redis.Redis.from_url(BROKER).flushdb()
    with (
        ModelServer() as model,
        broker_for_the_app(BROKER),
        override_settings(
            LLM_BASE_URL=model.url,
            LLM_MODEL="test-model",
            INTERVIEW_QUESTION_GENERATOR="sessions_app.engines.llm.ModelQuestionGenerator",
            INTERVIEW_ANSWER_SCORER="sessions_app.engines.llm.ModelAnswerScorer",
        ),
    ):
        model.script = _model_script
        worker = Worker(broker=BROKER, model_url=model.url, log=tmp_path / "worker.log")
        try:
            # The README's screenshots come from the built-in journeys; none are kept here.
            first, second = journey(
                page, live_server, DESKTOP, axe_violations, lambda *_, **__: None, "model"
            )
        finally:
            worker.stop()

    assert second > first
    assert any(not is_scoring(request) for request in model.requests)
