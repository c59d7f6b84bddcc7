"""Whether an answer is about what its question asks, by meaning rather than by word lists.

Four readings, each from 0 to 1 (``Meaning``), make the relevance criterion:

* ``points``: how near the answer's sentences come to what a strong answer covers: for each
  talking point (or, without any, the question itself) the nearest sentence, averaged;
* ``contrast``: how much nearer the answer is to this question than to the bank's other
  questions (every field's and the behavioural ones): an answer written for another
  question, of this field or another, is nearer to that one; a paragraph that fits any
  question is near none;
* ``point_words``: the talking points' and the question's own words the answer uses;
* the word lists' focus (``scoring_features``), which knows the competencies by name;

and ``specific``: how far the answer's sentences are from ones that would fit any answer
(``scoring_lexicon.GENERIC_SENTENCES``).

Sentences and texts are embedded without their stop words, and the embeddings are centred
on the mean of the question bank's texts, so that what every workplace text shares (people,
time, work) does not make two texts look alike. The constants below were chosen with the
labelled answers in ``data/`` and the held-out measurement in docs/scoring.md.
"""

import functools
import re
from dataclasses import dataclass, field

import numpy as np

from sessions_app.engines import scoring_lexicon as lexicon
from sessions_app.engines.embeddings import embed
from sessions_app.engines.question_bank import question_bank

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'+#/-]*")
_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+")
_MIN_SENTENCE_WORDS = 3
# A talking point counts as covered when a sentence of the answer comes this near to it, or
# the answer uses this many of its words; it is clearly missing when no sentence comes as
# near as ABSENT_BELOW and the answer uses none of its words.
COVERED_FROM, COVERED_WORDS = 0.4, 2
ABSENT_BELOW = 0.25
# Each reading reaches 1 at these values (about what genuine, complete answers reach).
POINTS_FULL = 0.45
CONTRAST_FROM, CONTRAST_SPAN = -0.3, 0.5
POINT_WORDS_FULL = 0.5
# Sentences this near the generic ones (on average) make an answer wholly generic.
GENERIC_FULL = 0.6
# An answer reading below this as specific is generic: it is told so, and credited with no
# talking point.
GENERIC_BELOW = 0.55
# An answer this near its question (or nearer) is about its field at all.
NEAR_FULL = 0.2
# The number of the nearest other questions the contrast compares with.
_NEAREST_OTHERS = 3
_POINT_WORDS_MAX = 12


def _content(text: str) -> str:
    words = [w for w in _WORD.findall(text) if w.lower() not in lexicon.STOPWORDS]
    return " ".join(words) or text


@functools.cache
def _centre() -> np.ndarray:
    bank = question_bank()
    texts = [q.text for family in bank.families for q in family.questions]
    texts += [p for family in bank.families for q in family.questions for p in q.talking_points]
    return embed([_content(text) for text in texts], unit=False).mean(axis=0)


def _vectors(texts: list[str]) -> np.ndarray:
    vectors = embed([_content(text) for text in texts], unit=False) - _centre()
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


def _profile(text: str, points: tuple[str, ...] | list[str]) -> np.ndarray:
    mean = _vectors([text, *points]).mean(axis=0)
    return mean / (np.linalg.norm(mean) or 1.0)


@functools.cache
def _bank_profiles() -> tuple[np.ndarray, np.ndarray]:
    """Every question of the bank (every family's, then the behavioural ones): their texts
    and their profiles, built once per process."""
    bank = question_bank()
    questions = [q for family in bank.families for q in family.questions]
    questions += bank.behavioural
    texts = np.array([q.text for q in questions], dtype=object)
    return texts, np.vstack([_profile(q.text, q.talking_points) for q in questions])


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.split(text) if len(s.split()) >= _MIN_SENTENCE_WORDS]


def _clip(value: float) -> float:
    return max(0.0, min(1.0, value))


@functools.cache
def _generic() -> np.ndarray:
    return _vectors(list(lexicon.GENERIC_SENTENCES))


@dataclass(frozen=True)
class Meaning:
    points: float = 0.0
    contrast: float = 0.0
    point_words: float = 0.0
    # 1 for sentences nearer nothing generic, 0 for ones that would fit any answer.
    specific: float = 1.0

    @property
    def generic(self) -> bool:
        return self.specific < GENERIC_BELOW

    # Indexes of the talking points the answer covers, and of those it clearly misses.
    covered: list[int] = field(default_factory=list)
    absent: list[int] = field(default_factory=list)


def read_meaning(
    *,
    question: str,
    talking_points: list[str] | tuple[str, ...],
    answer: str,
    lemmas: set[str],
    point_lemmas: list[set[str]],
) -> Meaning:
    """How far ``answer`` is about what ``question`` asks (see the module docstring).
    ``lemmas`` are the answer's content lemmas, ``point_lemmas`` those of each talking point
    and then of the question."""
    if not _WORD.search(answer):
        return Meaning()
    points = list(talking_points)
    targets = _vectors(points or [question])
    answer_sentences = _vectors(sentences(answer) or [answer])
    nearest = (answer_sentences @ targets.T).max(axis=0)
    generic = float((answer_sentences @ _generic().T).max(axis=1).mean())
    whole = _vectors([answer])[0]
    texts, profiles = _bank_profiles()
    others = profiles[texts != question]
    own = float(whole @ _profile(question, points))
    others_near = float(np.sort(others @ whole)[-_NEAREST_OTHERS:].mean())
    asked = set().union(*point_lemmas)
    overlap = len(lemmas & asked) / max(1, min(len(asked), _POINT_WORDS_MAX))
    shared = [len(lemmas & words) for words in point_lemmas[: len(points)]]
    specific = _clip(1 - generic / GENERIC_FULL)
    creditable = bool(points) and specific >= GENERIC_BELOW
    return Meaning(
        points=_clip(float(nearest.mean()) / POINTS_FULL),
        contrast=_clip((own - others_near - CONTRAST_FROM) / CONTRAST_SPAN),
        point_words=_clip(overlap / POINT_WORDS_FULL),
        specific=specific,
        covered=[
            i
            for i, near in enumerate(nearest)
            if creditable and (near >= COVERED_FROM or shared[i] >= COVERED_WORDS)
        ],
        absent=[
            i for i, near in enumerate(nearest) if points and near < ABSENT_BELOW and not shared[i]
        ],
    )
