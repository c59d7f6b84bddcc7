"""Reads that the API and the pages share."""

import uuid

import pytest

from sessions_app import selectors
from sessions_app.exceptions import SessionNotFound

pytestmark = pytest.mark.django_db


def test_detail_of_a_session_gone_since_its_write_is_not_found(alice):
    # The API reads a session again after writing it; a deletion may come in between.
    with pytest.raises(SessionNotFound):
        selectors.session_detail(session_id=uuid.uuid4(), user=alice)
