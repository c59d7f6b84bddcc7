"""An answer must answer the question: relevance decides, across professions, and the score
is a documented function of its four criteria."""

import pytest

from sessions_app.engines import CRITERIA
from sessions_app.engines.generator import BuiltinQuestionGenerator
from sessions_app.engines.scorer import OFF_TOPIC_CAP, BuiltinAnswerScorer, score_from

CHECKOUT = (
    "Last spring our Django checkout API had a p95 of 2 seconds during sales. I was asked to "
    "bring it under 400 ms before Black Friday. I profiled it, removed an N+1 pattern with "
    "select_related, and added a PostgreSQL index. p95 fell to 240 ms and abandonment dropped "
    "by 30 percent."
)
YEAR9 = (
    "Last year my Year 9 maths class was a term behind on algebra and a third of them were "
    "failing the weekly quizzes. My goal was to get them to the expected level before the "
    "spring assessment. I split the class into three groups by quiz results, rewrote the "
    "starter tasks as worked examples, and ran a ten-minute recap every Friday. I also called "
    "the parents of the six students furthest behind. By the assessment 24 of 28 students met "
    "the target, up from 15, and two of the six moved up a set."
)
DEAL = (
    "Last quarter a 400-seat renewal at a logistics client was at risk because their new CFO "
    "wanted a 20 percent discount. My goal was to renew without giving the discount away. I ran "
    "a discovery call with their operations lead, pulled usage data from Salesforce and built a "
    "one-page ROI case with her. I offered a two-year term at the same price instead of a "
    "discount. They renewed for two years at full price and added 60 seats in the spring."
)
PICKING = (
    "At my previous warehouse, pick errors were running at 2.4 percent and costing us about 30 "
    "returns a day. I was asked to halve them within a quarter. I walked the pick path with the "
    "night shift, moved the 200 fastest-moving SKUs to waist-height bays, added a scan check at "
    "packing and reworked the handover checklist. Within ten weeks pick errors fell to 0.9 "
    "percent and returns dropped to 11 a day."
)

BACKEND = (
    "Senior Backend Engineer",
    "Python, Django, PostgreSQL, REST APIs, AWS, mentoring, performance tuning.",
)
SALES = ("Account Executive", "B2B SaaS sales, pipeline, negotiation, Salesforce, quota.")
TEACHER = ("Secondary Maths Teacher", "Lesson planning, assessment, classroom management, GCSE.")
OPERATIONS = ("Operations Manager", "Warehouse operations, inventory, shift scheduling, Lean.")
ANALYST = ("Data Analyst", "SQL, Python, Tableau, A/B testing, stakeholder communication.")


def _assess(answer, question, posting):
    title, description = posting
    return BuiltinAnswerScorer().assess(
        question=question, answer=answer, title=title, description=description
    )


# A memorised, content-free story, as the scoring issue found it outscoring experts.
MEMORISED = (
    "Our team was struggling with a difficult situation and morale was low. I took ownership, "
    "set clear priorities, communicated with every stakeholder and kept everyone aligned. We "
    "worked together closely, and as a result errors dropped by 40% and the team delivered on "
    "time."
)
ON_TOPIC = [
    (CHECKOUT, "Tell me about a time you improved the performance of a slow system.", BACKEND),
    (
        YEAR9,
        "Tell me about a time you helped a group of students who were falling behind.",
        TEACHER,
    ),
    (DEAL, "Tell me about a time you negotiated a deal where the customer pushed on price.", SALES),
    (PICKING, "Tell me about a time you improved a process. How did you measure it?", OPERATIONS),
]
OFF_TOPIC = [
    (CHECKOUT, "Tell me about a time you helped a newer colleague get up to speed.", ANALYST),
    (
        CHECKOUT,
        "Tell me about a time you disagreed with a colleague. How did you resolve it?",
        BACKEND,
    ),
    (YEAR9, "Tell me about a slow query in PostgreSQL that you diagnosed.", BACKEND),
    (YEAR9, "Tell me about a time you had to deal with a safety incident on shift.", OPERATIONS),
    (DEAL, "Tell me about a time you helped a group of students who were falling behind.", TEACHER),
    (
        PICKING,
        "Tell me about a time you negotiated a deal where the customer pushed on price.",
        SALES,
    ),
]


@pytest.mark.parametrize(("answer", "question", "posting"), ON_TOPIC)
def test_a_strong_answer_to_its_own_question_scores_well(answer, question, posting):
    assessment = _assess(answer, question, posting)

    assert assessment.score >= 70
    assert assessment.criteria["relevance"] >= 60


@pytest.mark.parametrize(("answer", "question", "posting"), OFF_TOPIC)
def test_a_well_built_answer_to_another_question_scores_at_most_40(answer, question, posting):
    assessment = _assess(answer, question, posting)

    assert assessment.criteria["structure"] >= 80
    assert assessment.criteria["relevance"] < OFF_TOPIC_CAP
    assert assessment.score <= OFF_TOPIC_CAP


@pytest.mark.parametrize(("answer", "question", "posting"), OFF_TOPIC)
def test_feedback_on_an_off_topic_answer_quotes_what_was_asked(answer, question, posting):
    first = _assess(answer, question, posting).feedback.splitlines()[0]

    assert first == f'This answer does not answer the question, which asks: "{question}"'


def test_a_paragraph_that_fits_any_question_is_told_so():
    feedback = _assess(MEMORISED, "Tell me about a slow query you diagnosed.", BACKEND).feedback

    assert feedback.startswith("This answer would fit any question")


SESSIONS = [
    pytest.param(CHECKOUT, ANALYST, id="checkout-answer-data-analyst-session"),
    pytest.param(YEAR9, BACKEND, id="teaching-answer-backend-session"),
    pytest.param(DEAL, BACKEND, id="sales-answer-backend-session"),
    pytest.param(PICKING, TEACHER, id="warehouse-answer-teacher-session"),
]


def _session_scores(answer, posting):
    title, description = posting
    questions = BuiltinQuestionGenerator().generate(title=title, description=description, count=5)
    return [_assess(answer, q.text, posting).score for q in questions]


@pytest.mark.parametrize(("answer", "posting"), SESSIONS)
def test_one_answer_given_to_every_question_of_a_session_does_not_score_the_same(answer, posting):
    scores = _session_scores(answer, posting)

    assert len(set(scores)) > 1, scores
    assert min(scores) <= OFF_TOPIC_CAP, scores


# Relevance still leans on word lists where the embeddings are unsure, and a well-told story
# from another job shares enough words with these scenario questions to pass (docs/scoring.md,
# "Not reached yet"); strict, so these fail once it no longer does and the marks go.
_WORD_LISTS_MISREAD = pytest.mark.xfail(
    strict=True, reason="word-list relevance misreads the bank's scenario questions"
)


@pytest.mark.parametrize(
    "answer",
    [
        CHECKOUT,
        pytest.param(DEAL, marks=_WORD_LISTS_MISREAD),
        pytest.param(PICKING, marks=_WORD_LISTS_MISREAD),
    ],
    ids=["checkout", "deal", "picking"],
)
def test_an_answer_about_another_job_scores_at_most_40_on_a_teachers_role_questions(answer):
    title, description = TEACHER
    questions = BuiltinQuestionGenerator().generate(title=title, description=description, count=5)
    role_questions = [q.text for q in questions if q.category == "role"]

    assert role_questions
    for text in role_questions:
        assert _assess(answer, text, TEACHER).score <= OFF_TOPIC_CAP, text


def test_a_memorised_paragraph_scores_below_a_genuine_answer_on_every_question_it_is_given():
    for answer, question, posting in ON_TOPIC:
        genuine = _assess(answer, question, posting).score
        assert _assess(MEMORISED, question, posting).score < genuine, question


@pytest.mark.parametrize(("answer", "question", "posting"), ON_TOPIC + OFF_TOPIC)
def test_criteria_are_four_integers_from_0_to_100_and_make_the_score(answer, question, posting):
    assessment = _assess(answer, question, posting)

    assert set(assessment.criteria) == set(CRITERIA)
    assert all(isinstance(v, int) and 0 <= v <= 100 for v in assessment.criteria.values())
    assert assessment.score == score_from(assessment.criteria)


def test_score_from_is_the_weighted_mean_below_the_cap():
    values = {"structure": 80, "specifics": 60, "relevance": 100, "clarity": 40}
    weights = {"structure": 0.35, "specifics": 0.30, "relevance": 0.15, "clarity": 0.20}

    assert score_from(values, weights) == round(0.35 * 80 + 0.30 * 60 + 0.15 * 100 + 0.20 * 40)


def test_score_from_caps_an_answer_below_the_relevance_bar():
    values = {"structure": 100, "specifics": 100, "relevance": 20, "clarity": 100}

    assert score_from(values) == round(OFF_TOPIC_CAP * (0.5 + 20 / (2 * OFF_TOPIC_CAP)))


def test_the_score_interface_still_gives_score_and_feedback():
    question, posting = ON_TOPIC[0][1], ON_TOPIC[0][2]
    assessment = _assess(CHECKOUT, question, posting)

    result = BuiltinAnswerScorer().score(
        question=question, answer=CHECKOUT, title=posting[0], description=posting[1]
    )

    assert result == (assessment.score, assessment.feedback)


SEPSIS = (
    "During a night shift last winter a post-operative patient's blood pressure dropped to "
    "80/40 and his heart rate climbed to 130. I suspected sepsis, started fluids as per the "
    "protocol, took cultures and escalated to the registrar using SBAR within ten minutes. "
    "He was on antibiotics within the hour and back on the ward two days later."
)
PRECEPTOR = (
    "Last spring I was preceptor for a newly qualified nurse on our ICU. In her first week she "
    "was anxious about drug rounds, so I walked her through each step, observed her first ten "
    "rounds and we debriefed after every shift. By week four she ran her own bay, and she "
    "passed her competencies two weeks early."
)
NURSE = ("Registered Nurse, ICU", "Critical care, patient assessment, medication administration.")


def test_an_answer_from_another_field_does_not_answer_a_skill_question():
    question = "What do you wish you had known about Django when you started using it?"

    assessment = _assess(SEPSIS, question, BACKEND)

    assert assessment.score <= OFF_TOPIC_CAP
    assert "Django" in assessment.feedback.splitlines()[0]


def test_helping_a_new_colleague_told_in_a_nurses_words_answers_the_question():
    question = "Tell me about a time you helped a newer colleague get up to speed."

    assessment = _assess(PRECEPTOR, question, NURSE)

    assert assessment.criteria["relevance"] > OFF_TOPIC_CAP
    assert assessment.score >= 60
