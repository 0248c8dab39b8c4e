import os
import subprocess
import sys

from django.conf import settings


def test_production_settings_pass_check_deploy_with_zero_warnings():
    environment = {
        **{key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 30 + "production-like-secret-key-for-the-check-0123456789",
        "ALLOWED_HOSTS": "intreccio.ambito.example.it",
        "CSRF_TRUSTED_ORIGINS": "https://intreccio.ambito.example.it",
        "DATABASE_URL": "sqlite:///" + str(settings.BASE_DIR / "var" / "check-deploy.sqlite3"),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # Only axes.W006 is silenced (see AXES_LOCKOUT_PARAMETERS), never a security.* check.
    assert "System check identified no issues (1 silenced)." in result.stdout
    assert settings.SILENCED_SYSTEM_CHECKS == ["axes.W006"]


def test_production_refuses_to_start_without_a_real_secret_key():
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "short",
        "ALLOWED_HOSTS": "example.it",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "Set SECRET_KEY to 50 or more random characters" in result.stderr
