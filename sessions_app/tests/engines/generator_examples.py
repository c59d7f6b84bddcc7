"""Postings the generator tests share."""

from sessions_app.engines.generator import (
    BuiltinQuestionGenerator,
)

BACKEND_TITLE = "Senior Backend Engineer"
BACKEND_DESCRIPTION = (
    "We are looking for an engineer to build our payments platform in Python and Django. "
    "You will design PostgreSQL schemas, ship REST APIs that run on AWS, spend time mentoring "
    "other engineers and own the performance tuning of our busiest endpoints."
)
ANALYST_TITLE = "Data Analyst"
ANALYST_DESCRIPTION = (
    "You will write SQL every day, keep our Excel models tidy, build dashboards in Tableau "
    "and design and read A/B tests with the product team."
)
NURSE_TITLE = "ICU Registered Nurse"
NURSE_DESCRIPTION = (
    "Care for critically ill adults: perform patient assessments, administer medications "
    "safely and keep EHR documentation complete and timely. BLS and ACLS required."
)
PM_TITLE = "Product Manager"
PM_DESCRIPTION = (
    "Own roadmap prioritisation for our mobile app, run user research with customers and keep "
    "stakeholders across sales and engineering aligned."
)
NO_SKILLS_TITLE = "Shop Assistant"
NO_SKILLS_DESCRIPTION = "Friendly people wanted for weekend shifts in our Leeds bakery."


def generate(title: str, description: str, count: int) -> list[tuple[str, str]]:
    """The generated questions' ``(text, category)`` pairs."""
    questions = BuiltinQuestionGenerator().generate(
        title=title, description=description, count=count
    )
    return [(question.text, question.category) for question in questions]


def texts_of(questions: list[tuple[str, str]], category: str | None = None) -> list[str]:
    return [text for text, kind in questions if category in (None, kind)]
