"""The pages' routes (namespace ``pages``). The API's are in ``sessions_app.api.urls``.

Ids are taken as any text: the selectors answer an unknown or malformed one alike, with the
product's 404 page."""

from django.urls import path

from sessions_app.pages import views

app_name = "pages"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("postings/new/", views.posting_create, name="posting-create"),
    path("postings/<str:posting_id>/", views.posting_detail, name="posting"),
    path("postings/<str:posting_id>/edit/", views.posting_edit, name="posting-edit"),
    path("postings/<str:posting_id>/delete/", views.posting_delete, name="posting-delete"),
    path("postings/<str:posting_id>/start/", views.session_start, name="session-start"),
    path("sessions/<str:session_id>/", views.session_page, name="session"),
    path("sessions/<str:session_id>/complete/", views.session_complete, name="session-complete"),
    path("sessions/<str:session_id>/retake/", views.session_retake, name="session-retake"),
    path("sessions/<str:session_id>/attempts/", views.session_attempts, name="attempts"),
]
