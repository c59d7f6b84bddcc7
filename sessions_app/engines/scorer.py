"""The built-in answer scorer: offline and deterministic (its embeddings come from a model
inside a wheel, ``embeddings``).

An answer gets four criteria, each 0 to 100 (``criteria``), from the evidence
``scoring_features`` reads in it; the score is their weighted mean (``WEIGHTS``), capped for an
answer that misses the question (``score_from``, ``OFF_TOPIC_CAP``). What each piece of
evidence is worth is written once, in ``_points`` and ``_focus``:

* **Structure**: the story's situation, goal, distinct actions and result, read from the
  content; literal "Situation:" or "Result:" labels are removed first and earn nothing. A
  habit ("I pair with ...") or a plan ("I would ...") counts as part of an action.
* **Specifics**: figures in the result, other numbers inside the story (not credentials such
  as "8 years of Python"), named tools, products or places the posting did not already name,
  people and timeframes; none of it counts in sentences that would fit any answer
  (``Meaning.specific``: a memorised paragraph's "errors dropped by 40%").
* **Relevance**: how far the answer is about what the question asks, by meaning
  (``scoring_meaning``: its sentences against the talking points, the answer against the
  bank's other questions, the points' own words) and by the word lists' focus (``_focus``:
  the topic it asks about, the skill it names, which the answer must show): the better of
  the four readings' weighted mean and the word lists' focus alone, each held back where
  the meaning disagrees (``criteria``). Keyword stuffing takes it away; a list of terms, or
  an answer that would fit any question, does not answer it.
* **Clarity**: length within reason, counted on distinct sentences (``_length_credit``), and
  language without filler words, buzzwords (allowed when the posting uses them), sweeping
  claims or hedges.

Feedback (``scoring_feedback``), one point per line: what the answer did well, then the one
or two changes that would raise its score most; an answer that misses the question hears
that first, and one that scores ``STRONG_SCORE`` or more gets one change.
"""

from typing import NamedTuple

from sessions_app.engines import BUILT_IN, CRITERIA
from sessions_app.engines.scoring_features import (
    LONG_WORDS,
    SHORT_WORDS,
    Reading,
    posting_skills,
    read_answer,
)
from sessions_app.engines.scoring_feedback import feedback_points

# posting_skills lives with the feature detection, but callers know it as part of the scorer.
__all__ = ["Assessment", "BuiltinAnswerScorer", "criteria", "posting_skills", "score_from"]

# What the rubric asks for first: a story with its steps, then specifics, then relevance and
# clarity. The weights the score uses are fitted near these on labelled answers
# (sessions_app/engines/calibration.py, which the scorer's tests rerun); docs/scoring.md gives
# their agreement with labels the fit did not see.
RUBRIC_WEIGHTS = {"structure": 0.35, "specifics": 0.30, "relevance": 0.15, "clarity": 0.20}
WEIGHTS = {"structure": 0.35, "specifics": 0.30, "relevance": 0.15, "clarity": 0.20}
OFF_TOPIC_CAP = 40
STRONG_SCORE = 75
# Relevance by meaning is the weighted mean of four readings (``scoring_meaning``), the
# contrast with other questions weighing CONTRAST_WEIGHT, and reaches 100 when that mean
# reaches RELEVANCE_FULL; it counts in full only when the talking points or the word lists
# find the question addressed (ADDRESSED_FULL). With talking points to compare against, the
# word lists count in full only when the points and the contrast add up to WORDS_NEED_MEANING.
RELEVANCE_FULL = 0.6
ADDRESSED_FULL = 0.5
CONTRAST_WEIGHT = 0.5
WORDS_NEED_MEANING = 0.25
# The share of the word lists' focus that comes from the posting (its skills and words):
# more for a question about the role itself.
POSTING_LINK, ROLE_LINK = 0.2, 0.7
# An answer is wholly generic below the first of these readings of ``Meaning.specific`` and
# not generic at all above their sum; a wholly generic one keeps half its relevance.
GENERIC_FROM, GENERIC_SPAN = 0.4, 0.3
GENERIC_RELEVANCE_LOSS = 0.5
# How much of its focus an answer to a skill question keeps without showing the skill.
SKILL_MISSING_SHARE = 0.35


def _length_credit(words: int) -> float:
    points = ((0, 0.0), (8, 0.0), (SHORT_WORDS, 0.5), (80, 1.0), (LONG_WORDS, 1.0), (700, 0.8))
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        if words <= x1:
            return y0 + (y1 - y0) * (words - x0) / (x1 - x0)
    return points[-1][1]


def _points(reading: Reading) -> dict[str, float]:
    """The evidence behind each criterion, in points (see the module docstring)."""
    # A question about what you would do sets the situation and the goal itself.
    given = reading.forward_question
    structure = (
        7 * (reading.situation or given)
        + 5 * (reading.task or given)
        + 14 * min(1.0, reading.action_units / 3)
        + 9 * reading.result
    )
    people_and_times = min(1.0, len(reading.people_and_times) / 2)
    specifics = (
        12 * min(1.0, reading.measures / 2)
        + 6 * min(1.0, reading.story_numbers / 3)
        + 7.5 * min(1.0, len(reading.specifics) / 3)
        + 4.5 * people_and_times
    )
    slips = len(reading.fillers) + len(reading.buzzwords) + reading.platitudes
    language = 10 * max(0.0, 1 - slips / 3 - 0.15 * reading.hedges)
    penalty_slips = len(reading.fillers) + len(reading.buzzwords) + 1.5 * reading.platitudes
    penalty = min(20.0, 4 * max(0.0, penalty_slips - 1))
    clarity = 10 * _length_credit(reading.effective_words) + language - penalty
    return {"structure": structure, "specifics": specifics, "clarity": clarity}


def _focus(reading: Reading) -> float:
    """How far the answer addresses what the question asks, 0 to 1: the best of its topic
    (two of the topic's words in the answer), the skills it names and its own words."""
    asked = []
    if reading.topic_cover is not None:
        asked.append(reading.topic_cover)
    if words := reading.question_words:
        asked.append(min(1.0, len(words & reading.question_overlap) / min(2, len(words))))
    best = max(asked) if asked else reading.posting_link
    if reading.question_skills:
        # A question about a skill is answered by showing that skill, or, where it also
        # names a competency ("design a REST API"), by an answer squarely about that; the
        # rest of what it asks counts for a little only.
        used = len(reading.question_skills_used) / len(reading.question_skills)
        on_topic = (reading.topic_cover or 0) >= 1
        other = reading.topic_cover if on_topic else SKILL_MISSING_SHARE * best
        return used + (1 - used) * other
    return best


def criteria(reading: Reading) -> dict[str, int]:
    """The four criteria, each 0 to 100."""
    points = _points(reading)
    meaning = reading.meaning
    link = ROLE_LINK if reading.role_question else POSTING_LINK
    focus = _focus(reading)
    by_words = focus * (1 - link + link * reading.posting_link)
    # The contrast counts for less: a story rich in its field's detail can sit near another
    # question about that detail and still answer this one.
    readings = (meaning.points, meaning.contrast, meaning.point_words, focus)
    weights = (1.0, CONTRAST_WEIGHT, 1.0, 1.0)
    mean = sum(w * r for w, r in zip(weights, readings, strict=True)) / sum(weights)
    by_meaning = min(1.0, mean / RELEVANCE_FULL)
    by_meaning *= min(1.0, max(meaning.points, by_words) / ADDRESSED_FULL)
    if reading.talking_points:
        # With talking points to compare against, the word lists count only as far as the
        # meaning agrees: a shared word is not an answer to another question.
        by_words *= min(1.0, (meaning.points + meaning.contrast) / WORDS_NEED_MEANING)
    relevance = max(by_meaning, by_words) * (1 - reading.stuffing)
    if reading.term_list:
        relevance = 0.0  # terms without a sentence do not answer anything
    # What would fit any question says nothing about this one: as far as the answer is
    # generic, its specifics count for nothing and its relevance for half, and one that is
    # generic outright (``Meaning.generic``) does not answer the question.
    specific = max(0.0, min(1.0, (meaning.specific - GENERIC_FROM) / GENERIC_SPAN))
    values = {
        "structure": points["structure"] / 35,
        "specifics": points["specifics"] / 30 * specific,
        "relevance": (
            min(relevance, OFF_TOPIC_CAP / 100)
            if meaning.generic
            else relevance * (1 - GENERIC_RELEVANCE_LOSS * (1 - specific))
        ),
        "clarity": points["clarity"] / 20,
    }
    return {name: max(0, min(100, round(100 * value))) for name, value in values.items()}


def score_from(values: dict[str, int], weights: dict[str, float] | None = None) -> int:
    """The score: the criteria's weighted mean; for an answer whose relevance is
    ``OFF_TOPIC_CAP`` or less (it does not answer the question, however well built) at most
    ``OFF_TOPIC_CAP / 2 + relevance / 2``, so below the cap."""
    weights = weights or WEIGHTS
    total = sum(weights[name] * values[name] for name in CRITERIA) / sum(weights.values())
    if values["relevance"] <= OFF_TOPIC_CAP:
        # From half the cap for an answer with nothing to do with the question up to the cap.
        total = min(total, OFF_TOPIC_CAP * (0.5 + values["relevance"] / (2 * OFF_TOPIC_CAP)))
    return max(0, min(100, round(total)))


class Assessment(NamedTuple):
    score: int
    feedback: str
    criteria: dict[str, int]
    covered: tuple[int, ...] = ()  # the talking points covered, by index
    scored_by: str = BUILT_IN
    tokens: int | None = None


class BuiltinAnswerScorer:
    """Scores an answer against its question and the job posting; see the module docstring."""

    def score(
        self,
        *,
        question: str,
        answer: str,
        title: str,
        description: str,
        talking_points: tuple[str, ...] | list[str] = (),
    ) -> tuple[int, str]:
        """``(score, feedback)``, the interface every scorer has."""
        assessment = self.assess(
            question=question,
            answer=answer,
            title=title,
            description=description,
            talking_points=talking_points,
        )
        return assessment.score, assessment.feedback

    def assess(
        self,
        *,
        question: str,
        answer: str,
        title: str,
        description: str,
        talking_points: tuple[str, ...] | list[str] = (),
    ) -> Assessment:
        """The score, its feedback (one point per line) and its criteria.

        The same input always gives the same output. A blank answer scores 0 and the feedback
        asks for an answer.
        """
        if not answer.strip():
            empty = dict.fromkeys(CRITERIA, 0)
            return Assessment(
                0, "No answer yet: write a few sentences about a real example.", empty
            )
        reading = read_answer(question, answer, title, description, talking_points)
        values = criteria(reading)
        score = score_from(values)
        points = feedback_points(
            reading,
            values,
            WEIGHTS,
            off_topic=values["relevance"] <= OFF_TOPIC_CAP,
            strong=score >= STRONG_SCORE,
        )
        covered = () if reading.term_list else tuple(reading.meaning.covered)
        return Assessment(score, "\n".join(points), values, covered)
