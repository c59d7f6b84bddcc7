"""The built-in answer scorer: plain functions, no database and no Django settings."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sessions_app.engines.calibration import average_ranks, spearman
from sessions_app.engines.scorer import posting_skills
from sessions_app.tests.engines.scorer_examples import (
    ANALYST_DESCRIPTION,
    ANALYST_TITLE,
    BACKEND_DESCRIPTION,
    CREDENTIALS_LIST,
    EMPTY_STAR_LABELS,
    MENTORING_QUESTION,
    NURSE_DESCRIPTION,
    NURSE_TITLE,
    PM_DESCRIPTION,
    PM_SKILL_LIST,
    PM_TITLE,
    POSTING_KEYWORDS,
    STRONG_ANALYST_ANSWER,
    STRONG_BACKEND_ANSWER,
    STRONG_NURSE_ANSWER,
    STRONG_PM_ANSWER,
    VAGUE_SENTENCE,
    assess,
    calibration_rows,
    score,
    score_row,
)

# Calibration


def test_spearman_helper_averages_tied_ranks():
    assert average_ranks([10, 20, 20, 30]) == [1.0, 2.5, 2.5, 4.0]
    assert spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)


def test_scores_agree_with_calibration_labels_with_rho_at_least_0_8():
    rows = calibration_rows()

    rho = spearman([row["label"] for row in rows], [score_row(row) for row in rows])

    assert len(rows) == 27
    assert rho >= 0.8


def test_every_excellent_calibration_answer_outscores_every_very_poor_one():
    rows = calibration_rows()
    excellent = [score_row(row) for row in rows if row["label"] == 5]
    very_poor = [score_row(row) for row in rows if row["label"] == 1]

    assert min(excellent) > max(very_poor)


# Fixed examples


def test_strong_structured_answer_with_measured_results_scores_at_least_70():
    assert score(STRONG_BACKEND_ANSWER)[0] >= 70


def test_vague_one_liner_scores_at_most_30():
    assert score(VAGUE_SENTENCE)[0] <= 30


@pytest.mark.parametrize("answer", ["", "   ", "\n\t  \n"])
def test_blank_answer_scores_zero_and_asks_for_an_answer(answer):
    points, feedback = score(answer)

    assert points == 0
    assert "write" in feedback.lower()


@pytest.mark.parametrize(
    "answer", [STRONG_BACKEND_ANSWER, VAGUE_SENTENCE, POSTING_KEYWORDS, "um " * 3000, "9" * 9000]
)
def test_score_is_an_int_from_0_to_100(answer):
    points, feedback = score(answer)

    assert isinstance(points, int)
    assert 0 <= points <= 100
    assert isinstance(feedback, str)
    assert feedback


# Not fooled by shape


def test_list_of_years_and_counts_scores_at_most_30():
    assert score(CREDENTIALS_LIST)[0] <= 30


@pytest.mark.parametrize("description", [PM_SKILL_LIST, PM_DESCRIPTION])
def test_star_labels_around_empty_content_score_at_most_35(description):
    question = "How do you prioritise a roadmap?"

    points, _ = score(EMPTY_STAR_LABELS, question, PM_TITLE, description)

    # The labels earn nothing: what is left is a vague sentence or two on the topic.
    assert points <= 35


def test_answer_made_of_posting_keywords_scores_at_most_15():
    assert score(POSTING_KEYWORDS, MENTORING_QUESTION)[0] <= 15


def test_repeating_posting_skills_20_times_scores_at_most_30():
    answer = " ".join(["I know Python, Django, PostgreSQL, REST APIs and AWS."] * 20)

    assert score(answer)[0] <= 30


def test_padding_to_3000_characters_with_one_vague_sentence_earns_at_most_3_points():
    padded = " ".join([VAGUE_SENTENCE] * 60)

    assert len(padded) >= 3000
    assert score(padded)[0] <= score(VAGUE_SENTENCE)[0] + 3


def test_empty_star_headings_score_at_most_40():
    answer = "Situation: a project. Task: do it. Action: I did it. Result: it went well."

    assert score(answer)[0] <= 40


def test_numbers_without_a_story_score_at_most_45():
    answer = (
        "Revenue grew 40 percent. Costs fell 25 percent. Uptime rose to 99.9 percent. "
        "Tickets dropped 60 percent. 12 years, 40 engineers, 3 countries."
    )

    assert score(answer)[0] <= 45


def test_star_labels_earn_nothing_on_their_own():
    labelled = STRONG_BACKEND_ANSWER.replace("Last spring", "Situation: last spring").replace(
        "My goal", "Task: my goal"
    )

    assert score(labelled)[0] == score(STRONG_BACKEND_ANSWER)[0]


def test_star_labels_with_substance_count_as_those_parts():
    answer = (
        "Situation: our support queue had grown to 2,000 open tickets.\n"
        "Task: halve it within a month without hiring.\n"
        "Action: I added reply macros, trained 6 agents and set up triage rules in Zendesk.\n"
        "Result: the queue fell to 600 in three weeks and CSAT rose from 78 to 91 percent."
    )

    question = "Tell me about a time you improved a process."
    description = "Support Team Lead: Zendesk, ticket triage, coaching agents, CSAT."

    points, feedback = score(answer, question, "Support Team Lead", description)

    assert points >= 70
    assert feedback.startswith("Clear story")


def test_a_hyphenated_word_is_not_read_as_a_star_label():
    answer = "I set an action-oriented plan with the team and we cut the backlog by 40 percent."
    plain = answer.replace("action-oriented", "practical")

    assert assess(answer).criteria["structure"] == assess(plain).criteria["structure"]


def test_capitals_in_a_shouted_answer_are_not_named_specifics():
    answer = "I profiled the api with django silk and fixed the slow queries for the client."

    assert score(answer.upper())[0] <= score(answer)[0]


def test_very_long_answer_scores_no_higher_than_its_focused_version():
    extra = " ".join(f"That was also step {n} of the wider plan for the team." for n in range(60))

    assert score(f"{STRONG_BACKEND_ANSWER} {extra}")[0] <= score(STRONG_BACKEND_ANSWER)[0]


def test_filler_words_lower_the_score():
    with_filler = STRONG_BACKEND_ANSWER.replace("I profiled", "Um, so, like, I basically profiled")

    assert score(with_filler)[0] < score(STRONG_BACKEND_ANSWER)[0]


def test_buzzwords_lower_the_score():
    with_buzzwords = STRONG_BACKEND_ANSWER + " We leveraged synergy and best practices."

    assert score(with_buzzwords)[0] < score(STRONG_BACKEND_ANSWER)[0]


# Fair to every profession


def test_strong_nurse_answer_scores_at_least_70():
    question = "Describe a time you handled a rapidly deteriorating patient."

    assert score(STRONG_NURSE_ANSWER, question, NURSE_TITLE, NURSE_DESCRIPTION)[0] >= 70


def test_strong_product_manager_answer_scores_at_least_70():
    question = "Tell me about a time you had to say no to a stakeholder."

    assert score(STRONG_PM_ANSWER, question, PM_TITLE, PM_DESCRIPTION)[0] >= 70


def test_strong_data_analyst_answer_scores_at_least_70():
    question = "Tell me about an analysis that changed a business decision."

    assert score(STRONG_ANALYST_ANSWER, question, ANALYST_TITLE, ANALYST_DESCRIPTION)[0] >= 70


# Posting skills


def test_posting_skills_find_non_software_skills():
    assert "roadmap prioritisation" in posting_skills(PM_TITLE, PM_DESCRIPTION)
    assert "EHR documentation" in posting_skills(NURSE_TITLE, NURSE_DESCRIPTION)


def test_posting_skills_are_never_counts_or_the_title():
    skills = posting_skills("Registered Nurse", "We serve 2,000 patients: EHR documentation.")

    assert skills == ["EHR documentation"]


# Engineering


def test_same_input_gives_same_output():
    assert score(STRONG_NURSE_ANSWER) == score(STRONG_NURSE_ANSWER)


def test_output_does_not_depend_on_the_hash_seed():
    repo = Path(__file__).resolve().parents[3]
    program = (
        "from sessions_app.engines.scorer import BuiltinAnswerScorer\n"
        f"print(BuiltinAnswerScorer().score(question='q', answer={STRONG_PM_ANSWER!r}, "
        f"title='PM', description={PM_DESCRIPTION!r}))\n"
    )
    outputs = {
        subprocess.run(  # noqa: S603 - this interpreter on a script built from constants
            [sys.executable, "-c", program],
            cwd=repo,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }

    assert len(outputs) == 1


def test_longest_inputs_score_within_a_second():
    answer = (STRONG_BACKEND_ANSWER + " ") * 20
    description = (BACKEND_DESCRIPTION + " We value Kubernetes, Terraform and Go. ") * 150

    started = time.perf_counter()
    score(answer[:10_000], description=description[:20_000])

    assert time.perf_counter() - started < 1.0


def test_a_plan_answers_a_question_about_what_you_would_do():
    question = "What would you focus on in your first 90 days as a Senior Backend Engineer?"
    plan = (
        "In my first month I'd read the incident reports and pair with each engineer on the "
        "team, then I'd map the slowest Django endpoints with the on-call lead. By day 60 I "
        "would fix the two worst ones and I'd write the runbook we lack, so that by day 90 our "
        "p95 is under 300 ms and new joiners can ship in their first week."
    )
    story_of_one_step = "I read the incident reports."

    assert score(plan, question)[0] >= 60
    assert score(plan, question)[0] > score(story_of_one_step, question)[0]
