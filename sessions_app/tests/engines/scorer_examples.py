"""Postings, questions and answers the scorer tests share, and the calibration helpers."""

import json
import os
from pathlib import Path

import pytest

from sessions_app.engines.scorer import Assessment, BuiltinAnswerScorer

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


def assess(
    answer: str,
    question: str = PERFORMANCE_QUESTION,
    title: str = BACKEND_TITLE,
    description: str = BACKEND_DESCRIPTION,
    talking_points: tuple[str, ...] = (),
) -> Assessment:
    return BuiltinAnswerScorer().assess(
        question=question,
        answer=answer,
        title=title,
        description=description,
        talking_points=talking_points,
    )


def shared_data_files() -> list[Path]:
    """``../shared``'s labelled answers, if that folder is beside the clone. CI always has
    it, so there a missing file is a failure."""
    if DATA_FILE.exists():
        return [DATA_FILE]
    if os.environ.get("REQUIRE_CALIBRATION_DATA"):
        pytest.fail(f"calibration data not found at {DATA_FILE}")
    return []


def calibration_rows() -> list[dict]:
    """``../shared``'s labelled answers alone, for the tests that measure that set."""
    if not shared_data_files():
        pytest.skip(f"calibration data not found at {DATA_FILE}")
    lines = DATA_FILE.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def score_row(row: dict) -> int:
    posting = row["posting"]
    title = posting.split(":", 1)[0]
    return score(row["answer"], row["question"], title, posting)[0]
