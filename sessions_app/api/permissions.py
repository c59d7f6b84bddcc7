from typing import Any

from rest_framework import permissions
from rest_framework.request import Request
from rest_framework.views import APIView

from sessions_app.ownership import is_owner


class IsOwner(permissions.BasePermission):
    """Only the object's owner may see or change it.

    List querysets are filtered by the caller as well; this class is what turns someone
    else's object into a 403 on detail routes.
    """

    message = "You do not have permission to access this object."
    code = "PERMISSION_DENIED"

    def has_object_permission(self, request: Request, view: APIView, obj: Any) -> bool:
        return is_owner(obj=obj, user=request.user)


class IsSessionOwner(IsOwner):
    message = "You don't have access to this session"
    code = "UNAUTHORIZED"
