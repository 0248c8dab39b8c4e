import pytest

from .factories import build_responses_setting


@pytest.fixture(autouse=True)
def catalogue(db):
    """The catalogue the data migration seeds (a transactional test's flush may have emptied it)."""
    from intreccio.responses.catalogue import ensure_catalogue

    ensure_catalogue()


@pytest.fixture
def setting(network):
    return build_responses_setting(network)
