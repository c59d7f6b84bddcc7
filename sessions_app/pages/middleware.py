"""Middleware for the pages."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control


def _is_page(request: HttpRequest) -> bool:
    # The API answers in its own error shape; the admin is Django's own.
    return not request.path.startswith(("/api/", "/admin/", "/static/"))


class PagesMiddleware:
    """What every page answer gets that a view should not have to remember:

    - a page for people when a URL is opened with a method it does not take (a bookmarked
      form action, a login's ``?next=`` to a button's URL), instead of an empty 405;
    - ``Cache-Control: private, no-store`` on pages for a signed-in user, so their answers
      are not kept by a shared cache or shown again from history after logging out.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not _is_page(request):
            return response
        if response.status_code == 405 and not response.content:
            page = render(request, "405.html", status=405)
            page["Allow"] = response["Allow"]
            response = page
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
