"""System checks: ``manage.py`` commands (runserver, migrate, check) refuse to start with an
engine setting that names nothing usable, instead of the first session answering 500."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register
from django.utils.module_loading import import_string

_ENGINES = {
    "INTERVIEW_QUESTION_GENERATOR": "generate",
    "INTERVIEW_ANSWER_SCORER": "score",
}


@register()
def engines_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    errors: list[CheckMessage] = []
    for setting, method in _ENGINES.items():
        path = getattr(settings, setting)
        try:
            engine = import_string(path)
        except ImportError as exc:
            errors.append(
                Error(
                    f"{setting}={path!r} cannot be imported: {exc}",
                    hint="Give the dotted path of a class, e.g. package.module.ClassName.",
                    id="sessions_app.E001",
                )
            )
            continue
        if not isinstance(engine, type) or not callable(getattr(engine, method, None)):
            errors.append(
                Error(
                    f"{setting}={path!r} is not a class with a {method}() method.",
                    id="sessions_app.E002",
                )
            )
    return errors


@register()
def question_bank_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """The question bank's files keep their rules (``engines.question_bank``)."""
    from sessions_app.engines.question_bank import bank_problems

    return [
        Error(
            problem, hint="Fix the file under sessions_app/engines/bank/.", id="sessions_app.E003"
        )
        for problem in bank_problems()
    ]
