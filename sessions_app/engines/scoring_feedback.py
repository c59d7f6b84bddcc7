"""Feedback from the built-in answer scorer: what an answer did well, then what to add or cut.

Both lists come from the same :class:`Reading` as the score; the scorer decides how many
suggestions to keep.
"""

import re

from sessions_app.engines import scoring_lexicon as lexicon
from sessions_app.engines.scoring_features import LONG_WORDS, SHORT_WORDS, Reading

_EMPTY_LABELS = (
    "The Situation/Task/Action/Result labels are there, but each part needs specifics: who, "
    "what you did, what changed."
)

# Rates and sizes read as results more plainly than time spans or bare figures.
_RATE = re.compile(rf"\d\s*(?:{lexicon.RATE_UNITS})(?!\w)", re.I)

_STAR_PARTS = (
    ("situation", "the situation (where, when, what was at stake)"),
    ("task", "your goal (what you had to achieve)"),
    ("action", "what you did yourself, step by step"),
    ("result", "the result (what changed, ideally measured)"),
)


def praise_for(reading: Reading) -> list[str]:
    praise: list[str] = []
    parts = _parts_present(reading)
    if len(parts) == len(_STAR_PARTS):
        praise.append("Clear story: the situation, your goal, what you did and the result.")
    elif len(reading.past) >= 2:
        praise.append("You describe concrete steps you took.")
    elif len(reading.habitual) + len(reading.hypothetical) >= 2:
        praise.append("You describe a clear approach; a real example would prove it.")
    if reading.measured_clauses:
        # Stories end on their outcome, so the last measured clause is the likeliest result;
        # a rate ("by 45 percent") says "result" more plainly than a count or a time span.
        ranked = enumerate(reading.measured_clauses)
        _, clause = max(ranked, key=lambda pair: (bool(_RATE.search(pair[1])), pair[0]))
        praise.append(f'A measured result ("{clause}") makes the impact concrete.')
    elif reading.measures:
        praise.append("Your result is measured, which makes the impact concrete.")
    if reading.skills_used and not reading.stuffing:
        names = ", ".join(reading.skills_used[:2])
        praise.append(f"You tie the answer to the role's skills ({names}).")
    return praise


def _parts_present(reading: Reading) -> list[str]:
    present = {
        "situation": reading.situation,
        "task": reading.task,
        "action": reading.action_units >= 1,
        "result": reading.result >= 0.6,
    }
    return [name for name, _ in _STAR_PARTS if present[name]]


def off_topic_point(reading: Reading) -> str:
    """Why the answer misses the question, with the question in its own words."""
    question = reading.question.strip()
    if reading.term_list:
        return (
            "A list of terms is not an answer: say in sentences what you did with them, and "
            f'why, to answer: "{question}"'
        )
    if reading.meaning.generic:
        return (
            "This answer would fit any question: nothing in it is particular to this one. "
            f'Tell one real case of what the question asks: "{question}"'
        )
    return f'This answer does not answer the question, which asks: "{question}"'


def talking_points_feedback(reading: Reading) -> tuple[str | None, str | None]:
    """What the answer covered of what a strong answer covers, and the first point it
    missed (``None`` where there is nothing to say)."""
    points = reading.talking_points
    if reading.term_list:
        return None, None
    covered = [points[i] for i in reading.meaning.covered]
    # Only what the answer clearly lacks is named: a point it may have put in other words is not.
    missing = [points[i] for i in reading.meaning.absent]
    return coverage_lines(covered=covered, missing=missing)


def coverage_lines(*, covered: list[str], missing: list[str]) -> tuple[str | None, str | None]:
    """ "You covered: …" and "A strong answer also covers: …" (the first missing point)."""
    said = f"You covered: {'; '.join(_sentence_part(p) for p in covered)}." if covered else None
    wanted = f"A strong answer also covers: {_sentence_part(missing[0])}." if missing else None
    return said, wanted


def _sentence_part(point: str) -> str:
    point = point.rstrip(". ")
    first = point.split()[0]
    # "Escalates early" reads "escalates early" mid-sentence; "NEWS2" and "SBAR" stay.
    return point if len(first) > 1 and first.isupper() else point[0].lower() + point[1:]


def suggestions_for(reading: Reading) -> list[tuple[str, str]]:
    """What to add or cut, each with the criterion it would raise, most important first."""
    advice: list[tuple[str, str]] = []
    if reading.stuffed:
        advice.append(
            (
                "relevance",
                "Repeating the posting's keywords or the question is not an answer: show one "
                "skill in use in a real example.",
            )
        )
    if reading.headings and not reading.measures:
        advice.append(("structure", _EMPTY_LABELS))
    if reading.effective_words < SHORT_WORDS:
        advice.append(
            ("clarity", "Too short: aim for about 100-250 words, four to eight sentences.")
        )
    if reading.words > LONG_WORDS:
        advice.append(
            (
                "clarity",
                "Long: cut to the essentials (about 250 words); extra length earns nothing.",
            )
        )
    missing = [text for name, text in _STAR_PARTS if name not in _parts_present(reading)]
    if reading.forward_question and reading.action_units < 3:
        # A question about what you would do wants a plan, not a past story's parts.
        advice.append(
            (
                "structure",
                "Lay out what you would do, step by step, and how you would know it worked; "
                "an example from your past makes the plan credible.",
            )
        )
    elif missing and not reading.forward_question:
        advice.append(("structure", "Add " + "; ".join(missing) + "."))
    if reading.forward_question:
        pass  # a plan or a procedure is not judged by measured results
    elif not reading.measures and reading.any_numbers:
        advice.append(
            (
                "specifics",
                "Tie your numbers to an outcome: what changed because of you, by how much.",
            )
        )
    elif not reading.measures:
        advice.append(
            (
                "specifics",
                "Say what changed in the end, with a figure where there is one (how many, "
                "how long, how much).",
            )
        )
    if reading.fillers:
        quoted = ", ".join(f'"{word}"' for word in dict.fromkeys(reading.fillers[:4]))
        advice.append(("clarity", f"Cut filler words such as {quoted}."))
    if reading.buzzwords:
        quoted = ", ".join(f'"{word}"' for word in dict.fromkeys(reading.buzzwords[:3]))
        advice.append(
            ("clarity", f"Replace buzzwords such as {quoted} with what you actually did.")
        )
    if reading.platitudes:
        advice.append(
            ("clarity", 'Swap general claims ("I always", "X is key") for one real example.')
        )
    if reading.question_skills and not reading.question_skills_used:
        names = " and ".join(reading.question_skills[:2])
        advice.append(("relevance", f"The question is about {names}: show it in use."))
    relevance_low = len(reading.skills_used) + len(reading.question_overlap) < 2
    if relevance_low and reading.skills_missing and not reading.stuffed:
        names = " or ".join(reading.skills_missing[:2])
        if reading.skills_used:
            advice.append(("relevance", f"You could also show {names} from the posting."))
        else:
            advice.append(
                ("relevance", f"Connect it to the posting's skills, for example {names}.")
            )
    if reading.repeated:
        advice.append(("clarity", "Some sentences repeat; say each point once."))
    return advice


def feedback_points(
    reading: Reading,
    values: dict[str, int],
    weights: dict[str, float],
    *,
    off_topic: bool,
    strong: bool,
) -> list[str]:
    """What the answer did well, then the changes that would raise its score most: the
    criterion with the most weighted points still missing first, one change for each.

    An answer that misses the question hears that first; a strong one gets one change, any
    other two."""
    points = praise_for(reading)[:2] if not off_topic else []
    said, wanted = talking_points_feedback(reading)
    if said and not off_topic:
        points.append(said)
    if not points and not off_topic:
        points = ["There is little to score yet: tell the story of one real example."]
    suggestions = suggestions_for(reading)
    if off_topic and reading.stuffed:
        # Stuffing comes first among the suggestions: it is why the question is missed.
        changes = [suggestions[0][1]]
    else:
        changes = [off_topic_point(reading)] if off_topic else []
    if wanted and not off_topic:
        # What a strong answer covers and this one does not is worth most.
        changes.append(wanted)
    gain = {name: weights[name] * (100 - value) for name, value in values.items()}
    seen = {"relevance"} if off_topic else set()
    # Empty Situation/Task/Action/Result labels are why such an answer says little: that
    # comes before anything else it lacks.
    first = [pair for pair in suggestions if pair[1] == _EMPTY_LABELS]
    rest = sorted(suggestions, key=lambda pair: -gain[pair[0]])
    for criterion, text in first + rest:
        if criterion not in seen:
            seen.add(criterion)
            changes.append(text)
    return points + changes[: 1 if strong else 2]
