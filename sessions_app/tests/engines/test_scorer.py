"""The built-in answer scorer: plain functions, no database and no Django settings."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sessions_app.engines.scorer import BuiltinAnswerScorer, posting_skills

DATA_FILE = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "answer_quality.jsonl"

BACKEND_TITLE = "Senior Backend Engineer"
BACKEND_DESCRIPTION = (
    "Senior Backend Engineer: Python, Django, PostgreSQL, REST APIs, AWS, mentoring, "
    "performance tuning."
)
PERFORMANCE_QUESTION = "Tell me about a time you improved the performance of a slow system."
MENTORING_QUESTION = "How do you approach mentoring a junior engineer?"

STRONG_BACKEND_ANSWER = (
    "Last spring the search page of our ticketing site timed out during evening peaks and "
    "support tickets doubled. My goal was to get p95 latency under 300 ms before the summer "
    "festival sale. I profiled the slowest endpoints with py-spy, found that every request "
    "opened a fresh database connection, and introduced PgBouncer pooling. I also moved the "
    "seat-map rendering into a Celery task and added a Redis cache for venue data. Within "
    "three weeks p95 fell from 1.8 seconds to 210 ms, timeouts dropped by 95 percent, and "
    "the sale ran without a single incident."
)
VAGUE_SENTENCE = "I worked on making the system faster and it went well."

NURSE_TITLE = "Registered Nurse, ICU"
NURSE_DESCRIPTION = (
    "Registered Nurse, ICU: patient assessment, medication administration, teamwork under "
    "pressure, EHR documentation."
)
STRONG_NURSE_ANSWER = (
    "On a night shift last winter an elderly patient on my ward became confused and her oxygen "
    "saturation fell to 86 percent. I needed to find the cause quickly and keep her safe. I "
    "checked her airway, raised the head of the bed, started oxygen at two litres per "
    "protocol and paged the on-call physician while a colleague stayed with her. I documented "
    "every observation in the EHR as I went. Within twenty minutes her saturation was back to "
    "95 percent; the physician diagnosed early pneumonia and she moved to a monitored bed. I "
    "shared the case at our next huddle and we added new confusion to our escalation checklist."
)

PM_TITLE = "Product Manager"
PM_SKILL_LIST = (
    "Product Manager: roadmap prioritisation, user research, cross-functional leadership, "
    "metrics, B2B SaaS."
)
PM_DESCRIPTION = (
    "Own roadmap prioritisation for our mobile app, run user research with customers and keep "
    "stakeholders across Sales and Engineering aligned."
)
STRONG_PM_ANSWER = (
    "At my previous company, our mobile onboarding lost 62 percent of new users before they "
    "created a first project, and the sales team wanted three new integrations instead. I was "
    "responsible for the quarter's roadmap and had to choose. I ran twelve user interviews, "
    "mapped where people dropped out, and showed the Head of Sales that the integrations "
    "would reach 4 percent of accounts while onboarding touched all of them. We shipped a "
    "guided setup in six weeks; activation rose from 38 to 55 percent and the integrations "
    "followed the next quarter with sales support."
)

ANALYST_TITLE = "Data Analyst"
ANALYST_DESCRIPTION = (
    "You will write SQL every day, keep our Excel models tidy, build dashboards in Tableau and "
    "design and read A/B tests with the product team."
)
STRONG_ANALYST_ANSWER = (
    "In my last role the finance team believed that free-trial users converted better when "
    "trials lasted 30 days. I was asked to test that before the pricing review in March. I "
    "designed an A/B test with 14-day and 30-day trials across 8,000 sign-ups, wrote the SQL "
    "for conversion at day 60, and built a Tableau view the CFO could filter by plan. The "
    "14-day trial converted 11 percent better with no rise in refunds, so we switched, and "
    "monthly revenue from new customers grew by 6 percent over the next quarter."
)

# Answers from the calibration data that must not win on shape alone.
CREDENTIALS_LIST = (
    "I have 8 years of Python, 6 years of Django, 5 years of PostgreSQL and 4 years of AWS, "
    "and I have worked on 20 projects for 11 clients in 3 countries, with teams of up to 40 "
    "people."
)
EMPTY_STAR_LABELS = (
    "Situation: there was a roadmap. Task: prioritise it. Action: I prioritised it with the "
    "team using a framework and lots of collaboration and alignment. Result: the roadmap was "
    "prioritised and stakeholders were aligned and happy."
)
POSTING_KEYWORDS = (
    "Python Django PostgreSQL REST APIs AWS mentoring performance tuning: I am an expert mentor "
    "in Python, Django, PostgreSQL, REST APIs and AWS, and mentoring and performance tuning are "
    "my passion and my strength in every Python Django PostgreSQL project."
)


def score(
    answer: str,
    question: str = PERFORMANCE_QUESTION,
    title: str = BACKEND_TITLE,
    description: str = BACKEND_DESCRIPTION,
) -> tuple[int, str]:
    return BuiltinAnswerScorer().score(
        question=question, answer=answer, title=title, description=description
    )


def average_ranks(values: list[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda index: values[index])
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for position in range(start, end + 1):
            ranks[order[position]] = (start + end) / 2 + 1
        start = end + 1
    return ranks


def spearman(xs: list[float], ys: list[float]) -> float:
    """Spearman's rho: Pearson's correlation of the ranks, ties sharing their average rank."""
    rx, ry = average_ranks(xs), average_ranks(ys)
    mean_x, mean_y = sum(rx) / len(rx), sum(ry) / len(ry)
    covariance = sum((x - mean_x) * (y - mean_y) for x, y in zip(rx, ry, strict=True))
    spread_x = sum((x - mean_x) ** 2 for x in rx) ** 0.5
    spread_y = sum((y - mean_y) ** 2 for y in ry) ** 0.5
    return covariance / (spread_x * spread_y)


def calibration_rows() -> list[dict]:
    if not DATA_FILE.exists():
        pytest.skip(f"calibration data not found at {DATA_FILE}")
    lines = DATA_FILE.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def score_row(row: dict) -> int:
    posting = row["posting"]
    title = posting.split(":", 1)[0]
    return score(row["answer"], row["question"], title, posting)[0]


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
def test_star_labels_around_empty_content_score_at_most_30(description):
    question = "How do you prioritise a roadmap?"

    points, _ = score(EMPTY_STAR_LABELS, question, PM_TITLE, description)

    assert points <= 30


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

    assert score(answer)[0] == score(answer.replace("action-oriented", "practical"))[0]


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


# Feedback


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
