"""The JSON API: views only translate HTTP to services and selectors and back.

Errors are never handled here: services raise domain errors and
``sessions_app.exceptions.api_exception_handler`` answers them.
"""

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.http import content_disposition_header
from django.views.decorators.csrf import csrf_exempt
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.serializers import BaseSerializer
from rest_framework.views import APIView

from sessions_app import selectors, services
from sessions_app.api.permissions import IsOwner, IsSessionOwner
from sessions_app.api.schema import DeleteWithBodySchema, errors
from sessions_app.api.serializers import (
    AccountDeleteSerializer,
    AnswerPromptSerializer,
    AnswerSerializer,
    AttemptChainSerializer,
    HealthSerializer,
    JobPostingSerializer,
    RefreshTokenSerializer,
    RegisterSerializer,
    SessionDetailSerializer,
    SessionSerializer,
    SessionStartSerializer,
    TokenObtainSerializer,
    TokenPairSerializer,
    UserSerializer,
)
from sessions_app.api.throttling import AuthRateThrottle
from sessions_app.exceptions import NO_ENDPOINT_MESSAGE, SessionNotFound, error_body
from sessions_app.models import InterviewSession, JobPosting

# Accounts -------------------------------------------------------------------------------


class AuthThrottleMixin:
    # Keyed by client address for anonymous callers, so one client cannot brute-force
    # passwords or mass-register whatever usernames it tries.
    throttle_classes = [AuthRateThrottle]


class RegisterView(AuthThrottleMixin, generics.GenericAPIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    serializer_class = RegisterSerializer

    @extend_schema(responses={201: UserSerializer}, summary="Create an account")
    def post(self, request: Request) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = services.user_register(**serializer.validated_data)
        return Response(UserSerializer(user).data, status=status.HTTP_201_CREATED)


class CredentialsView(generics.GenericAPIView):
    """An endpoint whose body is the credential (a password, a refresh token): no other
    authentication, and a refusal is 401 with the Bearer challenge."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    def get_authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'


class TokenObtainView(AuthThrottleMixin, CredentialsView):
    serializer_class = TokenObtainSerializer

    @extend_schema(
        responses={200: TokenPairSerializer, **errors("INVALID_CREDENTIALS")},
        summary="Sign in: an access and a refresh token",
    )
    def post(self, request: Request) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(services.auth_tokens_issue(user=serializer.user))


class RefreshTokenView(CredentialsView):
    serializer_class = RefreshTokenSerializer

    def refresh_token(self, request: Request) -> str:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data["refresh"]


class TokenRefreshView(AuthThrottleMixin, RefreshTokenView):
    @extend_schema(
        responses={200: TokenPairSerializer, **errors("TOKEN_INVALID")},
        summary="A new token pair for a refresh token (which stops working)",
    )
    def post(self, request: Request) -> Response:
        return Response(services.auth_refresh(refresh=self.refresh_token(request)))


class LogoutView(RefreshTokenView):
    @extend_schema(
        responses={204: None, **errors("TOKEN_INVALID")},
        summary="Sign out: the refresh token stops working",
    )
    def post(self, request: Request) -> Response:
        services.auth_logout(refresh=self.refresh_token(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(generics.RetrieveAPIView):
    serializer_class = UserSerializer
    schema = DeleteWithBodySchema()

    def get_object(self):
        return self.request.user

    @extend_schema(
        request=AccountDeleteSerializer,
        responses={204: None, **errors("VALIDATION_ERROR")},
        summary="Delete your account and everything in it (your password confirms it)",
    )
    def delete(self, request: Request) -> Response:
        serializer = AccountDeleteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.user_delete_confirmed(user=request.user, **serializer.validated_data)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeExportView(APIView):
    @extend_schema(
        responses={
            200: inline_serializer(
                "AccountExport",
                {
                    "account": serializers.DictField(),
                    "job_postings": serializers.ListField(child=serializers.DictField()),
                    "sessions": serializers.ListField(child=serializers.DictField()),
                },
            )
        },
        summary="Everything your account holds, as one JSON document to keep",
    )
    def get(self, request: Request) -> Response:
        filename = f"interview-practice-{request.user.get_username()}.json"
        return Response(
            selectors.account_export(user=request.user),
            headers={"Content-Disposition": content_disposition_header(True, filename)},
        )


# Job postings ---------------------------------------------------------------------------


class OwnedObjectsMixin:
    """Lists show only the caller's objects; detail routes look in every object, so the
    object permission can answer someone else's with 403 rather than a misleading 404."""

    owner_field = "owner"
    # Any path segment is an id here (DRF's default stops at a dot, for format suffixes we
    # do not have), so a malformed id gets the resource's own 404 code.
    lookup_value_regex = "[^/]+"

    def get_queryset(self) -> QuerySet:
        queryset = self.base_queryset()
        if self.detail:
            return queryset
        return queryset.filter(**{f"{self.owner_field}_id": self.request.user.pk})

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        # Query filters narrow lists; on a detail route they would turn a wrong filter into
        # a misleading 404 for an object the caller owns.
        return super().filter_queryset(queryset) if not self.detail else queryset


class JobPostingViewSet(OwnedObjectsMixin, viewsets.ModelViewSet):
    serializer_class = JobPostingSerializer
    permission_classes = [IsAuthenticated, IsOwner]

    def base_queryset(self) -> QuerySet[JobPosting]:
        return JobPosting.objects.order_by("-created_at", "-id")

    def perform_create(self, serializer: BaseSerializer) -> None:
        serializer.instance = services.job_posting_create(
            owner=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer: BaseSerializer) -> None:
        serializer.instance = services.job_posting_update(
            posting=serializer.instance, data=serializer.validated_data
        )

    def perform_destroy(self, instance: JobPosting) -> None:
        services.job_posting_delete(posting=instance)


# Practice sessions ----------------------------------------------------------------------


class SessionFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=InterviewSession.Status.choices)
    job_posting_id = filters.UUIDFilter(field_name="job_posting_id")
    original_session_id = filters.UUIDFilter(field_name="original_session_id")

    class Meta:
        model = InterviewSession
        fields = ["status", "job_posting_id", "original_session_id"]


class SessionViewSet(
    OwnedObjectsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Practice sessions: start, answer, complete, retake, and the chain of attempts."""

    permission_classes = [IsAuthenticated, IsSessionOwner]
    owner_field = "user"
    not_found_error = SessionNotFound
    filterset_class = SessionFilter

    def base_queryset(self) -> QuerySet[InterviewSession]:
        if self.action == "retrieve":
            return selectors.session_detail_queryset()
        return selectors.session_queryset()

    def get_object(self) -> InterviewSession:
        if self.action == "retrieve" or self._previewing:
            return super().get_object()
        # The write actions (and the chain's attempts) only need the session's owner for the
        # permission and what never changes in it (its chain's root, its posting); the
        # services lock and re-read the row. One fixed statement rather than a compiled
        # queryset: get_object's share of a retake 11.2-11.6 % -> 7.9-8.1 % in process
        # (bench/breakdown.py).
        session = selectors.session_row(session_id=self.kwargs["pk"])
        if session is None:
            raise Http404
        self.check_object_permissions(self.request, session)
        return session

    @property
    def _previewing(self) -> bool:
        """A GET on an action's URL: what the action would act on (the browsable API shows
        the action's form below it)."""
        return self.request.method == "GET" and self.action in {"answers", "complete", "retake"}

    def get_serializer_class(self) -> type[BaseSerializer]:
        # OPTIONS on the list route describes the POST input, which is the start form.
        action = "create" if self.action == "metadata" and not self.detail else self.action
        if self._previewing:
            return AnswerPromptSerializer if action == "answers" else SessionSerializer
        return {
            "list": SessionSerializer,
            "create": SessionStartSerializer,
            "answers": AnswerSerializer,
            "attempts": AttemptChainSerializer,
        }.get(action, SessionDetailSerializer)

    def _detail_response(self, session: InterviewSession, status_code: int) -> Response:
        session = selectors.session_detail(session_id=session.pk, user=self.request.user)
        data = SessionDetailSerializer(session, context=self.get_serializer_context()).data
        # A plain dict: the browsable API then renders the action's own form again below
        # the answer (the next answer's), not a form for the serializer that wrote it.
        return Response(dict(data), status=status_code)

    def retrieve(self, request: Request, pk: str) -> Response:
        session = selectors.session_previous_scores(session=self.get_object())
        return Response(self.get_serializer(session).data)

    @extend_schema(
        request=SessionStartSerializer,
        responses={201: SessionDetailSerializer},
        summary="Start a practice session for one of your job postings",
    )
    def create(self, request: Request) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        session = services.session_start(
            user=request.user, job_posting_id=serializer.validated_data["job_posting_id"]
        )
        return self._detail_response(session, status.HTTP_201_CREATED)

    @extend_schema(
        methods=["GET"],
        responses={200: AnswerPromptSerializer},
        summary="The question the next answer is for",
    )
    @extend_schema(
        methods=["POST"],
        request=AnswerSerializer,
        responses={
            200: SessionDetailSerializer,
            **errors("SESSION_NOT_ACTIVE", "ALL_QUESTIONS_ANSWERED", "QUESTION_ALREADY_ANSWERED"),
        },
        summary="Answer the next question of an active session",
    )
    @action(detail=True, methods=["get", "post"])
    def answers(self, request: Request, pk: str) -> Response:
        session = self.get_object()
        if request.method == "GET":
            session.next_question = selectors.session_next_question(session=session)
            return Response(self.get_serializer(session).data)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        session = services.session_answer(
            session_id=session.pk, owner=request.user, **serializer.validated_data
        )
        data = SessionDetailSerializer(session, context=self.get_serializer_context()).data
        return Response(dict(data), status=status.HTTP_200_OK)

    @extend_schema(
        methods=["GET"],
        responses={200: SessionSerializer},
        summary="The session that POST would complete",
    )
    @extend_schema(
        methods=["POST"],
        request=None,
        responses={
            200: SessionDetailSerializer,
            **errors("SESSION_NOT_ACTIVE", "QUESTIONS_UNANSWERED", "SCORING_IN_PROGRESS"),
        },
        summary="Complete a session whose questions are all answered",
    )
    @action(detail=True, methods=["get", "post"])
    def complete(self, request: Request, pk: str) -> Response:
        session = self.get_object()
        if request.method == "GET":
            return Response(self.get_serializer(session).data)
        session = services.session_complete(session_id=session.pk, owner=request.user)
        return self._detail_response(session, status.HTTP_200_OK)

    @extend_schema(
        methods=["GET"],
        responses={200: SessionSerializer},
        summary="The session that POST would retake (see can_retake)",
    )
    @extend_schema(
        methods=["POST"],
        request=None,
        responses={
            201: SessionDetailSerializer,
            **errors("SESSION_NOT_COMPLETED", "MISSING_JOB_POSTING", "RETAKE_IN_PROGRESS"),
        },
        summary="Start the next attempt of a completed session (201 with the new session)",
    )
    @action(detail=True, methods=["get", "post"])
    def retake(self, request: Request, pk: str) -> Response:
        session = self.get_object()
        if request.method == "GET":
            return Response(self.get_serializer(session).data)
        attempt = services.session_retake(session=session, owner=request.user)
        data = SessionDetailSerializer(attempt, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["get"])
    def attempts(self, request: Request, pk: str) -> Response:
        """Every attempt of this session's chain, with best and latest score."""
        session = self.get_object()
        chain = selectors.session_chain(session=session)
        return Response(self.get_serializer(chain).data)


# Health, the index and routes that match nothing ----------------------------------------


class HealthView(APIView):
    """For load balancers and monitors: 200 while this server can answer (the database
    answers; without Redis it still works, counting request budgets per process), else 503."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes: list = []

    @extend_schema(
        responses={200: HealthSerializer, 503: HealthSerializer}, summary="Health", tags=["health"]
    )
    def get(self, request: Request) -> Response:
        health = selectors.system_health()
        ok = health["status"] != "unavailable"
        return Response(
            health, status=status.HTTP_200_OK if ok else status.HTTP_503_SERVICE_UNAVAILABLE
        )


class ApiRootView(APIView):
    """The API's index: a link to each of its collections and auth endpoints."""

    name = "Interview Practice API"

    permission_classes = [AllowAny]
    _names = {
        "job-postings": "api:job-posting-list",
        "sessions": "api:session-list",
        "register": "api:auth-register",
        "token": "api:auth-token",
        "token-refresh": "api:auth-token-refresh",
        "logout": "api:auth-logout",
        "me": "api:auth-me",
    }

    @extend_schema(
        responses={
            200: inline_serializer("ApiIndex", {key: serializers.URLField() for key in _names})
        },
        summary="The API's index",
        tags=["index"],
    )
    def get(self, request: Request) -> Response:
        return Response({key: reverse(name, request=request) for key, name in self._names.items()})


api_root = ApiRootView.as_view()


@csrf_exempt  # it changes nothing; without this a POST gets Django's HTML CSRF page
def api_not_found(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    """Unknown URLs under ``/api/`` answer in the error shape, never with an HTML page."""
    return JsonResponse(error_body("NOT_FOUND", NO_ENDPOINT_MESSAGE), status=404)
