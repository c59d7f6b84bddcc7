"""The ceiling the retake is measured against: a plain Django view doing the retake's
inserts (the attempt and its five questions, in one transaction, under a row lock of the
session) behind the same JWT authentication, with none of the product's rules, checks,
serializers or error handling. Mounted only by ``bench/ceiling_settings.py``."""

from django.db import transaction
from django.http import HttpRequest, JsonResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

from sessions_app.api.authentication import AccountJWTAuthentication
from sessions_app.models import InterviewSession, Question


@csrf_exempt
def ceiling_retake(request: HttpRequest, session_id: str) -> JsonResponse:
    user, _ = AccountJWTAuthentication().authenticate(request)
    with transaction.atomic():
        session = InterviewSession.objects.select_for_update().get(pk=session_id, user=user)
        attempt = InterviewSession.objects.create(
            user=user,
            job_posting_id=session.job_posting_id,
            original_session=session,
            retake_number=2,
        )
        Question.objects.bulk_create(
            Question(session=attempt, number=n, text=f"Question {n}?", category="role")
            for n in range(1, 6)
        )
    return JsonResponse({"id": str(attempt.pk)}, status=201)


urlpatterns = [
    path("bench/ceiling/<str:session_id>/retake", ceiling_retake),
    path("", include("interview_practice.urls")),
]
