"""The API's description (openapi.json) and its interactive docs are for signed-in staff."""

import json

import pytest

DOCS = ("/api/v1/docs", "/api/v1/openapi.json")


@pytest.mark.parametrize("path", DOCS)
def test_visitors_get_no_api_description(client_for, path, db):
    response = client_for(None).get(path)
    assert response.status_code == 401
    assert "paths" not in response.content.decode()


def test_signed_in_staff_read_the_api_description(caseworker, client_for):
    client = client_for(caseworker)
    schema = client.get("/api/v1/openapi.json")
    assert schema.status_code == 200
    assert "/api/v1/me" in json.loads(schema.content)["paths"]
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    assert "/api/v1/openapi.json" in docs.content.decode()
