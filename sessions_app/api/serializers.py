"""Translation between JSON and the models. Input serializers validate; writes go to services."""

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import (
    get_default_password_validators,
    validate_password,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse
from rest_framework_simplejwt import serializers as jwt_serializers

from sessions_app.models import InterviewSession, JobPosting, Question
from sessions_app.selectors import user_identity_conflicts
from sessions_app.services import ANSWER_MAX_LENGTH, has_visible_text

User = get_user_model()


class StrictCharField(serializers.CharField):
    """A CharField that refuses numbers and booleans instead of turning them into text, and
    text made only of invisible characters (zero-width spaces, say) where blank is refused."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        value = super().to_internal_value(data)
        if not self.allow_blank and not has_visible_text(value):
            self.fail("blank")
        return value


def api_url(context: dict, collection: str, pk: object, suffix: str = "") -> str:
    """The absolute URL of object ``pk`` of ``collection`` (``job-posting``, ``session``),
    plus ``suffix`` (an action). The collection's own URL is reversed once per response
    (kept in the serializer context), not once per link."""
    key = f"api_url:{collection}"
    if key not in context:
        context[key] = reverse(f"api:{collection}-list", request=context["request"])
    return f"{context[key]}/{pk}{suffix}"


@extend_schema_field(OpenApiTypes.URI)
class ApiLinkField(serializers.Field):
    """A link to the object itself or one of its actions, for clients and the browsable
    API to follow instead of building URLs from ids."""

    def __init__(self, collection: str, suffix: str = "", **kwargs) -> None:
        self.collection, self.suffix = collection, suffix
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, instance: models.Model) -> str:
        return api_url(self.context, self.collection, instance.pk, self.suffix)


# Accounts -------------------------------------------------------------------------------


class UserSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "username", "email"]
        read_only_fields = fields


class AccountDeleteSerializer(serializers.Serializer):
    password = StrictCharField(
        help_text="The account's current password, to confirm.",
        style={"input_type": "password"},
        trim_whitespace=False,
    )


class StrictModelSerializer(serializers.ModelSerializer):
    """Text columns become StrictCharFields: a number sent for a name is refused."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: StrictCharField,
        models.TextField: StrictCharField,
    }


# The shortest password the configured validators accept.
PASSWORD_MIN_LENGTH = max(
    (getattr(validator, "min_length", 1) for validator in get_default_password_validators()),
    default=1,
)


class PasswordField(StrictCharField):
    """A new password. The configured password validators check it in ``validate``, with
    the account it is for, so that a refusal gives all their messages at once; the schema
    states their minimum length (``ApiAutoSchema``)."""

    schema_min_length = PASSWORD_MIN_LENGTH


class RegisterSerializer(StrictModelSerializer):
    email = serializers.EmailField(max_length=254)
    password = PasswordField(
        write_only=True, max_length=128, trim_whitespace=False, style={"input_type": "password"}
    )

    class Meta:
        model = User
        fields = ["id", "username", "email", "password"]
        read_only_fields = ["id"]

    def validate_username(self, value: str) -> str:
        # The account stores the name normalised (NFKC), which can change its characters
        # and its length: "ﷺ" becomes eighteen characters with spaces. Check what is stored.
        value = User.normalize_username(value)
        User._meta.get_field("username").run_validators(value)
        if conflicts := user_identity_conflicts(username=value):
            raise serializers.ValidationError(conflicts["username"])
        return value

    def validate_email(self, value: str) -> str:
        if conflicts := user_identity_conflicts(email=value):
            raise serializers.ValidationError(conflicts["email"])
        return value

    def validate(self, attrs: dict) -> dict:
        candidate = User(username=attrs.get("username"), email=attrs.get("email"))
        try:
            validate_password(attrs["password"], user=candidate)
        except DjangoValidationError as exc:
            raise serializers.ValidationError({"password": list(exc.messages)}) from None
        return attrs


class TokenObtainSerializer(jwt_serializers.TokenObtainSerializer):
    """Checks the credentials (simplejwt: authenticate, active account); the tokens come
    from ``services.auth_tokens_issue``."""

    def validate(self, attrs: dict) -> dict:
        # Usernames are stored normalised (NFKC), so "ｓａｍ" signs in as "sam" does, as on
        # the browser login form.
        attrs[self.username_field] = User.normalize_username(attrs[self.username_field])
        return super().validate(attrs)


class RefreshTokenSerializer(serializers.Serializer):
    refresh = StrictCharField()


class TokenPairSerializer(serializers.Serializer):
    access = serializers.CharField(help_text="Send as `Authorization: Bearer <access>`.")
    refresh = serializers.CharField(help_text="For `auth/token/refresh/`; works once.")


# Job postings ---------------------------------------------------------------------------


class JobPostingSerializer(StrictModelSerializer):
    url = ApiLinkField("job-posting")

    class Meta:
        model = JobPosting
        fields = ["id", "url", "title", "company", "description", "created_at", "updated_at"]
        read_only_fields = ["id", "created_at", "updated_at"]


# Practice sessions ----------------------------------------------------------------------


_datetime = serializers.DateTimeField(read_only=True).to_representation


def _text_or_none(value: object) -> str | None:
    return None if value is None else str(value)


class BlankAsNullMixin:
    """A text field whose empty value reads as null (not answered yet, nothing to say)."""

    def to_representation(self, value: str) -> str | None:
        return super().to_representation(value) if value else None


class BlankAsNullChoiceField(BlankAsNullMixin, serializers.ChoiceField):
    pass


class BlankAsNullCharField(BlankAsNullMixin, serializers.CharField):
    pass


class CriteriaSerializer(serializers.Serializer):
    """What a score is made of, each 0-100; the score is their weighted mean (docs/scoring.md)."""

    structure = serializers.IntegerField(min_value=0, max_value=100)
    specifics = serializers.IntegerField(min_value=0, max_value=100)
    relevance = serializers.IntegerField(min_value=0, max_value=100)
    clarity = serializers.IntegerField(min_value=0, max_value=100)


class QuestionSerializer(serializers.ModelSerializer):
    previous_score = serializers.IntegerField(read_only=True, allow_null=True)
    criteria = CriteriaSerializer(read_only=True, allow_null=True)
    talking_points = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text="What a strong answer covers, as an interviewer's listening notes "
        "(empty for a question whose generator gives none).",
    )
    talking_points_covered = serializers.ListField(
        child=serializers.IntegerField(min_value=0),
        read_only=True,
        help_text="Indexes into talking_points of those the answer covers (empty until it "
        "is answered, or for a scorer that does not say).",
    )

    scoring = BlankAsNullChoiceField(
        choices=Question.Scoring.choices,
        read_only=True,
        allow_null=True,
        help_text="null until answered; pending while a worker scores the answer (score and "
        "feedback null and empty meanwhile); then done.",
    )
    scored_by = BlankAsNullCharField(
        read_only=True,
        allow_null=True,
        help_text="Who scored the answer: the model's name, or built-in.",
    )
    scoring_ms = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="How long scoring the answer took."
    )
    scoring_tokens = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="The model's tokens it cost (null: none)."
    )

    class Meta:
        model = Question
        fields = [
            "number",
            "text",
            "category",
            "talking_points",
            "talking_points_covered",
            "answer",
            "answered_at",
            "scoring",
            "score",
            "feedback",
            "criteria",
            "scored_by",
            "scoring_ms",
            "scoring_tokens",
            "previous_score",
        ]
        read_only_fields = fields

    def to_representation(self, question: Question) -> dict:
        # The session serializers below are on every hot response and are read-only: each
        # builds its dict directly, where DRF would build, bind and call a field object per
        # value on every response. The fields above still describe the output (browsable
        # API, schema); tests/api/test_serializers.py checks both give the same JSON.
        return {
            "number": question.number,
            "text": question.text,
            "category": question.category,
            "talking_points": question.talking_points,
            "talking_points_covered": question.talking_points_covered,
            "answer": question.answer,
            "answered_at": _datetime(question.answered_at) if question.answered_at else None,
            "scoring": question.scoring or None,
            "score": question.score,
            "feedback": question.feedback,
            "criteria": question.criteria,
            "scored_by": question.scored_by or None,
            "scoring_ms": question.scoring_ms,
            "scoring_tokens": question.scoring_tokens,
            "previous_score": question.previous_score,
        }


class SessionSerializer(serializers.ModelSerializer):
    """A session as listed; expects the annotations of ``selectors.session_queryset``."""

    job_posting_id = serializers.UUIDField(read_only=True, allow_null=True)
    job_posting_title = serializers.CharField(read_only=True, allow_null=True)
    original_session_id = serializers.UUIDField(read_only=True, allow_null=True)
    question_count = serializers.IntegerField(read_only=True)
    can_retake = serializers.BooleanField(read_only=True)
    url = ApiLinkField("session")
    answers_url = ApiLinkField("session", "/answers")
    complete_url = ApiLinkField("session", "/complete")
    retake_url = ApiLinkField("session", "/retake")
    attempts_url = ApiLinkField("session", "/attempts")

    class Meta:
        model = InterviewSession
        fields = [
            "id",
            "url",
            "job_posting_id",
            "job_posting_title",
            "status",
            "current_question_number",
            "question_count",
            "retake_number",
            "original_session_id",
            "score",
            "can_retake",
            "created_at",
            "completed_at",
            "answers_url",
            "complete_url",
            "retake_url",
            "attempts_url",
        ]
        read_only_fields = fields

    def to_representation(self, session: InterviewSession) -> dict:
        # Built directly, as QuestionSerializer's.
        url = api_url(self.context, "session", session.pk)
        return {
            "id": str(session.pk),
            "url": url,
            "job_posting_id": _text_or_none(session.job_posting_id),
            "job_posting_title": session.job_posting_title,
            "status": session.status,
            "current_question_number": session.current_question_number,
            "question_count": session.question_count,
            "retake_number": session.retake_number,
            "original_session_id": _text_or_none(session.original_session_id),
            "score": session.score,
            "can_retake": session.can_retake,
            "created_at": _datetime(session.created_at),
            "completed_at": _datetime(session.completed_at) if session.completed_at else None,
            "answers_url": f"{url}/answers",
            "complete_url": f"{url}/complete",
            "retake_url": f"{url}/retake",
            "attempts_url": f"{url}/attempts",
        }


class SessionDetailSerializer(SessionSerializer):
    """A session with its questions, as ``selectors.session_detail`` reads it."""

    # Set by selectors.session_previous_scores (and by session_retake from the rows it wrote).
    questions = QuestionSerializer(source="question_list", many=True, read_only=True)
    scoring_pending = serializers.SerializerMethodField(
        help_text="How many answers are still being scored: complete the session when 0."
    )

    class Meta(SessionSerializer.Meta):
        fields = [*SessionSerializer.Meta.fields, "scoring_pending", "questions"]
        read_only_fields = fields

    def get_scoring_pending(self, session: InterviewSession) -> int:
        return sum(q.scoring == Question.Scoring.PENDING for q in session.question_list)

    def to_representation(self, session: InterviewSession) -> dict:
        question = QuestionSerializer()
        return {
            **super().to_representation(session),
            "scoring_pending": self.get_scoring_pending(session),
            "questions": [question.to_representation(q) for q in session.question_list],
        }


class SessionStartSerializer(serializers.Serializer):
    job_posting_id = serializers.UUIDField()


class AnswerSerializer(serializers.Serializer):
    answer = StrictCharField(
        max_length=ANSWER_MAX_LENGTH, style={"base_template": "textarea.html", "rows": 10}
    )
    question_number = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=(
            "The question this answers. Send it to retry safely: the same answer sent again "
            "for a question that holds it changes nothing (200, the session as it is); "
            "another answer for an answered question is 409 QUESTION_ALREADY_ANSWERED. "
            "Without it the answer goes to the next unanswered question."
        ),
    )


class QuestionPromptSerializer(serializers.ModelSerializer):
    class Meta:
        model = Question
        fields = ["number", "text", "category"]
        read_only_fields = fields


class AnswerPromptSerializer(serializers.ModelSerializer):
    """What ``POST answers`` would answer: the session's next question (``null`` once all
    are answered)."""

    session_url = ApiLinkField("session")
    next_question = QuestionPromptSerializer(read_only=True, allow_null=True)

    class Meta:
        model = InterviewSession
        fields = ["session_url", "status", "current_question_number", "next_question"]
        read_only_fields = fields


class AttemptSerializer(serializers.ModelSerializer):
    url = ApiLinkField("session")
    criteria = CriteriaSerializer(
        read_only=True, allow_null=True, help_text="The mean of its answers' criteria."
    )

    class Meta:
        model = InterviewSession
        fields = [
            "id",
            "url",
            "retake_number",
            "status",
            "score",
            "criteria",
            "created_at",
            "completed_at",
        ]
        read_only_fields = fields


class AttemptChainSerializer(serializers.Serializer):
    original_session_id = serializers.UUIDField()
    attempts = AttemptSerializer(many=True)
    best_score = serializers.IntegerField(allow_null=True)
    latest_score = serializers.IntegerField(allow_null=True)
    improvement = serializers.IntegerField(allow_null=True)


HEALTH_STATUSES = ["ok", "degraded", "unavailable"]
SERVICE_STATUSES = ["ok", "unavailable", "not configured"]


class HealthSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=HEALTH_STATUSES)
    database = serializers.ChoiceField(choices=["ok", "unavailable"])
    cache = serializers.ChoiceField(choices=SERVICE_STATUSES)
    broker = serializers.ChoiceField(choices=SERVICE_STATUSES)
