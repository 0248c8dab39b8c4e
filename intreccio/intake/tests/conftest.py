import pytest

from .factories import build_intake_setting


@pytest.fixture
def setting(network):
    return build_intake_setting(network)
