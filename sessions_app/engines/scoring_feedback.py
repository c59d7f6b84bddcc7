"""Feedback from the built-in answer scorer: what an answer did well, then what to add or cut.

Both lists come from the same :class:`Reading` as the score; the scorer decides how many
suggestions to keep.
"""

import re

from sessions_app.engines import scoring_lexicon as lexicon
from sessions_app.engines.scoring_features import LONG_WORDS, SHORT_WORDS, Reading

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


def suggestions_for(reading: Reading) -> list[str]:
    """What to add or cut, most important first; the caller keeps only the first few."""
    advice: list[str] = []
    if reading.stuffed:
        advice.append(
            "Repeating the posting's keywords or the question is not an answer: show one skill "
            "in use in a real example."
        )
    if reading.headings and not reading.measures:
        advice.append(
            "The Situation/Task/Action/Result labels are there, but each part needs specifics: "
            "who, what you did, what changed."
        )
    if reading.words > LONG_WORDS:
        advice.append("Long: cut to the essentials (about 250 words); extra length earns nothing.")
    missing = [text for name, text in _STAR_PARTS if name not in _parts_present(reading)]
    if missing:
        advice.append("Add " + "; ".join(missing) + ".")
    if not reading.measures and reading.any_numbers:
        advice.append("Tie your numbers to an outcome: what changed because of you, by how much.")
    elif not reading.measures:
        advice.append(
            "Add a number: how much faster, cheaper or better, how many people, how long."
        )
    if reading.fillers:
        quoted = ", ".join(f'"{word}"' for word in dict.fromkeys(reading.fillers[:4]))
        advice.append(f"Cut filler words such as {quoted}.")
    if reading.buzzwords:
        quoted = ", ".join(f'"{word}"' for word in dict.fromkeys(reading.buzzwords[:3]))
        advice.append(f"Replace buzzwords such as {quoted} with what you actually did.")
    if reading.platitudes:
        advice.append('Swap general claims ("I always", "X is key") for one real example.')
    relevance_low = len(reading.skills_used) + len(reading.question_overlap) < 2
    if relevance_low and reading.skills_missing and not reading.stuffed:
        names = " or ".join(reading.skills_missing[:2])
        if reading.skills_used:
            advice.append(f"You could also show {names} from the posting.")
        else:
            advice.append(f"Connect it to the posting's skills, for example {names}.")
    if reading.repeated:
        advice.append("Some sentences repeat; say each point once.")
    if reading.effective_words < SHORT_WORDS:
        advice.append("Too short: aim for about 100-250 words, four to eight sentences.")
    return advice
