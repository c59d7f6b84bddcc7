"""The pages' forms. They check what a person typed and show it back; the writes they lead
to are services' (whose refusals land on the form through ``refusals.form_submit``)."""

from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model

from sessions_app.engines.scoring_features import question_asks_for_plan
from sessions_app.models import JobPosting
from sessions_app.selectors import user_identity_conflicts
from sessions_app.services import ANSWER_MAX_LENGTH, has_visible_text

User = get_user_model()


class UniqueIdentityMixin:
    """Usernames and emails are unique ignoring case (database indexes): say so on the form
    instead of failing on save."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        conflicts = user_identity_conflicts(
            username=cleaned.get("username", ""),
            email=cleaned.get("email", ""),
            exclude_pk=self.instance.pk,
        )
        for field, messages in conflicts.items():
            self.add_error(field, messages)
        return cleaned


class SignupForm(UniqueIdentityMixin, auth_forms.BaseUserCreationForm):
    """Username, email and a password checked by Django's validators. Never saved by
    itself: the view passes its data to ``services.user_register``."""

    email = forms.EmailField(max_length=254, help_text="For your account only; never shown.")

    class Meta(auth_forms.BaseUserCreationForm.Meta):
        fields = ["username", "email"]


class EmailChangeForm(forms.Form):
    """A new address, confirmed by the current password (``services.user_email_change``)."""

    email = forms.EmailField(label="New email", max_length=254)
    password = forms.CharField(
        label="Your current password", strip=False, widget=forms.PasswordInput
    )


class AccountDeleteForm(forms.Form):
    """The current password, to confirm (``services.user_delete_confirmed``)."""

    password = forms.CharField(
        label="Your current password", strip=False, widget=forms.PasswordInput
    )


class VisibleTextField(forms.CharField):
    """Text that must show something: only spaces or zero-width characters count as empty."""

    def validate(self, value: str) -> None:
        super().validate(value)
        if self.required and not has_visible_text(value):
            raise forms.ValidationError(self.error_messages["required"], code="required")


class JobPostingForm(forms.Form):
    title = VisibleTextField(
        max_length=JobPosting._meta.get_field("title").max_length,
        help_text="The job title as the posting gives it, e.g. Data Analyst.",
    )
    company = forms.CharField(
        max_length=JobPosting._meta.get_field("company").max_length, required=False
    )
    description = VisibleTextField(
        max_length=JobPosting._meta.get_field("description").max_length,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Paste the posting: the questions are written from its skills and duties.",
    )


# What to put in an answer, for a question about a past situation and for one about a plan.
STORY_GUIDANCE = (
    "Say what the situation was, what you did and what changed, with a number if you can.",
    "Last spring, when …, I …",
)
PLAN_GUIDANCE = (
    "Say what you would do first and why, the steps after it, who you would involve and how "
    "you would know it had worked.",
    "First I would …",
)


class AnswerForm(forms.Form):
    """The answer to one question, with guidance that fits it (``guide_for``). Blank and
    over-long answers are refused by ``services.session_answer`` (one rule for the API and
    the pages), not here."""

    answer = forms.CharField(
        label="Your answer",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": ANSWER_MAX_LENGTH}),
    )
    # Which question this answer is for, so a form sent twice cannot answer the next one.
    question_number = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def guide_for(self, question: str) -> None:
        """Help text and placeholder for an answer to ``question``: a plan's or a story's."""
        help_text, placeholder = (
            PLAN_GUIDANCE if question_asks_for_plan(question) else STORY_GUIDANCE
        )
        field = self.fields["answer"]
        field.help_text = f"Up to {ANSWER_MAX_LENGTH:,} characters. {help_text}"
        field.widget.attrs["placeholder"] = placeholder
