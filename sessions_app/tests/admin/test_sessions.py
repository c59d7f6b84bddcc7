"""Support staff in the admin: find sessions, read them, create retakes through the service."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from sessions_app.models import InterviewSession, JobPosting
from sessions_app.tests.api.sessions_helpers import db_snapshot
from sessions_app.tests.factories import InterviewSessionFactory, UserFactory
from sessions_app.tests.pages.conftest import retake_of

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:sessions_app_interviewsession_changelist")
ACTION = "create_retakes"


def _change_url(session):
    return reverse("admin:sessions_app_interviewsession_change", args=[session.pk])


def _run_action(client, *sessions):
    return client.post(
        CHANGELIST,
        {"action": ACTION, "_selected_action": [str(s.pk) for s in sessions]},
        follow=True,
    )


def _message(response):
    (message,) = get_messages(response.wsgi_request)
    return str(message)


def test_the_changelist_lists_every_users_sessions(admin_client):
    sessions = [InterviewSessionFactory(completed=True) for _ in range(3)]

    response = admin_client.get(CHANGELIST)

    assert response.status_code == 200
    assert set(response.context["cl"].result_list) == set(sessions)


@pytest.mark.parametrize("term", ["carol", "carol@example.com", "Data Analyst"])
def test_search_finds_sessions_by_user_email_and_posting(admin_client, term):
    wanted = InterviewSessionFactory(
        job_posting__owner=UserFactory(username="carol"), job_posting__title="Data Analyst"
    )
    InterviewSessionFactory()

    response = admin_client.get(CHANGELIST, {"q": term})

    assert list(response.context["cl"].result_list) == [wanted]


def test_search_finds_a_session_by_its_full_id(admin_client):
    wanted = InterviewSessionFactory()
    InterviewSessionFactory()

    response = admin_client.get(CHANGELIST, {"q": str(wanted.pk)})

    assert list(response.context["cl"].result_list) == [wanted]


@pytest.mark.parametrize(
    "query", [{"status__exact": "completed"}, {"retake_number": "2"}, {"created_at__year": "2026"}]
)
def test_filters_render(admin_client, completed_chain, query):
    response = admin_client.get(CHANGELIST, query)

    assert response.status_code == 200


@pytest.fixture
def completed_chain():
    original = InterviewSessionFactory(completed=True)
    return original, retake_of(original, completed=True)


def test_the_session_page_is_read_only_with_questions_and_the_chain(admin_client, completed_chain):
    original, second = completed_chain

    response = admin_client.get(_change_url(second))

    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="_save"' not in content
    assert second.questions.get(number=1).text in content
    assert _change_url(original) in content


def test_sessions_cannot_be_added_from_the_admin(admin_client):
    response = admin_client.get(reverse("admin:sessions_app_interviewsession_add"))

    assert response.status_code == 403


@pytest.mark.parametrize("rows", [10, 100])
def test_changelist_runs_the_same_queries_for_10_and_100_rows(
    admin_client, rows, django_assert_num_queries
):
    posting = InterviewSessionFactory(questions=0).job_posting
    InterviewSession.objects.bulk_create(
        InterviewSession(user=posting.owner, job_posting=posting) for _ in range(rows - 1)
    )

    # 1 the login session, 2 the staff user, 3 the count, 4 the count without filters,
    # 5 the page of sessions with their users and posting titles, 6 the date hierarchy's
    # first and last dates, 7 its days (all rows are from today), 8 the attempt numbers
    # for their filter.
    with django_assert_num_queries(8):
        response = admin_client.get(CHANGELIST)

    assert response.context["cl"].result_count == rows


# The action -------------------------------------------------------------------------------


def test_the_action_creates_a_retake_owned_by_the_sessions_owner(admin_client):
    session = InterviewSessionFactory(completed=True)

    response = _run_action(admin_client, session)

    attempt = InterviewSession.objects.get(original_session=session)
    assert (attempt.user, attempt.retake_number, attempt.status) == (session.user, 2, "active")
    assert attempt.questions.count() == 5
    assert _message(response).startswith("Created 1 retake: ")
    assert _change_url(attempt) in _message(response)


def test_the_action_on_a_mixed_selection_creates_exactly_the_possible_retakes(admin_client):
    carol, dave = UserFactory(username="carol"), UserFactory(username="dave")
    completed = InterviewSessionFactory(job_posting__owner=carol, completed=True)
    active = InterviewSessionFactory(job_posting__owner=carol)
    orphan = InterviewSessionFactory(job_posting__owner=dave, completed=True)
    JobPosting.objects.filter(pk=orphan.job_posting_id).delete()
    busy = InterviewSessionFactory(job_posting__owner=dave, completed=True)
    in_progress = retake_of(busy)
    chain_first = InterviewSessionFactory(job_posting__owner=dave, completed=True)
    chain_second = retake_of(chain_first, completed=True)
    before = {s.pk: s for s in InterviewSession.objects.all()}

    response = _run_action(admin_client, completed, active, orphan, busy, chain_first, chain_second)

    new = InterviewSession.objects.exclude(pk__in=before)
    assert sorted((s.user.username, s.original_session_id, s.retake_number) for s in new) == sorted(
        [("carol", completed.pk, 2), ("dave", chain_first.pk, 3)]
    )
    message = _message(response)
    assert message.startswith("Created 2 retakes: ")
    assert f"Skipped {_link(active)}: Session must be completed before retaking" in message
    assert (
        f"Skipped {_link(orphan)}: Cannot retake session without associated job posting" in message
    )
    assert f"Skipped {_link(busy)}: An attempt of this session is already in progress" in message
    assert _change_url(in_progress) in message
    # Two sessions of one chain: the first in id order creates attempt 3, the second then
    # finds it in progress.
    _, later = sorted([chain_first, chain_second], key=lambda s: s.pk)
    assert f"Skipped {_link(later)}: An attempt of this session is already in progress" in message
    unchanged = {s.pk: s for s in InterviewSession.objects.filter(pk__in=before)}
    assert [vars_of(unchanged[pk]) for pk in before] == [vars_of(before[pk]) for pk in before]


def _link(session):
    return f'<a href="{_change_url(session)}">{session.pk}</a>'


def vars_of(session):
    return (session.status, session.score, session.retake_number, session.original_session_id)


def test_staff_without_the_add_permission_do_not_see_the_action(viewer_client):
    InterviewSessionFactory(completed=True)

    response = viewer_client.get(CHANGELIST)

    assert response.status_code == 200
    assert ACTION not in response.content.decode()


def test_staff_without_the_add_permission_cannot_run_the_action_by_name(viewer_client):
    session = InterviewSessionFactory(completed=True)
    before = db_snapshot()

    _run_action(viewer_client, session)

    assert db_snapshot() == before


# Deletion ---------------------------------------------------------------------------------


def test_deleting_a_retake_keeps_the_rest_of_its_chain(admin_client, completed_chain):
    original, second = completed_chain

    admin_client.post(
        reverse("admin:sessions_app_interviewsession_delete", args=[second.pk]), {"post": "yes"}
    )

    assert list(InterviewSession.objects.all()) == [original]


def test_deleting_a_whole_chain_at_once_deletes_it(admin_client, completed_chain):
    admin_client.post(
        CHANGELIST,
        {
            "action": "delete_selected",
            "_selected_action": [str(s.pk) for s in completed_chain],
            "post": "yes",
        },
    )

    assert not InterviewSession.objects.exists()


def test_deleting_an_original_without_its_retakes_is_refused(admin_client, completed_chain):
    original, _ = completed_chain
    before = db_snapshot()

    response = admin_client.post(
        reverse("admin:sessions_app_interviewsession_delete", args=[original.pk]), {"post": "yes"}
    )

    assert response.status_code == 200  # Django's page naming what protects it
    assert db_snapshot() == before


def test_a_selection_of_malformed_ids_is_an_error_message_not_a_500(admin_client):
    session = InterviewSessionFactory(completed=True)
    before = db_snapshot()

    response = admin_client.post(
        CHANGELIST,
        {"action": ACTION, "_selected_action": ["not-a-uuid", str(session.pk)]},
        follow=True,
    )

    assert response.status_code == 200
    assert _message(response) == "Those are not valid ids."
    assert db_snapshot() == before


def test_a_nul_byte_in_a_filter_is_400(admin_client):
    response = admin_client.get(CHANGELIST + "?status__exact=%00")

    assert response.status_code == 400


def test_search_finds_a_session_by_the_short_id_the_list_shows(admin_client):
    wanted = InterviewSessionFactory()

    response = admin_client.get(CHANGELIST, {"q": str(wanted.pk)[:8]})

    assert wanted in response.context["cl"].result_list


def test_staff_who_may_view_sessions_see_their_questions(viewer_client):
    session = InterviewSessionFactory(completed=True)

    response = viewer_client.get(_change_url(session))

    assert session.questions.get(number=1).text in response.content.decode()


def test_each_retake_the_action_creates_is_in_the_admin_history(admin_client):
    from django.contrib.admin.models import LogEntry

    session = InterviewSessionFactory(completed=True)

    _run_action(admin_client, session)

    attempt = InterviewSession.objects.get(original_session=session)
    assert LogEntry.objects.get().object_id == str(attempt.pk)


def test_the_session_page_shows_each_questions_talking_points(admin_client, completed_chain):
    session = completed_chain[0]
    session.questions.filter(number=1).update(talking_points=["Says who they told and when"])

    response = admin_client.get(_change_url(session))

    assert b"What a strong answer covers" in response.content
    assert b"<li>Says who they told and when</li>" in response.content
