"""The test fixture that sends stored documents to a temporary folder, never to var/documents;
imported by the conftests of the apps whose tests store documents."""

import pytest

from lotse.documents.models import documents_storage


@pytest.fixture(autouse=True)
def documents_folder(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "documents")},
        },
    }
    documents_storage.reset()
    yield tmp_path / "documents"
    documents_storage.reset()
