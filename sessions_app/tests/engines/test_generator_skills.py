"""The built-in generator's skill finder: which skills a posting names."""

import pytest

from sessions_app.engines.generator import (
    extract_skills,
)
from sessions_app.tests.engines.generator_examples import (
    ANALYST_DESCRIPTION,
    BACKEND_DESCRIPTION,
    NURSE_DESCRIPTION,
    PM_DESCRIPTION,
    generate,
    texts_of,
)


def test_backend_posting_skills_are_found_in_order_of_mention():
    assert extract_skills(BACKEND_DESCRIPTION) == [
        "Python",
        "Django",
        "PostgreSQL",
        "REST APIs",
        "AWS",
        "mentoring",
        "performance tuning",
    ]


def test_analyst_posting_skills_are_found():
    assert extract_skills(ANALYST_DESCRIPTION) == [
        "SQL",
        "Excel",
        "dashboards",
        "Tableau",
        "A/B testing",
    ]


def test_nurse_posting_clinical_skills_are_found():
    found = extract_skills(NURSE_DESCRIPTION)

    for skill in ("patient assessment", "medication administration", "EHR documentation"):
        assert skill in found


def test_product_posting_skills_are_found():
    found = extract_skills(PM_DESCRIPTION)

    assert found[:2] == ["roadmap prioritisation", "user research"]
    assert "stakeholder communication" in found


def test_title_skills_come_before_description_skills():
    questions = generate("Senior Django Developer", "We use Python and Django.", 5)

    assert "Django" in texts_of(questions, "skill")[0]
    assert "Python" in texts_of(questions, "skill")[1]


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("postgres", "PostgreSQL"),
        ("PostgreSQL", "PostgreSQL"),
        ("k8s", "Kubernetes"),
        ("Golang", "Go"),
        ("JS", "JavaScript"),
        ("ReactJS", "React"),
        ("node.js", "Node.js"),
        ("CI / CD", "CI/CD"),
        ("continuous integration", "CI/CD"),
        ("A/B tests", "A/B testing"),
        ("EHRs", "EHR documentation"),
        ("T-SQL", "SQL Server"),
        ("code-review", "code review"),
    ],
)
def test_aliases_map_to_the_canonical_name(text, skill):
    assert extract_skills(f"Experience with {text} is essential.") == [skill]


def test_matching_ignores_case():
    assert extract_skills("PYTHON, django and postgresql") == ["Python", "Django", "PostgreSQL"]


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("JavaScript", "Java"),
        ("NoSQL", "SQL"),
        ("scalable services", "Scala"),
        ("pythonic", "Python"),
    ],
)
def test_a_skill_inside_a_longer_word_is_not_matched(text, skill):
    assert skill not in extract_skills(text)


def test_the_longest_alias_wins():
    assert extract_skills("We run SQL Server.") == ["SQL Server"]


@pytest.mark.parametrize(
    "text",
    [
        "You will go above and beyond for our customers.",
        "Go to our careers page to apply.",
        "Let's go, team!",
        "We are ready to go-live next month.",
        "Our go-to-market plan is ambitious.",
    ],
)
def test_go_in_ordinary_prose_is_not_the_go_language(text):
    assert "Go" not in extract_skills(text)


@pytest.mark.parametrize(
    "text",
    ["Python, Go and Rust", "Go/Rust", "Skills:\n- Go\n- Docker", "a Go engineer", "golang"],
)
def test_go_in_a_list_of_technologies_is_the_go_language(text):
    assert "Go" in extract_skills(text)


@pytest.mark.parametrize(
    "text",
    [
        "react quickly to incidents",
        "the rest of the team",
        "you will excel at this",
        "a flask of coffee",
        "guard rails for patients",
        "R&D budget",
        "vitamin C, zinc",
    ],
)
def test_english_words_are_not_mistaken_for_technologies(text):
    assert extract_skills(text) == []


def test_no_break_spaces_between_words_still_match():
    assert extract_skills("SQL\u00a0Server") == ["SQL Server"]


def test_unicode_lookalike_letters_are_not_matched():
    # "ſ" (long s) folds to "s" under Unicode rules; it must neither match nor crash.
    assert extract_skills("po\u017ftgres") == []


def test_ambiguous_names_count_in_their_capitalised_form():
    assert extract_skills("React, Excel and Flask") == ["React", "Excel", "Flask"]


def test_cpp_csharp_and_dotnet_are_told_apart():
    assert extract_skills("C/C++, C# and ASP.NET on .NET") == ["C", "C++", "C#", "ASP.NET", ".NET"]
