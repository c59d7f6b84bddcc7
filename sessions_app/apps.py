from django.apps import AppConfig


class SessionsAppConfig(AppConfig):
    name = "sessions_app"
    verbose_name = "Interview practice"

    def ready(self) -> None:
        from sessions_app import checks  # noqa: F401 - registers the system checks
