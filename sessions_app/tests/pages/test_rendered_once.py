"""Each page's HTML is built once per request: no template, its includes included, is
rendered twice (a user with 30 attempts)."""

import collections

import pytest
from django.urls import reverse

from sessions_app.tests.pages.conftest import chain_of_scores

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", ["pages:dashboard", "pages:session", "pages:attempts"])
def test_no_template_is_rendered_twice(alice_web, completed, page):
    latest = chain_of_scores(completed, *range(40, 70))
    args = [] if page == "pages:dashboard" else [latest.pk]

    response = alice_web.get(reverse(page, args=args))

    assert response.status_code == 200
    rendered = collections.Counter(template.name for template in response.templates)
    assert rendered["base.html"] == 1
    assert max(rendered.values()) == 1, rendered
