"""The product's pages. Like the API's actions, each view only translates HTTP to services
and selectors and back: refusals are turned into messages, form errors or the 404 page by
``sessions_app.pages.refusals``, never caught here. Every write is a POST (CSRF-checked) that
redirects, so reloading a page never sends anything again."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods, require_POST

from sessions_app import selectors, services
from sessions_app.api.throttling import AuthRateThrottle
from sessions_app.engines import CRITERIA
from sessions_app.models import InterviewSession, Question
from sessions_app.pages import charts
from sessions_app.pages.forms import (
    AccountDeleteForm,
    AnswerForm,
    EmailChangeForm,
    JobPostingForm,
    SignupForm,
)
from sessions_app.pages.refusals import form_submit, refusals_as_messages
from sessions_app.pages.summary import session_summary

# Accounts -------------------------------------------------------------------------------


class ThrottledPostMixin:
    """A POST within the ``auth`` budget (``_throttled``), else the 429 page saying
    ``throttled_as``: log-in and password resets share one budget per client."""

    throttled_as: str

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return _throttled(request, self.throttled_as) or super().post(request, *args, **kwargs)


class LoginView(ThrottledPostMixin, auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        user = form.get_user()
        if form_submit(form, lambda: services.auth_session_login(request=self.request, user=user)):
            return HttpResponseRedirect(self.get_success_url())
        return self.form_invalid(form)

    def get_redirect_url(self) -> str:
        # ?next= pointing back at this page would send a signed-in user round in a loop
        # (Django raises on it): go to the default page instead.
        url = super().get_redirect_url()
        return "" if url and urlsplit(url).path == self.request.path else url

    throttled_as = "Too many sign-in attempts"


class LogoutView(auth_views.LogoutView):
    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        messages.info(request, "You are logged out.")
        return response


def _throttled(request: HttpRequest, what: str) -> HttpResponse | None:
    """``None`` while the client is within the ``auth`` budget; else the 429 page.

    The page says when to try again and checks nothing that was sent: a throttled client
    gets no answer to its guess (a password, whether a name or an address is taken).
    """
    throttle = AuthRateThrottle()
    if throttle.allow_request(request, None):
        return None
    wait = int(throttle.wait() or 60) + 1
    context = {"message": f"{what} from your network. Try again in {wait} seconds."}
    response = render(request, "429.html", context, status=429)
    response["Retry-After"] = str(wait)
    return response


@refusals_as_messages()
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("pages:dashboard")
    if request.method == "POST" and (refused := _throttled(request, "Too many sign-ups")):
        return refused
    form = SignupForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        user = form_submit(
            form,
            lambda: services.user_register(
                username=form.cleaned_data["username"],
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
            ),
        )
        if user is not None:
            services.auth_session_login(request=request, user=user)
            messages.success(request, f"Welcome, {user.username}. Add a job posting to start.")
            return redirect("pages:dashboard")
    return render(request, "accounts/signup.html", {"form": form}, status=_form_status(form))


class PasswordResetView(ThrottledPostMixin, auth_views.PasswordResetView):
    """Django's reset by email (its single-use, expiring tokens), throttled as log-in is. The
    page that follows says the same whether or not the address has an account."""

    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    throttled_as = "Too many password resets"


class PasswordResetConfirmView(ThrottledPostMixin, auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    throttled_as = "Too many password resets"


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's: the new password ends every other login and every API token issued before
    it; this browser stays signed in."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form) -> HttpResponse:
        messages.success(self.request, "Your password is changed.")
        return super().form_valid(form)


@login_required
def account(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/account.html")


@login_required
@refusals_as_messages("accounts:account")
def account_email(request: HttpRequest) -> HttpResponse:
    form = EmailChangeForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        changed = form_submit(
            form,
            lambda: services.user_email_change(user=request.user, **form.cleaned_data),
        )
        if changed is not None:
            messages.success(request, f"Your email is now {changed.email}.")
            return redirect("accounts:account")
    return render(request, "accounts/email_change.html", {"form": form}, status=_form_status(form))


@login_required
def account_export(request: HttpRequest) -> HttpResponse:
    """Everything the account holds, as one JSON file to download."""
    response = JsonResponse(
        selectors.account_export(user=request.user), json_dumps_params={"indent": 2}
    )
    filename = f"interview-practice-{request.user.get_username()}.json"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@login_required
@refusals_as_messages("accounts:account")
def account_delete(request: HttpRequest) -> HttpResponse:
    form = AccountDeleteForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        deleted = form_submit(
            form,
            lambda: services.user_delete_confirmed(
                user=request.user, password=form.cleaned_data["password"]
            ),
        )
        if deleted is not None:
            logout(request)
            messages.info(request, f"The account {deleted} and everything in it are deleted.")
            return redirect("pages:dashboard")
    return render(
        request, "accounts/account_delete.html", {"form": form}, status=_form_status(form)
    )


def _posted(request: HttpRequest) -> QueryDict | None:
    """The data to bind a form to: what was posted (even nothing), or ``None`` for a GET."""
    return request.POST if request.method == "POST" else None


def _form_status(form) -> int:
    """400 for a form sent back with errors, so tests and tools see the refusal."""
    return 400 if form.is_bound and form.errors else 200


# Dashboard and job postings -------------------------------------------------------------


def dashboard(request: HttpRequest) -> HttpResponse:
    """The signed-in user's practice; for a visitor, the front page that says what this is."""
    if not request.user.is_authenticated:
        return render(request, "pages/home.html")
    groups = selectors.dashboard(user=request.user)
    return render(request, "pages/dashboard.html", {"groups": groups})


@login_required
@refusals_as_messages()
def posting_create(request: HttpRequest) -> HttpResponse:
    form = JobPostingForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        posting = form_submit(
            form, lambda: services.job_posting_create(owner=request.user, **form.cleaned_data)
        )
        if posting is not None:
            messages.success(request, f"Saved “{posting.title}”. Start practising when ready.")
            return redirect("pages:posting", posting_id=posting.pk)
    return render(request, "pages/posting_form.html", {"form": form}, status=_form_status(form))


@login_required
@refusals_as_messages()
def posting_detail(request: HttpRequest, posting_id: str) -> HttpResponse:
    posting = selectors.job_posting_owned(posting_id=posting_id, user=request.user)
    practised = selectors.job_posting_practised(posting=posting)
    return render(
        request, "pages/posting_detail.html", {"posting": posting, "practised": practised}
    )


@login_required
@refusals_as_messages("pages:posting")
def posting_edit(request: HttpRequest, posting_id: str) -> HttpResponse:
    posting = selectors.job_posting_owned(posting_id=posting_id, user=request.user)
    initial = {name: getattr(posting, name) for name in JobPostingForm.base_fields}
    form = JobPostingForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        services.job_posting_update(posting=posting, data=form.cleaned_data)
        messages.success(request, "Saved. Sessions already started keep their questions.")
        return redirect("pages:posting", posting_id=posting.pk)
    context = {"form": form, "posting": posting}
    return render(request, "pages/posting_form.html", context, status=_form_status(form))


@login_required
@refusals_as_messages()
def posting_delete(request: HttpRequest, posting_id: str) -> HttpResponse:
    posting = selectors.job_posting_owned(posting_id=posting_id, user=request.user)
    if request.method == "POST":
        services.job_posting_delete(posting=posting)
        messages.success(request, f"Deleted “{posting.title}”. Its practice sessions are kept.")
        return redirect("pages:dashboard")
    return render(request, "pages/posting_confirm_delete.html", {"posting": posting})


@require_POST
@login_required
@refusals_as_messages()
def session_start(request: HttpRequest, posting_id: str) -> HttpResponse:
    posting = selectors.job_posting_owned(posting_id=posting_id, user=request.user)
    # A second press (the back button, a double click) resumes the attempt it started
    # rather than leaving a second chain behind.
    active = selectors.job_posting_active_attempt(posting=posting, user=request.user)
    if active is not None:
        messages.info(request, f"Attempt {active.retake_number} is in progress: carry on.")
        return redirect("pages:session", session_id=active.pk)
    session = services.session_start(user=request.user, job_posting_id=posting.pk)
    return redirect("pages:session", session_id=session.pk)


# Practice sessions ----------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionRow:
    question: Question
    feedback_points: list[str]
    change: str | None  # "+12", "−3", "±0" against previous_score
    trend: str  # "up", "down", "same", or "" with nothing to compare
    criteria: list[tuple[str, int]]  # ("Structure", 80), ...; empty if the scorer gave none
    talking_points: list[tuple[str, bool]]  # each with whether the answer covered it

    @classmethod
    def of(cls, question: Question) -> "QuestionRow":
        points = [line.strip() for line in question.feedback.splitlines() if line.strip()]
        criteria = (
            [(name.capitalize(), question.criteria[name]) for name in CRITERIA]
            if question.criteria
            else []
        )
        covered = set(question.talking_points_covered)
        talking_points = [(p, i in covered) for i, p in enumerate(question.talking_points)]
        if question.score is None or question.previous_score is None:
            return cls(question, points, None, "", criteria, talking_points)
        delta = question.score - question.previous_score
        trend = "up" if delta > 0 else "down" if delta < 0 else "same"
        return cls(question, points, _signed(delta), trend, criteria, talking_points)


def _signed(delta: int | None) -> str | None:
    """A change in score as people write it: +12, −3 (a minus sign), ±0."""
    if delta is None:
        return None
    return f"+{delta}" if delta > 0 else f"−{-delta}" if delta < 0 else "±0"


SCORING_REFRESH_SECONDS = 3


def _render_session(
    request: HttpRequest, session: InterviewSession, form: AnswerForm | None, status: int = 200
) -> HttpResponse:
    questions = session.question_list
    current = None
    if session.status == InterviewSession.Status.ACTIVE:
        current = next((q for q in questions if q.answered_at is None), None)
        if current is not None and form is None:
            form = AnswerForm(initial={"question_number": current.number})
        if current is not None:
            form.guide_for(current.text)
    answered = sum(q.answered_at is not None for q in questions)
    pending = sum(q.scoring == Question.Scoring.PENDING for q in questions)
    context = {
        "session": session,
        "rows": [QuestionRow.of(question) for question in questions],
        "current": current,
        "form": form,
        # "Scoring your answers: 3 of 5 done"; the page reloads itself until they all are,
        # unless a question waits for an answer being written, or the reader turned the
        # reloading off (WCAG 2.2.1: a time limit the user can turn off).
        "scoring": (answered - pending, answered) if pending else None,
        "refresh_seconds": (
            SCORING_REFRESH_SECONDS
            if pending and current is None and request.GET.get("refresh") != "off"
            else None
        ),
        "refresh_stopped": request.GET.get("refresh") == "off",
        "active_attempt": selectors.session_active_attempt(root_id=session.root_id),
        "summary": (
            session_summary(questions=questions)
            if session.status == InterviewSession.Status.COMPLETED
            else None
        ),
    }
    return render(request, "pages/session.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_messages("pages:session")
def session_page(request: HttpRequest, session_id: str) -> HttpResponse:
    """The session; a POST answers its next question. The form posts to the page itself, so
    a refused answer comes back here, at the page's own address, with its text kept."""
    form = None
    if request.method == "POST":
        form = AnswerForm(request.POST)
        if form.is_valid() and form_submit(
            form,
            lambda: services.session_answer(
                session_id=session_id,
                owner=request.user,
                answer=form.cleaned_data["answer"],
                question_number=form.cleaned_data["question_number"],
            ),
        ):
            return redirect("pages:session", session_id=session_id)
    session = selectors.session_detail(session_id=session_id, user=request.user)
    return _render_session(request, session, form, status=400 if form else 200)


@require_POST
@login_required
@refusals_as_messages("pages:session")
def session_complete(request: HttpRequest, session_id: str) -> HttpResponse:
    session = services.session_complete(session_id=session_id, owner=request.user)
    messages.success(request, f"Session complete: you scored {session.score} out of 100.")
    return redirect("pages:session", session_id=session.pk)


@require_POST
@login_required
@refusals_as_messages("pages:session")
def session_retake(request: HttpRequest, session_id: str) -> HttpResponse:
    session = selectors.session_owned(session_id=session_id, user=request.user)
    attempt = services.session_retake(session=session, owner=request.user)
    messages.success(
        request,
        f"Attempt {attempt.retake_number} started: answer the same questions again and compare.",
    )
    return redirect("pages:session", session_id=attempt.pk)


@login_required
@refusals_as_messages()
def session_attempts(request: HttpRequest, session_id: str) -> HttpResponse:
    session = selectors.session_owned(session_id=session_id, user=request.user)
    chain = selectors.session_chain(session=session)
    context = {
        "session": session,
        "chain": chain,
        "summary": selectors.ChainSummary.of(chain.attempts[::-1]),
        "improvement": _signed(chain.improvement),
        "best_gain": _signed(
            None if chain.improvement is None else chain.best_score - chain.first_score
        ),
        "chart": charts.score_chart(attempts=chain.attempts),
        "criteria_chart": charts.criteria_chart(attempts=chain.attempts),
    }
    return render(request, "pages/attempts.html", context)
