import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from sessions_app.models import InterviewSession, JobPosting, Question

DEFAULT_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password(DEFAULT_PASSWORD)


class JobPostingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobPosting

    owner = factory.SubFactory(UserFactory)
    title = "Senior Backend Engineer"
    company = "Acme"
    description = (
        "We build REST APIs in Python and Django on PostgreSQL, deployed on AWS. "
        "You will mentor engineers and lead performance tuning."
    )


class InterviewSessionFactory(factory.django.DjangoModelFactory):
    """An active original session with five unanswered questions.

    The owner is the posting's owner unless given. ``completed=True`` answers every question
    (score 70). ``questions=N`` makes N questions; ``questions=0`` makes none.
    """

    class Meta:
        model = InterviewSession
        skip_postgeneration_save = True

    job_posting = factory.SubFactory(JobPostingFactory)
    user = factory.LazyAttribute(lambda session: session.job_posting.owner)

    class Params:
        completed = factory.Trait(
            status=InterviewSession.Status.COMPLETED,
            current_question_number=5,
            score=70,
            completed_at=factory.LazyFunction(timezone.now),
        )

    @factory.post_generation
    def questions(session, create, extracted, **kwargs):
        if not create:
            return
        count = 5 if extracted is None else extracted
        for number in range(1, count + 1):
            answered = number <= session.current_question_number
            QuestionFactory(
                session=session,
                number=number,
                answered=answered,
                score=(session.score or 70) if answered else None,
            )


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    session = factory.SubFactory(InterviewSessionFactory, questions=0)
    number = factory.Sequence(lambda n: n + 1)
    text = factory.LazyAttribute(lambda question: f"Tell me about challenge {question.number}.")
    category = Question.Category.BEHAVIOURAL

    class Params:
        answered = factory.Trait(
            answer="I measured the slow query, added an index, and p95 fell by 40 percent.",
            answered_at=factory.LazyFunction(timezone.now),
            feedback="Clear result; say more about the situation.",
        )
