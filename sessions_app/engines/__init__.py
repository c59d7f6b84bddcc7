"""Pluggable engines that write questions and score answers.

Each engine is a class named by a dotted path in settings, so another implementation
(an LLM-backed one, say) replaces the built-in one without touching views or services:

* ``INTERVIEW_QUESTION_GENERATOR``: ``generate(*, title, description, count)`` returns a
  list of ``count`` distinct ``(text, category)`` pairs.
* ``INTERVIEW_ANSWER_SCORER``: ``score(*, question, answer, title, description)`` returns
  ``(score, feedback)`` with ``score`` an int from 0 to 100.
"""

from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


class QuestionGenerator(Protocol):
    def generate(self, *, title: str, description: str, count: int) -> list[tuple[str, str]]: ...


class AnswerScorer(Protocol):
    def score(
        self, *, question: str, answer: str, title: str, description: str
    ) -> tuple[int, str]: ...


def get_question_generator() -> QuestionGenerator:
    return import_string(settings.INTERVIEW_QUESTION_GENERATOR)()


def get_answer_scorer() -> AnswerScorer:
    return import_string(settings.INTERVIEW_ANSWER_SCORER)()
