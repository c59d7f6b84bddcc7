"""The built-in question generator: offline and deterministic.

It reads a job posting, finds its occupational family in the question bank by meaning
(``families``), the skills it names (the family's own and ``vocabulary.SKILLS``), its
seniority and the competencies it asks for, and mixes the family's role and scenario
questions, questions about the posting's skills and behavioural questions, each with its
talking points. A posting no family fits gets role questions built from its own duties. When
the bank runs out (far beyond an interview's length), the vocabulary's templates follow.
There is no randomness: the same posting and count always give the same list, in order.
"""

import re
from collections import deque
from functools import cache, lru_cache
from itertools import cycle, islice

import numpy as np

from sessions_app.engines import GeneratedQuestion
from sessions_app.engines.families import (
    families_near,
    posting_families,
    posting_vector,
    questions_nearest,
)
from sessions_app.engines.question_bank import BankQuestion, question_bank
from sessions_app.engines.vocabulary import (
    ANY_SKILL_TEMPLATES,
    BEHAVIOURAL_TEMPLATES,
    DESCRIPTION_CUES,
    JUNIOR,
    LEAD,
    LEVEL_LETTER,
    MID,
    MID_FROM_YEARS,
    NOT_LEAD_TITLE_PHRASES,
    ROLE_TEMPLATES,
    SENIOR,
    SENIOR_FROM_YEARS,
    SKILL_TEMPLATES_BY_GROUP,
    SKILLS,
    SOFT,
    TECHNICAL_GROUPS,
    TECHNICAL_SKILL_TEMPLATES,
    TITLE_CUES,
    Skill,
)

BEHAVIOURAL = "behavioural"
ROLE = "role"
SKILL = "skill"
CATEGORIES = (BEHAVIOURAL, ROLE, SKILL)

# An interview opens on the job itself, then mixes in a skill the posting names and a
# competency it asks for; five questions give three role, one skill and one behavioural.
_ORDER = (ROLE, SKILL, ROLE, BEHAVIOURAL, ROLE)
# The vocabulary's templates, when the bank has run out, keep their old rhythm.
_TEMPLATE_ORDER = (ROLE, SKILL, BEHAVIOURAL, SKILL, BEHAVIOURAL)

# Words by which a posting asks for a competency, in the bank's competency names.
COMPETENCY_CUES: dict[str, tuple[str, ...]] = {
    "customer_focus": ("customer", "patient", "client", "guest", "service user", "passenger"),
    "teamwork": ("team", "collaborat", "multidisciplinary", "colleagues"),
    "communication": ("communicat", "written and verbal", "present", "explain"),
    "prioritising": ("prioritis", "prioritiz", "deadline", "fast-paced", "busy", "pressure"),
    "problem_solving": ("problem", "troubleshoot", "diagnos", "fault", "root cause"),
    "leadership": ("lead ", "leading", "supervis", "manage a team", "line manage"),
    "developing_others": ("mentor", "coach", "train", "develop others", "students"),
    "adaptability": ("change", "adapt", "flexib", "new systems"),
    "ownership": ("ownership", "accountab", "responsib", "initiative"),
    "influencing": ("stakeholder", "influenc", "negotiat", "persuad"),
    "feedback": ("feedback", "reflect"),
    "conflict": ("conflict", "difficult conversation", "complaint", "de-escalat"),
    "mistakes": ("safety", "quality", "compliance", "incident", "error"),
}
_DEFAULT_COMPETENCIES = (
    "teamwork",
    "problem_solving",
    "customer_focus",
    "prioritising",
    "communication",
    "ownership",
    "mistakes",
    "adaptability",
    "feedback",
    "conflict",
    "influencing",
    "developing_others",
    "leadership",
)
# A duty the posting lists reads as a role question when no family fits it.
_DUTY_SPLIT = re.compile(r"\n+|[;:,•·]\s*|(?<=[.!?])\s+")
_DUTY_WORDS = range(3, 15)
_LEADING_AND = re.compile(r"^(?:and|or|then|also)\s+", re.I)
_NOT_A_DUTY = re.compile(
    r"^(?:we|our|you|you'll|you will|the company|about|salary|benefits|apply|closing)\b", re.I
)
_DUTY_QUESTION = 'The posting lists "{duty}". Tell me about a time you did this, or how you would.'
_DUTY_POINTS = (
    "Gives a concrete example of this duty, or a realistic plan for it",
    "Says what they did themselves, step by step, and why",
    "Names the standards, safety rules or people involved",
    "Says how they knew the work was done well",
)

MAX_ROLE_LENGTH = 80
# Parts of a title that say how, where or whom the job is for rather than what it is.
_NOISE_WORDS = frozenset(
    {
        *("remote", "hybrid", "onsite", "on", "site", "office", "wfh", "work", "from", "home"),
        *("full", "part", "time", "fixed", "term", "contract", "contractor", "freelance"),
        *("permanent", "temporary", "temp", "flexible", "immediate", "start", "asap"),
        *("urgent", "urgently", "hiring", "now", "we", "re", "are", "anywhere", "worldwide"),
        *("first", "eu", "us", "usa", "uk", "emea", "apac", "europe"),
        *("all", "any", "gender", "genders", "m", "f", "w", "d", "x", "h", "div"),
    }
)
_BRACKETED = re.compile(r"\([^)]*\)?|\[[^\]]*\]?")
_GENDER_MARKER = re.compile(r"(?<!\w)[mfwdxh](?:\s*/\s*(?:[mfwdxh]|div)){1,3}\*?(?!\w)", re.I)
_SEGMENT_BREAK = re.compile(r"\s+[-–—:]\s+|\s*[|•·]\s*")
_AT_COMPANY = re.compile(r"\s+(?:at|@)\s+.*$", re.I)
_EDGE_PUNCTUATION = " \t\n,;:/|*-–—."
# Titles of a post an organisation has one of read without an article.
_ONE_OF_A_KIND = re.compile(r"(?:head|director|vp|vice president|chief)\b", re.I)


def _cue_regex(cues: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(cues) + r")(?!\w)")


_TITLE_CUES = tuple((level, _cue_regex(cues)) for level, cues in TITLE_CUES)
_DESCRIPTION_CUES = tuple((level, _cue_regex(cues)) for level, cues in DESCRIPTION_CUES)
_NOT_LEAD_TITLE = _cue_regex(NOT_LEAD_TITLE_PHRASES)
_YEARS_OF_EXPERIENCE = re.compile(
    r"(?<!\d)(\d{1,2})\s*\+?\s*(?:(?:-|–|to)\s*\d{1,2}\s*\+?\s*)?(?:years?|yrs?)['’]?\s+"
    r"(?:of\s+)?(?:[a-z/-]+\s+){0,3}?experience",
    re.I,
)


# Postings pasted from web pages often use no-break spaces between words.
_GAP = r"[\s\xa0-]*"
_END = ""  # a trie key no regex unit can be


def _units(alias: str) -> list[str]:
    # A space or hyphen in an alias matches either or nothing ("code-review", "golang").
    units: list[str] = []
    for word in re.split(r"[\s-]+", alias):
        units += [_GAP] if units else []
        units += [re.escape(char) for char in word]
    return units


def _trie_regex(node: dict) -> str:
    branches = [unit + _trie_regex(child) for unit, child in node.items() if unit != _END]
    if _END not in node:
        return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    # Longer aliases are tried before the one ending here, so "SQL Server" beats "SQL";
    # a trailing "s" catches plurals ("dashboards", "REST APIs").
    plural = "s?" if node[_END] else ""
    if not branches:
        return plural
    return f"(?:{'|'.join([*branches, plural])})" if plural else f"(?:{'|'.join(branches)})?"


def _key(text: str) -> str:
    return re.sub(r"[\s-]+", "", text.lower())


@cache
def _skill_matcher() -> tuple[re.Pattern[str], dict[str, Skill], dict[str, Skill]]:
    # The aliases form one case-insensitive trie, so the regex engine tests a word's first
    # letter once instead of trying hundreds of alternatives at every word. Case folding is
    # ASCII-only ("a") so a match always lower-cases back to its alias: Unicode folding would
    # let "ſql" match "sql" and then miss the lookup.
    trie: dict = {}
    by_key: dict[str, Skill] = {}
    for skill in SKILLS:
        for alias in skill.aliases:
            node = trie
            for unit in _units(alias):
                node = node.setdefault(unit, {})
            node[_END] = alias[-1].isalpha() and not alias.endswith("s")
            by_key[_key(alias)] = skill
    patterns = [(pattern, skill) for skill in SKILLS for pattern in skill.patterns]
    by_group = {f"p{index}": skill for index, (_, skill) in enumerate(patterns)}
    alternation = "|".join(
        [f"(?P<alias>(?ai:{_trie_regex(trie)}))"]
        + [f"(?P<p{index}>{pattern})" for index, (pattern, _) in enumerate(patterns)]
    )
    # Word boundaries that also respect "C++", "C#", ".NET" and "Node.js".
    matcher = re.compile(rf"(?<![\w+#.\-])(?:{alternation})(?![\w+#]|\.\w)")
    return matcher, by_key, by_group


def find_skills(text: str) -> list[Skill]:
    """Return the vocabulary skills named in ``text``, each once, in order of first mention."""
    matcher, by_key, by_group = _skill_matcher()
    found: dict[str, Skill] = {}
    for match in matcher.finditer(text):
        if match.lastgroup == "alias":
            key = _key(match.group())
            skill = by_key.get(key) or by_key[key[:-1]]
        else:
            skill = by_group[match.lastgroup or ""]
        found.setdefault(skill.name, skill)
    return list(found.values())


def extract_skills(text: str) -> list[str]:
    """Return the display names of the skills named in ``text``, in order of first mention.

    Matching is case-insensitive on word boundaries and understands aliases ("postgres" gives
    "PostgreSQL", "k8s" gives "Kubernetes"); names that are also English words count only in
    their capitalised or listed form (see ``vocabulary``), so "go" in prose is not Go.
    """
    return [skill.name for skill in find_skills(text)]


def detect_seniority(title: str, description: str = "") -> str:
    """Return "junior", "mid", "senior" or "lead" for a posting.

    A level named in the title decides (staff, principal, head, director and people managers
    count as lead); otherwise cues in the description, then the years of experience it asks
    for; "mid" when nothing says.
    """
    title_text = _NOT_LEAD_TITLE.sub(" ", title.lower())
    for level, cue in _TITLE_CUES:
        if cue.search(title_text):
            return level
    description_text = description.lower()
    for level, cue in _DESCRIPTION_CUES:
        if cue.search(description_text):
            return level
    years = [int(match.group(1)) for match in _YEARS_OF_EXPERIENCE.finditer(description)]
    if not years:
        return MID
    if max(years) >= SENIOR_FROM_YEARS:
        return SENIOR
    return MID if max(years) >= MID_FROM_YEARS else JUNIOR


def _is_noise(part: str) -> bool:
    words = re.split(r"[^\w%]+", part.lower())
    return all(word in _NOISE_WORDS or word.rstrip("%").isdigit() for word in words if word)


def role_name(title: str) -> str:
    """Return the role the title names, without noise such as "(m/f/d)", "- Remote" or
    "at Acme", at most ``MAX_ROLE_LENGTH`` characters; "" when nothing is left."""
    cleaned = _GENDER_MARKER.sub(" ", _BRACKETED.sub(" ", title))
    segments = [segment for segment in _SEGMENT_BREAK.split(cleaned) if not _is_noise(segment)]
    if not segments:
        return ""
    parts = _AT_COMPANY.sub("", segments[0]).split(",")
    role = ", ".join(part.strip() for part in parts if not _is_noise(part))
    role = " ".join(role.split()).strip(_EDGE_PUNCTUATION)
    if len(role) > MAX_ROLE_LENGTH:
        cut = role[: MAX_ROLE_LENGTH + 1]
        role = cut.rsplit(" ", 1)[0] if " " in cut else cut[:MAX_ROLE_LENGTH]
        role = role.strip(_EDGE_PUNCTUATION)
    return role


def _with_article(role: str) -> str:
    if _ONE_OF_A_KIND.match(role):
        return role  # "as Head of Data", not "as a Head of Data"
    first = role.split()[0]
    if first[:2].isupper() and not role.isupper():
        # Acronyms are read letter by letter: "an ICU Nurse", "a UX Designer".
        vowel_sound = first[0] in "AEFHILMNORSX"
    else:
        vowel_sound = first[0].lower() in "aeiou" and not first.lower().startswith(
            ("uni", "use", "usu", "eu", "one")
        )
    return f"{'an' if vowel_sound else 'a'} {role}"


def _for_level(bank: dict[str, tuple[str, ...]], letter: str) -> list[str]:
    return [text for levels, texts in bank.items() if letter in levels for text in texts]


def _skill_questions(skills: list[Skill], letter: str, names: dict[str, str]) -> list[str]:
    # Named technical and professional skills make better questions than soft skills, which
    # postings mention as boilerplate, so soft skills go last whatever their position.
    skills = [s for s in skills if s.group != SOFT] + [s for s in skills if s.group == SOFT]
    technical = _for_level(TECHNICAL_SKILL_TEMPLATES, letter)
    banks = [
        [
            *SKILL_TEMPLATES_BY_GROUP[skill.group],
            *(technical if skill.group in TECHNICAL_GROUPS else []),
            *_for_level(ANY_SKILL_TEMPLATES, letter),
        ]
        for skill in skills
    ]
    # Round r asks about every skill once before any skill gets a second question; each skill
    # starts at a different template so neighbouring questions are not phrased alike.
    questions = []
    for round_number in range(max(map(len, banks), default=0)):
        for index, (skill, bank) in enumerate(zip(skills, banks, strict=True)):
            if round_number < len(bank):
                template = bank[(index + round_number) % len(bank)]
                questions.append(template.format(skill=skill.name, **names))
    return questions


def _asked(question: BankQuestion) -> GeneratedQuestion:
    return GeneratedQuestion(
        question.text, question.category, question.topic, question.talking_points
    )


def posting_duties(description: str) -> list[str]:
    """The duties a posting lists, as it words them: its short lines and phrases."""
    duties = []
    for part in _DUTY_SPLIT.split(description):
        duty = _LEADING_AND.sub("", part.strip(" \t-*–—:,.").strip())
        if len(duty.split()) in _DUTY_WORDS and not _NOT_A_DUTY.match(duty):
            duties.append(duty[0].lower() + duty[1:] if duty[1:2].islower() else duty)
    return list(dict.fromkeys(duties))


def posting_competencies(text: str) -> list[str]:
    """The bank's competencies the posting asks for, first mentioned first, then the rest."""
    folded = text.casefold()
    mentioned = []
    for competency, cues in COMPETENCY_CUES.items():
        positions = [folded.find(cue) for cue in cues if cue in folded]
        if positions:
            mentioned.append((min(positions), competency))
    named = [competency for _, competency in sorted(mentioned)]
    return named + [c for c in _DEFAULT_COMPETENCIES if c not in named]


def _family_skills(text: str, families: list) -> list[str]:
    folded = text.casefold()
    found = []
    for family in families:
        for skill in family.skills:
            match = re.search(rf"(?<!\w){re.escape(skill.casefold())}(?!\w)", folded)
            if match:
                found.append((match.start(), skill))
    return [skill for _, skill in sorted(found)]


def _skill_pool(
    text: str, families: list, vector: np.ndarray, lead: bool
) -> list[GeneratedQuestion]:
    """The posting's skills, in the field's own questions where the bank has one: first the
    family skills the posting names, then the family's other skill questions (nearest
    first), then the vocabulary's skills the posting names."""
    own = [
        question
        for family in families
        for question in questions_nearest(
            family=family, vector=vector, posting_text=text.casefold(), category=SKILL, lead=lead
        )
    ]
    by_topic = {question.topic.casefold(): question for question in own}
    templates = [t for t in question_bank().skill_templates if lead or t.seniority == "any"]
    named_in_field = _family_skills(text, families)
    elsewhere = [s.name for s in find_skills(text) if s.group != SOFT]
    elsewhere = [
        name for name in elsewhere if name.casefold() not in map(str.casefold, named_in_field)
    ]
    pool: list[BankQuestion] = []
    for skill in named_in_field:
        question = by_topic.get(skill.casefold())
        pool.append(question or templates[len(pool) % len(templates)].for_skill(skill))
    pool += [question for question in own if question not in pool]
    pool += [
        templates[(len(pool) + i) % len(templates)].for_skill(s) for i, s in enumerate(elsewhere)
    ]
    return [_asked(question) for question in dict.fromkeys(pool)]


def _behavioural_pool(text: str, lead: bool) -> list[GeneratedQuestion]:
    by_competency: dict[str, list[BankQuestion]] = {}
    for question in question_bank().behavioural:
        if lead or question.seniority == "any":
            by_competency.setdefault(question.topic, []).append(question)
    # Every competency asked once, in order, before any is asked twice.
    order = [by_competency.get(c, []) for c in posting_competencies(text)]
    return [_asked(question) for question in _take_turns(order)]


def _take_turns(lists: list[list[BankQuestion]]) -> list[BankQuestion]:
    """The first of each list in order, then the second of each, and so on."""
    return [
        questions[turn]
        for turn in range(max(map(len, lists), default=0))
        for questions in lists
        if turn < len(questions)
    ]


def _lead_first(questions: list[BankQuestion]) -> list[BankQuestion]:
    first = next((q for q in questions if q.seniority == "lead"), None)
    return questions if first is None else [first, *(q for q in questions if q is not first)]


def _role_pool(
    families: list, vector: np.ndarray, title: str, description: str, lead: bool
) -> list[GeneratedQuestion]:
    text = f"{title}\n{description}"
    if not families:
        return [
            GeneratedQuestion(_DUTY_QUESTION.format(duty=duty), ROLE, duty, _DUTY_POINTS)
            for duty in posting_duties(description)
        ]
    ranked = [
        questions_nearest(
            family=family, vector=vector, posting_text=text.casefold(), category=ROLE, lead=lead
        )
        for family in families
    ]
    if lead:
        # A lead post opens on its family's nearest question about leading.
        ranked = [_lead_first(questions) for questions in ranked]
    # Two families take turns, the nearer first.
    return [_asked(question) for question in _take_turns(ranked)]


def _mix(pools: dict[str, list], order: tuple[str, ...], count: int) -> list:
    queues = {category: deque(items) for category, items in pools.items()}
    picked = []
    used = dict.fromkeys(queues, 0)
    for preferred in islice(cycle(order), count):
        category = preferred
        if not queues[category]:
            # An empty category hands its turn to the least used of the others.
            available = [c for c in queues if queues[c]]
            if not available:
                break
            category = min(available, key=used.__getitem__)
        picked.append(queues[category].popleft())
        used[category] += 1
    return picked


def _templates_written(title: str, description: str, seniority: str) -> list[GeneratedQuestion]:
    """The vocabulary's templates, without talking points: for counts the bank cannot
    fill."""
    letter = LEVEL_LETTER[seniority]
    role = role_name(title)
    names = {
        "as_role": f"as {_with_article(role)}" if role else "in this role",
        "the_role": f"the {role} role" if role else "this role",
    }
    pools = {
        ROLE: [text.format(**names) for text in _for_level(ROLE_TEMPLATES, letter)],
        SKILL: _skill_questions(find_skills(f"{title}\n{description}"), letter, names),
        BEHAVIOURAL: _for_level(BEHAVIOURAL_TEMPLATES, letter),
    }
    mixed = _mix(
        {c: [(t, c) for t in texts] for c, texts in pools.items()},
        _TEMPLATE_ORDER,
        sum(map(len, pools.values())),
    )
    return [GeneratedQuestion(text, category) for text, category in mixed]


# A retake asks its posting's questions again, so each process keeps the lists of the
# postings it served last: writing one embeds the posting, the costliest step of a retake.
@lru_cache(maxsize=512)
def _questions_for(title: str, description: str, count: int) -> tuple[GeneratedQuestion, ...]:
    if count < 1:
        raise ValueError(f"count must be at least 1, got {count}")
    seniority = detect_seniority(title, description)
    lead = seniority == LEAD
    text = f"{title}\n{description}"
    vector = posting_vector(title=title, description=description)
    families = families_near(title=title, vector=vector)
    pools = {
        ROLE: _role_pool(families, vector, title, description, lead),
        SKILL: _skill_pool(text, families, vector, lead),
        BEHAVIOURAL: _behavioural_pool(text, lead),
    }
    picked = _mix(pools, _ORDER, count)
    seen = {question.text for question in picked}
    # The templates are written out only when the bank cannot fill the count.
    extra = _templates_written(title, description, seniority) if len(picked) < count else []
    for question in extra:
        if len(picked) == count:
            break
        if question.text not in seen:
            picked.append(question)
            seen.add(question.text)
    if len(picked) < count:
        raise ValueError(
            f"cannot write {count} distinct questions for this posting; "
            f"at most {len(picked)} are available"
        )
    return tuple(picked)


class BuiltinQuestionGenerator:
    """The default question engine: no network, no randomness."""

    def generate(self, *, title: str, description: str, count: int) -> list[GeneratedQuestion]:
        """Return ``count`` questions with distinct texts for the posting.

        Categories are "behavioural", "role" and "skill"; a post that does not lead people
        gets no question about people it leads. The same arguments always give the same
        list. Raises ``ValueError`` if ``count`` is below 1 or above the number of distinct
        questions available (at least 50 for any posting).
        """
        return list(_questions_for(title, description, count))

    def warm_up(self) -> None:
        """Load the embedding model and the families' profiles."""
        posting_families(title="", description="")
