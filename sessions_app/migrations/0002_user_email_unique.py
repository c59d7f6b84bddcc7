# Django's user table has no unique email; sign-up promises one account per address,
# case-insensitively, and only the database can keep that promise under concurrent sign-ups.
from django.db import migrations


def refuse_case_duplicate_emails(apps, schema_editor):
    User = apps.get_model("auth", "User")
    seen: dict[str, str] = {}
    for email in User.objects.exclude(email="").values_list("email", flat=True).iterator():
        if email.lower() in seen:
            raise RuntimeError(
                f"Accounts share the email {email!r} (ignoring case); "
                "give each its own address before migrating."
            )
        seen[email.lower()] = email


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("sessions_app", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(refuse_case_duplicate_emails, migrations.RunPython.noop),
        migrations.RunSQL(
            sql=(
                "CREATE UNIQUE INDEX user_email_ci_unique ON auth_user (LOWER(email)) "
                "WHERE email <> ''"
            ),
            reverse_sql="DROP INDEX user_email_ci_unique",
        ),
    ]
