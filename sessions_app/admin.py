"""Django admin. Every write that has a service goes through it, as from the API."""

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest

from sessions_app import services

User = get_user_model()


class UserChangeForm(auth_forms.UserChangeForm):
    """Usernames and emails are unique ignoring case (database indexes); say so on the form
    instead of failing on save."""

    def _taken(self, **lookup: Any) -> bool:
        return User.objects.filter(**lookup).exclude(pk=self.instance.pk).exists()

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if self._taken(username__iexact=username):
            raise forms.ValidationError("A user with that username already exists.")
        return username

    def clean_email(self) -> str:
        email = self.cleaned_data["email"]
        if email and self._taken(email__iexact=email):
            raise forms.ValidationError("An account with this email already exists.")
        return email


admin.site.unregister(User)


@admin.register(User)
class UserAdmin(auth_admin.UserAdmin):
    form = UserChangeForm

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        services.user_delete(user=obj)

    @transaction.atomic
    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for user in queryset.order_by("pk"):
            services.user_delete(user=user)
