from typing import Any

from rest_framework import permissions
from rest_framework.request import Request
from rest_framework.views import APIView


class IsOwner(permissions.BasePermission):
    """Only the object's owner may see or change it.

    The owner is read from ``owner_field`` (``owner`` for postings, ``user`` for sessions),
    by id, so the check costs no query. List querysets are filtered by the caller as well;
    this class is what turns someone else's object into a 403 on detail routes.
    """

    owner_field = "owner"
    message = "You do not have permission to access this object."
    code = "PERMISSION_DENIED"

    def has_object_permission(self, request: Request, view: APIView, obj: Any) -> bool:
        return getattr(obj, f"{self.owner_field}_id") == request.user.pk


class IsSessionOwner(IsOwner):
    owner_field = "user"
    message = "You don't have access to this session"
    code = "UNAUTHORIZED"
