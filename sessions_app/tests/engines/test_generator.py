"""The built-in question generator: plain functions, no database and no Django settings."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sessions_app.engines.generator import (
    CATEGORIES,
    BuiltinQuestionGenerator,
    detect_seniority,
    role_name,
)
from sessions_app.tests.engines.generator_examples import (
    ANALYST_DESCRIPTION,
    ANALYST_TITLE,
    BACKEND_DESCRIPTION,
    BACKEND_TITLE,
    NO_SKILLS_DESCRIPTION,
    NO_SKILLS_TITLE,
    NURSE_DESCRIPTION,
    NURSE_TITLE,
    PM_DESCRIPTION,
    PM_TITLE,
    generate,
    texts_of,
)

# Counts, mix and distinctness


@pytest.mark.parametrize("count", [1, 2, 5, 12, 50])
def test_exactly_count_questions_are_returned(count):
    assert len(generate(BACKEND_TITLE, BACKEND_DESCRIPTION, count)) == count


@pytest.mark.parametrize(
    ("title", "description"),
    [
        (BACKEND_TITLE, BACKEND_DESCRIPTION),
        (ANALYST_TITLE, ANALYST_DESCRIPTION),
        (NURSE_TITLE, NURSE_DESCRIPTION),
        (PM_TITLE, PM_DESCRIPTION),
        (NO_SKILLS_TITLE, NO_SKILLS_DESCRIPTION),
    ],
)
def test_fifty_questions_are_all_distinct(title, description):
    texts = texts_of(generate(title, description, 50))

    assert len(set(texts)) == 50


def test_every_category_is_a_known_one():
    categories = {kind for _, kind in generate(BACKEND_TITLE, BACKEND_DESCRIPTION, 50)}

    assert categories == set(CATEGORIES) == {"behavioural", "role", "skill"}


def test_five_questions_include_each_category():
    categories = [kind for _, kind in generate(BACKEND_TITLE, BACKEND_DESCRIPTION, 5)]

    assert set(categories) == {"behavioural", "role", "skill"}
    assert categories.count("role") >= 2


def test_posting_without_known_skills_gets_behavioural_and_role_questions():
    questions = generate(NO_SKILLS_TITLE, NO_SKILLS_DESCRIPTION, 5)

    assert len(set(texts_of(questions))) == 5
    assert {kind for _, kind in questions} == {"behavioural", "role"}


def test_fifty_questions_for_an_almost_empty_posting():
    questions = generate("Engineer", "x", 50)

    assert len(set(texts_of(questions))) == 50


@pytest.mark.parametrize(
    "title", ["Junior Clerk", "Clerk", "Senior Clerk", "Head Clerk", "", "   "]
)
def test_fifty_questions_at_every_seniority_without_skills(title):
    assert len(set(texts_of(generate(title, "", 50)))) == 50


def test_one_question_is_supported():
    questions = generate(BACKEND_TITLE, BACKEND_DESCRIPTION, 1)

    assert len(questions) == 1
    assert questions[0][1] in CATEGORIES


@pytest.mark.parametrize("count", [0, -1])
def test_count_below_one_is_rejected(count):
    with pytest.raises(ValueError, match="at least 1"):
        generate(BACKEND_TITLE, BACKEND_DESCRIPTION, count)


def test_count_beyond_the_question_bank_is_rejected():
    with pytest.raises(ValueError, match="distinct questions"):
        generate("Engineer", "x", 10_000)


# Determinism


def test_same_posting_gives_same_questions():
    first = generate(BACKEND_TITLE, BACKEND_DESCRIPTION, 20)

    assert generate(BACKEND_TITLE, BACKEND_DESCRIPTION, 20) == first


def test_a_caller_changing_its_list_leaves_the_next_callers_alone():
    posting = {"title": BACKEND_TITLE, "description": BACKEND_DESCRIPTION, "count": 5}
    first = BuiltinQuestionGenerator().generate(**posting)
    expected = list(first)

    first.clear()

    assert BuiltinQuestionGenerator().generate(**posting) == expected


def test_fewer_questions_are_a_prefix_of_more():
    assert (
        generate(NURSE_TITLE, NURSE_DESCRIPTION, 5)
        == generate(NURSE_TITLE, NURSE_DESCRIPTION, 20)[:5]
    )


def test_questions_do_not_depend_on_the_process_hash_seed():
    script = (
        "import json; from sessions_app.engines.generator import BuiltinQuestionGenerator as G; "
        f"print(json.dumps([q[:2] for q in G().generate(title={BACKEND_TITLE!r}, "
        f"description={BACKEND_DESCRIPTION!r}, count=20)]))"
    )
    root = Path(__file__).resolve().parents[3]
    outputs = [
        subprocess.run(  # noqa: S603 - runs this interpreter on a fixed script
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": seed},
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    ]

    expected = [list(pair) for pair in generate(BACKEND_TITLE, BACKEND_DESCRIPTION, 20)]
    assert [json.loads(output) for output in outputs] == [expected, expected]


# Wording


@pytest.mark.parametrize(
    ("title", "description"),
    [
        (BACKEND_TITLE, BACKEND_DESCRIPTION),
        (NURSE_TITLE, NURSE_DESCRIPTION),
        ("Principal " + "Platform " * 25 + "Engineer", ANALYST_DESCRIPTION),
        ("", ""),
    ],
)
def test_questions_are_well_formed_sentences(title, description):
    for text in texts_of(generate(title, description, 50)):
        assert not text[0].islower() or text.startswith("p99"), text
        assert text.endswith(("?", ".")), text
        assert len(text) <= 300, text
        assert not {"{", "}"} & set(text), text
        assert "  " not in text, text


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("Senior Backend Engineer (m/f/d) - Remote", "Senior Backend Engineer"),
        ("Junior Developer m/w/d", "Junior Developer"),
        ("Remote - Data Analyst", "Data Analyst"),
        ("ICU Registered Nurse | Full-time", "ICU Registered Nurse"),
        ("Head of Product at Acme Corp", "Head of Product"),
        ("Software Engineer, Remote", "Software Engineer"),
        ("  Product   Manager  ", "Product Manager"),
        ("(m/f/d)", ""),
        ("", ""),
    ],
)
def test_title_noise_is_stripped_from_the_role_name(title, role):
    assert role_name(title) == role


def test_long_titles_are_cut_at_a_word():
    role = role_name("Principal " + "Platform " * 25 + "Engineer")

    assert len(role) <= 80
    assert role.endswith("Platform")


def test_long_posting_is_handled():
    description = (BACKEND_DESCRIPTION + " ") * 80

    questions = generate("T" * 200, description[:20_000], 50)

    assert len(set(texts_of(questions))) == 50


# Seniority


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("Junior Developer", "junior"),
        ("Graduate Nurse", "junior"),
        ("Software Engineer II", "mid"),
        ("Software Engineer", "mid"),
        ("Senior Backend Engineer", "senior"),
        ("Sr. Data Analyst", "senior"),
        ("Senior Product Manager", "senior"),
        ("Lead Developer", "lead"),
        ("Staff Software Engineer", "lead"),
        ("Principal Engineer", "lead"),
        ("Head of Product", "lead"),
        ("Engineering Manager", "lead"),
        ("Staff Nurse", "mid"),
        ("Junior Project Manager", "junior"),
    ],
)
def test_seniority_is_read_from_the_title(title, level):
    assert detect_seniority(title, "") == level


@pytest.mark.parametrize(
    ("description", "level"),
    [
        ("Entry-level role, no experience required.", "junior"),
        ("You will manage a team of six analysts.", "lead"),
        ("5+ years of professional experience.", "senior"),
        ("3-5 years' experience with SQL.", "mid"),
        ("At least 1 year of relevant experience.", "junior"),
        ("Founded 20 years ago, we are growing fast.", "mid"),
    ],
)
def test_seniority_falls_back_to_the_description(description, level):
    assert detect_seniority("Analyst", description) == level
