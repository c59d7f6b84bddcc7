# Sign-up refuses "Alice" when "alice" exists (as Django's own user creation form does);
# only the database can keep that promise when two sign-ups race.
from django.db import migrations

from sessions_app.migrations._case_duplicates import refuse_case_duplicates


class Migration(migrations.Migration):
    dependencies = [
        ("sessions_app", "0002_user_email_unique"),
    ]

    operations = [
        migrations.RunPython(refuse_case_duplicates("username"), migrations.RunPython.noop),
        migrations.RunSQL(
            sql="CREATE UNIQUE INDEX user_username_ci_unique ON auth_user (LOWER(username))",
            reverse_sql="DROP INDEX user_username_ci_unique",
        ),
    ]
