"""The API's description (openapi.json) and its interactive docs are for signed-in staff (who
read them: test_api.py); visitors get the API's 401."""

import pytest

DOCS = ("/api/v1/docs", "/api/v1/openapi.json")


@pytest.mark.parametrize("path", DOCS)
def test_visitors_get_no_api_description(client_for, path, db):
    response = client_for(None).get(path)
    assert response.status_code == 401
    assert "paths" not in response.content.decode()
