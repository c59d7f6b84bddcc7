"""The built-in answer scorer: offline, deterministic and standard library only.

An answer earns up to 100 points from five criteria, then loses points for empty language:

* **Structure (STAR), 35 points**, read from the content. Literal "Situation:" or "Result:"
  labels are removed first and earn nothing on their own (a Situation or Task label followed
  by a figure or a name does count as that part). Situation, 7: when and where, what was wrong
  ("last year", "at my previous company", "was struggling"). Task, 5: the goal ("I was asked
  to", "my goal was", "I needed to"). Action, 14: distinct things the candidate did ("I
  profiled", "we agreed"), full marks at three; a habit ("I pair with ...") counts 0.6 of an
  action and a hypothetical ("I would ...") 0.5. Result, 9: outcome language with a number
  earns all 9, without one 5.4, and a vague "it got better" 3.2.
* **Concreteness, 30 points.** Figures in the result sentences, 12 (full at two); other
  numbers inside the story, 6 (full at three; credentials such as "8 years of Python" and
  bare lists of figures do not count); named specifics such as tools, products or places
  that the posting did not already name, 7.5 (full at three); people and timeframes ("the
  CMO", "within a quarter", "weekly"), 4.5 (full at two).
* **Relevance, 15 points.** Content words shared with the question, 7.5, and skills from the
  posting that the answer mentions, 7.5, each capped at two, so naming more earns nothing.
* **Length, 10 points**, counted on distinct sentences so repetition adds nothing: nothing
  below 8 words, half at 40, full from 80 to 400, easing to 8 points at 700 and beyond.
* **Clear language, 10 points.** Each filler word ("um", "you know", "basically"), buzzword
  ("synergy", "best practices"; allowed when the posting itself uses it) or sweeping claim
  ("I always", "everyone", "X is key") costs a third; each hedge ("probably", "I think")
  costs 0.15 of it.

Penalties come off the total. After the first slip, each filler word or buzzword costs 4
more points and each sweeping claim 6, at most 20 in all. Keyword stuffing: once a quarter of
an answer's content words (and at least five) only echo the posting's skill terms or the
question, it starts losing its relevance points and up to 40 more, all of them at 60%.

Feedback names what the answer did well, then what to add: missing STAR parts, a number, one
or two of the posting's skills, filler or buzzwords to cut, and length advice. An answer that
scores 75 or more keeps its praise and at most one suggestion.
"""

from sessions_app.engines.scoring_features import (
    LONG_WORDS,
    SHORT_WORDS,
    Reading,
    posting_skills,
    read_answer,
)
from sessions_app.engines.scoring_feedback import praise_for, suggestions_for

# posting_skills lives with the feature detection, but callers know it as part of the scorer.
__all__ = ["BuiltinAnswerScorer", "posting_skills"]

STRONG_SCORE = 75
MAX_SUGGESTIONS = 5


def _length_credit(words: int) -> float:
    points = ((0, 0.0), (8, 0.0), (SHORT_WORDS, 0.5), (80, 1.0), (LONG_WORDS, 1.0), (700, 0.8))
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        if words <= x1:
            return y0 + (y1 - y0) * (words - x0) / (x1 - x0)
    return points[-1][1]


def _criteria(reading: Reading) -> dict[str, float]:
    """Points per criterion, before penalties."""
    structure = (
        7 * reading.situation
        + 5 * reading.task
        + 14 * min(1.0, reading.action_units / 3)
        + 9 * reading.result
    )
    people_and_times = min(1.0, len(reading.people_and_times) / 2)
    concreteness = (
        12 * min(1.0, reading.measures / 2)
        + 6 * min(1.0, reading.story_numbers / 3)
        + 7.5 * min(1.0, len(reading.specifics) / 3)
        + 4.5 * people_and_times
    )
    relevance = 7.5 * min(1.0, len(reading.question_overlap) / 2) + 7.5 * min(
        1.0, len(reading.skills_used) / 2
    )
    slips = len(reading.fillers) + len(reading.buzzwords) + reading.platitudes
    clear = max(0.0, 1 - slips / 3 - 0.15 * reading.hedges)
    return {
        "structure": structure,
        "concreteness": concreteness,
        "relevance": relevance * (1 - reading.stuffing),
        "length": 10 * _length_credit(reading.effective_words),
        "language": 10 * clear,
    }


def _penalty(reading: Reading) -> float:
    slips = len(reading.fillers) + len(reading.buzzwords) + 1.5 * reading.platitudes
    return min(20.0, 4 * max(0.0, slips - 1)) + 40 * reading.stuffing


class BuiltinAnswerScorer:
    """Scores an answer against its question and the job posting; see the module docstring."""

    def score(self, *, question: str, answer: str, title: str, description: str) -> tuple[int, str]:
        """Return ``(score, feedback)``: an int from 0 to 100 and a few lines of plain text.

        The same input always gives the same output. A blank answer scores 0 and the feedback
        asks for an answer.
        """
        if not answer.strip():
            return 0, "No answer yet: write a few sentences about a real example."
        reading = read_answer(question, answer, title, description)
        total = sum(_criteria(reading).values()) - _penalty(reading)
        score = max(0, min(100, round(total)))
        praise = praise_for(reading)
        advice = suggestions_for(reading)
        # A strong answer needs one nudge, a weak one a short list it can act on.
        advice = advice[: 1 if score >= STRONG_SCORE else MAX_SUGGESTIONS]
        if not praise:
            praise = ["There is little to score yet: tell the story of one real example."]
        return score, "\n".join(praise + advice)
