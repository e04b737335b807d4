from tests.koppelingen.conftest import make_volunteer, resident, ride  # noqa: F401
