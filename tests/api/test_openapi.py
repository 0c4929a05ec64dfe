"""The OpenAPI document and the browsable docs."""

import json

import pytest
from django.urls import reverse

from coproduce.api.endpoints import OPERATIONS as CORE_OPERATIONS
from coproduce.appraisal.api import OPERATIONS as APPRAISAL_OPERATIONS
from coproduce.commissioning.api import OPERATIONS as COMMISSIONING_OPERATIONS
from coproduce.cpd.api import OPERATIONS as CPD_OPERATIONS
from coproduce.kpis.api import OPERATIONS as KPI_OPERATIONS
from coproduce.marketplace.api import OPERATIONS as MARKETPLACE_OPERATIONS
from coproduce.qanda.api import OPERATIONS as QANDA_OPERATIONS
from coproduce.vcs.api import OPERATIONS as VCS_OPERATIONS

# Each app with an API keeps its own table of operations (coproduce/api/api.py adds its router); the
# document holds them all.
OPERATIONS = (
    CORE_OPERATIONS
    | COMMISSIONING_OPERATIONS
    | APPRAISAL_OPERATIONS
    | CPD_OPERATIONS
    | MARKETPLACE_OPERATIONS
    | VCS_OPERATIONS
    | KPI_OPERATIONS
    | QANDA_OPERATIONS
)

pytestmark = pytest.mark.django_db


def test_the_openapi_document_is_json_with_every_operation(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "coproduce API"

    found = {
        op["operationId"]: (method.upper(), path)
        for path, methods in document["paths"].items()
        for method, op in methods.items()
    }
    assert found == {name: (method, f"/api{path}") for name, (method, path, _) in OPERATIONS.items()}

    schemes = document["components"]["securitySchemes"]
    assert {"type": "http", "scheme": "bearer"} in schemes.values()
    for methods in document["paths"].values():
        for op in methods.values():
            assert op["security"], "every operation needs authentication"


def test_choice_fields_list_their_values(client):
    schemas = client.get("/api/openapi.json").json()["components"]["schemas"]
    assert "parent_carer" in schemas["CommentIn"]["properties"]["author_role"]["enum"]
    assert schemas["CommentIn"]["properties"]["text"]["maxLength"] == 2000


def test_every_operation_has_a_url_name():
    for name in OPERATIONS:
        assert reverse(f"api:{name}", kwargs=_kwargs(OPERATIONS[name][1])).startswith("/api/")


def _kwargs(path: str) -> dict[str, object]:
    return {part[1:-1]: ("x" if part == "{slug}" else 1) for part in path.split("/") if part.startswith("{")}


def test_the_docs_page_is_served(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert b"openapi.json" in response.content


def test_every_operation_documents_every_status_it_can_answer(client):
    """401 always; 404 where the path names something; 422 where an id, query or body may be malformed
    (or refused by a service); 400 and 403 for writes. make test-api checks the server keeps to it."""
    document = client.get("/api/openapi.json").json()
    for name, (method, path, _) in OPERATIONS.items():
        responses = document["paths"][f"/api{path}"][method.lower()]["responses"]
        codes = set(responses)
        assert "401" in codes, name
        assert ("404" in codes) == ("{" in path), name
        if method != "GET":
            assert {"400", "403", "422"} <= codes, name
        if "422" in codes:
            schema = responses["422"]["content"]["application/json"]["schema"]
            assert schema["$ref"].endswith("/ValidationErrorOut"), name


def test_patch_bodies_do_not_advertise_null_except_where_it_means_none(client):
    schemas = client.get("/api/openapi.json").json()["components"]["schemas"]
    assert schemas["EventPatch"]["properties"]["title"]["type"] == "string"
    assert "anyOf" not in schemas["ProposalPatch"]["properties"]["status"]
    assert {"type": "null"} in schemas["ProposalPatch"]["properties"]["owner_id"]["anyOf"]
