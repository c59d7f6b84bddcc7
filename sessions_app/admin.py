"""Django admin. Every write that has a service goes through it, as from the API."""

from typing import Any

from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest

from sessions_app import services
from sessions_app.forms import UniqueIdentityMixin

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

    @transaction.atomic
    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for user in queryset.order_by("pk"):
            services.user_delete(user=user)
