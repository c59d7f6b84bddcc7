"""A client generated from the served schema, as an API user makes one: openapi-python-client
(the usual generator for Python) run on ``/api/v1/schema/``, without a hand edit. It must
import, and drive every step of the flow and its refusals over real HTTP (pytest-django's
``live_server``): each response parses into the generated model or ``Error`` (a status the
schema does not list raises), and each request and response validates strictly against
the schema (openapi-schema-validator, OpenAPI 3.1, formats checked).
"""

import importlib
import json
import pkgutil
import re
import subprocess
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
from django.contrib.auth import get_user_model
from openapi_schema_validator import OAS31Validator, oas31_format_checker

from sessions_app.tests.factories import InterviewSessionFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

User = get_user_model()

PACKAGE = "interview_practice_client"
PASSWORD = "a practice passphrase"
ANSWER = (
    "On the night shift a patient's early warning score rose to 6; I repeated the "
    "observations, escalated to the registrar within ten minutes, and documented it."
)


@dataclass
class Exchange:
    method: str
    path: str
    request_type: str | None
    request_body: bytes
    status: int
    response_body: bytes


@dataclass
class Generated:
    base_url: str
    exchanges: list[Exchange] = field(default_factory=list)

    def op(self, name: str) -> ModuleType:
        return importlib.import_module(f"{PACKAGE}.api.{name}")

    @property
    def models(self) -> ModuleType:
        return importlib.import_module(f"{PACKAGE}.models")

    def client(self, token: str | None = None) -> Any:
        package = importlib.import_module(PACKAGE)
        hooks = {"response": [self._record]}
        if token is None:
            return package.Client(
                base_url=self.base_url,
                raise_on_unexpected_status=True,
                httpx_args={"event_hooks": hooks},
            )
        return package.AuthenticatedClient(
            base_url=self.base_url,
            token=token,
            raise_on_unexpected_status=True,
            httpx_args={"event_hooks": hooks},
        )

    def _record(self, response: httpx.Response) -> None:
        response.read()
        request = response.request
        self.exchanges.append(
            Exchange(
                request.method,
                request.url.path,
                request.headers.get("content-type"),
                request.content,
                response.status_code,
                response.content,
            )
        )


@pytest.fixture(scope="module")
def generated_package(live_server, tmp_path_factory) -> tuple[dict[str, Any], str]:
    """The client generated from the schema the server serves, importable; its output."""
    spec_text = httpx.get(
        f"{live_server.url}/api/v1/schema/",
        headers={"Accept": "application/vnd.oai.openapi+json"},
    ).text
    work = tmp_path_factory.mktemp("generated-client")
    (work / "schema.json").write_text(spec_text)
    (work / "config.yaml").write_text(f"package_name_override: {PACKAGE}\npost_hooks: []\n")
    run = subprocess.run(  # noqa: S603 - the generator from this venv, on our schema
        [
            str(Path(sys.executable).with_name("openapi-python-client")),
            "generate",
            "--path",
            str(work / "schema.json"),
            "--config",
            str(work / "config.yaml"),
            "--meta",
            "none",
            "--output-path",
            str(work / PACKAGE),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    sys.path.insert(0, str(work))
    yield json.loads(spec_text), run.stdout + run.stderr
    sys.path.remove(str(work))
    for name in [name for name in sys.modules if name.split(".")[0] == PACKAGE]:
        del sys.modules[name]


@pytest.fixture
def generated(generated_package, live_server) -> Generated:
    spec, _ = generated_package
    api = Generated(live_server.url)
    yield api
    assert api.exchanges
    problems = [problem for exchange in api.exchanges for problem in _problems(spec, exchange)]
    assert not problems, "\n".join(problems)


def _operation(spec: dict[str, Any], method: str, path: str) -> dict[str, Any]:
    for template, operations in spec["paths"].items():
        parts = re.split(r"(\{[^}]+\})", template.rstrip("/"))
        pattern = "".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts)
        if re.fullmatch(pattern + "/?", path):
            return operations[method.lower()]
    raise AssertionError(f"{method} {path} is not in the schema")


def _validator(spec: dict[str, Any], schema: dict[str, Any]) -> OAS31Validator:
    # The components beside the schema, so that its references resolve.
    return OAS31Validator(
        {**schema, "components": spec["components"]}, format_checker=oas31_format_checker
    )


def _problems(spec: dict[str, Any], exchange: Exchange) -> list[str]:
    where = f"{exchange.method} {exchange.path} -> {exchange.status}"
    operation = _operation(spec, exchange.method, exchange.path)
    problems = []
    # A body refused on purpose (a short password) may break the schema; one accepted not.
    if exchange.request_body and exchange.status < 400:
        if exchange.request_type != "application/json":
            problems.append(f"{where}: the body was sent as {exchange.request_type}")
        schema = operation["requestBody"]["content"]["application/json"]["schema"]
        body = json.loads(exchange.request_body)
        problems += [
            f"{where}: request: {e.message}" for e in _validator(spec, schema).iter_errors(body)
        ]
    response = operation["responses"].get(str(exchange.status))
    if response is None:
        return [*problems, f"{where}: the status is not documented"]
    if "content" in response:
        schema = response["content"]["application/json"]["schema"]
        body = json.loads(exchange.response_body)
        problems += [
            f"{where}: response: {e.message} at {list(e.absolute_path)}"
            for e in _validator(spec, schema).iter_errors(body)
        ]
    elif exchange.response_body:
        problems.append(f"{where}: a body where the schema documents none")
    return problems


def _parsed(response: Any, model: type) -> Any:
    assert isinstance(response.parsed, model), (response.status_code, response.content[:300])
    return response.parsed


def _signed_in(generated: Generated, username: str = "carol") -> tuple[Any, Any]:
    """A new account through the client: its authenticated client and its token pair."""
    m = generated.models
    anonymous = generated.client()
    _parsed(
        generated.op("auth.auth_register_create").sync_detailed(
            client=anonymous,
            body=m.RegisterRequest(
                username=username, email=f"{username}@example.com", password=PASSWORD
            ),
        ),
        m.User,
    )
    pair = _parsed(
        generated.op("auth.auth_token_create").sync_detailed(
            client=anonymous, body=m.TokenObtainRequest(username=username, password=PASSWORD)
        ),
        m.TokenPair,
    )
    return generated.client(pair.access), pair


def _error(response: Any, generated: Generated, status: int, code: str) -> Any:
    error = _parsed(response, generated.models.Error)
    assert (response.status_code, error.detail.code.value) == (status, code)
    return error.detail


def test_the_generator_warns_of_nothing_and_every_operation_imports(generated_package):
    _, output = generated_package
    api = importlib.import_module(f"{PACKAGE}.api")

    modules = [
        importlib.import_module(module.name)
        for module in pkgutil.walk_packages(api.__path__, f"{PACKAGE}.api.")
    ]

    assert "warning" not in output.lower(), output
    assert len([m for m in modules if hasattr(m, "sync_detailed")]) == 25


def test_the_whole_flow_parses_and_validates(generated):
    m = generated.models
    op = generated.op
    me, pair = _signed_in(generated)
    _parsed(op("auth.auth_me_retrieve").sync_detailed(client=me), m.User)
    posting = _parsed(
        op("job_postings.job_postings_create").sync_detailed(
            client=me,
            body=m.JobPostingRequest(
                title="Staff Nurse", description="Adult surgical ward; medication rounds."
            ),
        ),
        m.JobPosting,
    )
    assert posting.company == ""
    _parsed(
        op("job_postings.job_postings_list").sync_detailed(client=me), m.PaginatedJobPostingList
    )

    started = _parsed(
        op("sessions.sessions_create").sync_detailed(
            client=me, body=m.SessionStartRequest(job_posting_id=posting.id)
        ),
        m.SessionDetail,
    )
    assert started.questions[0].criteria is None
    session_id = str(started.id)
    for _ in started.questions:
        _parsed(
            op("sessions.sessions_answers_retrieve").sync_detailed(session_id, client=me),
            m.AnswerPrompt,
        )
        op("sessions.sessions_answers_create").sync_detailed(
            session_id, client=me, body=m.AnswerRequest(answer=ANSWER)
        )
    prompt = _parsed(
        op("sessions.sessions_answers_retrieve").sync_detailed(session_id, client=me),
        m.AnswerPrompt,
    )
    assert prompt.next_question is None
    completed = op("sessions.sessions_complete_create").sync_detailed(session_id, client=me)
    assert completed.status_code == 200

    retake = op("sessions.sessions_retake_create").sync_detailed(session_id, client=me)
    assert retake.status_code == 201
    again = op("sessions.sessions_retake_create").sync_detailed(session_id, client=me)
    detail = _error(again, generated, 409, "RETAKE_IN_PROGRESS")
    assert str(detail.active_session_id) == str(retake.parsed.id)

    chain = _parsed(
        op("sessions.sessions_attempts_retrieve").sync_detailed(session_id, client=me),
        m.AttemptChain,
    )
    assert [attempt.criteria is None for attempt in chain.attempts] == [False, True]
    _parsed(
        op("sessions.sessions_retrieve").sync_detailed(str(retake.parsed.id), client=me),
        m.SessionDetail,
    )
    page = _parsed(
        op("sessions.sessions_list").sync_detailed(client=me, page_size=1), m.PaginatedSessionList
    )
    assert (page.count, page.previous, page.next_ is not None) == (2, None, True)

    anonymous = generated.client()
    renewed = _parsed(
        op("auth.auth_token_refresh_create").sync_detailed(
            client=anonymous, body=m.RefreshTokenRequest(refresh=pair.refresh)
        ),
        m.TokenPair,
    )
    logout = op("auth.auth_logout_create").sync_detailed(
        client=anonymous, body=m.RefreshTokenRequest(refresh=renewed.refresh)
    )
    assert logout.status_code == 204


def test_every_other_operation_parses_and_validates(generated):
    m = generated.models
    op = generated.op
    me, _ = _signed_in(generated)
    _parsed(op("index.root_retrieve").sync_detailed(client=me), m.ApiIndex)
    _parsed(op("health.health_retrieve").sync_detailed(client=generated.client()), m.Health)
    body = m.JobPostingRequest(title="Primary teacher", description="A Year 4 class of 28.")
    posting = _parsed(
        op("job_postings.job_postings_create").sync_detailed(client=me, body=body), m.JobPosting
    )
    posting_id = str(posting.id)
    _parsed(
        op("job_postings.job_postings_retrieve").sync_detailed(posting_id, client=me), m.JobPosting
    )
    body.company = "Hillside Primary"
    _parsed(
        op("job_postings.job_postings_update").sync_detailed(posting_id, client=me, body=body),
        m.JobPosting,
    )
    renamed = _parsed(
        op("job_postings.job_postings_partial_update").sync_detailed(
            posting_id, client=me, body=m.PatchedJobPostingRequest(title="Year 4 teacher")
        ),
        m.JobPosting,
    )
    assert (renamed.title, renamed.company) == ("Year 4 teacher", "Hillside Primary")
    started = op("sessions.sessions_create").sync_detailed(
        client=me, body=m.SessionStartRequest(job_posting_id=posting.id)
    )
    session_id = str(started.parsed.id)
    _parsed(
        op("sessions.sessions_complete_retrieve").sync_detailed(session_id, client=me), m.Session
    )
    _parsed(op("sessions.sessions_retake_retrieve").sync_detailed(session_id, client=me), m.Session)
    _parsed(op("auth.auth_me_export_retrieve").sync_detailed(client=me), m.AccountExport)
    deleted = op("job_postings.job_postings_destroy").sync_detailed(posting_id, client=me)

    gone = op("auth.auth_me_destroy").sync_detailed(
        client=me, body=m.AccountDeleteRequest(password=PASSWORD)
    )

    assert (deleted.status_code, gone.status_code) == (204, 204)
    assert not User.objects.filter(username="carol").exists()


def test_a_short_password_is_refused_with_the_fields_messages(generated):
    m = generated.models

    response = generated.op("auth.auth_register_create").sync_detailed(
        client=generated.client(),
        body=m.RegisterRequest(username="dave", email="dave@example.com", password="short"),
    )

    detail = _error(response, generated, 400, "VALIDATION_ERROR")
    assert detail.fields["password"][0].startswith("This password is too short.")


def test_wrong_credentials_are_refused(generated):
    UserFactory(username="erin")

    response = generated.op("auth.auth_token_create").sync_detailed(
        client=generated.client(),
        body=generated.models.TokenObtainRequest(username="erin", password="not it at all"),
    )

    _error(response, generated, 401, "INVALID_CREDENTIALS")


def test_no_token_is_refused(generated):
    response = generated.op("sessions.sessions_list").sync_detailed(client=generated.client())

    _error(response, generated, 401, "NOT_AUTHENTICATED")


def test_an_unknown_session_is_not_found(generated):
    me, _ = _signed_in(generated)

    response = generated.op("sessions.sessions_retrieve").sync_detailed(
        str(uuid.uuid4()), client=me
    )

    _error(response, generated, 404, "SESSION_NOT_FOUND")


def test_another_users_session_is_refused(generated):
    me, _ = _signed_in(generated)
    theirs = InterviewSessionFactory(completed=True)

    response = generated.op("sessions.sessions_retake_create").sync_detailed(
        str(theirs.pk), client=me
    )

    _error(response, generated, 403, "UNAUTHORIZED")


def test_completing_with_questions_unanswered_is_refused(generated):
    me, _ = _signed_in(generated)
    m = generated.models
    posting = generated.op("job_postings.job_postings_create").sync_detailed(
        client=me, body=m.JobPostingRequest(title="Chef de partie", description="Grill section.")
    )
    started = generated.op("sessions.sessions_create").sync_detailed(
        client=me, body=m.SessionStartRequest(job_posting_id=posting.parsed.id)
    )

    response = generated.op("sessions.sessions_complete_create").sync_detailed(
        str(started.parsed.id), client=me
    )

    _error(response, generated, 400, "QUESTIONS_UNANSWERED")


def test_a_page_size_out_of_range_is_refused(generated):
    me, _ = _signed_in(generated)

    response = generated.op("sessions.sessions_list").sync_detailed(client=me, page_size=101)

    _error(response, generated, 400, "VALIDATION_ERROR")


def test_a_used_refresh_token_is_refused(generated):
    _, pair = _signed_in(generated)
    refresh = generated.op("auth.auth_token_refresh_create")
    body = generated.models.RefreshTokenRequest(refresh=pair.refresh)
    refresh.sync_detailed(client=generated.client(), body=body)

    response = refresh.sync_detailed(client=generated.client(), body=body)

    _error(response, generated, 401, "TOKEN_INVALID")
