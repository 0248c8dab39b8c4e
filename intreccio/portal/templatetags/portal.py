"""Template helpers of the public portal."""

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language_info

from intreccio.directory.languages import language_name

register = template.Library()


@register.simple_tag(takes_context=True)
def language_url(context, code: str) -> str:
    """The current page in another portal language (home for pages without a language)."""
    request = context["request"]
    match = request.resolver_match
    if match is not None and "lang" in match.kwargs and match.namespace == "portal":
        url = reverse(f"portal:{match.url_name}", kwargs={**match.kwargs, "lang": code})
        query = request.GET.urlencode()
        return f"{url}?{query}" if query else url
    return reverse("portal:home", kwargs={"lang": code})


@register.simple_tag
def portal_languages() -> list[dict]:
    return [
        {"code": code, "name": name, "bidi": get_language_info(code)["bidi"]}
        for code, name in settings.PORTAL_LANGUAGES
    ]


@register.filter
def spoken_language(code: str) -> str:
    return language_name(code)
