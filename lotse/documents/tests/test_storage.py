"""Where documents are stored: the file system under the var folder by default, S3-compatible
storage (django-storages) when a bucket is configured, with private, encrypted objects."""

from lotse.core.tests.test_settings import manage

SHOW = (
    "from django.core.files.storage import storages; s = storages['documents']; "
    "print(type(s).__name__, getattr(s, 'location', ''), getattr(s, 'bucket_name', ''), "
    "getattr(s, 'object_parameters', ''), getattr(s, 'file_overwrite', ''))"
)


def test_the_file_system_by_default(tmp_path):
    result = manage("shell", "--no-imports", "-c", SHOW, tmp_path=tmp_path, DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:2] == ["FileSystemStorage", str(tmp_path / "var" / "documents")]


def test_s3_by_configuration(tmp_path):
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        SHOW,
        tmp_path=tmp_path,
        DJANGO_DEBUG="1",
        DOCUMENTS_S3_BUCKET="lotse-dokumente",
        DOCUMENTS_S3_ENDPOINT_URL="https://s3.rechenzentrum.example",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:3] == ["S3Storage", "documents", "lotse-dokumente"]
    assert "'ServerSideEncryption': 'AES256'" in result.stdout
    assert result.stdout.split()[-1] == "False"  # never overwrites an object
