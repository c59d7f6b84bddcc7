"""The question bank: reviewed questions for occupational families, as data.

One TOML file per family in ``bank/`` (its ``summary``, the ``titles`` and ``skills`` its
postings name, and its questions), ``bank/behavioural.toml`` for the questions any field
asks, and ``bank/skills.toml`` for questions about a skill a posting names. Every question
has a category, a topic (the competency or skill it probes), the seniority it suits and the
talking points an experienced interviewer listens for. ``bank_problems`` lists whatever
breaks the rules below; a system check and a test run it, and ``question_bank`` refuses to
load a bank with problems.
"""

import functools
import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

BANK_DIR = Path(__file__).with_name("bank")
BEHAVIOURAL_FILE = "behavioural.toml"
SKILLS_FILE = "skills.toml"

CATEGORIES = ("behavioural", "role", "skill")
SENIORITIES = ("any", "lead")
COMPETENCIES = (
    "teamwork",
    "conflict",
    "feedback",
    "ownership",
    "mistakes",
    "prioritising",
    "influencing",
    "developing_others",
    "customer_focus",
    "adaptability",
    "leadership",
    "problem_solving",
    "communication",
)
MIN_FAMILIES = 30
MIN_FAMILY_QUESTIONS = 12
# Questions without ``requires``, so any posting of the family has enough to ask.
MIN_OPEN_FAMILY_QUESTIONS = 8
MIN_BEHAVIOURAL_QUESTIONS = 40
MIN_PER_COMPETENCY = 3
MIN_OPEN_PER_COMPETENCY = 2
TALKING_POINTS = range(3, 6)


@dataclass(frozen=True)
class BankQuestion:
    text: str
    category: str
    topic: str
    seniority: str
    talking_points: tuple[str, ...]
    # Words of which a posting must name one for the question to fit it: a question for one
    # setting of a field (a phonics lesson, a hotel check-in); empty for any posting.
    requires: tuple[str, ...] = ()

    def fits(self, posting_text: str) -> bool:
        """Whether the question suits a posting with this (case-folded) text."""
        return not self.requires or any(
            re.search(rf"(?<!\w){re.escape(word)}(?!\w)", posting_text) for word in self.requires
        )


@dataclass(frozen=True)
class Family:
    key: str
    name: str
    summary: str
    titles: tuple[str, ...]
    skills: tuple[str, ...]
    questions: tuple[BankQuestion, ...]


@dataclass(frozen=True)
class SkillTemplate:
    """A question about any skill: ``{skill}`` in its text and talking points names it."""

    text: str
    seniority: str
    talking_points: tuple[str, ...]

    def for_skill(self, skill: str) -> BankQuestion:
        return BankQuestion(
            text=self.text.format(skill=skill),
            category="skill",
            topic=skill,
            seniority=self.seniority,
            talking_points=tuple(point.format(skill=skill) for point in self.talking_points),
        )


@dataclass(frozen=True)
class QuestionBank:
    families: tuple[Family, ...]
    behavioural: tuple[BankQuestion, ...]
    skill_templates: tuple[SkillTemplate, ...]


def _read(path: Path) -> dict:
    with path.open("rb") as file:
        return tomllib.load(file)


def _question(raw: dict) -> BankQuestion:
    return BankQuestion(
        text=str(raw.get("text", "")).strip(),
        category=raw.get("category", ""),
        topic=str(raw.get("topic", "")).strip(),
        seniority=raw.get("seniority", ""),
        talking_points=tuple(str(point).strip() for point in raw.get("talking_points", ())),
        requires=tuple(str(word).strip().casefold() for word in raw.get("requires", ())),
    )


def _load(directory: Path) -> QuestionBank:
    families = []
    for path in sorted(directory.glob("*.toml")):
        if path.name in (BEHAVIOURAL_FILE, SKILLS_FILE):
            continue
        raw = _read(path)
        families.append(
            Family(
                key=raw.get("key", ""),
                name=raw.get("name", ""),
                summary=raw.get("summary", ""),
                titles=tuple(raw.get("titles", ())),
                skills=tuple(raw.get("skills", ())),
                questions=tuple(_question(q) for q in raw.get("questions", ())),
            )
        )
    behavioural = _read(directory / BEHAVIOURAL_FILE).get("questions", ())
    templates = _read(directory / SKILLS_FILE).get("templates", ())
    return QuestionBank(
        families=tuple(families),
        behavioural=tuple(_question(q) for q in behavioural),
        skill_templates=tuple(
            SkillTemplate(
                text=t.get("text", ""),
                seniority=t.get("seniority", ""),
                talking_points=tuple(t.get("talking_points", ())),
            )
            for t in templates
        ),
    )


def _question_problems(where: str, question: BankQuestion, categories: tuple[str, ...]) -> list:
    problems = []
    if not question.text:
        problems.append(f"{where}: a question has no text")
    if question.category not in categories:
        problems.append(f"{where}: {question.text!r} has category {question.category!r}")
    if question.seniority not in SENIORITIES:
        problems.append(f"{where}: {question.text!r} has seniority {question.seniority!r}")
    if not question.topic:
        problems.append(f"{where}: {question.text!r} has no topic")
    if not all(question.requires):
        problems.append(f"{where}: {question.text!r} requires a blank word")
    points = question.talking_points
    if len(points) not in TALKING_POINTS or not all(points) or len(set(points)) != len(points):
        problems.append(f"{where}: {question.text!r} needs 3 to 5 distinct talking points")
    return problems


def bank_problems(directory: Path = BANK_DIR) -> list[str]:
    """Every way the bank in ``directory`` breaks its rules (empty when it is sound)."""
    try:
        bank = _load(directory)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        return [f"the question bank cannot be read: {exc}"]
    return _problems(bank, directory)


def _problems(bank: QuestionBank, directory: Path) -> list[str]:
    problems = []
    if len(bank.families) < MIN_FAMILIES:
        problems.append(f"{len(bank.families)} families; at least {MIN_FAMILIES} are needed")
    for family in bank.families:
        where = f"{family.key or '?'}.toml"
        if not (family.key and family.name and family.summary and family.titles):
            problems.append(f"{where}: key, name, summary and titles are all needed")
        if not (directory / f"{family.key}.toml").exists():
            problems.append(f"{where}: its key does not name its file")
        if sum(not q.requires for q in family.questions) < MIN_OPEN_FAMILY_QUESTIONS:
            problems.append(
                f"{where}: fewer than {MIN_OPEN_FAMILY_QUESTIONS} questions for any setting"
            )
        if len(family.questions) < MIN_FAMILY_QUESTIONS:
            problems.append(
                f"{where}: {len(family.questions)} questions, {MIN_FAMILY_QUESTIONS} needed"
            )
        for question in family.questions:
            problems += _question_problems(where, question, ("role", "skill"))
    for question in bank.behavioural:
        problems += _question_problems(BEHAVIOURAL_FILE, question, ("behavioural",))
        if question.topic not in COMPETENCIES:
            problems.append(f"{BEHAVIOURAL_FILE}: {question.text!r} has topic {question.topic!r}")
    if len(bank.behavioural) < MIN_BEHAVIOURAL_QUESTIONS:
        problems.append(
            f"{BEHAVIOURAL_FILE}: at least {MIN_BEHAVIOURAL_QUESTIONS} questions needed"
        )
    for competency in COMPETENCIES:
        asked = [q for q in bank.behavioural if q.topic == competency]
        open_to_all = [q for q in asked if q.seniority == "any"]
        if len(asked) < MIN_PER_COMPETENCY or len(open_to_all) < MIN_OPEN_PER_COMPETENCY:
            problems.append(
                f"{BEHAVIOURAL_FILE}: {competency} needs {MIN_PER_COMPETENCY} questions, "
                f"{MIN_OPEN_PER_COMPETENCY} of them for any seniority"
            )
    for template in bank.skill_templates:
        if "{skill}" not in template.text or template.seniority not in SENIORITIES:
            problems.append(f"{SKILLS_FILE}: {template.text!r} must name {{skill}}")
        if len(template.talking_points) not in TALKING_POINTS:
            problems.append(f"{SKILLS_FILE}: {template.text!r} needs 3 to 5 talking points")
    if not bank.skill_templates:
        problems.append(f"{SKILLS_FILE}: no templates")
    texts = [q.text.casefold() for f in bank.families for q in f.questions]
    texts += [q.text.casefold() for q in bank.behavioural]
    duplicated = sorted(text for text, times in Counter(texts).items() if times > 1)
    problems += [f"a question is written twice: {text!r}" for text in duplicated]
    return problems


@functools.cache
def question_bank() -> QuestionBank:
    """The bank, read once per process; refuses one with problems."""
    bank = _load(BANK_DIR)
    if problems := _problems(bank, BANK_DIR):
        raise ValueError("The question bank has problems: " + "; ".join(problems))
    return bank
