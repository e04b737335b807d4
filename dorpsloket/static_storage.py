"""The static files' storages, each remembering the address it gave for a file.

`{% static %}` asks the storage for a file's address on every use: a layout with a dozen
files cost about 0.2 ms a page, with hashed names from the manifest more. A file's address
does not change while a process runs (the files are collected before the server starts,
and the manifest is read once), so each storage keeps the addresses it gave.
"""

from __future__ import annotations

from django.contrib.staticfiles.storage import StaticFilesStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


class _RememberedUrls:
    def url(self, name, *args, **kwargs):
        urls = self.__dict__.setdefault("_remembered_urls", {})
        key = (name, args, tuple(sorted(kwargs.items())))
        url = urls.get(key)
        if url is None:
            url = urls[key] = super().url(name, *args, **kwargs)
        return url


class Plain(_RememberedUrls, StaticFilesStorage):
    """`StaticFilesStorage` (files served as they are)."""


class CompressedManifest(_RememberedUrls, CompressedManifestStaticFilesStorage):
    """WhiteNoise's `CompressedManifestStaticFilesStorage` (hashed names, compressed copies)."""
