"""The summary at the top of a completed session: what its answers did well, the two changes
worth most, and on a retake what moved since the attempt before, in words."""

from dataclasses import dataclass
from statistics import mean

from sessions_app.engines import CRITERIA
from sessions_app.engines.scorer import OFF_TOPIC_CAP, WEIGHTS
from sessions_app.models import Question

STRONG = 70  # a criterion's mean from which it counts as a strength
MOVED = 5  # the smallest change in a criterion's mean worth telling
QUESTION_MOVED = 10  # the smallest change in one answer's score worth telling
QUESTIONS_TOLD = 2

STRENGTHS = {
    "structure": "Your answers are well built: the situation, what you did, and how it ended.",
    "specifics": "You give specifics: names, numbers, and what changed because of you.",
    "relevance": "You answer the question that was asked, in the job's own terms.",
    "clarity": "Your answers are clear and easy to follow.",
}
CHANGES = {
    "structure": (
        "Give every answer a shape: the situation in a sentence, what you did, then how it ended."
    ),
    "specifics": (
        "Add specifics: a number, a name, a before and after. Say what you did, not what "
        "people generally do."
    ),
    "relevance": (
        "Answer the question that was asked: open with the part of it you are answering and "
        "keep to it."
    ),
    "clarity": (
        "Use shorter sentences, one point each, and leave out what the listener does not need."
    ),
}


@dataclass(frozen=True)
class Summary:
    strengths: list[str]
    changes: list[str]
    since_last: list[str]  # empty for a first attempt, or with nothing to compare


def session_summary(*, questions: list[Question]) -> Summary | None:
    """The summary of a session's scored answers (``None`` if none has criteria). Each
    question may carry ``previous_criteria`` and ``previous_score``
    (``selectors.session_previous_scores``)."""
    scored = [question for question in questions if question.criteria]
    if not scored:
        return None
    means = {name: mean(q.criteria[name] for q in scored) for name in CRITERIA}
    # An answer that missed its question rules relevance out as a strength, however the
    # others lift the average.
    missed = any(q.criteria["relevance"] <= OFF_TOPIC_CAP for q in scored)
    by_strength = sorted(
        (name for name in CRITERIA if not (missed and name == "relevance")),
        key=lambda name: -means[name],
    )
    strengths = [STRENGTHS[name] for name in by_strength[:2] if means[name] >= STRONG] or [
        f"Your strongest side was {by_strength[0]} ({round(means[by_strength[0]])} on "
        f"average); none of the four reached {STRONG} yet."
    ]
    # Worth most: what a criterion would add to the score if it reached 100.
    by_gain = sorted(CRITERIA, key=lambda name: -WEIGHTS[name] * (100 - means[name]))
    changes = [CHANGES[name] for name in by_gain[:2] if means[name] < 100]
    if points := _points_missed(scored):
        changes = [*changes[:1], points]
    weakest = min(scored, key=lambda q: q.score)
    if weakest.score < STRONG:
        changes.append(
            f"Start with question {weakest.number}, your lowest score ({weakest.score}): "
            "its feedback below says what to change."
        )
    return Summary(strengths, changes, _since_last(scored))


def _points_missed(questions: list[Question]) -> str | None:
    """Advice naming a talking point left out, if the answers covered under half of them."""
    total = sum(len(q.talking_points) for q in questions)
    covered = sum(len(q.talking_points_covered) for q in questions)
    if not total or 2 * covered >= total:
        return None
    question = next(q for q in questions if len(q.talking_points_covered) < len(q.talking_points))
    covered_indexes = set(question.talking_points_covered)
    point = next(p for i, p in enumerate(question.talking_points) if i not in covered_indexes)
    return (
        f"Cover more of what a strong answer covers: your answers touched {covered} of "
        f"{total} points. Question {question.number}, for one, leaves out “{point}”."
    )


def _since_last(questions: list[Question]) -> list[str]:
    """What moved since the attempt before: the criteria whose average over the questions
    both attempts asked moved, then the (at most ``QUESTIONS_TOLD``) answers whose score
    moved most, drops first."""
    compared = [q for q in questions if getattr(q, "previous_criteria", None)]
    if not compared:
        return []
    lines = []
    moved = []
    for name in CRITERIA:
        change = round(mean(q.criteria[name] - q.previous_criteria[name] for q in compared))
        if abs(change) >= MOVED:
            moved.append(f"{name} {_direction(change)} {abs(change)}")
    if moved:
        lines.append(f"On average, {', '.join(moved)}.")
    answers = [q for q in compared if abs(q.score - q.previous_score) >= QUESTION_MOVED]
    answers.sort(key=lambda q: (q.score > q.previous_score, -abs(q.score - q.previous_score)))
    for question in answers[:QUESTIONS_TOLD]:
        change = question.score - question.previous_score
        criterion = max(
            CRITERIA, key=lambda n: abs(question.criteria[n] - question.previous_criteria[n])
        )
        lines.append(
            f"Question {question.number} {_direction(change)} {abs(change)}, most of it "
            f"{criterion} ({question.previous_criteria[criterion]} → "
            f"{question.criteria[criterion]})."
        )
    return lines or [f"About the same as last time: nothing moved by {MOVED} or more."]


def _direction(change: int) -> str:
    return "up" if change > 0 else "down"
