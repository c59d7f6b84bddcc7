"""The built-in scorer's feedback: what it praises and what it asks for."""

from sessions_app.tests.engines.scorer_examples import (
    CREDENTIALS_LIST,
    EMPTY_STAR_LABELS,
    MENTORING_QUESTION,
    PM_SKILL_LIST,
    PM_TITLE,
    POSTING_KEYWORDS,
    STRONG_BACKEND_ANSWER,
    VAGUE_SENTENCE,
    score,
)


def test_feedback_names_the_missing_star_parts():
    feedback = score("I added an index, rewrote two queries and cached the catalogue.")[1]

    assert "situation" in feedback
    assert "goal" in feedback
    assert "result" in feedback


def test_feedback_asks_for_a_number_when_there_is_none():
    feedback = score("We had a slow report page. I added an index and it got a lot faster.")[1]

    assert "number" in feedback


def test_feedback_asks_to_tie_bare_numbers_to_an_outcome():
    assert "outcome" in score(CREDENTIALS_LIST)[1]


def test_feedback_names_posting_skills_when_relevance_is_low():
    feedback = score("At my last job I reorganised the team's weekly plan and we met the date.")[1]

    assert "Python or Django" in feedback


def test_feedback_quotes_the_filler_words_found():
    feedback = score("Um, so, like, I basically looked at it and, you know, it was fine.")[1]

    assert '"um"' in feedback
    assert '"basically"' in feedback


def test_like_as_a_verb_is_not_called_filler():
    answer = "I like profiling slow endpoints, so I profiled ours and cut p95 by 40 percent."

    assert "filler" not in score(answer)[1]


def test_feedback_names_the_buzzwords_found():
    feedback = score("Mentoring is about synergy and leveraging best practices.")[1]

    assert '"synergy"' in feedback


def test_buzzwords_the_posting_itself_uses_are_not_flagged():
    description = "Engineering Manager: team alignment, hiring, delivery."
    answer = "I ran a workshop for team alignment on our goals and we cut missed dates by half."

    feedback = score(answer, title="Engineering Manager", description=description)[1]

    assert "buzzword" not in feedback


def test_feedback_advises_a_longer_answer_when_too_short():
    assert "Too short" in score(VAGUE_SENTENCE)[1]


def test_feedback_advises_cutting_when_too_long():
    extra = " ".join(f"That was also step {n} of the wider plan for the team." for n in range(60))

    assert "cut to the essentials" in score(f"{STRONG_BACKEND_ANSWER} {extra}")[1]


def test_feedback_notes_repeated_sentences():
    assert "repeat" in score(" ".join([VAGUE_SENTENCE] * 5))[1]


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
