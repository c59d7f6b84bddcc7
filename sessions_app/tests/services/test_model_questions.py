"""A model's questions for a posting are asked for once, outside any transaction, and kept:
every attempt of the posting asks the same ones until the posting is edited; if the model
fails, the built-in bank writes the session's questions and nothing is kept."""

import pytest

from sessions_app import services
from sessions_app.engines.generator import BuiltinQuestionGenerator
from sessions_app.models import JobPosting
from sessions_app.tests.factories import JobPostingFactory
from sessions_app.tests.model_server import ModelServer, Reply, is_scoring, question_set

pytestmark = pytest.mark.django_db

ANSWER = (
    "On a Saturday with 140 covers our grill chef went home ill at six, so I moved to the "
    "grill myself, put the commis on garnish and told front of house to hold two tables for "
    "fifteen minutes. Ticket times peaked at 22 minutes and were back to 12 by eight o'clock."
)


@pytest.fixture(scope="module")
def server():
    with ModelServer() as model_server:
        yield model_server


@pytest.fixture(autouse=True)
def model(server, settings):
    server.reset()
    settings.LLM_BASE_URL = server.url
    settings.LLM_MODEL = "test-model"
    settings.LLM_TIMEOUT = 1
    settings.INTERVIEW_QUESTION_GENERATOR = "sessions_app.engines.llm.ModelQuestionGenerator"
    return server


@pytest.fixture
def posting():
    return JobPostingFactory(title="Sous Chef", description="Sous Chef: the pass, HACCP, rotas.")


def _texts(session) -> list[str]:
    return list(session.questions.order_by("number").values_list("text", flat=True))


def _completed(session):
    for _ in range(session.questions.count()):
        services.session_answer(session_id=session.pk, owner=session.user, answer=ANSWER)
    return services.session_complete(session_id=session.pk, owner=session.user)


def test_a_session_asks_the_models_questions_with_their_talking_points(posting):
    session = services.session_start(user=posting.owner, job_posting_id=posting.pk)

    first = session.questions.get(number=1)
    assert first.text.startswith("Model question 1")
    assert first.talking_points == ["point 1.1", "point 1.2", "point 1.3"]


def test_a_retake_asks_the_same_questions_without_asking_the_model_again(model, posting):
    session = services.session_start(user=posting.owner, job_posting_id=posting.pk)
    model.script = lambda request: question_set(5, prefix="Another")

    attempt = services.session_retake(session=_completed(session), owner=posting.owner)

    assert _texts(attempt) == _texts(session)
    assert len([r for r in model.requests if not is_scoring(r)]) == 1
    assert all(q.previous_score is not None for q in attempt.question_list)


def test_editing_the_posting_gives_a_new_set(model, posting):
    first = services.session_start(user=posting.owner, job_posting_id=posting.pk)
    _completed(first)
    model.script = lambda request: question_set(5, prefix="Edited")
    services.job_posting_update(posting=posting, data={"description": "Head chef cover, too."})

    second = services.session_start(user=posting.owner, job_posting_id=posting.pk)

    assert all(text.startswith("Edited") for text in _texts(second))


def test_a_model_that_fails_leaves_the_bank_to_write_the_questions_and_keeps_nothing(
    model, posting
):
    model.script = lambda request: Reply(status=500, body={"error": {"message": "down"}})

    session = services.session_start(user=posting.owner, job_posting_id=posting.pk)

    bank = BuiltinQuestionGenerator().generate(
        title=posting.title, description=posting.description, count=5
    )
    assert _texts(session) == [question.text for question in bank]
    assert JobPosting.objects.get(pk=posting.pk).question_set_key == ""


def test_the_model_is_asked_again_once_it_is_back(model, posting):
    model.script = lambda request: Reply(status=503, body={"error": {"message": "down"}})
    services.session_start(user=posting.owner, job_posting_id=posting.pk)
    model.reset()

    later = services.session_start(user=posting.owner, job_posting_id=posting.pk)

    assert _texts(later)[0].startswith("Model question 1")
