"""The answer box's guidance fits its question: a plan's for what you would do, a story's
for what you did."""

import pytest
from django.urls import reverse

from sessions_app.models import Question
from sessions_app.pages.forms import PLAN_GUIDANCE, STORY_GUIDANCE
from sessions_app.tests.factories import InterviewSessionFactory

pytestmark = pytest.mark.django_db


def _form(client, text):
    session = InterviewSessionFactory(job_posting__owner=client.alice)
    Question.objects.filter(session=session, number=1).update(text=text)
    return client.get(reverse("pages:session", args=[session.pk])).context["form"]


@pytest.fixture
def web(alice_web, alice):
    alice_web.alice = alice
    return alice_web


def test_a_question_about_what_you_would_do_gets_a_plans_guidance(web):
    form = _form(web, "A patient's NEWS2 rises to 7 at handover. What would you do?")

    assert PLAN_GUIDANCE[0] in form.fields["answer"].help_text
    assert form.fields["answer"].widget.attrs["placeholder"] == PLAN_GUIDANCE[1]


def test_a_question_about_a_past_situation_gets_a_storys_guidance(web):
    form = _form(web, "Tell me about a time a service went wrong in your kitchen.")

    assert STORY_GUIDANCE[0] in form.fields["answer"].help_text
    assert form.fields["answer"].widget.attrs["placeholder"] == STORY_GUIDANCE[1]


def test_a_refused_answer_keeps_the_guidance_of_its_question(web):
    session = InterviewSessionFactory(job_posting__owner=web.alice)
    Question.objects.filter(session=session, number=1).update(text="How would you plan week one?")

    response = web.post(
        reverse("pages:session", args=[session.pk]), {"answer": " ", "question_number": 1}
    )

    assert response.status_code == 400
    assert PLAN_GUIDANCE[0] in response.context["form"].fields["answer"].help_text
