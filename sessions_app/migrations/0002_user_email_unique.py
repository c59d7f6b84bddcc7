# Django's user table has no unique email; sign-up promises one account per address,
# case-insensitively, and only the database can keep that promise under concurrent sign-ups.
from django.db import migrations

from sessions_app.migrations._case_duplicates import refuse_case_duplicates


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("sessions_app", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(refuse_case_duplicates("email"), migrations.RunPython.noop),
        migrations.RunSQL(
            sql=(
                "CREATE UNIQUE INDEX user_email_ci_unique ON auth_user (LOWER(email)) "
                "WHERE email <> ''"
            ),
            reverse_sql="DROP INDEX user_email_ci_unique",
        ),
    ]
