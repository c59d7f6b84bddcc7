"""The OpenAPI schema and its page (what it promises is checked by tests/api/test_fuzz.py)."""

import json
import re

import pytest
from django.urls import reverse
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient

from sessions_app import exceptions
from sessions_app.api.schema import ERROR_CODES

pytestmark = pytest.mark.django_db

ERROR_REF = "#/components/schemas/Error"


@pytest.fixture
def schema():
    response = APIClient().get(reverse("api:schema"), HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    return response.json()


def _operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def _error_codes(response):
    return response["description"].split(", ")


def test_schema_is_valid_openapi_3(schema):
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")


def test_schema_is_public_even_with_a_bad_token():
    response = APIClient().get(
        reverse("api:schema"), HTTP_ACCEPT="application/json", HTTP_AUTHORIZATION="Bearer x.y.z"
    )

    assert response.status_code == 200


def test_schema_lists_every_route_of_the_contract(schema):
    assert set(schema["paths"]) == {
        "/api/v1/",
        "/api/v1/auth/register/",
        "/api/v1/auth/token/",
        "/api/v1/auth/token/refresh/",
        "/api/v1/auth/logout/",
        "/api/v1/auth/me/",
        "/api/v1/auth/me/export/",
        "/api/v1/job-postings/",
        "/api/v1/job-postings/{id}/",
        "/api/v1/sessions/",
        "/api/v1/sessions/{id}/",
        "/api/v1/sessions/{id}/answers/",
        "/api/v1/sessions/{id}/complete/",
        "/api/v1/sessions/{id}/retake/",
        "/api/v1/sessions/{id}/attempts/",
        "/api/v1/health/",
    }


def test_bearer_jwt_is_the_declared_scheme(schema):
    assert schema["components"]["securitySchemes"]["jwtAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
    }
    me = schema["paths"]["/api/v1/auth/me/"]["get"]
    assert {"jwtAuth": []} in me["security"]


def test_error_component_lists_every_code(schema):
    components = schema["components"]["schemas"]
    detail = components["ErrorDetail"]
    code = detail["properties"]["code"]
    enum = components[code["allOf"][0]["$ref"].rsplit("/", 1)[1]]

    assert set(detail["required"]) == {"code", "message"}
    assert set(enum["enum"]) == set(ERROR_CODES)
    for listed in ERROR_CODES:
        assert f"`{listed}`" in code["description"]


def test_every_domain_error_is_listed_with_its_status():
    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    for error in subclasses(exceptions.DomainError):
        assert ERROR_CODES[error.code][0] == error.status_code, error


def test_every_operation_documents_success_and_errors_in_the_one_shape(schema):
    for path, method, operation in _operations(schema):
        statuses = {int(status) for status in operation["responses"]}
        assert any(200 <= status < 300 for status in statuses), (path, method)
        for status, response in operation["responses"].items():
            if int(status) < 400 or path == "/api/v1/health/":
                continue
            assert response["content"]["application/json"]["schema"]["$ref"] == ERROR_REF
            for code in _error_codes(response):
                assert ERROR_CODES[code][0] == int(status), (path, method, code)


def test_signed_in_operations_document_401_and_throttling(schema):
    for path, _method, operation in _operations(schema):
        if {} in operation.get("security", [{}]):
            continue
        assert "NOT_AUTHENTICATED" in _error_codes(operation["responses"]["401"]), path
        assert "THROTTLED" in _error_codes(operation["responses"]["429"]), path


def test_object_routes_document_403_and_404(schema):
    for path, method, operation in _operations(schema):
        if "{id}" not in path:
            continue
        assert "403" in operation["responses"], (path, method)
        assert "404" in operation["responses"], (path, method)


def test_retake_documents_the_story_codes(schema):
    responses = schema["paths"]["/api/v1/sessions/{id}/retake/"]["post"]["responses"]

    assert set(responses) >= {"201", "400", "401", "403", "404", "409"}
    assert {"SESSION_NOT_COMPLETED", "MISSING_JOB_POSTING"} <= set(_error_codes(responses["400"]))
    assert _error_codes(responses["403"]) == ["UNAUTHORIZED"]
    assert _error_codes(responses["404"]) == ["SESSION_NOT_FOUND"]
    assert _error_codes(responses["409"]) == ["RETAKE_IN_PROGRESS"]


def test_bodies_document_413_and_415(schema):
    for path, method, operation in _operations(schema):
        if method in {"post", "put", "patch"}:
            assert "413" in operation["responses"], (path, method)
            assert "415" in operation["responses"], (path, method)


def test_docs_page_loads_its_assets_from_this_server():
    response = APIClient().get(reverse("api:docs"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "swagger-ui" in page
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources
    assert all(not re.match(r"^(https?:)?//", source) for source in sources), sources


def test_docs_page_assets_are_served():
    page = APIClient().get(reverse("api:docs")).content.decode()
    script = re.search(r'src="([^"]+swagger-ui-bundle\.js)"', page).group(1)

    response = APIClient().get(script)

    assert response.status_code == 200


def test_schema_is_openapi_3_1_with_no_3_0_nullable(schema):
    assert schema["openapi"] == "3.1.0"
    assert '"nullable"' not in json.dumps(schema)


def test_request_bodies_are_documented_as_json_only(schema):
    bodies = [op["requestBody"] for _, _, op in _operations(schema) if "requestBody" in op]

    assert bodies
    assert {tuple(body["content"]) for body in bodies} == {("application/json",)}


def test_every_operation_documents_the_server_error(schema):
    for path, method, operation in _operations(schema):
        assert "SERVER_ERROR" in _error_codes(operation["responses"]["500"]), (method, path)


def test_the_password_documents_the_validators_minimum_length(schema):
    password = schema["components"]["schemas"]["RegisterRequest"]["properties"]["password"]

    assert password["minLength"] == 8


def test_page_size_is_documented_from_1_to_100(schema):
    parameters = schema["paths"]["/api/v1/sessions/"]["get"]["parameters"]
    (page_size,) = [p for p in parameters if p["name"] == "page_size"]

    assert (page_size["schema"]["minimum"], page_size["schema"]["maximum"]) == (1, 100)


def test_validation_error_fields_map_each_field_to_its_messages(schema):
    fields = schema["components"]["schemas"]["ErrorDetail"]["properties"]["fields"]

    assert fields["additionalProperties"] == {"type": "array", "items": {"type": "string"}}


def test_a_postings_blank_company_is_still_a_required_response_field(schema):
    assert "company" in schema["components"]["schemas"]["JobPosting"]["required"]


def test_deleting_the_account_documents_its_password_body(schema):
    me = schema["paths"]["/api/v1/auth/me/"]

    assert me["delete"]["requestBody"]["required"] is True
    assert "requestBody" not in me["get"]
    assert "UNSUPPORTED_MEDIA_TYPE" in _error_codes(me["delete"]["responses"]["415"])
