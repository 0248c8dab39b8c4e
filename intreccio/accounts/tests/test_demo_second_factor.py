from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from intreccio.accounts.actions import give_demo_authenticator, verify_second_factor
from intreccio.core.exceptions import PermissionDenied


def test_the_demo_command_prints_a_code_the_log_in_accepts(network, settings):
    give_demo_authenticator(network.ana, actor=None, key=settings.INTRECCIO_DEMO_TOTP_KEY)
    out = StringIO()
    call_command("demo_totp", network.ana.email, stdout=out)
    code = out.getvalue().strip()
    assert len(code) == 6
    assert code.isdigit()
    assert verify_second_factor(network.ana, code) is not None
    assert verify_second_factor(network.ana, code) is None  # used once


def test_codes_are_printed_only_for_demo_authenticators(network):
    from conftest import persona_device

    persona_device(network.bruno)
    with pytest.raises(CommandError, match="codes are shown only for demo accounts"):
        call_command("demo_totp", network.bruno.email, stdout=StringIO())


def test_no_demo_authenticator_in_production_or_by_a_person(network, settings):
    with pytest.raises(PermissionDenied):
        give_demo_authenticator(network.ana, actor=network.sara, key=settings.INTRECCIO_DEMO_TOTP_KEY)
    settings.INTRECCIO_ENVIRONMENT = "production"
    with pytest.raises(PermissionDenied):
        give_demo_authenticator(network.ana, actor=None, key=settings.INTRECCIO_DEMO_TOTP_KEY)
