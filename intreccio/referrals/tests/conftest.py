import pytest

from .factories import build_referral_setting


@pytest.fixture
def setting(network):
    return build_referral_setting(network)
