# Django's user table has no unique email; sign-up promises one account per address,
# case-insensitively, and only the database can keep that promise under concurrent sign-ups.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("sessions_app", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            sql=(
                "CREATE UNIQUE INDEX user_email_ci_unique ON auth_user (LOWER(email)) "
                "WHERE email <> ''"
            ),
            reverse_sql="DROP INDEX user_email_ci_unique",
        ),
    ]
