"""The app's settings with bench/urls.py as the URLconf (for bench/pages.py only)."""

from dorpsloket.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
