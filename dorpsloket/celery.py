"""The Celery application.

Configuration comes from Django settings (the CELERY_ prefix): JSON only, hard and soft time
limits, late acknowledgement, and beat through django-celery-beat's database scheduler. Tasks
take ids, never model instances, and anything that must happen later is a database row first.
"""

import os
from pathlib import Path

from celery import Celery
from celery.signals import import_modules

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dorpsloket.settings")

app = Celery("dorpsloket")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def ensure_embedded_broker_dirs() -> None:
    """The file-system transport needs its folders before the first message."""
    from django.conf import settings

    for folder in getattr(settings, "EMBEDDED_BROKER_DIRS", []):
        Path(folder).mkdir(parents=True, exist_ok=True)


@import_modules.connect
def _prepare_broker(**kwargs):
    ensure_embedded_broker_dirs()
