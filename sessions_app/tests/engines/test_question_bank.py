"""The question bank's rules (``engines.question_bank``), and its system check."""

import shutil

from django.core.checks import run_checks

from sessions_app.engines.question_bank import (
    BANK_DIR,
    COMPETENCIES,
    MIN_BEHAVIOURAL_QUESTIONS,
    MIN_FAMILIES,
    MIN_FAMILY_QUESTIONS,
    bank_problems,
    question_bank,
)


def test_the_shipped_bank_has_no_problems():
    assert bank_problems() == []


def test_the_bank_has_at_least_30_families_of_at_least_12_questions():
    families = question_bank().families

    assert len(families) >= MIN_FAMILIES >= 30
    assert all(len(family.questions) >= MIN_FAMILY_QUESTIONS >= 12 for family in families)


def test_the_behavioural_set_covers_every_competency():
    behavioural = question_bank().behavioural

    assert len(behavioural) >= MIN_BEHAVIOURAL_QUESTIONS >= 40
    assert {question.topic for question in behavioural} == set(COMPETENCIES)
    assert len(COMPETENCIES) >= 12


def test_every_question_has_three_to_five_talking_points():
    bank = question_bank()
    questions = [q for family in bank.families for q in family.questions] + list(bank.behavioural)

    assert all(3 <= len(question.talking_points) <= 5 for question in questions)


def test_no_question_text_is_written_twice():
    bank = question_bank()
    texts = [q.text for family in bank.families for q in family.questions]
    texts += [q.text for q in bank.behavioural]

    assert len(texts) == len(set(texts))


def _copy_of_the_bank(tmp_path):
    copy = tmp_path / "bank"
    shutil.copytree(BANK_DIR, copy)
    return copy


def test_a_question_without_talking_points_is_a_problem(tmp_path):
    copy = _copy_of_the_bank(tmp_path)
    nursing = copy / "nursing.toml"
    text = nursing.read_text(encoding="utf-8")
    start = text.index("talking_points = [")
    end = text.index("]", start) + 1
    nursing.write_text(text[:start] + "talking_points = []" + text[end:], encoding="utf-8")

    assert any("3 to 5 distinct talking points" in p for p in bank_problems(copy))


def test_a_duplicated_question_is_a_problem(tmp_path):
    copy = _copy_of_the_bank(tmp_path)
    nursing = (copy / "nursing.toml").read_text(encoding="utf-8")
    questions = nursing[nursing.index("[[questions]]") :]
    kitchen = copy / "kitchen.toml"
    kitchen.write_text(kitchen.read_text(encoding="utf-8") + "\n" + questions, encoding="utf-8")

    assert any("written twice" in p for p in bank_problems(copy))


def test_a_file_that_is_not_toml_is_a_problem(tmp_path):
    copy = _copy_of_the_bank(tmp_path)
    (copy / "kitchen.toml").write_text("key = [", encoding="utf-8")

    assert bank_problems(copy)[0].startswith("the question bank cannot be read")


def test_the_system_check_passes_on_the_shipped_bank():
    assert not [m for m in run_checks() if m.id == "sessions_app.E003"]
