"""Questions for the job, whatever the job: postings from many fields get their family's
questions, each with its talking points."""

import itertools
import subprocess
import sys
from pathlib import Path

import pytest

from sessions_app.engines.families import posting_families
from sessions_app.engines.generator import BuiltinQuestionGenerator
from sessions_app.engines.question_bank import question_bank
from sessions_app.tests.engines.postings import POSTINGS


def _generate(title, description, count=5):
    return BuiltinQuestionGenerator().generate(title=title, description=description, count=count)


def _family(key):
    return next(family for family in question_bank().families if family.key == key)


def _in_the_field(question, family):
    own = {q.text for q in family.questions}
    skills = [skill.casefold() for skill in family.skills]
    return question.text in own or any(skill in question.text.casefold() for skill in skills)


def test_the_postings_cover_at_least_twelve_families():
    assert len(POSTINGS) >= 18
    assert len({key for key, _, _ in POSTINGS}) >= 12


@pytest.mark.parametrize(("key", "title", "description"), POSTINGS, ids=[p[1] for p in POSTINGS])
def test_a_posting_is_matched_to_its_family(key, title, description):
    assert key in [f.key for f in posting_families(title=title, description=description)]


@pytest.mark.parametrize(("key", "title", "description"), POSTINGS, ids=[p[1] for p in POSTINGS])
def test_at_least_three_of_five_questions_are_in_the_fields_own_terms(key, title, description):
    questions = _generate(title, description)

    in_field = [q.text for q in questions if _in_the_field(q, _family(key))]
    assert len(in_field) >= 3, [q.text for q in questions]


@pytest.mark.parametrize(("key", "title", "description"), POSTINGS, ids=[p[1] for p in POSTINGS])
def test_every_question_carries_three_to_five_talking_points(key, title, description):
    for question in _generate(title, description):
        assert 3 <= len(question.talking_points) <= 5, question.text
        assert question.topic, question.text


def test_postings_from_different_families_share_at_most_two_questions():
    sets = {(key, title): {q.text for q in _generate(title, desc)} for key, title, desc in POSTINGS}
    for (a, texts_a), (b, texts_b) in itertools.combinations(sets.items(), 2):
        if a[0] != b[0]:
            assert len(texts_a & texts_b) <= 2, (a, b, texts_a & texts_b)


def test_the_nurse_the_teacher_and_the_chef_share_no_question():
    nurse, teacher, chef = ({q.text for q in _generate(t, d)} for _, t, d in POSTINGS[:3])

    assert not nurse & teacher
    assert not teacher & chef
    assert not nurse & chef


def test_a_staff_post_gets_no_question_about_people_it_leads():
    lead_only = {
        q.text for f in question_bank().families for q in f.questions if q.seniority == "lead"
    }
    lead_only |= {q.text for q in question_bank().behavioural if q.seniority == "lead"}
    for _, title, description in POSTINGS:
        if "manager" in title.casefold():
            continue
        texts = {q.text for q in _generate(title, description, count=12)}
        assert not texts & lead_only, title


def test_a_lead_post_gets_a_question_about_leading():
    questions = _generate(
        "Head Chef",
        "Lead a brigade of twelve in a 150-cover restaurant: menus, food cost, rotas, "
        "training and food safety.",
    )
    lead_only = {q.text for q in _family("kitchen").questions if q.seniority == "lead"}

    assert {q.text for q in questions} & lead_only


def test_the_same_posting_gives_the_same_questions():
    _, title, description = POSTINGS[0]

    assert _generate(title, description) == _generate(title, description)


def test_a_posting_no_family_fits_gets_questions_from_its_own_duties():
    description = (
        "Manage 40 hives across three apiaries\n"
        "Inspect colonies weekly for disease and swarming\n"
        "Harvest and extract honey for our farm shop"
    )
    questions = _generate("Beekeeper", description)

    assert posting_families(title="Beekeeper", description=description) == []
    role = [q.text for q in questions if q.category == "role"]
    assert any("hives" in text for text in role)
    assert all(len(q.talking_points) >= 3 for q in questions)


def test_the_model_loads_with_the_network_unavailable():
    script = (
        "from sessions_app.engines.embeddings import embed; "
        "print(embed(['ward nurse', 'sous chef']).shape)"
    )
    command = [sys.executable, "-c", script]
    root = Path(__file__).resolve().parents[3]
    # A new network namespace has no interface but loopback, and loopback is down.
    try:
        result = subprocess.run(  # noqa: S603 - fixed argv: unshare, then this interpreter
            ["unshare", "--net", *command],  # noqa: S607 - unshare from util-linux, on PATH
            cwd=root,
            capture_output=True,
            text=True,
        )
    except FileNotFoundError:
        pytest.skip("unshare is not installed")
    if "Operation not permitted" in result.stderr:
        pytest.skip("this machine does not allow a new network namespace")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "(2, 256)"
