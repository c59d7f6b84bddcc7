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
  ``relevance`` and ``clarity`` to ints from 0 to 100 (the built-in one does). A method that
  takes ``talking_points`` gets the question's, and may return a fourth item: the indexes of
  the points the answer covers.

An engine that cannot answer raises ``EngineUnavailable`` (worth asking again later) or
``EngineFailed``; the services then fall back to the built-in engine (``services.scoring``,
``services.sessions.posting_questions_prepare``). ``llm.py`` holds the model engines.
"""

import inspect
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
BUILT_IN = "built-in"  # who scored an answer (``Scored.scored_by``) when no model did


class EngineUnavailable(Exception):
    """An engine could not answer now (a model that timed out, a busy or failing server):
    worth asking again, after ``retry_after`` seconds if the engine was told."""

    def __init__(self, reason: str, *, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


class EngineFailed(Exception):
    """An engine answered with what cannot be used, or refused the request: asking again
    would not help."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Scored(NamedTuple):
    score: int
    feedback: str
    criteria: dict[str, int] | None
    # Indexes of the question's talking points the answer covers (empty if none or unknown).
    covered: list[int]
    # The model's name, ``BUILT_IN``, or a plugged-in scorer's class; the tokens it spent.
    scored_by: str = BUILT_IN
    tokens: int | None = None


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


def _accepts_talking_points(method: object) -> bool:
    parameters = inspect.signature(method).parameters
    return "talking_points" in parameters or any(
        p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()
    )


def answer_score(
    *,
    question: str,
    answer: str,
    title: str,
    description: str,
    talking_points: list[str] | tuple[str, ...] = (),
    scorer: AnswerScorer | None = None,
) -> Scored:
    """Score an answer with ``scorer`` (the configured one by default): its criteria too if it
    gives them, and the talking points it covers if it says (a scorer written before talking
    points existed is called without them)."""
    scorer = scorer or get_answer_scorer()
    arguments = {"question": question, "answer": answer, "title": title, "description": description}
    method = getattr(scorer, "assess", None) or scorer.score
    if _accepts_talking_points(method):
        arguments["talking_points"] = tuple(talking_points)
    result = method(**arguments)
    score, feedback, criteria = (*result, None)[:3]
    covered = result[3] if len(result) > 3 else []
    valid = [i for i in covered if isinstance(i, int) and 0 <= i < len(talking_points)]
    return Scored(
        max(0, min(100, int(score))),
        feedback,
        _valid_criteria(criteria),
        valid,
        scored_by=getattr(result, "scored_by", None) or type(scorer).__name__,
        tokens=getattr(result, "tokens", None),
    )


# A score no higher than this for an answer already given to another question of the session:
# one answer cannot answer two questions.
REPEAT_CAP = 40


def repeats_noted(scored: Scored, *, same_as: int | None, unchanged: bool) -> Scored:
    """``scored``, its feedback opening on what the answer repeats: another question's
    answer in this session (its score capped at ``REPEAT_CAP``), or the last attempt's."""
    notes, score = [], scored.score
    if same_as is not None:
        notes.append(
            f"The same answer as question {same_as}: one answer cannot answer both; "
            "write one for this question."
        )
        score = min(score, REPEAT_CAP)
    if unchanged:
        notes.append("The same answer as your last attempt: change it to see what improves.")
    if not notes:
        return scored
    return scored._replace(score=score, feedback="\n".join([*notes, scored.feedback]))
