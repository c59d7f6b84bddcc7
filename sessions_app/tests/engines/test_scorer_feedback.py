"""The built-in scorer's feedback: what it praises, what it can advise, and which one or two
changes it picks."""

from sessions_app.engines.scorer import WEIGHTS, BuiltinAnswerScorer
from sessions_app.engines.scoring_features import read_answer
from sessions_app.engines.scoring_feedback import suggestions_for
from sessions_app.tests.engines.scorer_examples import (
    BACKEND_DESCRIPTION,
    BACKEND_TITLE,
    CREDENTIALS_LIST,
    EMPTY_STAR_LABELS,
    MENTORING_QUESTION,
    PERFORMANCE_QUESTION,
    PM_SKILL_LIST,
    PM_TITLE,
    POSTING_KEYWORDS,
    STRONG_BACKEND_ANSWER,
    VAGUE_SENTENCE,
    score,
)


def _advice(answer, question=PERFORMANCE_QUESTION, title=BACKEND_TITLE, description=None):
    """Everything the scorer could advise for this answer (the feedback keeps the best two)."""
    reading = read_answer(question, answer, title, description or BACKEND_DESCRIPTION)
    return "\n".join(text for _, text in suggestions_for(reading))


def test_feedback_names_the_missing_star_parts():
    feedback = score("I added an index, rewrote two queries and cached the catalogue.")[1]

    assert "situation" in feedback
    assert "goal" in feedback
    assert "result" in feedback


def test_feedback_asks_for_a_figure_when_there_is_none():
    feedback = score("We had a slow report page. I added an index and it got a lot faster.")[1]

    assert "with a figure where there is one" in feedback


def test_feedback_asks_to_tie_bare_numbers_to_an_outcome():
    assert "outcome" in _advice(CREDENTIALS_LIST)


def test_feedback_names_posting_skills_when_relevance_is_low():
    advice = _advice("At my last job I reorganised the team's weekly plan and we met the date.")

    assert "Python or Django" in advice


def test_feedback_quotes_the_filler_words_found():
    advice = _advice("Um, so, like, I basically looked at it and, you know, it was fine.")

    assert '"um"' in advice
    assert '"basically"' in advice


def test_like_as_a_verb_is_not_called_filler():
    answer = "I like profiling slow endpoints, so I profiled ours and cut p95 by 40 percent."

    assert "filler" not in score(answer)[1]


def test_feedback_names_the_buzzwords_found():
    advice = _advice("Mentoring is about synergy and leveraging best practices.")

    assert '"synergy"' in advice


def test_buzzwords_the_posting_itself_uses_are_not_flagged():
    description = "Engineering Manager: team alignment, hiring, delivery."
    answer = "I ran a workshop for team alignment on our goals and we cut missed dates by half."

    feedback = score(answer, title="Engineering Manager", description=description)[1]

    assert "buzzword" not in feedback


def test_feedback_advises_a_longer_answer_when_too_short():
    assert "Too short" in _advice(VAGUE_SENTENCE)


def test_feedback_advises_cutting_when_too_long():
    extra = " ".join(f"That was also step {n} of the wider plan for the team." for n in range(60))

    assert "cut to the essentials" in _advice(f"{STRONG_BACKEND_ANSWER} {extra}")


def test_feedback_notes_repeated_sentences():
    assert "repeat" in _advice(" ".join([VAGUE_SENTENCE] * 5))


def test_feedback_calls_out_keyword_stuffing():
    assert "keywords" in score(POSTING_KEYWORDS, MENTORING_QUESTION)[1]


def test_feedback_on_empty_star_labels_asks_for_specifics():
    question = "How do you prioritise a roadmap?"

    _, feedback = score(EMPTY_STAR_LABELS, question, PM_TITLE, PM_SKILL_LIST)

    assert "labels" in feedback


def test_strong_answer_gets_praise_and_at_most_one_suggestion():
    points, feedback = score(STRONG_BACKEND_ANSWER)
    lines = feedback.splitlines()

    assert points >= 75
    assert lines[0].startswith("Clear story")
    assert lines[1].startswith("A measured result")
    praise = [line for line in lines if line.startswith(("Clear story", "A measured", "You tie"))]
    assert len(lines) - len(praise) <= 1


def test_feedback_quotes_a_measured_result_from_the_answer():
    feedback = score(STRONG_BACKEND_ANSWER)[1]
    quote = feedback.split('("', 1)[1].split('")', 1)[0]

    assert quote == "timeouts dropped by 95 percent"
    assert quote in STRONG_BACKEND_ANSWER


def test_a_weak_answer_gets_at_most_two_changes():
    lines = score(VAGUE_SENTENCE)[1].splitlines()
    praise = [line for line in lines if line.startswith(("There is little", "You "))]

    assert 1 <= len(lines) - len(praise) <= 2


def test_the_first_change_raises_the_criterion_with_most_points_missing():
    answer = "We had a slow report page. I added an index and it got a lot faster."
    assessment = BuiltinAnswerScorer().assess(
        question=PERFORMANCE_QUESTION,
        answer=answer,
        title=BACKEND_TITLE,
        description=BACKEND_DESCRIPTION,
    )
    suggestions = suggestions_for(
        read_answer(PERFORMANCE_QUESTION, answer, BACKEND_TITLE, BACKEND_DESCRIPTION)
    )
    by_text = dict((text, criterion) for criterion, text in suggestions)
    changes = [line for line in assessment.feedback.splitlines() if line in by_text]

    def missing(criterion):
        return WEIGHTS[criterion] * (100 - assessment.criteria[criterion])

    assert changes
    assert missing(by_text[changes[0]]) == max(missing(c) for c, _ in suggestions)


def test_each_point_of_feedback_is_its_own_line():
    lines = score(STRONG_BACKEND_ANSWER)[1].splitlines()

    assert len(lines) >= 2
    assert all(line.strip() == line and line for line in lines)


def test_off_topic_feedback_quotes_a_question_it_has_no_topic_for():
    question = "Which book has influenced you most, and why?"
    answer = "I taught my Year 9 class algebra with worked examples and 24 of 28 passed the test."

    feedback = score(answer, question)[1]

    assert f'the question, which asks: "{question}"' in feedback


def test_a_question_about_what_you_would_do_asks_for_a_plan_not_a_past_situation():
    question = "How would you decide when a problem needs escalating as a Senior Backend Engineer?"

    advice = _advice("I would escalate when customers are affected.", question)

    assert "step by step" in advice
    assert "the situation (where, when" not in advice
