"""What a visitor who is not signed in meets: the front page, and the way in."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_visitor_is_told_what_the_product_does(client):
    response = client.get("/")

    assert response.status_code == 200
    assert b"Practise the interview for the job you want" in response.content
    assert b"img/desktop-completed-session.png" in response.content
    assert b"img/desktop-attempts-chart.png" in response.content


def test_the_front_page_offers_sign_up_and_log_in(client):
    content = client.get("/").content.decode()

    assert f'href="{reverse("accounts:signup")}"' in content
    assert f'href="{reverse("accounts:login")}"' in content


def test_a_signed_in_user_gets_their_dashboard(alice_web):
    response = alice_web.get("/")

    assert b"Your practice" in response.content
    assert b"Practise the interview for the job you want" not in response.content


def test_developer_links_are_in_the_footer_under_for_developers():
    content = Client().get("/").content.decode()

    footer = content[content.index('<footer class="site-footer') :]
    assert "For developers" in footer
    assert f'href="{reverse("api:root")}"' in footer
    assert f'href="{reverse("api:docs")}"' in footer
    assert reverse("api:root") not in content[: content.index("<footer")]
