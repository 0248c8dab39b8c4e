"""The second factor: TOTP authenticator apps (django-otp) and recovery codes.

Who must use it: every operator (every role can reach personal data through
some relationship, and administrators grant those roles), whatever their
roles. Citizens authenticate on the portal with their own means (later).

The session remembers the device that verified it (django-otp's
`otp_device_id`, stored server side); TwoFactorMiddleware sends an operator
whose session is not verified to the verification page (or to enrolment
when they have no device yet) before any other page.
"""

import time

import segno
from django.conf import settings
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import hotp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

TOTP_DEVICE_NAME = "app"
RECOVERY_DEVICE_NAME = "recovery"
RECOVERY_CODE_COUNT = 10
REAUTH_SESSION_KEY = "intreccio_reauthenticated_at"
OTP_FAILURES_SESSION_KEY = "intreccio_otp_failures"


def must_use_second_factor(user) -> bool:
    return bool(user.is_authenticated and getattr(user, "kind", None) == "operator")


def session_is_verified(session) -> bool:
    return bool(session.get(DEVICE_ID_SESSION_KEY))


def confirmed_totp_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()


def has_confirmed_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user) -> int:
    device = StaticDevice.objects.filter(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True).first()
    return device.token_set.count() if device else 0


def qr_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// URI as an inline SVG QR code (a data: URI the CSP allows)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


def base32_secret(device: TOTPDevice) -> str:
    import base64

    return base64.b32encode(device.bin_key).decode().rstrip("=")


def recently_reauthenticated(session) -> bool:
    at = session.get(REAUTH_SESSION_KEY)
    return at is not None and time.time() - at <= settings.INTRECCIO_REAUTH_SECONDS


def totp_code(device: TOTPDevice, *, unused: bool = True) -> str:
    """The code an authenticator app shows now (demo command and test fixtures).

    With `unused`, the code of this time step, or of the next one (still
    accepted: ±1 step) if this one was used; waits when both were used.
    """
    while True:
        now_t = int((time.time() - device.t0) // device.step)
        candidate = max(now_t, device.last_t + 1) if unused else now_t
        if candidate <= now_t + device.tolerance:
            return f"{hotp(device.bin_key, candidate, device.digits):0{device.digits}d}"
        time.sleep(1)
