"""Pluggable engines that write questions and score answers.

Each engine is a class named by a dotted path in settings, so another implementation
(an LLM-backed one, say) replaces the built-in one without touching views or services:

* ``INTERVIEW_QUESTION_GENERATOR``: ``generate(*, title, description, count)`` returns a
  list of ``count`` questions with distinct texts: each a ``GeneratedQuestion`` (text,
  category, topic, talking points) or, from an older engine, a ``(text, category)`` pair.
* ``INTERVIEW_ANSWER_SCORER``: ``score(*, question, answer, title, description)`` returns
  ``(score, feedback)`` with ``score`` an int from 0 to 100 and ``feedback`` one point per
  line. A scorer may also have ``assess`` with the same arguments, returning
  ``(score, feedback, criteria)``: ``criteria`` maps ``structure``, ``specifics``,
  ``relevance`` and ``clarity`` to ints from 0 to 100 (the built-in one does).
"""

from typing import NamedTuple, Protocol

from django.conf import settings
from django.utils.module_loading import import_string


class GeneratedQuestion(NamedTuple):
    """A question as an engine writes it: its ``category`` (``behavioural``, ``role`` or
    ``skill``), the competency or skill it probes (``topic``) and the ``talking_points`` an
    interviewer listens for (what a strong answer covers)."""

    text: str
    category: str
    topic: str = ""
    talking_points: tuple[str, ...] = ()


class QuestionGenerator(Protocol):
    def generate(
        self, *, title: str, description: str, count: int
    ) -> list[GeneratedQuestion | tuple[str, str]]: ...


class AnswerScorer(Protocol):
    def score(
        self, *, question: str, answer: str, title: str, description: str
    ) -> tuple[int, str]: ...


def get_question_generator() -> QuestionGenerator:
    return import_string(settings.INTERVIEW_QUESTION_GENERATOR)()


def get_answer_scorer() -> AnswerScorer:
    return import_string(settings.INTERVIEW_ANSWER_SCORER)()


def engines_warm_up() -> None:
    """Load now what the configured engines would load on first use (a model), so that a
    server's first requests do not wait for it."""
    for engine in (get_question_generator(), get_answer_scorer()):
        if warm_up := getattr(engine, "warm_up", None):
            warm_up()


CRITERIA = ("structure", "specifics", "relevance", "clarity")


class Scored(NamedTuple):
    score: int
    feedback: str
    criteria: dict[str, int] | None


def _valid_criteria(criteria: object) -> dict[str, int] | None:
    # A plugged-in scorer's criteria are kept only in the documented shape.
    if not isinstance(criteria, dict) or set(criteria) != set(CRITERIA):
        return None
    values = {name: criteria[name] for name in CRITERIA}
    if not all(
        isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 100 for v in values.values()
    ):
        return None
    return values


def answer_score(*, question: str, answer: str, title: str, description: str) -> Scored:
    """Score an answer with the configured scorer: its criteria too if it gives them."""
    scorer = get_answer_scorer()
    arguments = {"question": question, "answer": answer, "title": title, "description": description}
    if assess := getattr(scorer, "assess", None):
        score, feedback, criteria = assess(**arguments)
    else:
        (score, feedback), criteria = scorer.score(**arguments), None
    return Scored(max(0, min(100, int(score))), feedback, _valid_criteria(criteria))
