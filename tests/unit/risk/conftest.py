import pytest

from services import records
from tests.conftest import TODAY  # noqa: F401 - imported by the tests of this folder


@pytest.fixture
def adult(session):
    """Bernard, 62, holder of an empty carnet."""
    from datetime import date

    return records.add_profile(
        session, TODAY, first_name="Bernard", last_name="Petit", birth_date=date(1964, 4, 17), sex="M"
    )


@pytest.fixture
def child(session):
    from datetime import date

    return records.add_profile(
        session,
        TODAY,
        first_name="Léa",
        last_name="Petit",
        birth_date=date(2016, 3, 1),
        sex="F",
        role="child",
    )
