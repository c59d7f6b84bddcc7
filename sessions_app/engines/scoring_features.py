"""What the built-in answer scorer notices in an answer and in the job posting.

Everything is read once into a :class:`Reading`; ``scorer.py`` turns it into points (its
docstring lists the criteria and weights) and ``scoring_feedback.py`` into advice, so the score
and the feedback never disagree about what the answer contains. The word lists are in
``scoring_lexicon.py``.
"""

import re
from dataclasses import dataclass, field

from sessions_app.engines import scoring_lexicon as lexicon
from sessions_app.engines.generator import extract_skills, find_skills
from sessions_app.engines.scoring_meaning import Meaning, read_meaning
from sessions_app.engines.scoring_topics import TOPICS, Topic
from sessions_app.engines.vocabulary import SOFT

# The length curve in the score and the length advice in the feedback bend at the same points.
SHORT_WORDS = 40
LONG_WORDS = 400


def _phrases(items: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w'])(?:" + "|".join(items) + r")(?![\w'])", re.I)


def _literal(items: tuple[str, ...]) -> re.Pattern[str]:
    return _phrases(tuple(re.escape(item) for item in items))


_SITUATION = _phrases(lexicon.SITUATION_CUES)
_TASK = _phrases(lexicon.TASK_CUES)
_RESULT = _phrases(lexicon.RESULT_CUES)
_VAGUE_RESULT = _phrases(lexicon.VAGUE_RESULT_CUES)
_TIMEFRAME = _phrases(lexicon.TIMEFRAME)
_FILLER = _literal(lexicon.FILLERS)
# "Like" is filler only when set off by commas ("and, like, it was"), not in "I like SQL".
_FILLER_LIKE = re.compile(r"(?:^|[,.]\s*)like\s*,", re.I | re.M)
_HEDGE = _literal(lexicon.HEDGES)
_BUZZWORD = _literal(lexicon.BUZZWORDS)
_PLATITUDE = re.compile("|".join(lexicon.PLATITUDES), re.I)
_HEADING = re.compile(lexicon.STAR_HEADING, re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’+#/_.-]*[A-Za-z0-9+#]|[A-Za-z0-9]")
_CLAUSE_TOKEN = re.compile(r"[a-z0-9][a-z0-9'’/_.-]*[a-z0-9]|[a-z0-9]|[,;:]")
_DIGITS = re.compile(r"\d")
_NUMBER = rf"(?:\d+(?:[,.]\d+)*\+?|{'|'.join(sorted(lexicon.NUMBER_WORDS))})"
_CREDENTIAL = re.compile(rf"(?<!\w){_NUMBER}\s+(?:\w+\s+)?(?:{lexicon.CREDENTIAL_NOUNS})\b", re.I)
_UNITS = f"{lexicon.RATE_UNITS}|{lexicon.TIME_UNITS}"
_MEASURE = re.compile(
    rf"(?<![\w.]){_NUMBER}(?:\s*(?:{_UNITS}))?(?!\w)|\b{lexicon.APPROXIMATE_MEASURE}\b", re.I
)
_CLAUSE_BREAK = re.compile(r"(?:[,;:]|\s)\s*(?:and|so|which|while)\s+|[,;:]\s*")
_MAX_QUOTE_WORDS = 12
# Keyword stuffing: the share of an answer's content words that only echo the posting's skill
# terms or the question. Good answers stay under 0.15. Short answers reach a high share by
# chance ("I used SQL and Tableau"), so it takes a few such words before the share counts.
_STUFFING_START, _STUFFING_FULL, _STUFFING_MIN_TERMS = 0.25, 0.6, 5


def _lemma(word: str) -> str:
    """A crude stem: both sides of every comparison go through it, so it need only agree."""
    word = word.lower().replace("’", "'").removesuffix("'s")
    for suffix, replacement in lexicon.SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + replacement
    return word


_GENERIC_SKILL_LEMMAS = frozenset(_lemma(word) for word in lexicon.GENERIC_SKILL_WORDS)
_ROLE_LEMMAS = frozenset(_lemma(word) for word in lexicon.ROLE_NOUNS)
# Capitalised at the start of a quotation or list item, these are not names.
_PLAIN_WORDS = lexicon.STOPWORDS | lexicon.NUMBER_WORDS


def _content_lemmas(text: str) -> list[str]:
    words = (word.lower() for word in _WORD.findall(text))
    return [_lemma(word) for word in words if word not in lexicon.STOPWORDS and not word.isdigit()]


_TOPIC_LEMMAS = [
    (topic, {_lemma(w) for w in topic.asks}, {_lemma(w) for w in topic.asks + topic.cues})
    for topic in TOPICS
]
# Words of a question that say how to answer, not what about.
_QUESTION_ONLY_LEMMAS = frozenset(_lemma(word) for word in lexicon.QUESTION_WORDS)


def _sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]


def _is_past(word: str) -> bool:
    return word in lexicon.IRREGULAR_PAST or (
        len(word) > 3 and word.endswith("ed") and word.isalpha() and word not in lexicon.NOT_ACTIONS
    )


# Words after "I" that are not a habit of doing something ("I think", "I needed", "I am").
_NOT_HABITUAL = lexicon.NOT_PRESENT_ACTIONS | lexicon.NOT_ACTIONS | lexicon.STOPWORDS
# What someone would, could or will do: a plan, for a question about one.
_MODAL_SUBJECTS = frozenset({"i'd", "we'd", "i'll", "we'll"})
_SUBJECTS = frozenset({"i", "we"}) | _MODAL_SUBJECTS
_MODALS = frozenset({"would", "could", "will", "can", "might", "i'd", "we'd"})
# A question about what the candidate would do or does, not a story of what they did.
_FORWARD_QUESTION = re.compile(
    r"\b(?:would|could|will|do|can) you\b|\bhow (?:do|would|will) you\b"
    r"|\b(?:talk|walk|take) me through\b|\bwhat happens next\b",
    re.I,
)
# A list of terms: many short items between commas, semicolons or line breaks.
_LIST_BREAK = re.compile(r"[,;\n•·]+")
_LIST_ITEMS, _LIST_ITEM_WORDS, _LIST_LONGEST_ITEM = 4, 4, 12


def _actions(sentence: str) -> tuple[set[str], set[str], set[str]]:
    """Past actions, habitual ("I pair with ...") and hypothetical ("I would ...") verbs."""
    tokens = _CLAUSE_TOKEN.findall(sentence.lower().replace("’", "'"))
    past: set[str] = set()
    habitual: set[str] = set()
    hypothetical: set[str] = set()
    for index, token in enumerate(tokens):
        if token in _SUBJECTS:
            after = index + 1
            while after < len(tokens) and tokens[after] in lexicon.SUBJECT_ADVERBS:
                after += 1
            verb = tokens[after] if after < len(tokens) else ""
            following = tokens[after + 1] if after + 1 < len(tokens) else ""
            if token in _MODAL_SUBJECTS:  # "I'd run", "we'll ship"
                verb, following = "would", verb
            if verb in _MODALS and following.isalpha() and following not in _NOT_HABITUAL:
                hypothetical.add(following)
            elif _is_past(verb):
                past.add(verb)
            elif verb.isalpha() and not verb.endswith("ed") and verb not in _NOT_HABITUAL:
                habitual.add(verb)
        # A list of actions shares one subject: "I profiled ..., found ... and cached ...".
        elif past and _is_past(token) and tokens[index - 1] in {",", "and", "then"}:
            past.add(token)
    return past, habitual, hypothetical


def _count_numbers(sentence: str) -> int:
    words = _WORD.findall(_CREDENTIAL.sub(" ", sentence))
    return sum(bool(_DIGITS.search(word)) or word.lower() in lexicon.NUMBER_WORDS for word in words)


def _result_quotes(sentence: str) -> list[str]:
    """Short quotable clauses of a sentence that state a measured outcome."""
    quotes = []
    for clause in _CLAUSE_BREAK.split(sentence):
        cue = _RESULT.search(clause)
        measures = list(_MEASURE.finditer(clause, cue.start())) if cue else []
        if not cue or not measures:
            continue
        # Long clauses are cut to the outcome itself: from the change verb to its figure.
        for quote in (clause, clause[cue.start() : measures[-1].end()]):
            if len(quote.split()) <= _MAX_QUOTE_WORDS:
                quotes.append(quote.strip(" ."))
                break
    return quotes


def posting_skills(title: str, description: str) -> list[str]:
    """The posting's skills in order of first mention, found with the question generator's
    curated vocabulary, so feedback names the same skills the questions ask about."""
    return extract_skills(f"{title}\n{description}")


@dataclass
class Reading:
    """What the scorer noticed in an answer; the score and the feedback both come from it."""

    words: int = 0
    effective_words: int = 0
    situation: bool = False
    task: bool = False
    past: set[str] = field(default_factory=set)
    habitual: set[str] = field(default_factory=set)
    hypothetical: set[str] = field(default_factory=set)
    result: float = 0.0
    measures: int = 0
    measured_clauses: list[str] = field(default_factory=list)
    story_numbers: int = 0
    any_numbers: bool = False
    specifics: set[str] = field(default_factory=set)
    people_and_times: set[str] = field(default_factory=set)
    question_overlap: set[str] = field(default_factory=set)
    skills_used: list[str] = field(default_factory=list)
    skills_missing: list[str] = field(default_factory=list)
    stuffing: float = 0.0
    # What the question asks about (see scoring_topics) and how far the answer addresses it.
    question: str = ""
    forward_question: bool = False
    asked_topics: list[Topic] = field(default_factory=list)
    topic_cover: float | None = None
    question_skills: list[str] = field(default_factory=list)
    question_skills_used: list[str] = field(default_factory=list)
    question_words: set[str] = field(default_factory=set)
    role_question: bool = False
    posting_link: float = 0.0
    answer_topics: list[Topic] = field(default_factory=list)
    fillers: list[str] = field(default_factory=list)
    buzzwords: list[str] = field(default_factory=list)
    hedges: int = 0
    platitudes: int = 0
    headings: int = 0
    repeated: bool = False
    meaning: Meaning = field(default_factory=Meaning)
    talking_points: tuple[str, ...] = ()
    # Items between commas, semicolons or line breaks, when they are a few words each.
    list_items: int = 0

    @property
    def stuffed(self) -> bool:
        return self.stuffing >= 0.5

    @property
    def term_list(self) -> bool:
        """A list of terms with no sentence saying what anyone did."""
        return self.list_items >= _LIST_ITEMS and not (
            self.past or self.habitual or self.hypothetical
        )

    @property
    def action_units(self) -> float:
        # A plan answers a question about one ("How would you ...?") as fully as a story.
        if self.forward_question:
            return len(self.past) + len(self.habitual) + len(self.hypothetical)
        return len(self.past) + 0.6 * len(self.habitual) + 0.5 * len(self.hypothetical)


def question_asks_for_plan(question: str) -> bool:
    """Whether ``question`` asks what the candidate would do, or how they do it, rather than
    for the story of something they did."""
    return bool(_FORWARD_QUESTION.search(question))


def _read_headings(answer: str, reading: Reading) -> None:
    """Count STAR labels; a Situation or Task label counts as that part only with substance.

    Substance means at least four words and a figure, a name or a timeframe ("support queue
    at 2,000 tickets", "halve it within a month"), so "Situation: there was a roadmap." earns
    nothing.
    """
    labels = list(_HEADING.finditer(answer))
    reading.headings = len(labels)
    ends = [label.start() for label in labels[1:]] + [len(answer)]
    for label, end in zip(labels, ends, strict=False):
        content = answer[label.end() : end]
        words = _WORD.findall(content)
        named = any(word[:1].isupper() for word in words[1:])
        specific = named or _count_numbers(content) or _TIMEFRAME.search(content)
        if len(words) >= 4 and specific:
            part = label.group(1).lower()
            reading.situation |= part == "situation"
            reading.task |= part == "task"


def _read_relevance(
    reading: Reading, lemmas: list[str], question: str, title: str, description: str
) -> set[str]:
    """Record skills used and missing, question overlap and stuffing; return skill lemmas."""
    skills = posting_skills(title, description)
    skill_lemmas = {skill: set(_content_lemmas(skill)) - _GENERIC_SKILL_LEMMAS for skill in skills}
    answer_lemmas = set(lemmas)
    reading.skills_used = [s for s in skills if skill_lemmas[s] & answer_lemmas]
    reading.skills_missing = [s for s in skills if s not in reading.skills_used]
    posting_lemmas = set().union(*skill_lemmas.values())
    question_lemmas = set(_content_lemmas(question))
    reading.question_overlap = question_lemmas & answer_lemmas
    echoes = sum(lemma in posting_lemmas or lemma in question_lemmas for lemma in lemmas)
    if echoes >= _STUFFING_MIN_TERMS:
        density = echoes / len(lemmas)
        span = _STUFFING_FULL - _STUFFING_START
        reading.stuffing = min(1.0, max(0.0, (density - _STUFFING_START) / span))
    return posting_lemmas


def _read_focus(
    reading: Reading,
    story: str,
    answer_lemmas: set[str],
    question: str,
    title: str,
    description: str,
    posting_lemmas: set[str],
) -> None:
    """What the question asks about (topics, skills, its own words) and what the answer is
    about, for the relevance criterion and the feedback."""
    reading.question = question
    reading.forward_question = question_asks_for_plan(question)
    question_lemmas = set(_content_lemmas(question))
    cover = {topic.key: len(cues & answer_lemmas) for topic, _, cues in _TOPIC_LEMMAS}
    reading.asked_topics = [topic for topic, asks, _ in _TOPIC_LEMMAS if asks & question_lemmas]
    if reading.asked_topics:
        # Two of a topic's words show an answer about it; one may be a coincidence.
        reading.topic_cover = max(
            min(1.0, max(0.0, cover[t.key] - 0.5) / 1.5) for t in reading.asked_topics
        )
    reading.answer_topics = sorted(
        (topic for topic, _, _ in _TOPIC_LEMMAS if cover[topic.key] >= 2),
        key=lambda topic: -cover[topic.key],
    )
    # Soft skills ("mentoring", "stakeholder communication") are what the topics read.
    reading.question_skills = [s.name for s in find_skills(question) if s.group != SOFT]
    question_skill_lemmas = {
        skill: set(_content_lemmas(skill)) - _GENERIC_SKILL_LEMMAS
        for skill in reading.question_skills
    }
    named = set(extract_skills(story))
    # The skill itself, by name or alias, or at least half the words of its name.
    reading.question_skills_used = [
        skill
        for skill, lemmas in question_skill_lemmas.items()
        if skill in named or (lemmas and 2 * len(lemmas & answer_lemmas) >= len(lemmas))
    ]
    role_lemmas = set(_content_lemmas(title))
    reading.role_question = bool(role_lemmas) and role_lemmas <= question_lemmas
    reading.question_words = (
        question_lemmas
        - role_lemmas
        - _QUESTION_ONLY_LEMMAS
        - set().union(*question_skill_lemmas.values())
    )
    posting = posting_lemmas | (
        set(_content_lemmas(f"{title} {description}")) - _QUESTION_ONLY_LEMMAS
    )
    reading.posting_link = min(1.0, len(posting & answer_lemmas) / 3)


def _named_specifics(sentence: str, posting_lemmas: set[str]) -> set[str]:
    """Names, acronyms and code-like words after the first, minus the posting's own skills."""
    words = _WORD.findall(sentence)[1:]
    # In a sentence written in capitals or Title Case, capitals do not mark names.
    if 2 * sum(word[:1].isupper() for word in words) > len(words):
        return set()
    return {
        word.lower()
        for word in words
        if (word[:1].isupper() or any(c.isupper() for c in word[1:]) or "_" in word)
        and word.lower() not in _PLAIN_WORDS
        and len(word) > 1
        and _lemma(word) not in posting_lemmas
    }


def read_answer(
    question: str,
    answer: str,
    title: str,
    description: str,
    talking_points: tuple[str, ...] | list[str] = (),
) -> Reading:
    """Everything the score and the feedback need, read once from the answer."""
    reading = Reading(words=len(_WORD.findall(answer)))
    _read_headings(answer, reading)
    text = _HEADING.sub(" ", answer)
    # Padding with the same sentence must earn nothing, so everything below reads each
    # distinct sentence once.
    distinct = list(dict.fromkeys(" ".join(s.lower().split()) for s in _sentences(text)))
    originals = {" ".join(s.lower().split()): s for s in _sentences(text)}
    sentences = [originals[key] for key in distinct]
    reading.repeated = len(distinct) < len(_sentences(text))
    story = " ".join(sentences)
    lemmas = _content_lemmas(story)
    reading.effective_words = min(len(_WORD.findall(story)), round(2.5 * len(set(lemmas))))

    posting_lemmas = _read_relevance(reading, lemmas, question, title, description)
    reading.talking_points = tuple(talking_points)
    items = [item.split() for item in _LIST_BREAK.split(answer) if item.strip()]
    lengths = [len(item) for item in items]
    if (
        lengths
        and max(lengths) <= _LIST_LONGEST_ITEM
        and sum(lengths) <= _LIST_ITEM_WORDS * len(items)
    ):
        reading.list_items = len(items)
    reading.meaning = read_meaning(
        question=question,
        talking_points=talking_points,
        answer=story,
        lemmas=set(_content_lemmas(answer)),
        point_lemmas=[set(_content_lemmas(text)) for text in [*talking_points, question]],
    )
    _read_focus(reading, story, set(lemmas), question, title, description, posting_lemmas)

    for sentence in sentences:
        past, habitual, hypothetical = _actions(sentence)
        reading.past |= past
        reading.habitual |= habitual
        reading.hypothetical |= hypothetical
        reading.situation = reading.situation or bool(_SITUATION.search(sentence))
        reading.task = reading.task or bool(_TASK.search(sentence))
        if _RESULT.search(sentence):
            measures = len(_MEASURE.findall(_CREDENTIAL.sub(" ", sentence)))
            reading.measures += measures
            reading.measured_clauses += _result_quotes(sentence)
            reading.result = max(reading.result, 1.0 if measures else 0.6)
        elif _VAGUE_RESULT.search(sentence):
            reading.result = max(reading.result, 0.35)
        # Numbers count as concrete only inside the story, not as a bare list of counts.
        if past or habitual or hypothetical or _SITUATION.search(sentence):
            reading.story_numbers += _count_numbers(sentence)
        reading.specifics |= _named_specifics(sentence, posting_lemmas)
        reading.people_and_times |= set(_content_lemmas(sentence)) & _ROLE_LEMMAS
        reading.people_and_times |= {m.group().lower() for m in _TIMEFRAME.finditer(sentence)}

    buzz_allowed = {match.group().lower() for match in _BUZZWORD.finditer(description)}
    found_buzz = (match.group().lower() for match in _BUZZWORD.finditer(answer))
    reading.buzzwords = [word for word in found_buzz if word not in buzz_allowed]
    reading.fillers = [m.group().strip(" ,.").lower() for m in _FILLER.finditer(answer)]
    reading.fillers += ["like"] * len(_FILLER_LIKE.findall(answer))
    reading.hedges = len(_HEDGE.findall(answer))
    reading.any_numbers = bool(_DIGITS.search(answer))
    reading.platitudes = len(_PLATITUDE.findall(answer))
    return reading
