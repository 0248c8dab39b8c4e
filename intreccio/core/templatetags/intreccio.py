"""Template helpers available in every template (registered as builtins)."""

from django import forms, template
from django.templatetags.static import static
from django.utils.html import format_html

register = template.Library()

SPRITES = "vendor/bootstrap-italia/svg/sprites.svg"


@register.simple_tag
def icon(name: str, classes: str = "", label: str = ""):
    """A Bootstrap Italia sprite icon; decorative unless given a label."""
    href = f"{static(SPRITES)}#{name}"
    if label:
        return format_html(
            '<svg class="icon {}" role="img" aria-label="{}"><use href="{}"></use></svg>',
            classes,
            label,
            href,
        )
    return format_html(
        '<svg class="icon {}" aria-hidden="true" focusable="false"><use href="{}"></use></svg>', classes, href
    )


@register.filter
def path_startswith(prefix: str, path: str) -> bool:
    return bool(prefix) and path.startswith(prefix)


@register.filter
def widget_kind(bound_field) -> str:
    widget = bound_field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "multicheckbox"
    if isinstance(widget, forms.RadioSelect):
        return "radio"
    if isinstance(widget, forms.Select | forms.SelectMultiple):
        return "select"
    return "input"


@register.filter
def add_field_class(bound_field, css_class: str):
    """Render the field's widget with a CSS class and the ARIA links to its help and errors."""
    described_by = []
    if bound_field.help_text:
        described_by.append(f"{bound_field.auto_id}_help")
    attrs = {"class": css_class + (" is-invalid" if bound_field.errors else "")}
    if bound_field.errors:
        described_by.append(f"{bound_field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return bound_field.as_widget(attrs=attrs)


@register.filter
def modulo(value: int, divisor: int) -> int:
    return int(value) % int(divisor)
