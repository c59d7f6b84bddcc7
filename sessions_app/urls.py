"""The pages' routes (namespace ``pages``). The API's are in ``api_urls``."""

from django.urls import path

from sessions_app import views

app_name = "pages"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("postings/new/", views.posting_create, name="posting-create"),
    path("postings/<uuid:posting_id>/", views.posting_detail, name="posting"),
    path("postings/<uuid:posting_id>/edit/", views.posting_edit, name="posting-edit"),
    path("postings/<uuid:posting_id>/delete/", views.posting_delete, name="posting-delete"),
    path("postings/<uuid:posting_id>/start/", views.session_start, name="session-start"),
    path("sessions/<uuid:session_id>/", views.session_page, name="session"),
    path("sessions/<uuid:session_id>/answer/", views.session_answer, name="session-answer"),
    path("sessions/<uuid:session_id>/complete/", views.session_complete, name="session-complete"),
    path("sessions/<uuid:session_id>/retake/", views.session_retake, name="session-retake"),
    path("sessions/<uuid:session_id>/attempts/", views.session_attempts, name="attempts"),
]
