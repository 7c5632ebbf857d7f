import pytest

from services import demo
from tests.conftest import PASSPHRASE, TODAY  # noqa: F401 - imported by the tests of this folder


@pytest.fixture
def family(session):
    return demo.create_demo_family(session, TODAY)
