"""The static storages (dorpsloket.static_storage) give the addresses their parents give."""

import json

from django.contrib.staticfiles.storage import StaticFilesStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage

from dorpsloket.static_storage import CompressedManifest, Plain


def test_plain_gives_the_address_staticfilesstorage_gives_and_keeps_it():
    storage = Plain()
    for name in ("css/dorpsloket.css", "vendor/htmx/htmx.min.js", "img/a b&c.png"):
        assert storage.url(name) == StaticFilesStorage().url(name)
        assert storage.url(name) is storage.url(name)


def test_the_manifest_storage_gives_the_hashed_names_of_its_manifest(tmp_path, settings):
    settings.STATIC_ROOT = tmp_path
    settings.DEBUG = False
    manifest = {
        "paths": {"css/dorpsloket.css": "css/dorpsloket.0123abcd.css"},
        "version": "1.1",
        "hash": "x",
    }
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    ours, theirs = CompressedManifest(), CompressedManifestStaticFilesStorage()
    assert ours.url("css/dorpsloket.css") == theirs.url("css/dorpsloket.css")
    assert ours.url("css/dorpsloket.css").endswith("css/dorpsloket.0123abcd.css")
    assert ours.url("css/dorpsloket.css") is ours.url("css/dorpsloket.css")
