"""The attempts page: the chain in a table and its scores in a server-drawn chart."""

import pytest
from django.urls import reverse

from sessions_app.models import InterviewSession
from sessions_app.tests.pages.conftest import chain_of_scores, retake_of

pytestmark = pytest.mark.django_db


def _attempts(client, session):
    return client.get(reverse("pages:attempts", args=[session.pk]))


def test_the_table_lists_every_attempt_with_a_link(alice_web, completed):
    latest = chain_of_scores(completed, 40, 55, 70)

    response = _attempts(alice_web, latest)

    assert response.status_code == 200
    for attempt in InterviewSession.objects.all():
        assert reverse("pages:session", args=[attempt.pk]).encode() in response.content


def test_best_latest_and_improvement_are_shown(alice_web, completed):
    latest = chain_of_scores(completed, 40, 75, 70)

    response = _attempts(alice_web, latest)

    chain = response.context["chain"]
    assert (chain.best_score, chain.latest_score) == (75, 70)
    assert response.context["improvement"] == "+30"


def test_improvement_says_what_it_measures(alice_web, completed):
    latest = chain_of_scores(completed, 40, 75, 70)

    response = _attempts(alice_web, latest)

    assert response.context["best_gain"] == "+35"
    assert (
        "Improvement is your latest score minus your first (70 − 40); your best, 75, is +35 on "
        "your first."
    ) in response.content.decode()


def test_the_chart_is_inline_svg_that_a_screen_reader_can_read(alice_web, completed):
    latest = chain_of_scores(completed, 40, 55)

    content = _attempts(alice_web, latest).content.decode()

    assert '<svg class="chart"' in content
    assert '<title id="chart-svg-title">' in content
    assert "Attempt #1: 40. Attempt #2: 55." in content
    assert content.count('<circle class="point"') == 2


def test_the_chart_draws_a_better_score_higher(alice_web, completed):
    latest = chain_of_scores(completed, 40, 90)

    first, second = _attempts(alice_web, latest).context["chart"].points

    assert second.y < first.y
    assert second.x > first.x


def test_an_attempt_in_progress_is_listed_but_not_charted(alice_web, completed):
    active = retake_of(completed)

    response = _attempts(alice_web, active)

    assert len(response.context["chain"].attempts) == 2
    assert len(response.context["chart"].points) == 1


@pytest.mark.parametrize("attempts", [1, 30])
def test_attempts_page_runs_the_same_queries_for_1_and_30_attempts(
    alice_web, completed, attempts, django_assert_num_queries
):
    latest = chain_of_scores(completed, *range(40, 40 + attempts))

    # 1 the login session, 2 the user, 3 the session with its posting's title, 4 the chain,
    # 5 its answers' criteria.
    with django_assert_num_queries(5):
        response = _attempts(alice_web, latest)

    assert len(response.context["chart"].points) == attempts


def _with_criteria(session, **values):
    criteria = {"structure": 50, "specifics": 50, "relevance": 50, "clarity": 50, **values}
    session.questions.update(criteria=criteria)


def test_the_criteria_chart_draws_a_line_per_criterion_across_attempts(alice_web, completed):
    latest = chain_of_scores(completed, 40, 70)
    _with_criteria(completed, structure=30, relevance=20)
    _with_criteria(latest, structure=80, relevance=90)

    page = _attempts(alice_web, latest).content.decode()

    for name in ("structure", "specifics", "relevance", "clarity"):
        assert f'<polyline class="line {name}"' in page
    assert "Structure: attempt #1 30, attempt #2 80." in page
    assert "Relevance: attempt #1 20, attempt #2 90." in page


def test_the_table_gives_each_attempts_mean_criteria(alice_web, completed):
    latest = chain_of_scores(completed, 40, 70)
    _with_criteria(latest, clarity=64)
    first = latest.questions.get(number=1)
    first.criteria = {**first.criteria, "clarity": 14}
    first.save()

    response = _attempts(alice_web, latest)

    attempt = next(a for a in response.context["chain"].attempts if a.pk == latest.pk)
    assert attempt.criteria["clarity"] == round((14 + 4 * 64) / 5)
    assert f"<td>{attempt.criteria['clarity']}</td>".encode() in response.content


def test_without_criteria_the_chart_waits_for_a_scored_attempt(alice_web, completed):
    page = _attempts(alice_web, completed).content.decode()

    assert "appears once an attempt with scored answers is completed" in page
