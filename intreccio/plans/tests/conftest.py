"""Fixtures of the plans app: Mario's case (Ana lead, Carla on the team) and its plan."""

import pytest

from .factories import build_plan_setting


@pytest.fixture
def setting(network):
    return build_plan_setting(network)


@pytest.fixture
def plan(setting):
    return setting.plan
