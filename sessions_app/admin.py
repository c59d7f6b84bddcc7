"""Django admin. Every write that has a service goes through it, as from the API."""

import re
import uuid
from typing import Any

from django.contrib import admin, messages
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import CharField, F, QuerySet
from django.db.models.functions import Cast
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from sessions_app import selectors, services
from sessions_app.exceptions import DomainError
from sessions_app.models import InterviewSession, JobPosting, Question
from sessions_app.pages.forms import UniqueIdentityMixin

User = get_user_model()


class UserCreationForm(UniqueIdentityMixin, auth_forms.AdminUserCreationForm):
    pass


class UserChangeForm(UniqueIdentityMixin, auth_forms.UserChangeForm):
    pass


admin.site.unregister(User)


@admin.register(User)
class UserAdmin(auth_admin.UserAdmin):
    form = UserChangeForm
    add_form = UserCreationForm

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        services.user_delete(user=obj)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            services.user_sign_ins_end(user=obj)

    @transaction.atomic
    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for user in queryset.order_by("pk"):
            services.user_delete(user=user)


# Job postings and practice sessions ------------------------------------------------------


class ServiceRefusalsMixin:
    """A refusal from a service (a retake slipped in before an original's deletion, a
    posting deleted by someone else a moment earlier), or a selection naming ids that are
    not ids, comes back as an error message on the list, not as a 500."""

    def _refused(self, request: HttpRequest, exc: Exception) -> HttpResponseRedirect:
        message = exc.message if isinstance(exc, DomainError) else "Those are not valid ids."
        self.message_user(request, message, messages.ERROR)
        return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")

    def delete_view(self, request: HttpRequest, object_id: str, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except DomainError as exc:
            return self._refused(request, exc)

    def response_action(self, request: HttpRequest, queryset: QuerySet):
        try:
            return super().response_action(request, queryset)
        except (DomainError, DjangoValidationError) as exc:
            return self._refused(request, exc)


def _admin_link(obj: Any, text: str) -> str:
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    return format_html('<a href="{}">{}</a>', url, text)


@admin.register(JobPosting)
class JobPostingAdmin(ServiceRefusalsMixin, admin.ModelAdmin):
    """Postings are their owners' content: support can read them, correct a typo (through
    ``job_posting_update``) and delete them (``job_posting_delete``), but not add them."""

    list_display = ["title", "company", "owner", "created_at"]
    list_filter = ["created_at"]
    search_fields = ["title", "company", "owner__username", "owner__email"]
    date_hierarchy = "created_at"
    list_select_related = ["owner"]
    raw_id_fields = ["owner"]
    readonly_fields = ["owner", "created_at", "updated_at"]
    fields = ["owner", "title", "company", "description", "created_at", "updated_at"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[JobPosting]:
        # The list shows titles; a description can be 20,000 characters.
        return super().get_queryset(request).defer("description")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: JobPosting, form: Any, change: bool) -> None:
        services.job_posting_update(posting=obj, data=form.cleaned_data)

    def delete_model(self, request: HttpRequest, obj: JobPosting) -> None:
        services.job_posting_delete(posting=obj)

    @transaction.atomic
    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[JobPosting]) -> None:
        # Postings in id order, as every writer locks them.
        for posting in queryset.order_by("pk"):
            services.job_posting_delete(posting=posting)


class QuestionInline(admin.TabularInline):
    model = Question
    fields = [
        "number",
        "category",
        "text",
        "what_a_strong_answer_covers",
        "answer",
        "score",
        "criteria",
        "feedback",
        "scored",
    ]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["number"]

    @admin.display(description="What a strong answer covers")
    def what_a_strong_answer_covers(self, question: Question) -> str:
        if not question.talking_points:
            return "–"
        points = format_html_join("", "<li>{}</li>", ((p,) for p in question.talking_points))
        return format_html("<ul>{}</ul>", points)

    @admin.display(description="Scored by")
    def scored(self, question: Question) -> str:
        """Who scored the answer, in how long and for how many tokens; or that it waits."""
        if question.scoring != Question.Scoring.DONE:
            return question.get_scoring_display() or "–"
        tokens = f", {question.scoring_tokens} tokens" if question.scoring_tokens else ""
        return f"{question.scored_by} in {question.scoring_ms} ms{tokens}"

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Questions are part of their session: whoever may view the session sees them.
        return request.user.has_perm("sessions_app.view_interviewsession")


class RetakeOutcomes:
    """What "Create retake for selected sessions" did, as one message for the admin."""

    def __init__(self) -> None:
        self.created: list[InterviewSession] = []
        self.skipped: list[tuple[InterviewSession, DomainError]] = []

    def message(self) -> str:
        created = format_html_join(
            ", ", "{}", ((_admin_link(a, f"#{a.retake_number} {a.pk}"),) for a in self.created)
        )
        lines = [
            format_html(
                "Created {} retake{}{}{}",
                len(self.created),
                pluralize(len(self.created)),
                ": " if self.created else ".",
                created,
            )
        ]
        lines += [
            format_html("Skipped {}: {}", _admin_link(s, str(s.pk)), self._why(e))
            for s, e in self.skipped
        ]
        return mark_safe("<br>".join(lines))  # noqa: S308 - every part is escaped above

    @staticmethod
    def _why(exc: DomainError) -> str:
        # RETAKE_IN_PROGRESS names the attempt in progress: link to it.
        active_id = exc.extra.get("active_session_id")
        if active_id is None:
            return exc.message
        active = InterviewSession(pk=active_id)
        return format_html("{} ({})", exc.message, _admin_link(active, f"attempt {active_id}"))


@admin.register(InterviewSession)
class InterviewSessionAdmin(ServiceRefusalsMixin, admin.ModelAdmin):
    """Sessions are read-only here: every change to one is a service's (answering,
    completing, retaking). Support finds sessions, reads them with their questions and
    chain, creates retakes for their owners, and deletes them (``sessions_delete``)."""

    list_display = [
        "short_id",
        "user",
        "posting_title",
        "status",
        "attempt",
        "original",
        "score",
        "created_at",
    ]
    list_filter = ["status", "retake_number", "created_at"]
    search_fields = ["user__username", "user__email", "job_posting__title"]
    search_help_text = (
        "Username, email, posting title, or a session's id (its first 8 characters will do)."
    )
    date_hierarchy = "created_at"
    list_select_related = ["user"]
    raw_id_fields = ["user", "job_posting", "original_session"]
    fields = [
        "id",
        "user",
        "job_posting",
        "status",
        "current_question_number",
        "retake_number",
        "original_session",
        "score",
        "created_at",
        "completed_at",
        "chain",
    ]
    readonly_fields = fields
    inlines = [QuestionInline]
    actions = ["create_retakes"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[InterviewSession]:
        # The posting's title alone, not its 20,000-character description.
        return super().get_queryset(request).annotate(job_posting_title=F("job_posting__title"))

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        term = search_term.strip().lower()
        try:
            return results | queryset.filter(pk=uuid.UUID(term)), may_have_duplicates
        except ValueError:
            pass
        if re.fullmatch(r"[0-9a-f]{8}", term):
            # The short id the list shows: the first 8 hex digits, the same in every
            # database's text form of a UUID (before its first hyphen).
            by_prefix = queryset.alias(id_text=Cast("id", CharField())).filter(
                id_text__startswith=term
            )
            return results | by_prefix, may_have_duplicates
        return results, may_have_duplicates

    @admin.display(description="id", ordering="id")
    def short_id(self, obj: InterviewSession) -> str:
        return str(obj.pk)[:8]

    @admin.display(description="posting", ordering="job_posting__title")
    def posting_title(self, obj: InterviewSession) -> str:
        return obj.job_posting_title or "(deleted)"

    @admin.display(description="attempt", ordering="retake_number")
    def attempt(self, obj: InterviewSession) -> str:
        return f"#{obj.retake_number}"

    @admin.display(description="original")
    def original(self, obj: InterviewSession) -> str:
        if obj.original_session_id is None:
            return "-"
        original = InterviewSession(pk=obj.original_session_id)
        return _admin_link(original, str(obj.original_session_id)[:8])

    @admin.display(description="attempts of this chain")
    def chain(self, obj: InterviewSession) -> str:
        attempts = selectors.session_chain(session=obj).attempts
        return format_html_join(
            ", ",
            "{}",
            (
                (_admin_link(a, f"#{a.retake_number} ({a.get_status_display().lower()})"),)
                if a.pk != obj.pk
                else (f"#{a.retake_number} (this one)",)
                for a in attempts
            ),
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_retake_permission(self, request: HttpRequest) -> bool:
        # The add permission, though the add form is not offered: a retake adds a session.
        return request.user.has_perm(f"{self.opts.app_label}.add_{self.opts.model_name}")

    @admin.action(description="Create retake for selected sessions", permissions=["retake"])
    def create_retakes(self, request: HttpRequest, queryset: QuerySet[InterviewSession]) -> None:
        outcomes = RetakeOutcomes()
        # In id order, each retake in its own transaction (the service's): one refusal never
        # undoes another, and no lock is held from one session to the next.
        for session in queryset.select_related("user").order_by("pk"):
            try:
                attempt = services.session_retake(
                    session=session, owner=session.user, actor=request.user
                )
            except DomainError as exc:
                outcomes.skipped.append((session, exc))
            else:
                outcomes.created.append(attempt)
                self.log_addition(request, attempt, "Created by the action “Create retake”.")
        level = messages.WARNING if outcomes.skipped else messages.SUCCESS
        self.message_user(request, outcomes.message(), level)

    def delete_model(self, request: HttpRequest, obj: InterviewSession) -> None:
        services.sessions_delete(session_ids=[obj.pk])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[InterviewSession]) -> None:
        services.sessions_delete(session_ids=list(queryset.values_list("pk", flat=True)))
