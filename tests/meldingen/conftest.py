from tests.koppelingen.conftest import make_volunteer, resident, ride  # noqa: F401
from tests.meldingen.fake_cm import cm  # noqa: F401 - the fake CM.com gateway
