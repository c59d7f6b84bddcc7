# Sign-up refuses "Alice" when "alice" exists (as Django's own user creation form does);
# only the database can keep that promise when two sign-ups race.
from django.db import migrations


def refuse_case_duplicate_usernames(apps, schema_editor):
    User = apps.get_model("auth", "User")
    seen: dict[str, str] = {}
    for username in User.objects.values_list("username", flat=True).iterator():
        if username.lower() in seen:
            raise RuntimeError(
                f"Usernames {seen[username.lower()]!r} and {username!r} differ only in case; "
                "rename one before migrating."
            )
        seen[username.lower()] = username


class Migration(migrations.Migration):
    dependencies = [
        ("sessions_app", "0002_user_email_unique"),
    ]

    operations = [
        migrations.RunPython(refuse_case_duplicate_usernames, migrations.RunPython.noop),
        migrations.RunSQL(
            sql="CREATE UNIQUE INDEX user_username_ci_unique ON auth_user (LOWER(username))",
            reverse_sql="DROP INDEX user_username_ci_unique",
        ),
    ]
