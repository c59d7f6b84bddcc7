"""Which occupational families of the question bank a posting belongs to, by meaning.

A posting is matched to the families whose name, summary, titles and skills its text is nearest to
(``embeddings``), with a lift for a family whose title the posting's own title names. The
nearest family always counts; the second too when it is almost as near (a clinical
pharmacist in a hospital, a data engineer who builds dashboards). A posting near none of
them (a beekeeper, a sommelier) gets no family, and its questions come from its own duties.
"""

import functools
import re

import numpy as np

from sessions_app.engines.embeddings import embed
from sessions_app.engines.question_bank import BankQuestion, Family, question_bank

# Below this (title lift included), no family fits. On the test postings (written apart from
# the bank) a posting's own family scored 0.35 to 0.84 before the lift, and postings from
# fields the bank has no family for (a beekeeper, a sommelier, a tattoo artist) 0.18 to 0.37.
NO_FAMILY_BELOW = 0.40
# A second family counts when its similarity is within this of the first's.
SECOND_WITHIN = 0.03
# Added to a family whose title the posting's title names ("Staff Nurse", "Sous Chef").
TITLE_LIFT = 0.1
# Similarities are rounded before ranking, so the last bits of float arithmetic (which can
# differ between machines) never reorder a posting's questions.
_DIGITS = 4


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


@functools.cache
def _profiles() -> np.ndarray:
    """One unit vector per family: the mean of its name's, summary's, titles' and skills'
    (the nearest family was right for 73 of 74 test postings this way, better than any one
    of them alone)."""
    rows = []
    for family in question_bank().families:
        texts = [family.name, family.summary, ", ".join(family.titles), ", ".join(family.skills)]
        parts = embed(texts)
        rows.append(_unit(parts.mean(axis=0)))
    return np.vstack(rows)


@functools.cache
def _title_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(
        re.compile(r"\b(?:" + "|".join(re.escape(t.casefold()) for t in family.titles) + r")\b")
        for family in question_bank().families
    )


def posting_vector(*, title: str, description: str) -> np.ndarray:
    """The posting's meaning: its title counts as much as its description."""
    title_vector, description_vector = embed([title, description])
    return _unit(title_vector + description_vector)


def posting_families(*, title: str, description: str) -> list[Family]:
    """The posting's families, nearest first: one, two, or none."""
    return families_near(title=title, vector=posting_vector(title=title, description=description))


def families_near(*, title: str, vector: np.ndarray) -> list[Family]:
    """``posting_families`` for a posting whose ``posting_vector`` the caller has already."""
    families = question_bank().families
    similarities = _profiles() @ vector
    folded = title.casefold()
    scored = [
        (round(float(similarity) + (TITLE_LIFT if pattern.search(folded) else 0.0), _DIGITS), i)
        for i, (similarity, pattern) in enumerate(zip(similarities, _title_patterns(), strict=True))
    ]
    scored.sort(key=lambda pair: (-pair[0], pair[1]))
    (best, first), (runner_up, second) = scored[0], scored[1]
    if best < NO_FAMILY_BELOW:
        return []
    if best - runner_up <= SECOND_WITHIN:
        return [families[first], families[second]]
    return [families[first]]


@functools.cache
def _question_vectors(family_key: str) -> np.ndarray:
    family = next(f for f in question_bank().families if f.key == family_key)
    return embed([f"{q.topic}. {q.text}" for q in family.questions])


def questions_nearest(
    *, family: Family, vector: np.ndarray, posting_text: str, category: str, lead: bool
) -> list[BankQuestion]:
    """``family``'s questions of ``category`` that suit the posting (its setting, by
    ``BankQuestion.fits``, and its seniority), nearest to it first (ties in the bank's
    order). ``posting_text`` is case-folded."""
    similarities = _question_vectors(family.key) @ vector
    ranked = sorted(
        range(len(family.questions)),
        key=lambda i: (-round(float(similarities[i]), _DIGITS), i),
    )
    return [
        family.questions[i]
        for i in ranked
        if family.questions[i].category == category
        and (lead or family.questions[i].seniority == "any")
        and family.questions[i].fits(posting_text)
    ]
