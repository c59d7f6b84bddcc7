import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class JobPosting(TimeStampedModel):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_postings"
    )
    title = models.CharField(max_length=200)
    company = models.CharField(max_length=200, blank=True)
    description = models.TextField(max_length=20_000)
    # A model generator's questions for this posting as it reads now, kept so that every
    # attempt asks the same ones (services.postings.posting_questions_prepare); the key
    # says which generator, title, description and count they were written for.
    question_set = models.JSONField(null=True, blank=True, editable=False)
    question_set_key = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # Serves the owner's list, newest first (the only way postings are listed).
            models.Index(fields=["owner", "-created_at"], name="posting_owner_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.company})" if self.company else self.title


class InterviewSession(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", "In progress"
        COMPLETED = "completed", "Completed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interview_sessions"
    )
    # SET_NULL: deleting a posting must not erase the user's practice history.
    job_posting = models.ForeignKey(
        JobPosting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ACTIVE)
    current_question_number = models.PositiveSmallIntegerField(default=0)
    retake_number = models.PositiveSmallIntegerField(default=1)
    # Always the chain's first session, never an intermediate attempt, so a whole chain is
    # one indexed lookup. RESTRICT keeps a chain from losing its root, while still letting
    # a user's deletion cascade through the whole chain at once.
    original_session = models.ForeignKey(
        "self",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="retakes",
    )
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(retake_number=1, original_session__isnull=True)
                    | Q(retake_number__gt=1, original_session__isnull=False)
                ),
                name="session_original_xor_numbered_retake",
            ),
            models.UniqueConstraint(
                fields=["original_session", "retake_number"],
                name="session_unique_retake_number_per_chain",
            ),
            # The backstop for concurrent retakes: whatever the application does, a chain
            # (keyed by its root id) never has two attempts in progress.
            models.UniqueConstraint(
                Coalesce("original_session", "id"),
                condition=Q(status="active"),
                name="session_one_active_per_chain",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["active", "completed"]), name="session_status_valid"
            ),
            models.CheckConstraint(
                condition=(
                    Q(status="active", completed_at__isnull=True, score__isnull=True)
                    | Q(status="completed", completed_at__isnull=False, score__isnull=False)
                ),
                name="session_completion_fields_match_status",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__lte=100), name="session_score_range"
            ),
        ]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="session_user_created_idx"),
            models.Index(fields=["user", "status", "-created_at"], name="session_user_status_idx"),
        ]

    def __str__(self) -> str:
        return f"Attempt #{self.retake_number} ({self.status}) {self.id}"

    @property
    def root_id(self) -> uuid.UUID:
        """The id of the chain's first session: this one's own id if it is the original."""
        return self.original_session_id or self.id


class Question(models.Model):
    class Category(models.TextChoices):
        BEHAVIOURAL = "behavioural", "How you work"
        ROLE = "role", "The job itself"
        SKILL = "skill", "A skill the posting names"

    class Scoring(models.TextChoices):
        PENDING = "pending", "Pending"
        DONE = "done", "Done"

    session = models.ForeignKey(
        InterviewSession, on_delete=models.CASCADE, related_name="questions"
    )
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    category = models.CharField(max_length=16, choices=Category.choices)
    # The competency or skill the question probes, and what a strong answer covers (the
    # generator's; empty for a generator that gives none).
    topic = models.CharField(max_length=200, blank=True, default="")
    talking_points = models.JSONField(default=list, blank=True)
    # Indexes into talking_points of those the answer covers, from the scorer.
    talking_points_covered = models.JSONField(default=list, blank=True)
    answer = models.TextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    feedback = models.TextField(blank=True)
    # {"structure", "specifics", "relevance", "clarity"}: integers 0-100, from the scorer
    # (null if the scorer plugged in gives none, or for answers scored before it did).
    criteria = models.JSONField(null=True, blank=True)
    # "" until answered; "pending" while a worker scores it; then "done", with who scored it
    # (a model's name or "built-in"), how long that took and the tokens it used.
    scoring = models.CharField(max_length=8, choices=Scoring.choices, blank=True, default="")
    scored_by = models.CharField(max_length=100, blank=True, default="")
    scoring_ms = models.PositiveIntegerField(null=True, blank=True)
    scoring_tokens = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["session_id", "number"]
        indexes = [
            # The sweep's look for answers left pending (few at any time).
            models.Index(
                fields=["answered_at"],
                condition=Q(scoring="pending"),
                name="question_pending_idx",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "number"], name="question_unique_number_per_session"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="question_number_from_1"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__lte=100), name="question_score_range"
            ),
        ]

    def __str__(self) -> str:
        return f"Q{self.number}: {self.text[:60]}"
