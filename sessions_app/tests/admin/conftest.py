import pytest
from django.contrib.auth.models import Permission

from sessions_app.tests.factories import UserFactory


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def viewer_client(client):
    """Staff who may look at sessions but not add them (so not retake them)."""
    staff = UserFactory(username="viewer", is_staff=True)
    staff.user_permissions.add(
        Permission.objects.get(codename="view_interviewsession"),
        Permission.objects.get(codename="view_jobposting"),
    )
    client.force_login(staff)
    return client
