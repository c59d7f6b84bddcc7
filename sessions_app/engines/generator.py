"""The built-in question generator: offline, deterministic and standard library only.

It reads a job posting, finds the skills it names (``vocabulary.SKILLS``), reads the
seniority from the title, and mixes three kinds of question: behavioural (STAR-style),
about the role itself, and about the posting's concrete skills. There is no randomness:
the same posting and count always give the same list, in the same order.
"""

import re
from collections import deque
from functools import cache
from itertools import cycle, islice

from sessions_app.engines.vocabulary import (
    ANY_SKILL_TEMPLATES,
    BEHAVIOURAL_TEMPLATES,
    DESCRIPTION_CUES,
    JUNIOR,
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

# An interview opens on the role, then alternates concrete skills with behavioural questions;
# five questions give one role, two skill and two behavioural questions.
_ORDER = (ROLE, SKILL, BEHAVIOURAL, SKILL, BEHAVIOURAL)

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


def _interleave(pools: dict[str, list[str]], count: int) -> list[tuple[str, str]]:
    queues = {category: deque(texts) for category, texts in pools.items()}
    picked: list[tuple[str, str]] = []
    used = dict.fromkeys(queues, 0)
    for preferred in islice(cycle(_ORDER), count):
        category = preferred
        if not queues[category]:
            # An empty category (no skills found, say) hands its turn to the least used of the
            # others, so the mix stays balanced.
            category = min((c for c in queues if queues[c]), key=used.__getitem__)
        picked.append((queues[category].popleft(), category))
        used[category] += 1
    return picked


class BuiltinQuestionGenerator:
    """The default question engine: no network, no model, no randomness."""

    def generate(self, *, title: str, description: str, count: int) -> list[tuple[str, str]]:
        """Return ``count`` distinct ``(text, category)`` pairs for the posting.

        Categories are "behavioural", "role" and "skill"; skill questions name the posting's
        own skills, most prominent first, and wording follows the seniority of the title. The
        same arguments always give the same list. Raises ``ValueError`` if ``count`` is below 1
        or above the number of distinct questions available (at least 50 for any posting).
        """
        if count < 1:
            raise ValueError(f"count must be at least 1, got {count}")
        letter = LEVEL_LETTER[detect_seniority(title, description)]
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
        available = sum(map(len, pools.values()))
        if count > available:
            raise ValueError(
                f"cannot write {count} distinct questions for this posting; "
                f"at most {available} are available"
            )
        return _interleave(pools, count)
