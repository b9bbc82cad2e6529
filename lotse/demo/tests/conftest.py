"""The demo's documents go to a temporary folder, never to var/documents."""

from lotse.documents.tests.fixtures import documents_folder  # noqa: F401 - autouse
