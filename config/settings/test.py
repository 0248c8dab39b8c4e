"""The test suite: fast hashing, tasks run at once, e-mail kept in memory."""

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
LANGUAGE_CODE = "it"
# Tests that seal the audit chain give themselves an anchor file (tmp_path).
AUDIT_ANCHOR_PATH = ""
