"""Pages every visitor may read: accessibility statement, privacy notice, health check."""

import datetime

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

# When each statement's text last changed (shown as "ultimo aggiornamento").
ACCESSIBILITY_STATEMENT_UPDATED = datetime.date(2026, 11, 29)
PRIVACY_NOTICE_UPDATED = datetime.date(2026, 11, 29)


@login_not_required
@require_GET
def accessibility_statement(request):
    return render(
        request,
        "core/accessibility.html",
        {"contact": settings.INTRECCIO_ACCESSIBILITY_EMAIL, "updated": ACCESSIBILITY_STATEMENT_UPDATED},
    )


@login_not_required
@require_GET
def privacy_notice(request):
    return render(
        request,
        "core/privacy.html",
        {
            "controller": settings.INTRECCIO_CONTROLLER,
            "dpo_email": settings.INTRECCIO_DPO_EMAIL,
            "updated": PRIVACY_NOTICE_UPDATED,
        },
    )


@login_not_required
@never_cache
@require_GET
def health(request):
    """Liveness and database reachability, for the load balancer (no details leak)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return JsonResponse({"status": "ok"})
