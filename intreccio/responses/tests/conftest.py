import pytest

from .factories import build_responses_setting


@pytest.fixture
def setting(network):
    return build_responses_setting(network)
