"""The session serializers build their JSON directly; it must be what their declared fields
(which the browsable API and the schema describe) give."""

import pytest
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from sessions_app import selectors
from sessions_app.api.serializers import (
    QuestionSerializer,
    SessionDetailSerializer,
    SessionSerializer,
)
from sessions_app.tests.factories import InterviewSessionFactory

pytestmark = pytest.mark.django_db


def _context() -> dict:
    return {"request": Request(APIRequestFactory().get("/"))}


def _field_by_field(serializer: serializers.Serializer, instance: object) -> dict:
    return serializers.Serializer.to_representation(serializer, instance)


def _read(session):
    return selectors.session_detail(session_id=session.pk, user=session.user)


@pytest.mark.parametrize("completed", [False, True])
def test_a_listed_session_is_what_its_fields_give(completed):
    session = _read(InterviewSessionFactory(completed=completed))

    assert SessionSerializer(context=_context()).to_representation(session) == _field_by_field(
        SessionSerializer(context=_context()), session
    )


def test_a_retake_with_a_deleted_posting_is_what_its_fields_give():
    original = InterviewSessionFactory(completed=True)
    retake = InterviewSessionFactory(
        job_posting=original.job_posting, original_session=original, retake_number=2
    )
    retake.job_posting.delete()
    session = _read(retake)

    assert SessionSerializer(context=_context()).to_representation(session) == _field_by_field(
        SessionSerializer(context=_context()), session
    )


@pytest.mark.parametrize("completed", [False, True])
def test_a_question_is_what_its_fields_give(completed):
    session = _read(InterviewSessionFactory(completed=completed))
    session.question_list[0].previous_score = 40

    for question in session.question_list:
        assert QuestionSerializer().to_representation(question) == _field_by_field(
            QuestionSerializer(), question
        )


def test_a_detail_is_what_its_fields_give():
    session = _read(InterviewSessionFactory(completed=True))

    assert SessionDetailSerializer(session, context=_context()).data == _field_by_field(
        SessionDetailSerializer(context=_context()), session
    )
