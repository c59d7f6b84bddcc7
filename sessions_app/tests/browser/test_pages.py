"""Pages off the main journey, in Chromium: refusals, confirmations, Resume, the 404 page."""

import pytest
from playwright.sync_api import Page, expect

from sessions_app.tests.browser.test_journey import DESKTOP, PHONE, check_page
from sessions_app.tests.factories import DEFAULT_PASSWORD, InterviewSessionFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page: Page, live_server, next_path: str = "/") -> None:
    page.goto(f"{live_server.url}/accounts/login/?next={next_path}")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log in").click()


@pytest.fixture
def completed():
    return InterviewSessionFactory(job_posting__owner=UserFactory(username="alice"), completed=True)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_refused_sign_in_and_answer_are_explained(page, live_server, viewport, axe_violations):
    page.set_viewport_size(viewport)
    UserFactory(username="alice")
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    check_page(page, axe_violations)

    session = InterviewSessionFactory(job_posting__owner=UserFactory(username="alice"))
    sign_in(page, live_server, f"/sessions/{session.pk}/")
    page.get_by_label("Your answer").fill("   ")
    page.get_by_role("button", name="Send answer").click()
    expect(page.get_by_role("alert")).to_contain_text("Write an answer before sending it.")
    check_page(page, axe_violations)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_retake_twice_offers_resume(page, live_server, completed, viewport, axe_violations):
    page.set_viewport_size(viewport)
    sign_in(page, live_server, f"/sessions/{completed.pk}/")
    page.get_by_role("button", name="Retake").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Attempt 2 of this practice")

    page.goto(f"{live_server.url}/sessions/{completed.pk}/")
    page.get_by_role("link", name="Resume attempt 2").click()
    expect(page.get_by_text("Question 1 of 5")).to_be_visible()
    check_page(page, axe_violations)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_posting_edit_delete_and_the_404_and_405_pages(
    page, live_server, completed, viewport, axe_violations
):
    page.set_viewport_size(viewport)
    sign_in(page, live_server, f"/postings/{completed.job_posting_id}/")
    check_page(page, axe_violations)
    page.get_by_role("link", name="Edit").click()
    check_page(page, axe_violations)
    page.get_by_label("Title").fill("Staff Engineer")
    page.get_by_role("button", name="Save posting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Staff Engineer")

    page.get_by_role("link", name="Delete").click()
    check_page(page, axe_violations)
    page.get_by_role("button", name="Delete posting").click()
    expect(page.get_by_role("heading", name="Deleted postings")).to_be_visible()
    check_page(page, axe_violations)

    page.goto(f"{live_server.url}/sessions/00000000-0000-0000-0000-000000000000/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    check_page(page, axe_violations)

    page.goto(f"{live_server.url}/sessions/{completed.pk}/retake/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nothing to open here")
    check_page(page, axe_violations)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_changing_the_password_and_the_email_from_the_account_page(
    page, live_server, viewport, axe_violations
):
    page.set_viewport_size(viewport)
    UserFactory(username="alice")
    sign_in(page, live_server, "/accounts/account/")
    page.get_by_role("link", name="Change email").click()
    check_page(page, axe_violations)
    page.get_by_label("New email").fill("alice.new@example.com")
    page.get_by_label("Your current password").fill("wrong")
    page.get_by_role("button", name="Change email").click()
    expect(page.get_by_role("alert")).to_contain_text("That is not your current password.")
    check_page(page, axe_violations)
    page.get_by_label("Your current password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Change email").click()
    expect(page.get_by_role("status")).to_contain_text("Your email is now alice.new@example.com.")

    page.get_by_role("link", name="Change password").click()
    check_page(page, axe_violations)
    page.get_by_label("Old password").fill(DEFAULT_PASSWORD)
    page.get_by_label("New password", exact=True).fill("an-entirely-new-one-77")
    page.get_by_label("New password confirmation").fill("an-entirely-new-one-77")
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_role("status")).to_contain_text("Your password is changed.")
    check_page(page, axe_violations)
