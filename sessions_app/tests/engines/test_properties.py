"""Properties of the built-in engines on arbitrary text (hypothesis): whatever a posting or
an answer holds, they do not crash, stay in range and give the same output for the same
input."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sessions_app.engines.generator import BuiltinQuestionGenerator
from sessions_app.engines.scorer import BuiltinAnswerScorer

# Any Unicode text (surrogates cannot be stored or sent as UTF-8), with words from the
# domain mixed in so the engines' skill and structure rules fire too.
WORDS = st.sampled_from(
    [
        "Python",
        "Django",
        "PostgreSQL",
        "Senior",
        "I",
        "we",
        "led",
        "reduced",
        "40%",
        "because",
        "customer",
        "\n",
        ".",
        "Kubernetes",
        "sales",
        "teacher",
        "SQL",
        "ℍ",
        "ß",
        "🙂",
        "\u200b",
    ]
)
TEXT = st.one_of(
    st.text(st.characters(blacklist_categories=["Cs"]), max_size=400),
    st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=80).map(" ".join),
)
PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
CATEGORIES = {"behavioural", "role", "skill"}


@PROPERTY_SETTINGS
@given(title=TEXT, description=TEXT, count=st.integers(min_value=1, max_value=50))
def test_the_generator_writes_count_distinct_questions_for_any_posting(title, description, count):
    questions = BuiltinQuestionGenerator().generate(
        title=title, description=description, count=count
    )

    assert len(questions) == count
    assert len({q.text for q in questions}) == count
    assert all(q.text.strip() and q.category in CATEGORIES for q in questions)


@PROPERTY_SETTINGS
@given(title=TEXT, description=TEXT)
def test_the_generator_is_deterministic(title, description):
    generate = BuiltinQuestionGenerator().generate

    assert generate(title=title, description=description, count=5) == generate(
        title=title, description=description, count=5
    )


@PROPERTY_SETTINGS
@given(question=TEXT, answer=TEXT, title=TEXT, description=TEXT)
def test_the_scorer_scores_any_answer_from_0_to_100_with_feedback(
    question, answer, title, description
):
    score, feedback = BuiltinAnswerScorer().score(
        question=question, answer=answer, title=title, description=description
    )

    assert isinstance(score, int)
    assert 0 <= score <= 100
    assert isinstance(feedback, str)
    assert feedback.strip()


@PROPERTY_SETTINGS
@given(question=TEXT, answer=TEXT, title=TEXT, description=TEXT)
def test_the_scorer_is_deterministic(question, answer, title, description):
    arguments = {"question": question, "answer": answer, "title": title, "description": description}

    assert BuiltinAnswerScorer().score(**arguments) == BuiltinAnswerScorer().score(**arguments)
