"""Server-rendered pages. For now: the login used by the browsable API."""

from urllib.parse import urlsplit

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from rest_framework.throttling import SimpleRateThrottle

from sessions_app import services
from sessions_app.exceptions import DomainError


class LoginThrottle(SimpleRateThrottle):
    """The API's ``auth`` budget, per client address, shared with ``/api/v1/auth/token/``:
    a second door to the same passwords gets no second allowance."""

    scope = "auth"

    def get_cache_key(self, request: HttpRequest, view: object) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class LoginView(auth_views.LoginView):
    template_name = "rest_framework/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        try:
            services.auth_session_login(request=self.request, user=form.get_user())
        except DomainError as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        return HttpResponseRedirect(self.get_success_url())

    def get_redirect_url(self) -> str:
        # ?next= pointing back at this page would send a signed-in user round in a loop
        # (Django raises on it): go to the default page instead.
        url = super().get_redirect_url()
        return "" if url and urlsplit(url).path == self.request.path else url

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        throttle = LoginThrottle()
        if throttle.allow_request(request, self):
            return super().post(request, *args, **kwargs)
        wait = int(throttle.wait() or 60) + 1
        # Unbound, so the refused password is never checked: validating a bound form would
        # run authenticate() and give the throttled client its guess after all.
        form = self.get_form_class()(
            request, initial={"username": request.POST.get("username", "")}
        )
        form.errors[NON_FIELD_ERRORS] = form.error_class(
            [f"Too many sign-in attempts. Try again in {wait} seconds."], error_class="nonfield"
        )
        response = self.render_to_response(self.get_context_data(form=form), status=429)
        response["Retry-After"] = str(wait)
        return response
